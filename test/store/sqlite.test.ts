import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { CacheKv } from "../../src/store/cache.js";
import { StoreError } from "../../src/store/errors.js";
import type { KvRecord } from "../../src/store/kv.js";
import { SQLITE_APPLICATION_ID, SQLITE_SCHEMA_VERSION, SqliteStore } from "../../src/store/sqlite.js";
import { bytes, dump, expected, scan, tempDir } from "./suite.js";

const storeModule = fileURLToPath(new URL("../../src/store/sqlite.js", import.meta.url));

function withDir(body: (dir: string) => void): () => void {
  return () => {
    const { dir, cleanup } = tempDir();
    try {
      body(dir);
    } finally {
      cleanup();
    }
  };
}

const code = (c: string) => (err: unknown) => err instanceof StoreError && err.code === c;

/** The store's SQLite handle, for tests that must provoke SQLite itself. */
function handle(store: SqliteStore): Database.Database {
  return (store as unknown as { db: Database.Database }).db;
}

test(
  "opens in WAL mode with full synchronous commits and an exclusive lock by default; normal on request",
  withDir((dir) => {
    const store = SqliteStore.open(join(dir, "a.db"));
    assert.deepEqual(store.settings(), {
      journalMode: "wal",
      synchronous: "full",
      lockingMode: "exclusive",
      schemaVersion: SQLITE_SCHEMA_VERSION,
    });
    assert.equal(store.synchronous, "full");
    store.close();
    const relaxed = SqliteStore.open(join(dir, "b.db"), { synchronous: "normal", exclusive: false });
    assert.deepEqual(relaxed.settings(), {
      journalMode: "wal",
      synchronous: "normal",
      lockingMode: "normal",
      schemaVersion: SQLITE_SCHEMA_VERSION,
    });
    relaxed.close();
    assert.throws(
      () => SqliteStore.open(join(dir, "c.db"), { synchronous: "off" as "full" }),
      code("store.invalid_argument"),
    );
    assert.throws(() => SqliteStore.open(""), code("store.invalid_argument"));
  }),
);

test(
  "the file is one kv table of BLOBs, WITHOUT ROWID, marked with the store's application id",
  withDir((dir) => {
    const path = join(dir, "state.db");
    const store = SqliteStore.open(path);
    store.commit([{ key: bytes("k"), value: bytes("v") }]);
    store.close();
    const db = new Database(path, { readonly: true });
    try {
      assert.equal(db.pragma("application_id", { simple: true }), SQLITE_APPLICATION_ID);
      const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'kv'").pluck().get() as string;
      assert.match(sql, /key BLOB NOT NULL PRIMARY KEY, value BLOB NOT NULL\) WITHOUT ROWID/);
      assert.deepEqual(db.prepare("SELECT typeof(key) k, typeof(value) v FROM kv").all(), [{ k: "blob", v: "blob" }]);
    } finally {
      db.close();
    }
  }),
);

test(
  "committed data survives closing and reopening",
  withDir((dir) => {
    const path = join(dir, "state.db");
    let store = SqliteStore.open(path);
    const block = new CacheKv(store);
    for (let i = 0; i < 100; i++) block.set(bytes(`k${i}`), bytes(`v${i}`));
    block.delete(bytes("k7"));
    block.write();
    store.set(bytes("single"), bytes("1"));
    store.close();
    store = SqliteStore.open(path);
    assert.equal(scan(store).length, 100);
    assert.equal(store.has(bytes("k7")), false);
    assert.deepEqual(store.get(bytes("k42")), bytes("v42"));
    assert.deepEqual(store.get(bytes("single")), bytes("1"));
    store.close();
  }),
);

