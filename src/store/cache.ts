import { BTree, walk } from "./btree.js";
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
import type { KvIterator, KvRecord, KvStore, KvWrite, Order } from "./kv.js";
import { PrefixKv } from "./prefix.js";

/**
 * A cache branch over any KvStore (the committed store, or another branch): writes and deletes stay pending here,
 * in a sorted copy-on-write tree, until `write()` hands them to the parent as one batch, or `discard()` drops them.
 * Reads see the pending writes over the parent: a pending delete hides the parent's entry, a pending write replaces
 * it. Branches nest — block → transaction → message → contract call — so each level commits or rolls back alone.
 *
 * The branch does not isolate its reader from the parent: a write that reaches the parent directly (not through
 * this branch) is visible here for every key this branch has not written itself, as in the Cosmos SDK's cachekv.
 */
export class CacheKv implements KvStore {
  /** Pending changes: a value, or null for a delete. */
  private pending = new BTree<Uint8Array | null>();

  constructor(readonly parent: KvStore) {}

  /** Number of pending writes and deletes. */
  get pendingSize(): number {
    return this.pending.size;
  }

  get(key: Uint8Array): Uint8Array | undefined {
    checkBytes(key, "key");
    const value = this.pending.get(toKey(key));
    if (value !== undefined) return value ?? undefined;
    return this.parent.get(key);
  }

  has(key: Uint8Array): boolean {
    checkBytes(key, "key");
    const value = this.pending.get(toKey(key));
    if (value !== undefined) return value !== null;
    return this.parent.has(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    checkBytes(key, "key");
    checkBytes(value, "value");
    this.pending.set(toKey(key), copyBytes(value));
  }

  delete(key: Uint8Array): void {
    checkBytes(key, "key");
    this.pending.set(toKey(key), null);
  }

  /** Adds a batch to the pending writes (all of it, or nothing when an entry is invalid). */
  commit(writes: Iterable<KvWrite>): void {
    for (const { key, value } of validateBatch(writes)) this.pending.set(toKey(key), value ? copyBytes(value) : null);
  }

  iterate(start?: Uint8Array, end?: Uint8Array, order: Order = "ascending"): KvIterator {
    checkOptionalBytes(start, "start");
    checkOptionalBytes(end, "end");
    checkOrder(order);
    // Both sides are snapshots taken now: the pending tree's root, and the parent's own snapshot iterator.
    const pending = walk(this.pending.snapshot(), start && toKey(start), end && toKey(end), order === "descending");
    const parent = this.parent.iterate(start, end, order);
    return merge(parent, pending, order === "descending");
  }

  /** A new branch on top of this one. */
  branch(): CacheKv {
    return new CacheKv(this);
  }

  /** The pending writes in ascending key order (deletes have `value: undefined`). */
  changes(): KvWrite[] {
    const out: KvWrite[] = [];
    for (const [key, value] of this.pending.entries(undefined, undefined)) {
      out.push({ key: fromKey(key), value: value ?? undefined });
    }
    return out;
  }

  /**
   * Hands the pending writes to the parent as one batch (`parent.commit`), then empties this branch, which stays
   * usable. If the parent refuses the batch (it throws), nothing is applied and the writes stay pending here.
   */
  write(): void {
    if (this.pending.size === 0) return;
    this.parent.commit(this.changes());
    this.pending.clear();
  }

  /** Drops the pending writes; the branch stays usable and reads through to the parent again. */
  discard(): void {
    this.pending.clear();
  }

  /** A view of this branch under a key prefix, e.g. a contract's state; it implements the VM's Storage interface. */
  prefix(namespace: Uint8Array | string): PrefixKv {
    return new PrefixKv(this, namespace);
  }
}

/** Merges a parent iterator with pending entries (same bounds and order); pending entries win, null hides. */
function* merge(
  parent: Iterator<KvRecord>,
  pending: Iterator<[string, Uint8Array | null]>,
  descending: boolean,
): Generator<KvRecord> {
  try {
    let p = parent.next();
    let c = pending.next();
    let cKey = c.done ? undefined : fromKey(c.value[0]);
    while (!p.done || !c.done) {
      let cmp: number;
      if (c.done) cmp = -1;
      else if (p.done) cmp = 1;
      else cmp = descending ? compareBytes(cKey!, p.value.key) : compareBytes(p.value.key, cKey!);
      if (cmp < 0) {
        yield p.value as KvRecord;
        p = parent.next();
        continue;
      }
      if (cmp === 0) p = parent.next(); // shadowed by the pending entry
      const value = (c.value as [string, Uint8Array | null])[1];
      if (value !== null) yield { key: cKey!, value };
      c = pending.next();
      cKey = c.done ? undefined : fromKey(c.value[0]);
    }
  } finally {
    parent.return?.(); // release the parent's iterator when this one is closed early
  }
}
