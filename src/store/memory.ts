import { BTree, walk } from "./btree.js";
import { checkBytes, copyBytes, checkOptionalBytes, checkOrder, fromKey, toKey, validateBatch } from "./bytes.js";
import type { KvIterator, KvRecord, KvStore, KvWrite, Order } from "./kv.js";

/**
 * An in-memory KvStore on a copy-on-write B+ tree: O(log n) reads and writes, O(1) snapshot iterators. Used in tests,
 * as a scratch store, and as the model of what every other store must do.
 */
export class MemoryKv implements KvStore {
  private readonly tree = new BTree<Uint8Array>();

  get size(): number {
    return this.tree.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    checkBytes(key, "key");
    return this.tree.get(toKey(key));
  }

  has(key: Uint8Array): boolean {
    checkBytes(key, "key");
    return this.tree.has(toKey(key));
  }

  set(key: Uint8Array, value: Uint8Array): void {
    checkBytes(key, "key");
    checkBytes(value, "value");
    this.tree.set(toKey(key), copyBytes(value));
  }

  delete(key: Uint8Array): void {
    checkBytes(key, "key");
    this.tree.delete(toKey(key));
  }

  commit(writes: Iterable<KvWrite>): void {
    const batch = validateBatch(writes); // validate everything first: all or nothing
    for (const { key, value } of batch) {
      if (value === undefined) this.tree.delete(toKey(key));
      else this.tree.set(toKey(key), copyBytes(value));
    }
  }

  iterate(start?: Uint8Array, end?: Uint8Array, order: Order = "ascending"): KvIterator {
    checkOptionalBytes(start, "start");
    checkOptionalBytes(end, "end");
    checkOrder(order);
    const snapshot = this.tree.snapshot(); // taken now, not at the first next()
    return records(walk(snapshot, start && toKey(start), end && toKey(end), order === "descending"));
  }
}

function* records(entries: Iterable<[string, Uint8Array]>): Generator<KvRecord> {
  for (const [key, value] of entries) yield { key: fromKey(key), value };
}