test(
  "point reads are cached only while the store is the file's only writer, and always equal the file",
  withDir((dir) => {
    const path = join(dir, "state.db");
    const store = SqliteStore.open(path);
    assert.equal(store.get(bytes("k")), undefined);
    assert.equal(store.has(bytes("k")), false);
    const value = bytes("1");
    store.set(bytes("k"), value);
    value.fill(0); // the caller's array is not the cached value
    assert.deepEqual(store.get(bytes("k")), bytes("1"));
    store.commit([
      { key: bytes("k"), value: bytes("2") },
      { key: bytes("other"), value: bytes("x") },
    ]);
    assert.deepEqual(store.get(bytes("k")), bytes("2"));
    assert.equal(store.has(bytes("other")), true);
    store.delete(bytes("k"));
    assert.equal(store.get(bytes("k")), undefined);
    assert.equal(store.has(bytes("k")), false);
    const big = new Uint8Array(64 * 1024).fill(7); // above the cached size: read from the file each time
    store.set(bytes("code"), big);
    assert.deepEqual(store.get(bytes("code")), big);
    store.close();
    const reopened = SqliteStore.open(path);
    assert.equal(reopened.get(bytes("k")), undefined);
    assert.deepEqual(reopened.get(bytes("other")), bytes("x"));
    assert.deepEqual(reopened.get(bytes("code")), big);
    reopened.close();

    // Shared (non-exclusive) connections see each other's commits: nothing is cached.
    const one = SqliteStore.open(path, { exclusive: false });
    const two = SqliteStore.open(path, { exclusive: false });
    assert.deepEqual(one.get(bytes("other")), bytes("x"));
    two.set(bytes("other"), bytes("y"));
    assert.deepEqual(one.get(bytes("other")), bytes("y"));
    one.close();
    two.close();
  }),
);

test(
  "a commit that SQLite refuses half-way (database full) leaves nothing behind, and the store goes on",
  withDir((dir) => {
    const store = SqliteStore.open(join(dir, "state.db"));
    store.commit([{ key: bytes("before"), value: bytes("1") }]);
    assert.deepEqual(store.get(bytes("before")), bytes("1")); // now in the read cache
    const pages = Number(handle(store).pragma("page_count", { simple: true }));
    handle(store).pragma(`max_page_count = ${pages + 2}`);
    const big: { key: Uint8Array; value: Uint8Array }[] = [];
    for (let i = 0; i < 200; i++) big.push({ key: bytes(`big/${i}`), value: new Uint8Array(1000).fill(i) });
    big.unshift({ key: bytes("before"), value: undefined as unknown as Uint8Array });
    assert.throws(
      () => store.commit(big),
      (err: unknown) =>
        err instanceof StoreError && err.code === "store.io" && err.context.sqliteCode === "SQLITE_FULL",
    );
    assert.deepEqual(scan(store), ['"before"="1"'], "the delete at the start of the batch was rolled back too");
    assert.deepEqual(store.get(bytes("before")), bytes("1"), "the read cache did not take the failed delete");
    assert.equal(store.has(bytes("big/0")), false);

    // Through a cache branch: the block's writes stay pending for a retry.
    const block = new CacheKv(store);
    for (const w of big.slice(1)) block.set(w.key, w.value);
    assert.throws(() => block.write(), code("store.io"));
    assert.equal(block.pendingSize, 200);
    handle(store).pragma("max_page_count = 1073741823");
    block.write();
    assert.equal(scan(store).length, 201);
    store.close();
  }),
);

test(
  "one owner: a second open, in this process or another, fails with store.locked until the first closes",
  withDir((dir) => {
    const path = join(dir, "state.db");
    const store = SqliteStore.open(path);
    assert.throws(() => SqliteStore.open(path), code("store.locked"));
    const other = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `const { SqliteStore } = await import(${JSON.stringify(storeModule)});
         try { SqliteStore.open(${JSON.stringify(path)}); console.log("opened"); }
         catch (e) { console.log(e.code); }`,
      ],
      { encoding: "utf8" },
    );
    assert.equal(other.stdout.trim(), "store.locked", other.stderr);
    store.close();
    SqliteStore.open(path).close();
  }),
);

test(
  "refuses files that are not its own: not a database, another application's database, a newer format",
  withDir((dir) => {
    const text = join(dir, "notes.txt");
    writeFileSync(text, "this is not a database, just some text that is long enough to have a header".repeat(20));
    assert.throws(() => SqliteStore.open(text), code("store.corrupt"));

    const foreign = join(dir, "foreign.db");
    const db = new Database(foreign);
    db.exec("CREATE TABLE t (x)");
    db.close();
    assert.throws(
      () => SqliteStore.open(foreign),
      (err: unknown) => {
        assert.ok(err instanceof StoreError);
        assert.equal(err.code, "store.corrupt");
        assert.match(err.message, /not a Plurigrid store/);
        return true;
      },
    );

    const newer = join(dir, "newer.db");
    SqliteStore.open(newer).close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    raw.close();
    assert.throws(() => SqliteStore.open(newer), code("store.version"));

    assert.throws(() => SqliteStore.open(join(dir, "missing", "dir", "state.db")), code("store.io"));
  }),
);

