import type { KvRecord, Order, Storage } from "../backend.js";

/**
 * An in-memory Storage with byte-wise ordered iteration and snapshot iterators. Keys are held as latin1 strings
 * (one char per byte), whose JS ordering is exactly byte-wise ordering. An open iterator keeps the map and the
 * sorted key list it started with; the next write copies them first (copy-on-write), so iterators never see
 * writes made after they were created.
 */
export class MemoryStorage implements Storage {
  private data = new Map<string, Uint8Array>();
  private sorted: string[] | undefined = [];
  private shared = false;

  get(key: Uint8Array): Uint8Array | undefined {
    return this.data.get(toKey(key));
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.unshare();
    const k = toKey(key);
    if (!this.data.has(k)) this.sorted = undefined;
    this.data.set(k, value.slice());
  }

  remove(key: Uint8Array): void {
    this.unshare();
    if (this.data.delete(toKey(key))) this.sorted = undefined;
  }

  range(start: Uint8Array | undefined, end: Uint8Array | undefined, order: Order): Iterator<KvRecord> {
    const keys = this.sortedKeys();
    const data = this.data;
    this.shared = true;
    const lo = start === undefined ? 0 : lowerBound(keys, toKey(start));
    const hi = end === undefined ? keys.length : lowerBound(keys, toKey(end));
    let i = order === "ascending" ? lo : hi - 1;
    const step = order === "ascending" ? 1 : -1;
    return {
      next(): IteratorResult<KvRecord> {
        if (i < lo || i >= hi) return { done: true, value: undefined };
        const k = keys[i];
        i += step;
        return { done: false, value: { key: fromKey(k), value: data.get(k)! } };
      },
    };
  }

  /** All records in key order (for tests and dumps). */
  entries(): KvRecord[] {
    return this.sortedKeys().map((k) => ({ key: fromKey(k), value: this.data.get(k)! }));
  }

  get size(): number {
    return this.data.size;
  }

  private sortedKeys(): string[] {
    if (!this.sorted) this.sorted = [...this.data.keys()].sort();
    return this.sorted;
  }

  private unshare(): void {
    if (!this.shared) return;
    this.data = new Map(this.data);
    this.shared = false;
  }
}

function toKey(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

function fromKey(key: string): Uint8Array {
  return new Uint8Array(Buffer.from(key, "latin1"));
}

function lowerBound(keys: string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
