import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatOutcome } from "../src/cli/check.js";
import { buildContract, discoverContracts } from "./contracts/build.js";

/**
 * `npm run build:contracts`: compiles every contract under contracts/ into contracts/build/<name>.wasm and runs
 * `plurigrid check` on each. Exits 1 when a contract does not compile or is not a valid CosmWasm contract.
 * `--quiet` prints only failures and a one-line summary.
 */
const root = resolve(fileURLToPath(import.meta.url), "../../..");
const quiet = process.argv.includes("--quiet");
const contractsDir = join(root, "contracts");
const outDir = join(contractsDir, "build");

const started = performance.now();
let failed = 0;
const names = await discoverContracts(contractsDir);
for (const name of names) {
  const outcome = await buildContract(root, name, outDir);
  const ok = outcome.check?.status === "valid";
  if (!ok) failed++;
  if (!outcome.check) process.stderr.write(`${name}: does not compile\n${outcome.diagnostics}\n`);
  else if (!ok || !quiet) process.stdout.write(formatOutcome(outcome.check));
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(`contracts: ${names.length - failed} of ${names.length} built and valid (${seconds} s)\n`);
process.exitCode = failed > 0 ? 1 : 0;
