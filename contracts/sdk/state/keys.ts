import { panic } from "../abort";
import { fromUtf8, utf8 } from "../memory";

/**
 * Storage keys laid out exactly as cw-storage-plus lays them out, so raw-state queries and migrations see the
 * same bytes as for a Rust contract:
 * - Item: the namespace bytes themselves.
 * - Map: length-prefixed namespace (u16 big-endian length, then the bytes), then the key; in a composite key
 *   every part but the last is length-prefixed too.
 * - Integers: big-endian; signed integers with the sign bit flipped so that byte order is numeric order.
 */

/** A composite key (cw-storage-plus tuple keys): `Key.str(owner).u64(id)`. */
export class Key {
  readonly parts: Uint8Array[] = new Array<Uint8Array>();

  static str(value: string): Key {
    return new Key().str(value);
  }

  static u64(value: u64): Key {
    return new Key().u64(value);
  }

  static bytes(value: Uint8Array): Key {
    return new Key().bytes(value);
  }

  str(value: string): Key {
    this.parts.push(utf8(value));
    return this;
  }

  u64(value: u64): Key {
    this.parts.push(intKey<u64>(value));
    return this;
  }

  u32(value: u32): Key {
    this.parts.push(intKey<u32>(value));
    return this;
  }

  i64(value: i64): Key {
    this.parts.push(intKey<i64>(value));
    return this;
  }

  bytes(value: Uint8Array): Key {
    this.parts.push(value);
    return this;
  }

  /** Splits a raw composite key of `arity` parts (e.g. a key returned by `Map.range`). */
  static split(raw: Uint8Array, arity: i32): Key {
    const key = new Key();
    let p = 0;
    for (let i = 0; i < arity - 1; i++) {
      if (p + 2 > raw.length) panic("composite key too short");
      const length = ((<i32>raw[p]) << 8) | (<i32>raw[p + 1]);
      key.parts.push(raw.slice(p + 2, p + 2 + length));
      p += 2 + length;
    }
    key.parts.push(raw.slice(p));
    return key;
  }

  partString(index: i32): string {
    return fromUtf8(this.parts[index]);
  }

  partU64(index: i32): u64 {
    return decodeInt<u64>(this.parts[index]);
  }
}

/** Big-endian bytes of an integer; signed values with the sign bit flipped. */
export function intKey<T>(value: T): Uint8Array {
  const size = sizeof<T>();
  const out = new Uint8Array(<i32>size);
  let bits = <u64>value;
  if (isSigned<T>()) bits ^= (<u64>1) << (<u64>size * 8 - 1);
  for (let i: i32 = <i32>size - 1; i >= 0; i--) {
    out[i] = <u8>bits;
    bits >>= 8;
  }
  return out;
}

export function decodeInt<T>(bytes: Uint8Array): T {
  const size = <i32>sizeof<T>();
  if (bytes.length != size) panic("integer key of " + bytes.length.toString() + " bytes, expected " + size.toString());
  let bits: u64 = 0;
  for (let i = 0; i < size; i++) bits = (bits << 8) | (<u64>bytes[i]);
  if (isSigned<T>()) bits ^= (<u64>1) << (<u64>size * 8 - 1);
  return <T>bits;
}

/** The parts of a key of type K: string, integer, Uint8Array or Key. */
export function keyParts<K>(key: K): Uint8Array[] {
  if (isString<K>()) return [utf8(changetype<string>(key))];
  if (isInteger<K>()) return [intKey<K>(key)];
  if (idof<K>() == idof<Uint8Array>()) return [changetype<Uint8Array>(key)];
  if (idof<K>() == idof<Key>()) return changetype<Key>(key).parts;
  panic("Map keys must be string, an integer type, Uint8Array or Key");
  return [];
}

/** Reads a key of type K back from its raw bytes (a Key keeps the raw bytes as one part: use Key.split). */
export function decodeKey<K>(raw: Uint8Array): K {
  if (isString<K>()) return changetype<K>(fromUtf8(raw));
  if (isInteger<K>()) return decodeInt<K>(raw);
  if (idof<K>() == idof<Uint8Array>()) return changetype<K>(raw);
  if (idof<K>() == idof<Key>()) return changetype<K>(Key.bytes(raw));
  panic("Map keys must be string, an integer type, Uint8Array or Key");
  return changetype<K>(0);
}

/** Concatenates byte arrays. */
export function concat(parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (let i = 0; i < parts.length; i++) total += parts[i].length;
  const out = new Uint8Array(total);
  let p = 0;
  for (let i = 0; i < parts.length; i++) {
    out.set(parts[i], p);
    p += parts[i].length;
  }
  return out;
}

function lengthPrefix(part: Uint8Array): Uint8Array {
  if (part.length > 0xffff) panic("only supports namespace components up to length 0xFFFF");
  const prefix = new Uint8Array(2);
  prefix[0] = <u8>(part.length >> 8);
  prefix[1] = <u8>part.length;
  return prefix;
}

/** Every component length-prefixed (cosmwasm-std to_length_prefixed_nested). */
export function lengthPrefixedNested(components: Uint8Array[]): Uint8Array {
  const pieces = new Array<Uint8Array>();
  for (let i = 0; i < components.length; i++) {
    pieces.push(lengthPrefix(components[i]));
    pieces.push(components[i]);
  }
  return concat(pieces);
}

/** A key with all but its last part length-prefixed (cw-storage-plus joined_key). */
export function joinedKey(parts: Uint8Array[]): Uint8Array {
  if (parts.length == 0) return new Uint8Array(0);
  const head = lengthPrefixedNested(parts.slice(0, parts.length - 1));
  return concat([head, parts[parts.length - 1]]);
}

/** The same bytes with the last byte incremented, carrying over 0xff (the end of a prefix range). */
export function incrementLastByte(input: Uint8Array): Uint8Array {
  const out = input.slice(0);
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] == 0xff) out[i] = 0;
    else {
      out[i]++;
      break;
    }
  }
  return out;
}

/** One end of a key range: the key's joined bytes and whether the key itself is included. */
export class Bound {
  constructor(
    readonly raw: Uint8Array,
    readonly inclusive: bool,
  ) {}

  static inclusive<K>(key: K): Bound {
    return new Bound(joinedKey(keyParts<K>(key)), true);
  }

  static exclusive<K>(key: K): Bound {
    return new Bound(joinedKey(keyParts<K>(key)), false);
  }
}

const ZERO = new Uint8Array(1);

/** The storage key where a range over `prefix` starts (cw-storage-plus calc_start_bound). */
export function rangeStart(prefix: Uint8Array, bound: Bound | null): Uint8Array {
  if (bound == null) return prefix;
  return bound.inclusive ? concat([prefix, bound.raw]) : concat([prefix, bound.raw, ZERO]);
}

/** The storage key where a range over `prefix` ends, exclusive (cw-storage-plus calc_end_bound). */
export function rangeEnd(prefix: Uint8Array, bound: Bound | null): Uint8Array {
  if (bound == null) return incrementLastByte(prefix);
  return bound.inclusive ? concat([prefix, bound.raw, ZERO]) : concat([prefix, bound.raw]);
}
