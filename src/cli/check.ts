import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { DEFAULT_CAPABILITIES, parseCapabilities } from "../vm/capabilities.js";
import { checkWasm, type CheckReport } from "../vm/compatibility.js";
import { WasmParseError } from "../vm/wasm/errors.js";

/** One file's outcome. `unreadable` covers a missing file and bytes that are not a readable wasm module. */
export type CheckOutcome =
  | ({ file: string; status: "valid" | "invalid" } & CheckReport)
  | { file: string; status: "unreadable"; error: { code: string; message: string; context: Record<string, unknown> } };

/** Exit status: 0 all valid, 1 some invalid, 2 some unreadable (missing, not wasm, truncated). */
export function exitStatusOf(outcomes: CheckOutcome[]): number {
  let code = 0;
  for (const o of outcomes) code = Math.max(code, o.status === "valid" ? 0 : o.status === "invalid" ? 1 : 2);
  return code;
}

/** Checks one file; never throws for a bad file. */
export async function checkFile(file: string, capabilities: Iterable<string>): Promise<CheckOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code;
    const code = errno === "ENOENT" ? "file.not_found" : "file.unreadable";
    const message = errno === "ENOENT" ? `no such file: ${file}` : `cannot read ${file}: ${(err as Error).message}`;
    return { file, status: "unreadable", error: { code, message, context: { file, errno } } };
  }
  try {
    const report = checkWasm(bytes, { capabilities });
    return { file, status: report.valid ? "valid" : "invalid", ...report };
  } catch (err) {
    if (err instanceof WasmParseError)
      return { file, status: "unreadable", error: { code: err.code, message: err.message, context: err.context } };
    throw err;
  }
}

function list(items: readonly string[]): string {
  return items.length > 0 ? items.join(", ") : "none";
}

/** The human-readable report of one file. */
export function formatOutcome(o: CheckOutcome): string {
  if (o.status === "unreadable") return `${o.file}: unreadable — ${o.error.message} [${o.error.code}]\n`;
  const lines = [
    o.status === "valid"
      ? `${o.file}: valid`
      : `${o.file}: invalid (${o.violations.length} violation${o.violations.length === 1 ? "" : "s"})`,
    `  checksum: ${o.checksum} (${o.size.toLocaleString("en-US")} bytes)`,
    `  entry points: ${list(o.entryPoints)}`,
    `  IBC-enabled: ${o.ibcEnabled ? "yes" : "no"}`,
    `  required capabilities: ${list(o.requiredCapabilities)}`,
  ];
  for (const v of o.violations) lines.push(`  ✗ ${v.rule}: ${v.message}`);
  for (const w of o.warnings) lines.push(`  ! ${w.rule}: ${w.message}`);
  return lines.join("\n") + "\n";
}

/**
 * `plurigrid check FILE.wasm… [--json] [--capabilities a,b,c]`: the CosmWasm static compatibility check of
 * contract files, as a chain runs it on upload. Every file is reported, even after a bad one.
 * `--json` prints one JSON array with one object per file (`status` valid / invalid / unreadable).
 */
export function registerCheck(program: Command, setExit: (code: number) => void): void {
  program
    .command("check")
    .description("check wasm contracts for CosmWasm compatibility (exit 0 valid, 1 invalid, 2 unreadable)")
    .argument("<files...>", "wasm files to check")
    .option("--json", "print a JSON array with one report per file")
    .option(
      "--capabilities <list>",
      `comma-separated capabilities the node offers (default: ${DEFAULT_CAPABILITIES.join(",")})`,
    )
    .action(async (files: string[], opts: { json?: boolean; capabilities?: string }) => {
      const capabilities =
        opts.capabilities !== undefined ? parseCapabilities(opts.capabilities) : DEFAULT_CAPABILITIES;
      const outcomes: CheckOutcome[] = [];
      for (const file of files) {
        const outcome = await checkFile(file, capabilities);
        outcomes.push(outcome);
        if (!opts.json) process.stdout.write(formatOutcome(outcome));
      }
      if (opts.json) process.stdout.write(JSON.stringify(outcomes, null, 2) + "\n");
      setExit(exitStatusOf(outcomes));
    });
}
