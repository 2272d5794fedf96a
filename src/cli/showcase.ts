import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Command } from "commander";
import { checkWasm } from "../vm/compatibility.js";
import { VmError } from "../vm/errors.js";
import { vmGasToSdkGas } from "../vm/gas.js";
import { mockAddress, mockVm, TestContract } from "../vm/testing/mock.js";
import { showcaseIbc } from "./showcase_ibc.js";

/**
 * `plurigrid showcase` (what `npm start` runs): a short tour of the contract engine on real cw-plus contracts —
 * the static check of every contract, then a cw20 token driven through the engine, a contract error, an
 * out-of-gas stop and the engine's throughput with fresh-instance semantics.
 */
export function registerShowcase(program: Command, setExit: (code: number) => void): void {
  program
    .command("showcase")
    .description("a short tour: the contract engine on real CosmWasm contracts, then IBC between two nodes")
    .option("--transfers <n>", "transfers in the throughput demo", "5000")
    .action(async (opts: { transfers: string }) => {
      const dir = contractsDir();
      if (!dir) {
        process.stderr.write(
          "The showcase needs the real contracts of @oraichain/common-contracts-build (a development dependency);\n" +
            "run it from a checkout after `npm install`.\n",
        );
        setExit(2);
        return;
      }
      const say = (line: string) => process.stdout.write(line + "\n");
      showcase(dir, Number(opts.transfers) || 5000, say);
      say("\n5. IBC between two nodes (ICS-04 channels, solo-machine proofs, cw20-ics20 ⇄ native ICS-20):");
      await showcaseIbc(say);
      say("\nNext: `plurigrid check FILE.wasm` on your own contracts; the README's walkthroughs run a node and IBC.");
    });
}

function contractsDir(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    return join(require.resolve("@oraichain/common-contracts-build/package.json"), "..", "data");
  } catch {
    return undefined;
  }
}

export function showcase(dir: string, transfers: number, say: (line: string) => void): void {
  say("Plurigrid — contract engine tour\n");
  say("1. The static check a CosmWasm chain runs at upload, on 12 real cw-plus contracts:");
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".wasm"))
    .sort()) {
    const report = checkWasm(readFileSync(join(dir, file)), {});
    say(
      `   ${report.valid ? "✓" : "✗"} ${file.padEnd(24)} ${String(report.entryPoints.length).padStart(2)} entry points` +
        `${report.ibcEnabled ? "  IBC-enabled" : ""}`,
    );
  }

  say("\n2. A cw20 token (cw20-base) run by the engine:");
  const vm = mockVm();
  const { checksum } = vm.storeCode(readFileSync(join(dir, "cw20-base.wasm")));
  const token = new TestContract(vm, checksum);
  const [alice, bob] = [mockAddress("alice"), mockAddress("bob")];
  token.instantiate(alice, {
    name: "Community kWh",
    symbol: "CKWH",
    decimals: 3,
    initial_balances: [{ address: alice, amount: "1000000" }],
    mint: null,
    marketing: null,
  });
  const sent = token.execute(alice, { transfer: { recipient: bob, amount: "2500" } });
  say(`   alice → bob 2.5 CKWH: ${"ok" in sent.result ? "ok" : sent.result.error}`);
  say(`   gas used: ${sent.gasUsed.toLocaleString("en-US")} VM gas (${vmGasToSdkGas(sent.gasUsed)} SDK gas)`);
  const balance = (who: string) => {
    const r = token.query<{ balance: string }>({ balance: { address: who } });
    return "ok" in r ? r.ok.balance : r.error;
  };
  say(`   balances: alice ${balance(alice)}, bob ${balance(bob)}`);

  say("\n3. Errors keep their meaning:");
  const over = token.execute(bob, { transfer: { recipient: alice, amount: "999999999" } });
  say(`   contract error (cw20's own message): ${"error" in over.result ? over.result.error : "unexpected success"}`);
  token.gasLimit = 50_000_000;
  try {
    token.execute(alice, { transfer: { recipient: bob, amount: "1" } });
  } catch (err) {
    if (!(err instanceof VmError)) throw err;
    say(`   VM error with a 50M gas limit: ${err.message} [${err.code}]`);
  }
  token.gasLimit = 1e12;
  say(`   balances unchanged by the failures: alice ${balance(alice)}, bob ${balance(bob)}`);

  say(`\n4. Throughput: ${transfers.toLocaleString("en-US")} metered transfers, each on a fresh-instance state:`);
  // V8 optimises wasm and JS only after a few thousand calls; measure after that.
  for (let i = 0; i < 3000; i++) token.execute(alice, { transfer: { recipient: bob, amount: "1" } });
  const start = process.hrtime.bigint();
  for (let i = 0; i < transfers; i++) token.execute(alice, { transfer: { recipient: bob, amount: "1" } });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  say(`   ${Math.round(transfers / seconds).toLocaleString("en-US")} transfers/s; bob now holds ${balance(bob)}`);
}
