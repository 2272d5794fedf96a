import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { AbortError } from "../../src/vm/errors.js";
import { mockAddress, mockVm, TestContract } from "../../src/vm/testing/mock.js";

const require = createRequire(import.meta.url);
const dataDir = require.resolve("@oraichain/common-contracts-build/package.json").replace(/package\.json$/, "data/");
const vm = mockVm();
const cw20 = vm.storeCode(readFileSync(dataDir + "cw20-base.wasm"));

const [alice, bob, carol, minter] = ["alice", "bob", "carol", "minter"].map((n) => mockAddress(n));

function token(): TestContract {
  const c = new TestContract(vm, cw20.checksum);
  const r = c.instantiate(minter, {
    name: "Plurigrid Energy",
    symbol: "PGE",
    decimals: 6,
    initial_balances: [
      { address: alice, amount: "1000" },
      { address: bob, amount: "500" },
    ],
    mint: { minter, cap: "10000" },
    marketing: null,
  });
  assert.ok("ok" in r.result, JSON.stringify(r.result));
  return c;
}

function ok<T>(r: { ok: T } | { error: string }): T {
  assert.ok("ok" in r, JSON.stringify(r));
  return r.ok;
}

function balance(c: TestContract, address: string): string {
  return ok(c.query<{ balance: string }>({ balance: { address } })).balance;
}

function execOk(c: TestContract, sender: string, msg: unknown) {
  const r = c.execute(sender, msg);
  assert.ok("ok" in r.result, JSON.stringify(r.result));
  return r.result.ok;
}

test("cw20-base: instantiate with balances and read token info", () => {
  const c = token();
  assert.deepEqual(ok(c.query({ token_info: {} })), {
    name: "Plurigrid Energy",
    symbol: "PGE",
    decimals: 6,
    total_supply: "1500",
  });
  assert.equal(balance(c, alice), "1000");
  assert.equal(balance(c, carol), "0");
});

test("cw20-base: transfer moves tokens and reports attributes", () => {
  const c = token();
  const res = execOk(c, alice, { transfer: { recipient: carol, amount: "250" } });
  assert.deepEqual(res.attributes, [
    { key: "action", value: "transfer" },
    { key: "from", value: alice },
    { key: "to", value: carol },
    { key: "amount", value: "250" },
  ]);
  assert.equal(balance(c, alice), "750");
  assert.equal(balance(c, carol), "250");
});

test("cw20-base: transferring more than the balance is a contract error with cw20's message, state unchanged", () => {
  const c = token();
  const r = c.execute(bob, { transfer: { recipient: carol, amount: "501" } });
  assert.deepEqual(r.result, { error: "Overflow: Cannot Sub with 500 and 501" });
  assert.equal(balance(c, bob), "500");
});

test("cw20-base: burn and mint change the supply; mint is minter-only and capped", () => {
  const c = token();
  execOk(c, alice, { burn: { amount: "100" } });
  execOk(c, minter, { mint: { recipient: carol, amount: "42" } });
  assert.equal(ok(c.query<{ total_supply: string }>({ token_info: {} })).total_supply, "1442");
  assert.deepEqual(c.execute(alice, { mint: { recipient: alice, amount: "1" } }).result, { error: "Unauthorized" });
  assert.deepEqual(c.execute(minter, { mint: { recipient: alice, amount: "9000" } }).result, {
    error: "Minting cannot exceed the cap",
  });
  assert.deepEqual(ok(c.query({ minter: {} })), { minter, cap: "10000" });
});

test("cw20-base: allowances increase, decrease and transfer_from", () => {
  const c = token();
  execOk(c, alice, { increase_allowance: { spender: bob, amount: "300", expires: null } });
  execOk(c, alice, { decrease_allowance: { spender: bob, amount: "100", expires: null } });
  assert.deepEqual(ok(c.query({ allowance: { owner: alice, spender: bob } })), {
    allowance: "200",
    expires: { never: {} },
  });
  execOk(c, bob, { transfer_from: { owner: alice, recipient: carol, amount: "150" } });
  assert.equal(balance(c, alice), "850");
  assert.equal(balance(c, carol), "150");
  const over = c.execute(bob, { transfer_from: { owner: alice, recipient: carol, amount: "51" } });
  assert.ok("error" in over.result);
  assert.match(over.result.error, /Overflow|allowance/i);
  assert.equal(balance(c, alice), "850");
});

test("cw20-base: all_accounts pages through every holder in key order", () => {
  const c = token();
  const holders = Array.from({ length: 25 }, (_, i) => mockAddress(`holder-${i}`));
  for (const h of holders) execOk(c, alice, { transfer: { recipient: h, amount: "1" } });
  const expected = [...holders, alice, bob].sort();
  const seen: string[] = [];
  let start_after: string | undefined;
  for (let page = 0; page < 10; page++) {
    const { accounts } = ok(c.query<{ accounts: string[] }>({ all_accounts: { start_after, limit: 10 } }));
    if (accounts.length === 0) break;
    seen.push(...accounts);
    start_after = accounts[accounts.length - 1];
  }
  assert.deepEqual(seen, expected);
});

test("cw20-base: an invalid recipient address comes back as a contract error from addr_validate", () => {
  const c = token();
  const r = c.execute(alice, { transfer: { recipient: "not-an-address", amount: "1" } });
  assert.ok("error" in r.result);
  assert.match(r.result.error, /bech32/i);
  const upper = c.execute(alice, { transfer: { recipient: bob.toUpperCase(), amount: "1" } });
  assert.ok("error" in upper.result, JSON.stringify(upper.result));
});

test("cw20-base: a panic inside the contract is a VM error with the abort message, not a contract error", () => {
  const c = new TestContract(vm, cw20.checksum);
  const max = (2n ** 128n - 1n).toString();
  assert.throws(
    () =>
      c.instantiate(minter, {
        name: "Overflow",
        symbol: "OVF",
        decimals: 0,
        // the total supply is summed with Uint128's `+=`, which panics on overflow
        initial_balances: [
          { address: alice, amount: max },
          { address: bob, amount: max },
        ],
        mint: null,
        marketing: null,
      }),
    (err: unknown) =>
      err instanceof AbortError &&
      err.code === "vm.aborted" &&
      /^Aborted: panicked at .*uint128\.rs.*attempt to add with overflow/s.test(err.message),
  );
});
