import { abort as hostAbort } from "./env";
import { newRegion, utf8 } from "./memory";

/**
 * The panic path. AssemblyScript's `abort(message, file, line, column)` does not match CosmWasm's `abort(region)`;
 * the build maps it here (`--use abort=contracts/sdk/abort/handleAbort`), so `assert`, failed casts and out-of-bounds
 * accesses end the call as a VM error carrying "message at file:line:column".
 */
export function handleAbort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  let text = message != null ? message : "abort";
  if (fileName != null) text += " at " + fileName + ":" + line.toString() + ":" + column.toString();
  panic(text);
}

/** Ends the call with a VM error ("Aborted: <message>"), like a Rust panic. State changes are discarded. */
export function panic(message: string): void {
  const bytes = utf8(message);
  hostAbort(newRegion(bytes.dataStart, <usize>bytes.byteLength, <usize>bytes.byteLength));
  unreachable();
}
