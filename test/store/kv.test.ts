import { join } from "node:path";
import { CacheKv } from "../../src/store/cache.js";
import { MemoryKv } from "../../src/store/memory.js";
import { PrefixKv } from "../../src/store/prefix.js";
import { SqliteStore } from "../../src/store/sqlite.js";
import { kvContract, tempDir, type Subject } from "./suite.js";

/** A SQLite store in a fresh directory. "normal" durability: these tests are about semantics, not fsync. */
function sqlite(): { store: SqliteStore; close: () => void } {
  const { dir, cleanup } = tempDir();
  const store = SqliteStore.open(join(dir, "state.db"), { synchronous: "normal" });
  return {
    store,
    close: () => {
      store.close();
      cleanup();
    },
  };
}

function cacheOver(parent: { store: MemoryKv | SqliteStore | CacheKv; close?: () => void }): Subject {
  const cache = new CacheKv(parent.store);
  return { store: cache, flush: () => cache.write(), close: parent.close };
}

kvContract("MemoryKv", () => ({ store: new MemoryKv() }));
kvContract("SqliteStore", sqlite);
kvContract("CacheKv over MemoryKv", () => cacheOver({ store: new MemoryKv() }));
kvContract("CacheKv over SqliteStore", () => cacheOver(sqlite()));
kvContract("CacheKv over CacheKv over SqliteStore (flushing the top branch only)", () => {
  const base = sqlite();
  const block = new CacheKv(base.store);
  return cacheOver({ store: block, close: base.close });
});
kvContract("CacheKv branch that never flushes", () => ({ store: new CacheKv(new MemoryKv()).branch() }));
kvContract("PrefixKv over MemoryKv, with neighbours on both sides", () => {
  const inner = new MemoryKv();
  // Keys just outside the namespace "ns\x01" must never leak into the view.
  inner.set(new Uint8Array([0x6e, 0x73, 0x00, 0xff]), new Uint8Array([1]));
  inner.set(new Uint8Array([0x6e, 0x73, 0x02]), new Uint8Array([1]));
  inner.set(new Uint8Array([0x6e, 0x73]), new Uint8Array([1]));
  return { store: new PrefixKv(inner, new Uint8Array([0x6e, 0x73, 0x01])) };
});
kvContract("PrefixKv with an all-0xff namespace over a CacheKv over SqliteStore", () => {
  const base = sqlite();
  const cache = new CacheKv(base.store);
  cache.set(new Uint8Array([0xfe]), new Uint8Array([1]));
  cache.write();
  cache.set(new Uint8Array([0xff]), new Uint8Array([1])); // a neighbour just below the namespace, outside the view
  return { store: cache.prefix(new Uint8Array([0xff, 0xff])), flush: () => cache.write(), close: base.close };
});
