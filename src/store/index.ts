/**
 * The store layer: ordered byte-wise KV stores, cache branches and the SQLite backend the node commits blocks to.
 */
export type { KvIterator, KvReader, KvRecord, KvStore, KvWrite, Order } from "./kv.js";
export { StoreError, type StoreErrorCode } from "./errors.js";
export { MemoryKv } from "./memory.js";
export { CacheKv } from "./cache.js";
export { PrefixKv } from "./prefix.js";
export {
  SqliteStore,
  SQLITE_APPLICATION_ID,
  SQLITE_SCHEMA_VERSION,
  type SqliteStoreOptions,
  type SqliteStoreSettings,
  type Synchronous,
} from "./sqlite.js";
export { compareBytes, prefixEnd } from "./bytes.js";
