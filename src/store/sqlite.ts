import Database from "better-sqlite3";
import { BTree } from "./btree.js";
import {
  checkBytes,
  copyBytes,
  checkOptionalBytes,
  checkOrder,
  compareBytes,
  fromKey,
  toKey,
  validateBatch,
} from "./bytes.js";
import { StoreError } from "./errors.js";
import type { KvIterator, KvRecord, KvStore, KvWrite, Order } from "./kv.js";

/**
 * The embedded, durable KvStore: one SQLite file, one table
 *
 *     kv(key BLOB NOT NULL PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID
 *
 * SQLite compares BLOBs with memcmp (a shorter prefix first), which is exactly the store's byte-wise key order, so
 * ordered range scans are index scans on the primary key in either direction.
 *
 * Atomicity: `commit(writes)` is ONE SQLite transaction. The node puts everything a block changes into one batch —
 * the state changes, the block header, the tx results and its own "last committed height" key — so after a crash
 * (SIGKILL at any moment, power loss) the file holds either the whole block or none of it, and the node restarts at
 * the last committed block. The store itself has no notion of heights: block metadata are ordinary keys under the
 * node's own prefixes, written in the same batch. The file is marked with an application id and a schema version
 * (SQLite's header fields), so a foreign or newer file is refused instead of being written to.
 *
 * Journal: WAL. Readers never block the writer and a commit appends to the log instead of rewriting pages in place.
 *
 * Durability (`synchronous`):
 * - "full" (default): every commit fsyncs the WAL before it returns (and F_FULLFSYNC on macOS). A commit that
 *   returned survives a process crash AND a power loss or OS crash (as far as the disk honours flushes).
 * - "normal": the WAL is fsynced only at checkpoints. A commit that returned survives a process crash (its pages are
 *   in the OS's cache), but a power loss can roll back the most recent commits; the file stays consistent (no torn
 *   block), it just ends at an earlier block.
 * A node signs and announces its blocks; coming back from a power cut at a lower height could make it build a
 * different block at a height it already published. One fsync per block is cheap at block rates, so "full" is the
 * default; "normal" is for tests, benchmarks and throwaway nodes.
 *
 * Ownership: by default the connection holds an exclusive lock for its lifetime (SQLite's EXCLUSIVE locking mode),
 * so a second process opening the same store gets `store.locked` instead of running blocks on the same state.
 *
 * Reads: point reads of committed values are cached in memory (a bounded map of recently read keys, absent keys
 * included), because a node reads the same few keys (client and channel ends, contract metadata) for every message
 * of a block. Only with the exclusive lock: then this connection is the file's only writer, and every commit
 * updates the cached keys it wrote once its transaction succeeded, so the cache never differs from the file.
 *
 * Iterators page through the table (keyset pagination, 16 rows first, doubling to 1024) instead of holding a
 * SQLite statement open: an open better-sqlite3 `.iterate()` makes the connection refuse every write until it is
 * exhausted, and the VM abandons iterators without closing them. Snapshot semantics are kept by the store: before
 * a write, each open iterator whose remaining range holds the key records the key's value as of its creation
 * (copy-on-write of just the written keys), and prefers those records to the table. Open iterators are held weakly:
 * garbage collection only frees memory, it never changes what an iterator yields.
 */

export type Synchronous = "full" | "normal";

export interface SqliteStoreOptions {
  /** Durability of a commit; see the class comment. Default "full". */
  synchronous?: Synchronous;
  /** Hold an exclusive lock on the file while open (default true). */
  exclusive?: boolean;
  /** How long to wait for another connection's lock before failing with store.locked (default 0 ms). */
  lockTimeoutMs?: number;
}

export interface SqliteStoreSettings {
  journalMode: string;
  synchronous: string;
  lockingMode: string;
  schemaVersion: number;
}

/** "PGRD": marks a SQLite file as a Plurigrid store (PRAGMA application_id). */
export const SQLITE_APPLICATION_ID = 0x50475244;
/** The table layout this build writes and reads (PRAGMA user_version). */
export const SQLITE_SCHEMA_VERSION = 1;

type Row = [Buffer, Buffer];
type Statement = Database.Statement<unknown[], unknown>;

const FIRST_PAGE = 16;
const MAX_PAGE = 1024;

