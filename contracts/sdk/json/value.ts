import { copyBytes } from "../memory";

export enum JsonKind {
  Null,
  Bool,
  Number,
  String,
  Array,
  Object,
}

/**
 * A parsed JSON value. It keeps the span of its source text, so strings and numbers are only converted when
 * asked for and any value can be passed on byte for byte (`raw()`), e.g. a message recorded exactly as the host
 * delivered it. The source must stay alive while the value is used: arguments and storage reads do.
 */
export class JsonValue {
  /** Object keys, in source order (objects only). */
  keys: Array<string> | null = null;
  /** Array elements, or object values parallel to `keys`. */
  items: Array<JsonValue> | null = null;

  constructor(
    readonly kind: JsonKind,
    /** First byte of the value's source text. */
    readonly start: usize,
    /** One past its last byte. */
    readonly end: usize,
    /** Bool: the value. String: contains escapes. Number: is an integer (no fraction or exponent). */
    readonly flag: bool,
  ) {}

  get isNull(): bool {
    return this.kind == JsonKind.Null;
  }

  get isObject(): bool {
    return this.kind == JsonKind.Object;
  }

  get isArray(): bool {
    return this.kind == JsonKind.Array;
  }

  get isString(): bool {
    return this.kind == JsonKind.String;
  }

  get isNumber(): bool {
    return this.kind == JsonKind.Number;
  }

  get isBool(): bool {
    return this.kind == JsonKind.Bool;
  }

  /** Number of array elements or object entries; 0 otherwise. */
  get length(): i32 {
    const items = this.items;
    return items != null ? items.length : 0;
  }

  /** The value of `key` in an object (the first one if repeated); null when absent or not an object. */
  get(key: string): JsonValue | null {
    const keys = this.keys;
    if (keys == null) return null;
    for (let i = 0; i < keys.length; i++) {
      if (unchecked(keys[i]) == key) return unchecked(this.items![i]);
    }
    return null;
  }

  /** Element `index` of an array or the value of entry `index` of an object. */
  at(index: i32): JsonValue {
    return this.items![index];
  }

  /** The boolean (false unless a Bool). */
  toBool(): bool {
    return this.kind == JsonKind.Bool && this.flag;
  }

  /** The decoded string ("" unless a String). */
  toStr(): string {
    if (this.kind != JsonKind.String) return "";
    const from = this.start + 1;
    const to = this.end - 1;
    return this.flag ? unescape(from, to) : String.UTF8.decodeUnsafe(from, to - from);
  }

  /** True for an integer literal in the range of u64. */
  get isU64(): bool {
    return (
      this.kind == JsonKind.Number &&
      this.flag &&
      load<u8>(this.start) != 0x2d &&
      digitsFit(this.start, this.end, u64.MAX_VALUE)
    );
  }

  /** True for an integer literal in the range of i64. */
  get isI64(): bool {
    if (this.kind != JsonKind.Number || !this.flag) return false;
    const negative = load<u8>(this.start) == 0x2d;
    return digitsFit(
      negative ? this.start + 1 : this.start,
      this.end,
      negative ? <u64>i64.MAX_VALUE + 1 : <u64>i64.MAX_VALUE,
    );
  }

  /** The integer value (check `isU64` first). */
  toU64(): u64 {
    return parseDigits(this.start, this.end);
  }

  /** The integer value (check `isI64` first). */
  toI64(): i64 {
    if (load<u8>(this.start) == 0x2d) return -(<i64>parseDigits(this.start + 1, this.end));
    return <i64>parseDigits(this.start, this.end);
  }

  /** The number as f64 (NaN unless a Number). */
  toF64(): f64 {
    if (this.kind != JsonKind.Number) return NaN;
    return parseFloat(this.rawText());
  }

  /** A copy of the value's exact source bytes. */
  raw(): Uint8Array {
    return copyBytes(this.start, this.end - this.start);
  }

  /** The value's exact source text. */
  rawText(): string {
    return String.UTF8.decodeUnsafe(this.start, this.end - this.start);
  }
}

function parseDigits(from: usize, to: usize): u64 {
  let n: u64 = 0;
  for (let p = from; p < to; p++) n = n * 10 + <u64>(load<u8>(p) - 0x30);
  return n;
}

/** Whether the decimal digits in [from, to) denote a value ≤ max, without overflowing. */
function digitsFit(from: usize, to: usize, max: u64): bool {
  let n: u64 = 0;
  for (let p = from; p < to; p++) {
    const digit = <u64>(load<u8>(p) - 0x30);
    if (n > (max - digit) / 10) return false;
    n = n * 10 + digit;
  }
  return true;
}

function hexValue(c: u32): u32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return c - 0x37; // A-F; the parser has validated the digits
}

export function hex4(p: usize): u32 {
  return (
    (hexValue(load<u8>(p)) << 12) |
    (hexValue(load<u8>(p + 1)) << 8) |
    (hexValue(load<u8>(p + 2)) << 4) |
    hexValue(load<u8>(p + 3))
  );
}

/** Decodes a validated string body with escapes: UTF-8 bytes are copied, escapes become UTF-8 again. */
function unescape(from: usize, to: usize): string {
  const buffer = heap.alloc(to - from); // the decoded form is never longer than the escaped one
  let out = buffer;
  let p = from;
  while (p < to) {
    const c = load<u8>(p);
    if (c != 0x5c) {
      store<u8>(out++, c);
      p++;
      continue;
    }
    const e = load<u8>(p + 1);
    p += 2;
    if (e == 0x75) {
      let code = hex4(p);
      p += 4;
      if (code >= 0xd800 && code < 0xdc00) {
        code = 0x10000 + ((code - 0xd800) << 10) + (hex4(p + 2) - 0xdc00);
        p += 6;
      }
      out = writeUtf8(out, code);
    } else {
      let byte: u8 = e; // '"', '\\' and '/' stand for themselves
      if (e == 0x62) byte = 0x08;
      else if (e == 0x66) byte = 0x0c;
      else if (e == 0x6e) byte = 0x0a;
      else if (e == 0x72) byte = 0x0d;
      else if (e == 0x74) byte = 0x09;
      store<u8>(out++, byte);
    }
  }
  const text = String.UTF8.decodeUnsafe(buffer, out - buffer);
  heap.free(buffer);
  return text;
}

/** Writes code point `code` as UTF-8 at `out`; returns the position after it. */
export function writeUtf8(out: usize, code: u32): usize {
  if (code < 0x80) {
    store<u8>(out, <u8>code);
    return out + 1;
  }
  if (code < 0x800) {
    store<u8>(out, <u8>(0xc0 | (code >> 6)));
    store<u8>(out + 1, <u8>(0x80 | (code & 0x3f)));
    return out + 2;
  }
  if (code < 0x10000) {
    store<u8>(out, <u8>(0xe0 | (code >> 12)));
    store<u8>(out + 1, <u8>(0x80 | ((code >> 6) & 0x3f)));
    store<u8>(out + 2, <u8>(0x80 | (code & 0x3f)));
    return out + 3;
  }
  store<u8>(out, <u8>(0xf0 | (code >> 18)));
  store<u8>(out + 1, <u8>(0x80 | ((code >> 12) & 0x3f)));
  store<u8>(out + 2, <u8>(0x80 | ((code >> 6) & 0x3f)));
  store<u8>(out + 3, <u8>(0x80 | (code & 0x3f)));
  return out + 4;
}
