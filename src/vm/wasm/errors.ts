import { PlurigridError } from "../../errors.js";

/**
 * Stable codes of {@link WasmParseError}. They describe why bytes are not a readable wasm module; a module that reads
 * fine but breaks a CosmWasm rule is not an error but a violation in a `CheckReport`.
 */
export type WasmParseErrorCode =
  /** The input does not start with `\0asm`. */
  | "wasm.bad_magic"
  /** The binary format version is not 1 (e.g. a component or a future core version). */
  | "wasm.bad_version"
  /** The input ends in the middle of something (a truncated file). */
  | "wasm.truncated"
  /** A LEB128 integer is longer than its type allows or sets unused bits. */
  | "wasm.bad_leb128"
  /** A name is not valid UTF-8. */
  | "wasm.bad_utf8"
  /** An unknown section id. */
  | "wasm.unknown_section"
  /** A section appears twice or out of the order the spec requires. */
  | "wasm.section_order"
  /** A section's declared size does not match its content. */
  | "wasm.section_size"
  /** An unknown opcode (or sub-opcode after a 0xFC / 0xFD / 0xFE prefix). */
  | "wasm.unknown_opcode"
  /** Anything else that does not follow the binary format (bad flag byte, unknown type code, count mismatch…). */
  | "wasm.malformed";

/** Bytes that cannot be read as a wasm module. `context.offset` is the byte offset where reading failed. */
export class WasmParseError extends PlurigridError {
  declare readonly code: WasmParseErrorCode;
  readonly offset: number;

  constructor(code: WasmParseErrorCode, message: string, offset: number, context: Record<string, unknown> = {}) {
    super(code, `${message} (at byte 0x${offset.toString(16)})`, { offset, ...context });
    this.offset = offset;
  }
}
