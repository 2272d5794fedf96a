import { base64Length, encodeBase64Into } from "../encoding/base64";
import { copyBytes, newRegion } from "../memory";
import { JsonValue, writeUtf8 } from "./value";

const HEX = "0123456789abcdef";

/**
 * Builds compact JSON text as UTF-8 directly in raw memory, so a result can be handed to the host without a copy.
 * Commas are placed automatically; every method returns the writer for chaining:
 *   w.beginObject().key("count").u64(3).key("owner").string(addr).endObject()
 * Strings are escaped as serde_json does (\" \\ \b \f \n \r \t, other control characters as \u00XX).
 */
export class JsonWriter {
  private buffer: usize;
  private capacity: usize;
  private size: usize = 0;
  /** True right after `{`, `[` or a key: the next value needs no comma. */
  private fresh: bool = true;

  constructor(initialCapacity: usize = 256) {
    this.capacity = initialCapacity;
    this.buffer = heap.alloc(initialCapacity);
  }

  /** Bytes written so far. */
  get length(): usize {
    return this.size;
  }

  beginObject(): JsonWriter {
    this.separate();
    this.byte(0x7b);
    this.fresh = true;
    return this;
  }

  endObject(): JsonWriter {
    this.byte(0x7d);
    this.fresh = false;
    return this;
  }

  beginArray(): JsonWriter {
    this.separate();
    this.byte(0x5b);
    this.fresh = true;
    return this;
  }

  endArray(): JsonWriter {
    this.byte(0x5d);
    this.fresh = false;
    return this;
  }

  /** An object key; the next call writes its value. */
  key(name: string): JsonWriter {
    this.separate();
    this.quoted(name);
    this.byte(0x3a);
    this.fresh = true;
    return this;
  }

  string(value: string): JsonWriter {
    this.separate();
    this.quoted(value);
    return this;
  }

  /** A string, or null. */
  optionalString(value: string | null): JsonWriter {
    return value != null ? this.string(value) : this.null();
  }

  u64(value: u64): JsonWriter {
    this.separate();
    this.digits(value);
    return this;
  }

  i64(value: i64): JsonWriter {
    this.separate();
    if (value < 0) {
      this.byte(0x2d);
      this.digits(<u64>-value); // i64.MIN_VALUE wraps to its own magnitude as u64
    } else this.digits(<u64>value);
    return this;
  }

  /** A u64 as a decimal string, as cosmwasm-std's Uint64 and Timestamp serialise. */
  u64String(value: u64): JsonWriter {
    this.separate();
    this.byte(0x22);
    this.digits(value);
    this.byte(0x22);
    return this;
  }

  bool(value: bool): JsonWriter {
    this.separate();
    this.ascii(value ? "true" : "false");
    return this;
  }

  null(): JsonWriter {
    this.separate();
    this.ascii("null");
    return this;
  }

  /** Bytes as a base64 string (cosmwasm-std's Binary). */
  base64(bytes: Uint8Array): JsonWriter {
    this.separate();
    const length = base64Length(<usize>bytes.byteLength);
    this.reserve(length + 2);
    store<u8>(this.buffer + this.size, 0x22);
    encodeBase64Into(bytes.dataStart, <usize>bytes.byteLength, this.buffer + this.size + 1);
    store<u8>(this.buffer + this.size + 1 + length, 0x22);
    this.size += length + 2;
    return this;
  }

  /** Already serialised JSON, copied verbatim (the caller vouches that it is valid JSON). */
  rawJson(start: usize, length: usize): JsonWriter {
    this.separate();
    this.reserve(length);
    memory.copy(this.buffer + this.size, start, length);
    this.size += length;
    return this;
  }

  /** A parsed value, re-emitted byte for byte as it appeared in its source. */
  value(value: JsonValue): JsonWriter {
    return this.rawJson(value.start, value.end - value.start);
  }

  /** The bytes of JSON text held in `bytes`, verbatim. */
  rawBytes(bytes: Uint8Array): JsonWriter {
    return this.rawJson(bytes.dataStart, <usize>bytes.byteLength);
  }

  /** A copy of the text written so far. */
  toBytes(): Uint8Array {
    return copyBytes(this.buffer, this.size);
  }

  toString(): string {
    return String.UTF8.decodeUnsafe(this.buffer, this.size);
  }

  /** Hands the buffer over as a region (for results the host reads and deallocates). The writer is spent. */
  intoRegion(): usize {
    return newRegion(this.buffer, this.capacity, this.size);
  }

  private separate(): void {
    if (!this.fresh) this.byte(0x2c);
    this.fresh = false;
  }

  private reserve(extra: usize): void {
    const needed = this.size + extra;
    if (needed <= this.capacity) return;
    let capacity = this.capacity << 1;
    if (capacity < needed) capacity = needed;
    this.buffer = heap.realloc(this.buffer, capacity);
    this.capacity = capacity;
  }

  private byte(b: u8): void {
    this.reserve(1);
    store<u8>(this.buffer + this.size, b);
    this.size++;
  }

  private ascii(text: string): void {
    const length = <usize>text.length;
    this.reserve(length);
    for (let i: usize = 0; i < length; i++) store<u8>(this.buffer + this.size + i, <u8>text.charCodeAt(<i32>i));
    this.size += length;
  }

  private digits(value: u64): void {
    this.reserve(20);
    let count: usize = 1;
    for (let v = value / 10; v > 0; v /= 10) count++;
    let p = this.buffer + this.size + count;
    do {
      p--;
      store<u8>(p, <u8>(0x30 + (value % 10)));
      value /= 10;
    } while (value > 0);
    this.size += count;
  }

  /** Writes a string in quotes: UTF-16 code units become UTF-8 (a lone surrogate becomes U+FFFD), with escapes. */
  private quoted(text: string): void {
    const units = text.length;
    this.reserve(<usize>units * 6 + 2); // worst case: every unit a \u00XX escape or 3 UTF-8 bytes
    let out = this.buffer + this.size;
    store<u8>(out++, 0x22);
    const src = changetype<usize>(text);
    for (let i = 0; i < units; i++) {
      let c = <u32>load<u16>(src + ((<usize>i) << 1));
      if (c < 0x80) {
        if (c == 0x22 || c == 0x5c) {
          store<u8>(out++, 0x5c);
          store<u8>(out++, <u8>c);
        } else if (c >= 0x20) store<u8>(out++, <u8>c);
        else {
          store<u8>(out++, 0x5c);
          if (c == 0x08) store<u8>(out++, 0x62);
          else if (c == 0x0c) store<u8>(out++, 0x66);
          else if (c == 0x0a) store<u8>(out++, 0x6e);
          else if (c == 0x0d) store<u8>(out++, 0x72);
          else if (c == 0x09) store<u8>(out++, 0x74);
          else {
            store<u8>(out++, 0x75);
            store<u8>(out++, 0x30);
            store<u8>(out++, 0x30);
            store<u8>(out++, <u8>HEX.charCodeAt(<i32>(c >> 4)));
            store<u8>(out++, <u8>HEX.charCodeAt(<i32>(c & 15)));
          }
        }
        continue;
      }
      if (c >= 0xd800 && c < 0xdc00 && i + 1 < units) {
        const next = <u32>load<u16>(src + ((<usize>(i + 1)) << 1));
        if (next >= 0xdc00 && next < 0xe000) {
          c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          i++;
        } else c = 0xfffd;
      } else if (c >= 0xd800 && c < 0xe000) c = 0xfffd;
      out = writeUtf8(out, c);
    }
    store<u8>(out++, 0x22);
    this.size = out - this.buffer;
  }
}
