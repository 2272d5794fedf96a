/**
 * The key-value interfaces of the store layer. Keys and values are byte strings; keys are ordered byte-wise
 * (lexicographically by unsigned byte, a proper prefix before its extensions: [] < [0] < [0,0] < [1] < [1,0] < [255]).
 *
 * These shapes match the contract engine's `Storage` (src/vm/backend.ts) structurally, so a store view can be handed
 * to the VM without the store layer depending on it.
 */

export type Order = "ascending" | "descending";

export interface KvRecord {
  key: Uint8Array;
  value: Uint8Array;
}

/** One entry of a batch: `value: undefined` deletes the key. */
export interface KvWrite {
  key: Uint8Array;
  value: Uint8Array | undefined;
}

/** An iterator over records; `return()` releases it early (optional: an abandoned iterator is also fine). */
export type KvIterator = IterableIterator<KvRecord>;

export interface KvReader {
  /** The value under `key`, or undefined. The returned bytes belong to the store: do not mutate them. */
  get(key: Uint8Array): Uint8Array | undefined;
  has(key: Uint8Array): boolean;
  /**
   * Records with start <= key < end (undefined = unbounded on that side), in byte-wise key order or its reverse.
   * start >= end yields nothing. The iterator is a snapshot: it yields the records as they were when `iterate` was
   * called, whatever is written while it is open (cosmwasm-vm's iterator semantics, which contracts rely on).
   */
  iterate(start?: Uint8Array, end?: Uint8Array, order?: Order): KvIterator;
}

export interface KvStore extends KvReader {
  /** Stores a copy of `value` under `key`; later changes to the caller's arrays do not reach the store. */
  set(key: Uint8Array, value: Uint8Array): void;
  /** Removes `key`; removing an absent key is a no-op. */
  delete(key: Uint8Array): void;
  /**
   * Applies every write of the batch as one unit, in order (a later write to the same key wins): all of them or,
   * when it throws, none of them. For SqliteStore that is one SQLite transaction, durable when it returns.
   */
  commit(writes: Iterable<KvWrite>): void;
}