export class SqliteStore implements KvStore {
  private db: Database.Database | undefined;
  private readonly statements = new Map<string, Statement>();
  private readonly getStatement: Statement;
  private readonly hasStatement: Statement;
  private readonly setStatement: Statement;
  private readonly deleteStatement: Statement;
  private readonly applyBatch: (writes: KvWrite[]) => void;
  /** Committed values by latin1 key (null: absent); undefined when another process may write the file. */
  private readonly readCache: ReadCache | undefined;
  /** Open iterators, held weakly; a collected one unregisters itself. */
  private readonly cursors = new Set<WeakRef<SqliteCursor>>();
  private readonly registry = new FinalizationRegistry<WeakRef<SqliteCursor>>((ref) => this.cursors.delete(ref));
  /** What a cursor may ask of its store: kept off the public surface. */
  private readonly host: CursorHost = {
    check: () => void this.connection("iterate"),
    page: (cursor, after, limit) => this.readPage(cursor, after, limit),
    release: (cursor) => this.releaseCursor(cursor),
  };

  private constructor(
    db: Database.Database,
    readonly path: string,
    readonly synchronous: Synchronous,
    exclusive: boolean,
  ) {
    this.db = db;
    this.readCache = exclusive ? new ReadCache() : undefined;
    this.getStatement = db.prepare("SELECT value FROM kv WHERE key = ?").pluck();
    this.hasStatement = db.prepare("SELECT 1 FROM kv WHERE key = ?").pluck();
    this.setStatement = db.prepare(
      "INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    );
    this.deleteStatement = db.prepare("DELETE FROM kv WHERE key = ?");
    this.applyBatch = db.transaction((writes: KvWrite[]) => {
      for (const { key, value } of writes) {
        if (value === undefined) this.deleteStatement.run(key);
        else this.setStatement.run(key, value);
      }
    });
  }

  /**
   * Opens (creating if needed) the store at `path` (":memory:" for a private in-memory database). Throws
   * store.locked when another process holds it, store.corrupt for a file that is not a Plurigrid store,
   * store.version for a newer format, store.io when the file cannot be opened.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    if (typeof path !== "string" || path === "") {
      throw new StoreError("store.invalid_argument", "the store path must be a non-empty string", { path });
    }
    const synchronous = options.synchronous ?? "full";
    if (synchronous !== "full" && synchronous !== "normal") {
      throw new StoreError("store.invalid_argument", `synchronous must be "full" or "normal", got ${synchronous}`, {
        argument: "synchronous",
      });
    }
    let db: Database.Database;
    try {
      db = new Database(path, { timeout: options.lockTimeoutMs ?? 0 });
    } catch (err) {
      throw storeError(err, "open", path);
    }
    try {
      if (options.exclusive ?? true) db.pragma("locking_mode = EXCLUSIVE");
      const journal = db.pragma("journal_mode = WAL", { simple: true });
      if (journal !== "wal" && !(path === ":memory:" && journal === "memory")) {
        throw new StoreError("store.io", `${path}: SQLite could not switch to WAL mode (journal_mode is ${journal})`, {
          path,
          journalMode: journal,
        });
      }
      db.pragma(`synchronous = ${synchronous.toUpperCase()}`);
      if (synchronous === "full") db.pragma("fullfsync = ON");
      initialise(db, path);
      return new SqliteStore(db, path, synchronous, options.exclusive ?? true);
    } catch (err) {
      db.close();
      throw storeError(err, "open", path);
    }
  }

  get closed(): boolean {
    return this.db === undefined;
  }

  /** What SQLite actually runs with (for diagnostics and tests). */
  settings(): SqliteStoreSettings {
    const db = this.connection("settings");
    return this.guard("settings", () => ({
      journalMode: String(db.pragma("journal_mode", { simple: true })),
      synchronous: (["off", "normal", "full", "extra"] as const)[Number(db.pragma("synchronous", { simple: true }))],
      lockingMode: String(db.pragma("locking_mode", { simple: true })),
      schemaVersion: Number(db.pragma("user_version", { simple: true })),
    }));
  }

  get(key: Uint8Array): Uint8Array | undefined {
    checkBytes(key, "key");
    this.connection("get");
    const cache = this.readCache;
    const k = cache && toKey(key);
    const cached = k === undefined ? undefined : cache!.get(k);
    if (cached !== undefined) return cached ?? undefined;
    const buffer = this.guard("get", () => this.getStatement.get(key) as Buffer | undefined);
    const value = buffer && view(buffer);
    if (k !== undefined) cache!.remember(k, value ?? null);
    return value;
  }

  has(key: Uint8Array): boolean {
    checkBytes(key, "key");
    this.connection("has");
    const cached = this.readCache?.get(toKey(key));
    if (cached !== undefined) return cached !== null;
    return this.guard("has", () => this.hasStatement.get(key) !== undefined);
  }

  /** One write, committed on its own (its own transaction and fsync). A node commits blocks with `commit`. */
  set(key: Uint8Array, value: Uint8Array): void {
    this.commit([{ key, value }]);
  }

  /** One delete, committed on its own. */
  delete(key: Uint8Array): void {
    this.commit([{ key, value: undefined }]);
  }

  /**
   * Applies the batch in ONE SQLite transaction: when this returns, every write is in the file (durable as
   * `synchronous` says); when it throws (store.io: disk full, I/O error…), none is.
   */
  commit(writes: Iterable<KvWrite>): void {
    const batch = validateBatch(writes);
    this.connection("commit");
    if (batch.length === 0) return;
    this.guard("commit", () => {
      this.preserveSnapshots(batch);
      this.applyBatch(batch);
    });
    const cache = this.readCache;
    if (cache) for (const { key, value } of batch) cache.update(toKey(key), value ? copyBytes(value) : null);
  }

  iterate(start?: Uint8Array, end?: Uint8Array, order: Order = "ascending"): KvIterator {
    checkOptionalBytes(start, "start");
    checkOptionalBytes(end, "end");
    checkOrder(order);
    this.connection("iterate");
    const cursor = new SqliteCursor(
      this.host,
      start && copyBytes(start),
      end && copyBytes(end),
      order === "descending",
    );
    const ref = new WeakRef(cursor);
    cursor.ref = ref;
    this.cursors.add(ref);
    this.registry.register(cursor, ref, cursor);
    return cursor;
  }

  /** Closes the database (checkpointing the WAL into the main file). Idempotent; afterwards every call throws store.closed. */
  close(): void {
    const db = this.db;
    if (!db) return;
    this.db = undefined;
    this.cursors.clear();
    this.guard("close", () => db.close());
  }

  /** One page of rows for a cursor: after `after` (exclusive) in its direction, within its bounds. */
  private readPage(cursor: SqliteCursor, after: Uint8Array | undefined, limit: number): Row[] {
    this.connection("iterate");
    const { lo, hi, descending } = cursor;
    let lower: "" | ">=" | ">" = lo === undefined ? "" : ">=";
    let upper: "" | "<" = hi === undefined ? "" : "<";
    const params: unknown[] = [];
    let lowerValue = lo;
    let upperValue = hi;
    if (after !== undefined) {
      if (descending) {
        upper = "<";
        upperValue = after;
      } else {
        lower = ">";
        lowerValue = after;
      }
    }
    const conditions: string[] = [];
    if (lower) {
      conditions.push(`key ${lower} ?`);
      params.push(lowerValue);
    }
    if (upper) {
      conditions.push(`key ${upper} ?`);
      params.push(upperValue);
    }
    params.push(limit);
    const sql =
      "SELECT key, value FROM kv" +
      (conditions.length ? ` WHERE ${conditions.join(" AND ")}` : "") +
      ` ORDER BY key ${descending ? "DESC" : "ASC"} LIMIT ?`;
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.guard("iterate", () => this.db!.prepare(sql).raw());
      this.statements.set(sql, statement);
    }
    return this.guard("iterate", () => statement.all(...params) as Row[]);
  }

