import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { mockAddress, mockVm, TestContract } from "../../src/vm/testing/mock.js";

const require = createRequire(import.meta.url);
const dataDir = require.resolve("@oraichain/common-contracts-build/package.json").replace(/package\.json$/, "data/");
const vm = mockVm();
const cw721 = vm.storeCode(readFileSync(dataDir + "cw721-base.wasm"));
const cw3 = vm.storeCode(readFileSync(dataDir + "cw3-fixed-multisig.wasm"));

const [minter, alice, bob, carol] = ["minter", "alice", "bob", "carol"].map((n) => mockAddress(n));

function ok<T>(r: { ok: T } | { error: string }): T {
  assert.ok("ok" in r, JSON.stringify(r));
  return r.ok;
}

function execOk(c: TestContract, sender: string, msg: unknown) {
  const r = c.execute(sender, msg);
  assert.ok("ok" in r.result, JSON.stringify(r.result));
  return r.result.ok;
}

function collection(): TestContract {
  const c = new TestContract(vm, cw721.checksum);
  const r = c.instantiate(minter, { name: "Meters", symbol: "MTR", minter });
  assert.ok("ok" in r.result, JSON.stringify(r.result));
  return c;
}

const mint = (id: string, owner: string) => ({
  mint: { token_id: id, owner, token_uri: `https://example.org/${id}`, extension: null },
});

test("cw721-base: mint, owner_of and nft_info", () => {
  const c = collection();
  execOk(c, minter, mint("meter-1", alice));
  assert.equal(ok(c.query<{ owner: string }>({ owner_of: { token_id: "meter-1" } })).owner, alice);
  assert.deepEqual(ok(c.query({ nft_info: { token_id: "meter-1" } })), {
    token_uri: "https://example.org/meter-1",
    extension: null,
  });
  const dup = c.execute(minter, mint("meter-1", bob));
  assert.ok("error" in dup.result);
  assert.match(dup.result.error, /claimed|exists/i);
  const unauthorized = c.execute(alice, mint("meter-2", alice));
  assert.ok("error" in unauthorized.result);
});

test("cw721-base: transfer_nft by the owner and by an approved spender", () => {
  const c = collection();
  execOk(c, minter, mint("t1", alice));
  execOk(c, alice, { transfer_nft: { recipient: bob, token_id: "t1" } });
  assert.equal(ok(c.query<{ owner: string }>({ owner_of: { token_id: "t1" } })).owner, bob);
  const stolen = c.execute(alice, { transfer_nft: { recipient: alice, token_id: "t1" } });
  assert.ok("error" in stolen.result);
  execOk(c, bob, { approve: { spender: carol, token_id: "t1", expires: null } });
  const approvals = ok(c.query<{ approvals: { spender: string }[] }>({ owner_of: { token_id: "t1" } })).approvals;
  assert.deepEqual(
    approvals.map((a) => a.spender),
    [carol],
  );
  execOk(c, carol, { transfer_nft: { recipient: carol, token_id: "t1" } });
  assert.equal(ok(c.query<{ owner: string }>({ owner_of: { token_id: "t1" } })).owner, carol);
});

test("cw721-base: operators (approve_all / revoke_all)", () => {
  const c = collection();
  execOk(c, minter, mint("a", alice));
  execOk(c, alice, { approve_all: { operator: bob, expires: null } });
  execOk(c, bob, { transfer_nft: { recipient: carol, token_id: "a" } });
  execOk(c, minter, mint("b", alice));
  execOk(c, alice, { revoke_all: { operator: bob } });
  const denied = c.execute(bob, { transfer_nft: { recipient: carol, token_id: "b" } });
  assert.ok("error" in denied.result);
});

test("cw721-base: paginated all_tokens and tokens-by-owner", () => {
  const c = collection();
  const ids = Array.from({ length: 23 }, (_, i) => `token-${String(i).padStart(2, "0")}`);
  ids.forEach((id, i) => execOk(c, minter, mint(id, i % 2 === 0 ? alice : bob)));
  const pageThrough = (query: (startAfter?: string) => unknown) => {
    const out: string[] = [];
    let startAfter: string | undefined;
    for (let i = 0; i < 10; i++) {
      const { tokens } = ok(c.query<{ tokens: string[] }>(query(startAfter)));
      if (tokens.length === 0) break;
      out.push(...tokens);
      startAfter = tokens[tokens.length - 1];
    }
    return out;
  };
  assert.deepEqual(
    pageThrough((start_after) => ({ all_tokens: { start_after, limit: 5 } })),
    ids,
  );
  assert.deepEqual(
    pageThrough((start_after) => ({ tokens: { owner: alice, start_after, limit: 4 } })),
    ids.filter((_, i) => i % 2 === 0),
  );
  assert.deepEqual(ok(c.query({ num_tokens: {} })), { count: 23 });
});

test("cw3-fixed-multisig: reverse_proposals iterates storage in descending order", () => {
  const c = new TestContract(vm, cw3.checksum);
  const init = c.instantiate(alice, {
    voters: [
      { addr: alice, weight: 1 },
      { addr: bob, weight: 1 },
    ],
    threshold: { absolute_count: { weight: 2 } },
    max_voting_period: { height: 1000 },
  });
  assert.ok("ok" in init.result, JSON.stringify(init.result));
  for (let i = 1; i <= 7; i++) {
    execOk(c, alice, {
      propose: { title: `p${i}`, description: "pay the grid", msgs: [], latest: null },
    });
  }
  const titles = (q: unknown) => ok(c.query<{ proposals: { id: number; title: string }[] }>(q)).proposals;
  assert.deepEqual(
    titles({ reverse_proposals: { limit: 3 } }).map((p) => p.id),
    [7, 6, 5],
  );
  assert.deepEqual(
    titles({ reverse_proposals: { start_before: 5, limit: 10 } }).map((p) => p.id),
    [4, 3, 2, 1],
  );
  assert.deepEqual(
    titles({ list_proposals: { start_after: 5 } }).map((p) => p.title),
    ["p6", "p7"],
  );
});
