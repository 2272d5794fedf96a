import { panic } from "./abort";
import * as host from "./env";
import {
  borrowRegion,
  consumeRegion,
  releaseBorrowedRegion,
  releaseRegion,
  regionLength,
  regionOffset,
} from "./memory";

/** Iteration order of `Storage.range`; the values are those of the `db_scan` ABI. */
export enum Order {
  Ascending = 1,
  Descending = 2,
}

/** One key-value pair from an iterator. */
export class KvRecord {
  constructor(
    readonly key: Uint8Array,
    readonly value: Uint8Array,
  ) {}
}

/**
 * The contract's key-value store (the `db_*` host functions). Writes are refused during queries (a VM error).
 * Most contracts use `Item` and `Map` (state/) on top of it.
 */
export class Storage {
  /** The value stored under `key`, or null. */
  static get(key: Uint8Array): Uint8Array | null {
    const region = Storage.getRegion(key);
    return region != 0 ? consumeRegion(region) : null;
  }

  /** The host's region holding the value of `key` (0 when missing): parse it in place, then `releaseRegion` it. */
  static getRegion(key: Uint8Array): usize {
    const k = borrowRegion(key);
    const region = host.db_read(k);
    releaseBorrowedRegion(k);
    return region;
  }

  static has(key: Uint8Array): bool {
    const region = Storage.getRegion(key);
    if (region == 0) return false;
    releaseRegion(region);
    return true;
  }

  /** Stores `value` under `key`. Empty values are refused as in cosmwasm-std (they read back like a missing key). */
  static set(key: Uint8Array, value: Uint8Array): void {
    if (value.byteLength == 0) panic("Value must not be empty in Storage::set; use Storage.remove instead");
    const k = borrowRegion(key);
    const v = borrowRegion(value);
    host.db_write(k, v);
    releaseBorrowedRegion(v);
    releaseBorrowedRegion(k);
  }

  static remove(key: Uint8Array): void {
    const k = borrowRegion(key);
    host.db_remove(k);
    releaseBorrowedRegion(k);
  }

  /**
   * Iterates over keys in [start, end) (null = unbounded) in the given order. The iterator is a snapshot: later
   * writes do not show up in it. Needs the `iterator` capability (`requires_iterator`).
   */
  static range(start: Uint8Array | null, end: Uint8Array | null, order: Order): StorageIterator {
    const s = start != null ? borrowRegion(start) : 0;
    const e = end != null ? borrowRegion(end) : 0;
    const id = host.db_scan(s, e, <i32>order);
    if (e != 0) releaseBorrowedRegion(e);
    if (s != 0) releaseBorrowedRegion(s);
    return new StorageIterator(id);
  }
}

/** An open `db_scan` iterator. */
export class StorageIterator {
  constructor(readonly id: u32) {}

  /** The next record, or null at the end. */
  next(): KvRecord | null {
    const region = host.db_next(this.id);
    // Sections: key ‖ len(key) ‖ value ‖ len(value), lengths big-endian u32; the end is two empty sections.
    const start = regionOffset(region);
    const end = start + regionLength(region);
    const valueLength = <usize>bswap<u32>(load<u32>(end - 4));
    const valueStart = end - 4 - valueLength;
    const keyLength = <usize>bswap<u32>(load<u32>(valueStart - 4));
    if (keyLength == 0) {
      releaseRegion(region);
      return null;
    }
    const key = new Uint8Array(<i32>keyLength);
    memory.copy(key.dataStart, start, keyLength);
    const value = new Uint8Array(<i32>valueLength);
    memory.copy(value.dataStart, valueStart, valueLength);
    releaseRegion(region);
    return new KvRecord(key, value);
  }

  /** The next key only, or null at the end (`db_next_key`; needs `requires_cosmwasm_1_4`). */
  nextKey(): Uint8Array | null {
    const region = host.db_next_key(this.id);
    return region != 0 ? consumeRegion(region) : null;
  }

  /** The next value only, or null at the end (`db_next_value`; needs `requires_cosmwasm_1_4`). */
  nextValue(): Uint8Array | null {
    const region = host.db_next_value(this.id);
    return region != 0 ? consumeRegion(region) : null;
  }
}