  private releaseCursor(cursor: SqliteCursor): void {
    if (!cursor.ref) return;
    this.cursors.delete(cursor.ref);
    this.registry.unregister(cursor);
    cursor.ref = undefined;
  }

  /** The open connection; throws store.closed once the store is closed. */
  private connection(operation: string): Database.Database {
    if (!this.db) {
      throw new StoreError("store.closed", `${this.path}: the store is closed (${operation})`, {
        path: this.path,
        operation,
      });
    }
    return this.db;
  }

  /** Before a batch is applied: every open iterator keeps the pre-batch value of keys in its remaining range. */
  private preserveSnapshots(batch: KvWrite[]): void {
    if (this.cursors.size === 0) return;
    const live: SqliteCursor[] = [];
    for (const ref of this.cursors) {
      const cursor = ref.deref();
      if (cursor) live.push(cursor);
      else this.cursors.delete(ref);
    }
    if (live.length === 0) return;
    const before = new Map<string, Uint8Array | null>();
    for (const { key } of batch) {
      let k: string | undefined;
      for (const cursor of live) {
        if (!cursor.watches(key)) continue;
        k ??= toKey(key);
        if (cursor.preserved(k)) continue;
        let old = before.get(k);
        if (old === undefined) {
          const value = this.getStatement.get(key) as Buffer | undefined;
          old = value ? view(value) : null;
          before.set(k, old);
        }
        cursor.preserve(k, old);
      }
    }
  }

