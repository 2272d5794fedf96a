import { test } from "node:test";
import assert from "node:assert/strict";
import { CacheKv } from "../../src/store/cache.js";
import { StoreError } from "../../src/store/errors.js";
import type { KvStore, KvWrite } from "../../src/store/kv.js";
import { MemoryKv } from "../../src/store/memory.js";
import { PrefixKv } from "../../src/store/prefix.js";
import type { Storage } from "../../src/vm/backend.js";
import { MemoryStorage } from "../../src/vm/testing/storage.js";
import { bytes, dump, scan, text } from "./suite.js";

function base(entries: Record<string, string>): MemoryKv {
  const store = new MemoryKv();
  for (const [k, v] of Object.entries(entries)) store.set(bytes(k), bytes(v));
  return store;
}

test("nested branches: a child's write reaches only its parent; discard drops a level and everything under it", () => {
  const committed = base({ balance: "100" });
  const block = new CacheKv(committed);
  const tx = block.branch();
  const msg = tx.branch();

  msg.set(bytes("balance"), bytes("90"));
  msg.set(bytes("fee"), bytes("10"));
  assert.deepEqual(scan(msg), ['"balance"="90"', '"fee"="10"']);
  assert.deepEqual(scan(tx), ['"balance"="100"'], "the parent does not see a child's pending writes");

  msg.write();
  assert.equal(msg.pendingSize, 0);
  assert.deepEqual(scan(tx), ['"balance"="90"', '"fee"="10"']);
  assert.deepEqual(scan(block), ['"balance"="100"']);

  // A second message fails: its writes are discarded, the first message's stay in the tx.
  const failing = tx.branch();
  failing.set(bytes("balance"), bytes("0"));
  failing.delete(bytes("fee"));
  failing.discard();
  assert.deepEqual(scan(failing), ['"balance"="90"', '"fee"="10"'], "a discarded branch reads through again");
  assert.deepEqual(scan(tx), ['"balance"="90"', '"fee"="10"']);

  // The whole tx fails: nothing reaches the block.
  tx.discard();
  assert.deepEqual(scan(block), ['"balance"="100"']);
  assert.deepEqual(scan(msg), ['"balance"="100"'], "branches stay usable after write and discard");

  // A second tx succeeds and the block commits.
  const tx2 = block.branch();
  tx2.set(bytes("balance"), bytes("80"));
  tx2.write();
  block.write();
  assert.deepEqual(scan(committed), ['"balance"="80"']);
});

test("a pending delete hides the parent's entry in get, has and both iteration orders, then deletes it on write", () => {
  const parent = base({ a: "1", b: "2", c: "3", d: "4" });
  const cache = new CacheKv(parent);
  cache.delete(bytes("b"));
  cache.delete(bytes("d"));
  cache.delete(bytes("zz")); // absent in the parent: a harmless tombstone
  cache.set(bytes("c"), bytes("33"));
  assert.equal(cache.get(bytes("b")), undefined);
  assert.equal(cache.has(bytes("b")), false);
  assert.equal(cache.has(bytes("zz")), false);
  assert.deepEqual(scan(cache), ['"a"="1"', '"c"="33"']);
  assert.deepEqual(scan(cache, undefined, undefined, "descending"), ['"c"="33"', '"a"="1"']);
  assert.deepEqual(scan(cache, "b", "d"), ['"c"="33"']);
  assert.deepEqual(scan(parent), ['"a"="1"', '"b"="2"', '"c"="3"', '"d"="4"']);
  cache.write();
  assert.deepEqual(scan(parent), ['"a"="1"', '"c"="33"']);
});

test("changes() lists pending writes in key order, deletes as undefined; write() hands them over as one batch", () => {
  const batches: KvWrite[][] = [];
  const inner = new MemoryKv();
  const recording: KvStore = {
    get: (k) => inner.get(k),
    has: (k) => inner.has(k),
    iterate: (s, e, o) => inner.iterate(s, e, o),
    set: () => assert.fail("write() must not call set"),
    delete: () => assert.fail("write() must not call delete"),
    commit: (writes) => {
      batches.push([...writes]);
      inner.commit(batches[batches.length - 1]);
    },
  };
  const cache = new CacheKv(recording);
  cache.write();
  assert.equal(batches.length, 0, "an empty branch does not commit an empty batch");
  cache.set(bytes("m"), bytes("1"));
  cache.delete(bytes("a"));
  cache.set(bytes("z"), bytes("2"));
  cache.set(bytes("m"), bytes("3"));
  const changes = cache.changes().map(({ key, value }) => [text(key), value && text(value)]);
  assert.deepEqual(changes, [
    ["a", undefined],
    ["m", "3"],
    ["z", "2"],
  ]);
  cache.write();
  assert.equal(batches.length, 1);
  assert.deepEqual(
    batches[0].map(({ key, value }) => [text(key), value && text(value)]),
    changes,
  );
});