test(
  "a damaged page is reported as store.corrupt",
  withDir((dir) => {
    const path = join(dir, "state.db");
    const store = SqliteStore.open(path);
    const batch = [];
    for (let i = 0; i < 2000; i++)
      batch.push({ key: bytes(`key/${String(i).padStart(5, "0")}`), value: new Uint8Array(200).fill(7) });
    store.commit(batch);
    store.close(); // checkpoints the WAL into the main file
    const db = new Database(path);
    const pageSize = Number(db.pragma("page_size", { simple: true }));
    db.close();
    const fd = openSync(path, "r+");
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, pageSize * 5); // garble page 6
    closeSync(fd);
    const damaged = SqliteStore.open(path);
    assert.throws(() => scan(damaged), code("store.corrupt"));
    damaged.close();
  }),
);

test(
  "after close, every operation and every open iterator fails with store.closed; close is idempotent",
  withDir((dir) => {
    const store = SqliteStore.open(join(dir, "state.db"));
    store.commit([
      { key: bytes("a"), value: bytes("1") },
      { key: bytes("b"), value: bytes("2") },
    ]);
    const it = store.iterate();
    it.next();
    store.close();
    store.close();
    assert.equal(store.closed, true);
    const closed = code("store.closed");
    assert.throws(() => store.get(bytes("a")), closed);
    assert.throws(() => store.has(bytes("a")), closed);
    assert.throws(() => store.set(bytes("a"), bytes("1")), closed);
    assert.throws(() => store.delete(bytes("a")), closed);
    assert.throws(() => store.commit([]), closed);
    assert.throws(() => store.iterate(), closed);
    assert.throws(() => store.settings(), closed);
    assert.throws(() => it.next(), closed);
  }),
);

test(
  "snapshot iterators across many pages, in both directions, with writes landing in pages not yet read",
  withDir((dir) => {
    const store = SqliteStore.open(join(dir, "state.db"), { synchronous: "normal" });
    const model = new Map<string, string>();
    const batch = [];
    for (let i = 0; i < 5000; i++) {
      const k = `key/${String(i).padStart(5, "0")}`;
      batch.push({ key: bytes(k), value: bytes(`v${i}`) });
      model.set(k, `v${i}`);
    }
    store.commit(batch);
    for (const order of ["ascending", "descending"] as const) {
      const want = expected(model, "key/00100", "key/04900", order);
      const it = store.iterate(bytes("key/00100"), bytes("key/04900"), order);
      const got: KvRecord[] = [];
      for (let i = 0; i < 40; i++) got.push(it.next().value as KvRecord); // into the third page
      // Rewrite the store under the iterator: every tenth key deleted, every seventh overwritten, new keys
      // between old ones, in pages the iterator has buffered and pages it has not read yet.
      const writes = [];
      for (let i = 0; i < 5000; i++) {
        const k = `key/${String(i).padStart(5, "0")}`;
        if (i % 10 === 0) writes.push({ key: bytes(k), value: undefined });
        else if (i % 7 === 0) writes.push({ key: bytes(k), value: bytes("overwritten") });
        if (i % 13 === 0) writes.push({ key: bytes(`${k}+`), value: bytes("inserted") });
      }
      store.commit(writes);
      store.commit(writes.slice(0, 100).map((w) => ({ key: w.key, value: bytes("twice") }))); // a second write
      got.push(...it);
      assert.deepEqual(dump(got), want, order);
      for (const w of writes) {
        const k = Buffer.from(w.key).toString("latin1");
        if (w.value === undefined) model.delete(k);
        else model.set(k, Buffer.from(w.value).toString("latin1"));
      }
      for (const w of writes.slice(0, 100)) model.set(Buffer.from(w.key).toString("latin1"), "twice");
      assert.deepEqual(scan(store, "key/00100", "key/04900", order), expected(model, "key/00100", "key/04900", order));
    }
    store.close();
  }),
);

test(
  "abandoned iterators (as the VM leaves them) never block a commit",
  withDir((dir) => {
    const store = SqliteStore.open(join(dir, "state.db"), { synchronous: "normal" });
    const batch = [];
    for (let i = 0; i < 3000; i++) batch.push({ key: bytes(`k${i}`), value: bytes("v") });
    store.commit(batch);
    for (let i = 0; i < 200; i++) {
      const it = store.iterate(undefined, undefined, i % 2 ? "ascending" : "descending");
      it.next(); // then dropped without return()
    }
    const block = new CacheKv(store);
    for (let i = 0; i < 3000; i++) block.set(bytes(`k${i}`), bytes("w"));
    block.write();
    assert.deepEqual(store.get(bytes("k1234")), bytes("w"));
    store.close();
  }),
);