  private guard<T>(operation: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      throw storeError(err, operation, this.path);
    }
  }
}

/**
 * A snapshot iterator over a SqliteStore. It merges the table, read page by page after the last row it fetched,
 * with `saved`: the value each key written since the iterator's creation had at that moment (null: absent then).
 * A key in `saved` is taken from there, never from the table.
 */
interface CursorHost {
  check(): void;
  page(cursor: SqliteCursor, after: Uint8Array | undefined, limit: number): Row[];
  release(cursor: SqliteCursor): void;
}

class SqliteCursor implements KvIterator {
  ref: WeakRef<SqliteCursor> | undefined;
  private saved: BTree<Uint8Array | null> | undefined;
  private rows: Row[] = [];
  private index = 0;
  /** The last row fetched from the table (where the next page starts), and whether the table has no more. */
  private fetchedUpTo: Uint8Array | undefined;
  private tableDone = false;
  private pageSize = FIRST_PAGE;
  /** The last key yielded; the remaining range lies strictly beyond it. */
  private last: Uint8Array | undefined;
  private done = false;

  constructor(
    private readonly host: CursorHost,
    readonly lo: Uint8Array | undefined,
    readonly hi: Uint8Array | undefined,
    readonly descending: boolean,
  ) {
    if (lo !== undefined && hi !== undefined && compareBytes(lo, hi) >= 0) this.finish();
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<KvRecord, undefined> {
    if (this.done) return { done: true, value: undefined };
    this.host.check();
    const fromTable = this.nextRow();
    const fromSaved = this.nextSaved();
    let record: KvRecord;
    if (fromTable && (!fromSaved || this.before(fromTable[0], fromSaved.key))) {
      this.index++;
      record = { key: view(fromTable[0]), value: view(fromTable[1]) };
    } else if (fromSaved) {
      record = fromSaved;
    } else {
      this.finish();
      return { done: true, value: undefined };
    }
    this.last = record.key;
    return { done: false, value: record };
  }

  return(): IteratorResult<KvRecord, undefined> {
    this.finish();
    return { done: true, value: undefined };
  }

  /** Whether a write to `key` could change what this iterator has yet to yield. */
  watches(key: Uint8Array): boolean {
    if (this.done) return false;
    if (this.last !== undefined) {
      const c = compareBytes(key, this.last);
      if (this.descending ? c >= 0 : c <= 0) return false;
    }
    return (
      (this.lo === undefined || compareBytes(key, this.lo) >= 0) &&
      (this.hi === undefined || compareBytes(key, this.hi) < 0)
    );
  }

  preserved(key: string): boolean {
    return this.saved?.has(key) ?? false;
  }

  preserve(key: string, value: Uint8Array | null): void {
    (this.saved ??= new BTree()).set(key, value);
  }

  /** The next table row not superseded by a saved value, fetching pages as needed. */
  private nextRow(): Row | undefined {
    while (true) {
      if (this.index >= this.rows.length) {
        if (this.tableDone) return undefined;
        this.rows = this.host.page(this, this.fetchedUpTo, this.pageSize);
        this.index = 0;
        if (this.rows.length < this.pageSize) this.tableDone = true;
        this.pageSize = Math.min(this.pageSize * 2, MAX_PAGE);
        if (this.rows.length === 0) return undefined;
        this.fetchedUpTo = this.rows[this.rows.length - 1][0];
      }
      const row = this.rows[this.index];
      if (this.saved && this.saved.has(toKey(row[0]))) {
        this.index++;
        continue;
      }
      return row;
    }
  }

  /** The next saved key beyond `last` that existed at creation. */
  private nextSaved(): KvRecord | undefined {
    if (!this.saved || this.saved.size === 0) return undefined;
    let lo = this.lo && toKey(this.lo);
    let hi = this.hi && toKey(this.hi);
    if (this.last !== undefined) {
      if (this.descending) hi = toKey(this.last);
      else lo = toKey(this.last) + "\0"; // the smallest key after `last`
    }
    for (const [key, value] of this.saved.entries(lo, hi, this.descending)) {
      if (value !== null) return { key: fromKey(key), value };
    }
    return undefined;
  }

  private before(a: Uint8Array, b: Uint8Array): boolean {
    const c = compareBytes(a, b);
    return this.descending ? c > 0 : c < 0;
  }

  private finish(): void {
    this.done = true;
    this.rows = [];
    this.saved = undefined;
    this.host.release(this);
  }
}

/** Creates the schema in a new file, or checks that an existing file is a Plurigrid store this build can read. */
function initialise(db: Database.Database, path: string): void {
  // BEGIN IMMEDIATE takes the write lock now: with EXCLUSIVE locking a second process fails here, at open.
  db.exec("BEGIN IMMEDIATE");
  try {
    const applicationId = Number(db.pragma("application_id", { simple: true }));
    const version = Number(db.pragma("user_version", { simple: true }));
    const objects = Number(db.prepare("SELECT count(*) FROM sqlite_schema").pluck().get());
    if (applicationId === 0 && version === 0 && objects === 0) {
      db.exec("CREATE TABLE kv (key BLOB NOT NULL PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID");
      db.pragma(`application_id = ${SQLITE_APPLICATION_ID}`);
      db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
    } else if (applicationId !== SQLITE_APPLICATION_ID) {
      throw new StoreError("store.corrupt", `${path} is a SQLite database, but not a Plurigrid store`, {
        path,
        applicationId,
      });
    } else if (version > SQLITE_SCHEMA_VERSION) {
      throw new StoreError(
        "store.version",
        `${path} was written by a newer Plurigrid (store format ${version}; this build reads up to ${SQLITE_SCHEMA_VERSION})`,
        { path, version, supported: SQLITE_SCHEMA_VERSION },
      );
    } else {
      const table = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'kv'").pluck().get();
      if (typeof table !== "string") {
        throw new StoreError("store.corrupt", `${path} is marked as a Plurigrid store but has no kv table`, { path });
      }
    }
    db.exec("COMMIT");
  } catch (err) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw err;
  }
}

