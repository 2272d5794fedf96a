import { test } from "node:test";
import assert from "node:assert/strict";
import { BareVmError, ContractError, createBareCw20 } from "../../bench/baselines/bare.js";
import { CwSimulateError, createCwSimulateCw20 } from "../../bench/baselines/cw_simulate.js";
import {
  BECH32_PREFIX,
  expectedBalances,
  loadCw20BaseWasm,
  makeWorkload,
  transferMsgBytes,
} from "../../bench/baselines/cw20_messages.js";

const wasm = loadCw20BaseWasm();
const workload = makeWorkload({ accounts: 4, transfers: 20, seed: 7, initialBalance: 1_000_000n });
const expected = expectedBalances(workload.initialBalances, workload.transfers);
const [alice, bob] = workload.accounts as [string, string];

test("the workload is deterministic and uses one prefix", () => {
  const again = makeWorkload({ accounts: 4, transfers: 20, seed: 7, initialBalance: 1_000_000n });
  assert.deepEqual(again, workload);
  for (const a of workload.accounts) assert.ok(a.startsWith(`${BECH32_PREFIX}1`));
  for (const t of workload.transfers) assert.notEqual(t.sender, t.recipient);
  const total = [...expected.values()].reduce((x, y) => x + y, 0n);
  assert.equal(total, 4_000_000n);
});

test("bare baseline: transfers move balances, queries see them", () => {
  const cw20 = createBareCw20(wasm, workload.initialBalances);
  for (const t of workload.transfers) cw20.transfer(t.sender, t.recipient, t.amount);
  for (const [address, balance] of expected) assert.equal(cw20.balance(address), balance, address);
  // The pre-encoded path runs the same convention.
  cw20.callExecute(alice, transferMsgBytes(bob, "5"));
  assert.equal(cw20.balance(alice), expected.get(alice)! - 5n);
});

test("bare baseline: an over-balance transfer is a contract error and changes nothing", () => {
  const cw20 = createBareCw20(wasm, workload.initialBalances);
  assert.throws(
    () => cw20.transfer(alice, bob, 1_000_001n),
    (e: unknown) => {
      assert.ok(e instanceof ContractError, String(e));
      assert.match(e.message, /overflow|insufficient|Cannot Sub/i);
      return true;
    },
  );
  assert.equal(cw20.balance(alice), 1_000_000n);
  assert.equal(cw20.balance(bob), 1_000_000n);
  // The instance is still usable after a contract error.
  cw20.transfer(alice, bob, 1n);
  assert.equal(cw20.balance(bob), 1_000_001n);
});

test("bare baseline: an invalid recipient address is rejected by the contract", () => {
  const cw20 = createBareCw20(wasm, workload.initialBalances);
  assert.throws(() => cw20.transfer(alice, "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", 1n), ContractError);
  assert.throws(() => cw20.transfer(alice, alice.toUpperCase(), 1n), ContractError);
  assert.equal(cw20.balance(alice), 1_000_000n);
  assert.ok(BareVmError.prototype instanceof Error);
});

for (const metering of [true, false]) {
  test(`cw-simulate baseline (metering ${metering ? "on" : "off"}): transfers, queries, gas`, async () => {
    const cw20 = await createCwSimulateCw20(wasm, workload.initialBalances, { metering });
    // Metering on = a shared gas Environment exists (and the VM runs metered bytecode); off = none at all.
    assert.equal(cw20.app.env !== undefined, metering);
    let gas = 0;
    for (const t of workload.transfers) {
      const used = await cw20.transfer(t.sender, t.recipient, t.amount);
      if (metering) assert.ok(used > 0, "a metered transfer reports gas");
      else assert.equal(used, 0);
      gas += used;
    }
    for (const [address, balance] of expected) assert.equal(cw20.balance(address), balance, address);
    if (metering) assert.ok(gas > 0 && cw20.gasUsed >= gas);
    else assert.equal(cw20.gasUsed, 0);

    await assert.rejects(cw20.transfer(alice, bob, 10n ** 12n), (e: unknown) => {
      assert.ok(e instanceof CwSimulateError, String(e));
      assert.match(e.message, /overflow|insufficient|Cannot Sub/i);
      return true;
    });
    assert.equal(cw20.balance(alice), expected.get(alice));
  });
}
