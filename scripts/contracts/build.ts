import { readdir, stat, writeFile, mkdir } from "node:fs/promises";
import { join, relative } from "node:path";
import asc from "assemblyscript/asc";
import { checkFile, type CheckOutcome } from "../../src/cli/check.js";
import { DEFAULT_CAPABILITIES } from "../../src/vm/capabilities.js";
import { makeStartLazy } from "./lazy_start.js";

/**
 * Compiling AssemblyScript contracts into CosmWasm contracts. The flags are what CosmWasm needs:
 * - `--runtime stub`: a bump allocator without garbage collection; every call runs in a fresh instance anyway.
 * - `--disable bulk-memory`: on by default in AssemblyScript, refused by CosmWasm (memory.copy is then a loop).
 * - `--use abort=…`: AssemblyScript's abort(msg, file, line, col) is mapped to the SDK's handler, which calls
 *   CosmWasm's abort(region).
 * - never `--maximumMemory`, `--importMemory`, `--sharedMemory`; no SIMD.
 * After compiling, the start function is made lazy (lazy_start.ts) and the result must pass `plurigrid check`.
 */

/** The file of each contract: contracts/<name>/contract.ts. */
export const ENTRY_FILE = "contract.ts";
/** Folders under contracts/ that are not contracts. */
const NOT_CONTRACTS = new Set(["sdk", "build", "node_modules"]);

export function ascArguments(entry: string, outFile: string): string[] {
  return [
    entry,
    "--runtime",
    "stub",
    "--disable",
    "bulk-memory",
    "--use",
    "abort=contracts/sdk/abort/handleAbort",
    "--optimizeLevel",
    "3",
    "--shrinkLevel",
    "1",
    "--outFile",
    outFile,
  ];
}

/** Names of the contracts under `contractsDir`: every folder holding a contract.ts. */
export async function discoverContracts(contractsDir: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(contractsDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || NOT_CONTRACTS.has(entry.name)) continue;
    const isContract = await stat(join(contractsDir, entry.name, ENTRY_FILE)).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isContract) names.push(entry.name);
  }
  return names.sort();
}

export interface BuildOutcome {
  name: string;
  /** Compiler diagnostics (empty on success). */
  diagnostics: string;
  /** The check of the written wasm, absent when compilation failed. */
  check?: CheckOutcome;
}

/**
 * Compiles contracts/<name>/contract.ts into <outDir>/<name>.wasm and checks it. `root` is the repository root:
 * the compiler resolves sources and the abort handler relative to it.
 */
export async function buildContract(root: string, name: string, outDir: string): Promise<BuildOutcome> {
  const entry = `contracts/${name}/${ENTRY_FILE}`;
  const outFile = join(relative(root, outDir), `${name}.wasm`);
  let wasm: Uint8Array | undefined;
  const diagnostics: string[] = [];
  const sink = { write: (chunk: string | Uint8Array) => void diagnostics.push(chunk.toString()) };
  const { error } = await asc.main(ascArguments(entry, outFile), {
    stdout: sink,
    stderr: sink,
    readFile: async (file: string, baseDir: string) => {
      const { readFile } = await import("node:fs/promises");
      return readFile(join(root, baseDir, file), "utf8").catch(() => null);
    },
    writeFile: (file: string, contents: Uint8Array | string) => {
      if (file.endsWith(".wasm") && typeof contents !== "string") wasm = contents;
    },
  });
  if (error || !wasm) return { name, diagnostics: diagnostics.join("") || String(error) };
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, `${name}.wasm`);
  await writeFile(path, makeStartLazy(wasm));
  const check = await checkFile(path, DEFAULT_CAPABILITIES);
  return { name, diagnostics: "", check: { ...check, file: relative(process.cwd(), path) } };
}
