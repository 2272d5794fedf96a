/**
 * A real contract on the store: cw20-base runs on a prefix view of a cache branch, and must produce the same
 * results AND the same gas as on the VM's own in-memory Storage (gas depends on every byte read, written and
 * iterated, so equal gas means equal storage behaviour as the contract sees it).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as calls from "../../src/vm/calls.js";
import type { Storage } from "../../src/vm/backend.js";
import {
  DEFAULT_TEST_GAS_LIMIT,
  MockQuerier,
  mockAddress,
  mockEnv,
  mockInfo,
  mockVm,
} from "../../src/vm/testing/mock.js";
import { MemoryStorage } from "../../src/vm/testing/storage.js";
import { CacheKv } from "../../src/store/cache.js";
import type { KvStore } from "../../src/store/kv.js";
import { MemoryKv } from "../../src/store/memory.js";
import { SqliteStore } from "../../src/store/sqlite.js";
import { bytes, dump, tempDir } from "./suite.js";

const require = createRequire(import.meta.url);
const dataDir = require.resolve("@oraichain/common-contracts-build/package.json").replace(/package\.json$/, "data/");
const vm = mockVm();
const cw20 = vm.storeCode(readFileSync(dataDir + "cw20-base.wasm"));
const contract = mockAddress("token");
const minter = mockAddress("minter");
const holders = Array.from({ length: 12 }, (_, i) => mockAddress(`holder-${i}`));

/** Instantiates cw20, runs transfers (some fail), pages through all_accounts; returns every result and gas. */
function runCw20(storage: Storage, endOfCall?: (ok: boolean) => void): unknown[] {
  const target: calls.Target = {
    vm,
    checksum: cw20.checksum,
    backend: { storage, querier: new MockQuerier() },
    options: { gasLimit: DEFAULT_TEST_GAS_LIMIT },
  };
  const env = mockEnv(contract);
  const log: unknown[] = [];
  log.push(
    calls.instantiate(target, env, mockInfo(minter), {
      name: "Plurigrid Energy",
      symbol: "PGE",
      decimals: 6,
      initial_balances: holders.slice(0, 6).map((address, i) => ({ address, amount: String(1000 * (i + 1)) })),
      mint: { minter, cap: null },
      marketing: null,
    }),
  );
  endOfCall?.(true);
  for (let i = 0; i < 30; i++) {
    const sender = holders[i % 6];
    const recipient = holders[(i * 5 + 3) % holders.length];
    const amount = String(((i * 37) % 900) + (i % 7 === 0 ? 10_000 : 1)); // every 7th overdraws
    const r = calls.execute(target, env, mockInfo(sender), { transfer: { recipient, amount } });
    log.push(r);
    endOfCall?.("ok" in r.result);
  }
  let start_after: string | undefined;
  for (let page = 0; page < 10; page++) {
    const r = calls.query(target, env, { all_accounts: { start_after, limit: 5 } });
    log.push(r);
    if (!("ok" in r.result)) break;
    const { accounts } = JSON.parse(Buffer.from(r.result.ok, "base64").toString()) as { accounts: string[] };
    if (accounts.length === 0) break;
    start_after = accounts[accounts.length - 1];
  }
  for (const address of holders) log.push(calls.query(target, env, { balance: { address } }));
  return log;
}

const reference = runCw20(new MemoryStorage());

function cw20OnStore(base: KvStore): void {
  const block = new CacheKv(base);
  let tx = block.branch();
  const namespace = `wasm/contract-state/${contract}/`;
  // Each call runs in its own tx branch, written into the block if the call succeeded and discarded if not, as a
  // node does; the block is written into the base store at the end.
  const storage: Storage = {
    get: (k) => tx.prefix(namespace).get(k),
    set: (k, v) => tx.prefix(namespace).set(k, v),
    remove: (k) => tx.prefix(namespace).remove(k),
    range: (s, e, o) => tx.prefix(namespace).range(s, e, o),
  };
  let failed = 0;
  const log = runCw20(storage, (ok) => {
    if (ok) tx.write();
    else {
      failed++;
      tx.discard();
    }
    tx = block.branch();
  });
  assert.ok(failed >= 3, "some transfers failed and were discarded");
  assert.deepEqual(log, reference, "same results and gas as on the VM's MemoryStorage");
  block.write();
  const state = dump(base.iterate(bytes(namespace), bytes(namespace.slice(0, -1) + "0")));
  assert.ok(state.length > 10, `contract state lives under ${namespace} (${state.length} keys)`);
  assert.deepEqual(dump(base.iterate(undefined, bytes(namespace))), [], "nothing outside the namespace");
}

test("cw20-base on a prefix view of cache branches over MemoryKv: same results and gas as MemoryStorage", () => {
  cw20OnStore(new MemoryKv());
});

test("cw20-base on a prefix view of cache branches over SqliteStore: same results and gas as MemoryStorage", () => {
  const { dir, cleanup } = tempDir();
  try {
    const store = SqliteStore.open(join(dir, "state.db"));
    cw20OnStore(store);
    store.close();
    const reopened = SqliteStore.open(join(dir, "state.db"));
    const namespace = `wasm/contract-state/${contract}/`;
    assert.ok(dump(reopened.iterate(bytes(namespace), bytes(namespace.slice(0, -1) + "0"))).length > 10);
    reopened.close();
  } finally {
    cleanup();
  }
});