/** A plain Uint8Array over a Buffer's bytes (no copy): the store hands out Uint8Arrays, never Buffers. */
/**
 * The committed values of recently read keys, oldest first out beyond ENTRIES. Values above VALUE_LIMIT (contract
 * code) are not kept: they are read rarely and would crowd out the small hot entries.
 */
class ReadCache {
  private static readonly ENTRIES = 32_768;
  private static readonly VALUE_LIMIT = 16 * 1024;
  private readonly entries = new Map<string, Uint8Array | null>();

  get(key: string): Uint8Array | null | undefined {
    return this.entries.get(key);
  }

  /** After a read from the file. */
  remember(key: string, value: Uint8Array | null): void {
    if (value !== null && value.length > ReadCache.VALUE_LIMIT) return;
    if (this.entries.size >= ReadCache.ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
  }

  /** After a committed write: a key the cache holds takes its new value. */
  update(key: string, value: Uint8Array | null): void {
    if (!this.entries.has(key)) return;
    if (value !== null && value.length > ReadCache.VALUE_LIMIT) this.entries.delete(key);
    else this.entries.set(key, value);
  }
}

function view(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** Maps a SQLite (or better-sqlite3) failure to a typed StoreError; StoreErrors pass through. */
function storeError(err: unknown, operation: string, path: string): StoreError {
  if (err instanceof StoreError) return err;
  const sqliteCode = err instanceof Database.SqliteError ? err.code : undefined;
  const message = err instanceof Error ? err.message : String(err);
  const context = { path, operation, ...(sqliteCode ? { sqliteCode } : {}) };
  if (sqliteCode?.startsWith("SQLITE_BUSY") || sqliteCode?.startsWith("SQLITE_LOCKED")) {
    return new StoreError(
      "store.locked",
      `${path}: the store is in use by another connection or process (${operation}: ${message})`,
      context,
      err,
    );
  }
  if (sqliteCode?.startsWith("SQLITE_CORRUPT") || sqliteCode === "SQLITE_NOTADB") {
    return new StoreError(
      "store.corrupt",
      `${path}: the store file is damaged or not a database (${message})`,
      context,
      err,
    );
  }
  return new StoreError("store.io", `${path}: ${operation} failed: ${message}`, context, err);
}