test("if the parent refuses the batch, nothing is applied and the writes stay pending", () => {
  const parent = base({ a: "1" });
  const refusing: KvStore = Object.assign(Object.create(parent) as MemoryKv, {
    commit: () => {
      throw new StoreError("store.io", "disk full", {});
    },
  });
  const cache = new CacheKv(refusing);
  cache.set(bytes("a"), bytes("2"));
  cache.set(bytes("b"), bytes("3"));
  assert.throws(() => cache.write(), { code: "store.io" });
  assert.equal(cache.pendingSize, 2);
  assert.deepEqual(scan(parent), ['"a"="1"']);
  assert.deepEqual(scan(cache), ['"a"="2"', '"b"="3"']);
});

test("a branch reads through to writes made directly on its parent, except for keys it wrote itself", () => {
  const parent = new MemoryKv();
  const cache = new CacheKv(parent);
  cache.set(bytes("mine"), bytes("cache"));
  parent.set(bytes("mine"), bytes("parent"));
  parent.set(bytes("theirs"), bytes("parent"));
  assert.deepEqual(scan(cache), ['"mine"="cache"', '"theirs"="parent"']);
});

test("an iterator over a branch ignores a grandchild's write flushed into the branch while it is open", () => {
  const block = new CacheKv(base({ a: "1", c: "3" }));
  block.set(bytes("b"), bytes("2"));
  const it = block.iterate();
  const tx = block.branch();
  tx.set(bytes("a"), bytes("changed"));
  tx.delete(bytes("b"));
  tx.set(bytes("bb"), bytes("new"));
  tx.write();
  assert.deepEqual(dump({ [Symbol.iterator]: () => it }), ['"a"="1"', '"b"="2"', '"c"="3"']);
  assert.deepEqual(scan(block), ['"a"="changed"', '"bb"="new"', '"c"="3"']);
});

test("prefix views: keys are stripped, namespaces are isolated, ranges stay inside, views nest", () => {
  const cache = new CacheKv(new MemoryKv());
  const alice = cache.prefix("wasm/contract-state/alice/");
  const alicia = cache.prefix("wasm/contract-state/alicia/");
  alice.set(bytes("balance"), bytes("10"));
  alice.set(bytes("config"), bytes("{}"));
  alicia.set(bytes("balance"), bytes("99"));
  cache.set(bytes("wasm/contract-state/alice"), bytes("not in the view")); // the namespace without its slash
  cache.set(bytes("wasm/contract-state/alice0"), bytes("not in the view")); // "0" sorts right after "/"
  assert.deepEqual(scan(alice), ['"balance"="10"', '"config"="{}"']);
  assert.deepEqual(scan(alice, undefined, undefined, "descending"), ['"config"="{}"', '"balance"="10"']);
  assert.deepEqual(scan(alice, "c"), ['"config"="{}"']);
  assert.deepEqual(scan(alice, undefined, "c"), ['"balance"="10"']);
  assert.deepEqual(scan(alicia), ['"balance"="99"']);
  assert.deepEqual(alice.get(bytes("balance")), bytes("10"));
  alice.delete(bytes("balance"));
  assert.equal(alice.has(bytes("balance")), false);
  assert.deepEqual(text(cache.get(bytes("wasm/contract-state/alicia/balance"))!), "99");

  const nested = cache.prefix("wasm/").prefix("contract-state/").prefix("alicia/");
  assert.deepEqual(scan(nested), ['"balance"="99"']);
  assert.deepEqual(text(nested.namespace), "wasm/contract-state/alicia/");
  nested.commit([{ key: bytes("x"), value: bytes("1") }]);
  assert.deepEqual(scan(alicia), ['"balance"="99"', '"x"="1"']);
});

test("a prefix view is the VM's Storage and behaves as the VM's own in-memory Storage", () => {
  const view = new PrefixKv(new CacheKv(new MemoryKv()), new Uint8Array([0x03, 0xff]));
  const storage: Storage = view; // compile-time: the view implements src/vm/backend.ts Storage
  const reference: Storage = new MemoryStorage();
  let x = 7;
  const random = () => (x = (Math.imul(x, 48271) >>> 0) % 2147483647) / 2147483647;
  const key = () =>
    new Uint8Array(
      Array.from({ length: Math.floor(random() * 3) }, () => [0, 1, 0xfe, 0xff][Math.floor(random() * 4)]),
    );
  for (let i = 0; i < 2000; i++) {
    const k = key();
    const r = random();
    if (r < 0.5) {
      const v = new Uint8Array([i & 0xff]);
      storage.set(k, v);
      reference.set(k, v);
    } else if (r < 0.7) {
      storage.remove(k);
      reference.remove(k);
    } else {
      const start = random() < 0.3 ? undefined : key();
      const end = random() < 0.3 ? undefined : key();
      const order = random() < 0.5 ? "ascending" : "descending";
      const got = dump({ [Symbol.iterator]: () => storage.range(start, end, order) });
      const want = dump({ [Symbol.iterator]: () => reference.range(start, end, order) });
      assert.deepEqual(got, want, `range step ${i}`);
    }
    assert.deepEqual(storage.get(k), reference.get(k));
  }
});
