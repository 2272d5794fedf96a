import { checkBytes, copyBytes, concatBytes, prefixEnd } from "./bytes.js";
import type { KvIterator, KvRecord, KvStore, KvWrite, Order } from "./kv.js";

const EMPTY = new Uint8Array(0);

/**
 * A KvStore view of the keys of `inner` that start with `namespace`, with the namespace stripped: `get(k)` reads
 * `namespace ‖ k`, iteration stays inside the prefix's range. It also has the contract engine's Storage methods
 * (`remove`, `range`), so a contract's state can live under e.g. `wasm/contract-state/<addr>/` of a cache branch.
 */
export class PrefixKv implements KvStore {
  readonly namespace: Uint8Array;
  private readonly end: Uint8Array | undefined;

  /** A string namespace is taken as its UTF-8 bytes. */
  constructor(
    readonly inner: KvStore,
    namespace: Uint8Array | string,
  ) {
    if (typeof namespace === "string") namespace = new TextEncoder().encode(namespace);
    checkBytes(namespace, "namespace");
    this.namespace = copyBytes(namespace);
    this.end = prefixEnd(this.namespace);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.inner.get(this.full(key));
  }

  has(key: Uint8Array): boolean {
    return this.inner.has(this.full(key));
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.inner.set(this.full(key), value);
  }

  delete(key: Uint8Array): void {
    this.inner.delete(this.full(key));
  }

  commit(writes: Iterable<KvWrite>): void {
    const batch: KvWrite[] = [];
    for (const w of writes) batch.push({ key: this.full(w?.key), value: w.value });
    this.inner.commit(batch);
  }

  iterate(start?: Uint8Array, end?: Uint8Array, order: Order = "ascending"): KvIterator {
    const lo = this.full(start ?? EMPTY);
    const hi = end === undefined ? this.end : this.full(end);
    return strip(this.inner.iterate(lo, hi, order), this.namespace.length);
  }

  /** Storage (src/vm/backend.ts): `delete` under the VM's name. */
  remove(key: Uint8Array): void {
    this.delete(key);
  }

  /** Storage (src/vm/backend.ts): `iterate` under the VM's name, with the same snapshot semantics. */
  range(start: Uint8Array | undefined, end: Uint8Array | undefined, order: Order): KvIterator {
    return this.iterate(start, end, order);
  }

  /** A nested view: `view.prefix(a).prefix(b)` is the view under `a ‖ b`. */
  prefix(namespace: Uint8Array | string): PrefixKv {
    if (typeof namespace === "string") namespace = new TextEncoder().encode(namespace);
    checkBytes(namespace, "namespace");
    return new PrefixKv(this.inner, concatBytes(this.namespace, namespace));
  }

  private full(key: Uint8Array | undefined): Uint8Array {
    checkBytes(key, "key");
    return concatBytes(this.namespace, key);
  }
}

function* strip(records: Iterator<KvRecord>, n: number): Generator<KvRecord> {
  try {
    for (let r = records.next(); !r.done; r = records.next())
      yield { key: r.value.key.subarray(n), value: r.value.value };
  } finally {
    records.return?.();
  }
}
