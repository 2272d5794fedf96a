import { panic } from "../abort";
import { utf8 } from "../memory";
import { Order, Storage, StorageIterator } from "../storage";
import { DecodeFn, decodeStored, encodeValue, loadValue, zeroOf } from "./codec";
import { Bound, concat, decodeKey, joinedKey, keyParts, Key, lengthPrefixedNested, rangeEnd, rangeStart } from "./keys";

/**
 * Values under keys of type K (string, an integer type, Uint8Array or a composite Key), laid out as
 * cw-storage-plus Map: `new Map<string, Uint128>("balances")`, `new Map<u64, Record>("records", Record.decode)`.
 */
export class Map<K, V> {
  /** The length-prefixed namespace every key of this map starts with. */
  readonly prefixBytes: Uint8Array;

  constructor(
    readonly namespace: string,
    private readonly decode: DecodeFn<V> | null = null,
  ) {
    this.prefixBytes = lengthPrefixedNested([utf8(namespace)]);
  }

  /** The full storage key of `key`. */
  key(key: K): Uint8Array {
    return concat([this.prefixBytes, joinedKey(keyParts<K>(key))]);
  }

  has(key: K): bool {
    return Storage.has(this.key(key));
  }

  save(key: K, value: V): void {
    Storage.set(this.key(key), encodeValue<V>(value));
  }

  /** The value; a VM error when there is none (use `loadOr`/`mayLoad` when that can happen). */
  load(key: K): V {
    const loaded = loadValue<V>(this.key(key), this.namespace, this.decode);
    if (!loaded.found) panic("Map `" + this.namespace + "` has no entry for the key");
    return loaded.value;
  }

  loadOr(key: K, fallback: V): V {
    const loaded = loadValue<V>(this.key(key), this.namespace, this.decode);
    return loaded.found ? loaded.value : fallback;
  }

  /** The value or null (for class and string values). */
  mayLoad(key: K): V | null {
    const loaded = loadValue<V>(this.key(key), this.namespace, this.decode);
    return loaded.found ? loaded.value : null;
  }

  remove(key: K): void {
    Storage.remove(this.key(key));
  }

  /** Entries with keys between `min` and `max` (null = unbounded) in key order; needs `requires_iterator`. */
  range(min: Bound | null, max: Bound | null, order: Order): MapIterator<K, V> {
    return new MapIterator<K, V>(this.prefixBytes, min, max, order, this.namespace, this.decode);
  }

  /**
   * The entries whose composite key starts with `prefix`; their keys (type S) are the remaining parts,
   * e.g. `balances.prefix<string>(Key.str(owner))` for a `Map<Key, V>` keyed by (owner, denom).
   */
  prefix<S>(prefix: Key): Prefix<S, V> {
    const components = new Array<Uint8Array>();
    components.push(utf8(this.namespace));
    for (let i = 0; i < prefix.parts.length; i++) components.push(prefix.parts[i]);
    return new Prefix<S, V>(lengthPrefixedNested(components), this.namespace, this.decode);
  }
}

/** The entries of a Map under a key prefix. */
export class Prefix<S, V> {
  constructor(
    readonly prefixBytes: Uint8Array,
    private readonly namespace: string,
    private readonly decode: DecodeFn<V> | null,
  ) {}

  range(min: Bound | null, max: Bound | null, order: Order): MapIterator<S, V> {
    return new MapIterator<S, V>(this.prefixBytes, min, max, order, this.namespace, this.decode);
  }
}

/** Walks a key range; `next()` moves to the next entry and returns false at the end. */
export class MapIterator<K, V> {
  private readonly inner: StorageIterator;
  /** The current key without the map's prefix. */
  rawKey: Uint8Array = new Uint8Array(0);
  private currentValue: V = zeroOf<V>();
  private rawValue: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly prefixBytes: Uint8Array,
    min: Bound | null,
    max: Bound | null,
    order: Order,
    private readonly namespace: string,
    private readonly decode: DecodeFn<V> | null,
  ) {
    this.inner = Storage.range(rangeStart(prefixBytes, min), rangeEnd(prefixBytes, max), order);
  }

  next(): bool {
    const record = this.inner.next();
    if (record == null) return false;
    this.rawKey = record.key.slice(this.prefixBytes.length);
    this.rawValue = record.value;
    this.currentValue = decodeStored<V>(
      record.value.dataStart,
      <usize>record.value.byteLength,
      this.namespace,
      this.decode,
    );
    return true;
  }

  /** The current key decoded as K. */
  get key(): K {
    return decodeKey<K>(this.rawKey);
  }

  get value(): V {
    return this.currentValue;
  }

  /** The current value's stored JSON bytes. */
  get valueBytes(): Uint8Array {
    return this.rawValue;
  }
}
