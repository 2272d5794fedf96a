import { WasmParseError } from "./errors.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A cursor over wasm bytes. Every read checks bounds against `end` and throws a {@link WasmParseError}
 * (`wasm.truncated`, `wasm.bad_leb128`, `wasm.bad_utf8`) instead of returning garbage. Offsets are absolute
 * positions in `bytes`, so a reader over a section reports positions in the whole module.
 */
export class WasmReader {
  readonly bytes: Uint8Array;
  /** Absolute offset of the next byte to read. */
  pos: number;
  /** Absolute offset one past the last readable byte. */
  readonly end: number;

  constructor(bytes: Uint8Array, pos = 0, end = bytes.length) {
    if (pos < 0 || end > bytes.length || pos > end) throw new RangeError(`bad reader window [${pos}, ${end})`);
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  /** Fails with `wasm.truncated` unless `n` more bytes are readable. */
  need(n: number, what = "data"): void {
    if (this.end - this.pos < n)
      throw new WasmParseError(
        "wasm.truncated",
        `unexpected end of input while reading ${what}: need ${n} byte(s), ${this.end - this.pos} left`,
        this.pos,
      );
  }

  u8(what = "byte"): number {
    if (this.pos >= this.end) this.need(1, what);
    return this.bytes[this.pos++]!;
  }

  peekU8(what = "byte"): number {
    if (this.pos >= this.end) this.need(1, what);
    return this.bytes[this.pos]!;
  }

  /** Unsigned LEB128, at most 5 bytes, value < 2^32. */
  u32(what = "u32"): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) this.truncatedLeb(what, start);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if (b & 0x80) this.badLeb(what, start, "longer than 5 bytes");
        if (b & 0x70) this.badLeb(what, start, "value does not fit in 32 bits");
      }
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
    }
    /* c8 ignore next */
    return this.badLeb(what, start, "longer than 5 bytes");
  }

  /** Signed LEB128, at most 5 bytes, value in [-2^31, 2^31). */
  i32(what = "i32"): number {
    const start = this.pos;
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) this.truncatedLeb(what, start);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if (b & 0x80) this.badLeb(what, start, "longer than 5 bytes");
        // Bits 3..6 of the last byte must all equal the sign bit (bit 3).
        const high = b & 0x78;
        if (high !== 0 && high !== 0x78) this.badLeb(what, start, "value does not fit in 32 bits");
        result |= (b & 0x0f) << 28;
        return result | 0;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result |= -1 << shift;
        return result | 0;
      }
    }
    /* c8 ignore next */
    return this.badLeb(what, start, "longer than 5 bytes");
  }

  /** Signed LEB128 of 33 bits (block types), as a number. */
  s33(what = "s33"): number {
    const start = this.pos;
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 5; i++) {
      if (this.pos >= this.end) this.truncatedLeb(what, start);
      const b = this.bytes[this.pos++]!;
      if (i === 4) {
        if (b & 0x80) this.badLeb(what, start, "longer than 5 bytes");
        const high = b & 0x70;
        if (high !== 0 && high !== 0x70) this.badLeb(what, start, "value does not fit in 33 bits");
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if ((b & 0x80) === 0) return b & 0x40 ? result - mul : result;
    }
    /* c8 ignore next */
    return this.badLeb(what, start, "longer than 5 bytes");
  }

  /** Unsigned LEB128, at most 10 bytes, value < 2^64. */
  u64(what = "u64"): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.truncatedLeb(what, start);
      const b = this.bytes[this.pos++]!;
      if (i === 9) {
        if (b & 0x80) this.badLeb(what, start, "longer than 10 bytes");
        if (b & 0x7e) this.badLeb(what, start, "value does not fit in 64 bits");
      }
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
    /* c8 ignore next */
    return this.badLeb(what, start, "longer than 10 bytes");
  }

  /** Signed LEB128, at most 10 bytes, value in [-2^63, 2^63). */
  i64(what = "i64"): bigint {
    const start = this.pos;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.truncatedLeb(what, start);
      const b = this.bytes[this.pos++]!;
      if (i === 9) {
        if (b & 0x80) this.badLeb(what, start, "longer than 10 bytes");
        // Only bit 0 carries value; bits 1..6 must equal it (sign extension).
        if (b !== 0x00 && b !== 0x7f) this.badLeb(what, start, "value does not fit in 64 bits");
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) {
        if (b & 0x40) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
    }
    /* c8 ignore next */
    return this.badLeb(what, start, "longer than 10 bytes");
  }

  /** Skips a LEB128 integer of at most `maxBytes` bytes without decoding it (used for i64.const in hot loops). */
  skipLeb(maxBytes: number, what = "integer"): void {
    const start = this.pos;
    for (let i = 0; i < maxBytes; i++) {
      if (this.pos >= this.end) this.truncatedLeb(what, start);
      if ((this.bytes[this.pos++]! & 0x80) === 0) return;
    }
    this.badLeb(what, start, `longer than ${maxBytes} bytes`);
  }

  /** A view (not a copy) of the next `n` bytes. */
  take(n: number, what = "bytes"): Uint8Array {
    this.need(n, what);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  skip(n: number, what = "bytes"): void {
    this.need(n, what);
    this.pos += n;
  }

  /** A wasm name: u32 length, then that many bytes of valid UTF-8. */
  name(what = "name"): string {
    const len = this.u32(`${what} length`);
    const start = this.pos;
    const raw = this.take(len, what);
    try {
      return utf8.decode(raw);
    } catch {
      throw new WasmParseError("wasm.bad_utf8", `${what} is not valid UTF-8`, start);
    }
  }

  /** A vector: u32 count, then `count` elements read by `item`. */
  vec<T>(item: (r: WasmReader, index: number) => T, what = "vector"): T[] {
    const count = this.u32(`${what} count`);
    // Every element takes at least one byte: a count beyond the remaining bytes is a truncated/garbage input,
    // and checking it first avoids allocating a huge array.
    if (count > this.remaining) this.need(count, `${count} ${what} element(s)`);
    const out: T[] = [];
    for (let i = 0; i < count; i++) out.push(item(this, i));
    return out;
  }

  private truncatedLeb(what: string, start: number): never {
    throw new WasmParseError("wasm.truncated", `unexpected end of input inside LEB128 ${what}`, start);
  }

  private badLeb(what: string, start: number, why: string): never {
    throw new WasmParseError("wasm.bad_leb128", `malformed LEB128 ${what}: ${why}`, start);
  }
}
