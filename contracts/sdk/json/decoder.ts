import { decodeBase64, decodeBase64Bytes } from "../encoding/base64";
import { Uint128 } from "../math/uint128";
import { err, Result } from "../result";
import { Binary } from "../types/binary";
import { Timestamp } from "../types/timestamp";
import { JsonKind, JsonValue } from "./value";

/** The first error met while decoding one message; shared by a decoder and its nested decoders. */
class DecodeState {
  message: string | null = null;
  path: string = "";
  constructor(readonly typeName: string) {}
}

/**
 * Typed access to a parsed JSON message without exceptions. Getters return the value, or a zero value after
 * recording the first error ("missing field `count`", "invalid type: string \"x\", expected u64"); check `failed`
 * once after reading all fields:
 *
 *   const d = Decoder.of(msg, "InstantiateMsg");
 *   const count = d.u64("count");
 *   const owner = d.optionalString("owner");
 *   if (d.failed) return d.toError<Response>();
 *
 * Unknown fields are ignored, like serde without `deny_unknown_fields`. Messages follow serde's wording and are
 * reported as cosmwasm-std does: "Error parsing into type InstantiateMsg: missing field `count`".
 */
export class Decoder {
  private constructor(
    /** The value being decoded (JSON null when absent). */
    readonly value: JsonValue,
    private readonly state: DecodeState,
    private readonly parent: Decoder | null,
    private readonly segment: string,
  ) {}

  static of(value: JsonValue, typeName: string): Decoder {
    return new Decoder(value, new DecodeState(typeName), null, "");
  }

  get failed(): bool {
    return this.state.message != null;
  }

  /** "Error parsing into type T: <first error>[ at `path`]"; empty when nothing failed. */
  get errorMessage(): string {
    const message = this.state.message;
    if (message == null) return "";
    const where = this.state.path.length > 0 ? " at `" + this.state.path + "`" : "";
    return "Error parsing into type " + this.state.typeName + ": " + message + where;
  }

  /** The decoding error as a contract error result. */
  toError<T>(): Result<T> {
    return err<T>(this.errorMessage);
  }

  /** Records an error (only the first one is kept), e.g. a value outside the allowed set. */
  fail(message: string): void {
    if (this.state.message != null) return;
    this.state.message = message;
    this.state.path = this.path();
  }

  // ---- fields of an object ----

  /** Whether the object has `key` with a non-null value. */
  has(key: string): bool {
    const v = this.value.get(key);
    return v != null && !v.isNull;
  }

  /** The raw value of `key`, or null when absent. */
  raw(key: string): JsonValue | null {
    return this.value.get(key);
  }

  /** A decoder for field `key`; records "missing field" when absent. */
  field(key: string): Decoder {
    if (!this.expectKind(JsonKind.Object, "struct")) return this.child(NULL, key);
    const v = this.value.get(key);
    if (v == null) {
      this.fail("missing field `" + key + "`");
      return this.child(NULL, key);
    }
    return this.child(v, key);
  }

  /** A decoder for field `key`, or null when the field is absent or null. */
  optionalField(key: string): Decoder | null {
    if (!this.expectKind(JsonKind.Object, "struct")) return null;
    const v = this.value.get(key);
    if (v == null || v.isNull) return null;
    return this.child(v, key);
  }

  string(key: string): string {
    return this.field(key).asString();
  }

  optionalString(key: string): string | null {
    const f = this.optionalField(key);
    return f != null ? f.asString() : null;
  }

  u64(key: string): u64 {
    return this.field(key).asU64();
  }

  optionalU64(key: string, fallback: u64): u64 {
    const f = this.optionalField(key);
    return f != null ? f.asU64() : fallback;
  }

  u32(key: string): u32 {
    return this.field(key).asU32();
  }

  i64(key: string): i64 {
    return this.field(key).asI64();
  }

  bool(key: string): bool {
    return this.field(key).asBool();
  }

  optionalBool(key: string, fallback: bool): bool {
    const f = this.optionalField(key);
    return f != null ? f.asBool() : fallback;
  }

  uint128(key: string): Uint128 {
    return this.field(key).asUint128();
  }

  binary(key: string): Binary {
    return this.field(key).asBinary();
  }

  optionalBinary(key: string): Binary | null {
    const f = this.optionalField(key);
    return f != null ? f.asBinary() : null;
  }

  /** A u64 carried as a decimal string (cosmwasm-std Uint64). */
  u64String(key: string): u64 {
    return this.field(key).asU64String();
  }

  timestamp(key: string): Timestamp {
    return new Timestamp(this.field(key).asU64String());
  }

  optionalTimestamp(key: string): Timestamp | null {
    const f = this.optionalField(key);
    return f != null ? new Timestamp(f.asU64String()) : null;
  }

  /** Decoders for the elements of array field `key`. */
  array(key: string): Decoder[] {
    return this.field(key).asArray();
  }

  /** Decoders for the elements of array field `key`; empty when absent or null. */
  optionalArray(key: string): Decoder[] {
    const f = this.optionalField(key);
    return f != null ? f.asArray() : new Array<Decoder>();
  }

  // ---- this value ----

  asString(): string {
    if (!this.expectKind(JsonKind.String, "a string")) return "";
    return this.value.toStr();
  }

  asBool(): bool {
    if (!this.expectKind(JsonKind.Bool, "a boolean")) return false;
    return this.value.toBool();
  }

  asU64(): u64 {
    if (!this.expectKind(JsonKind.Number, "u64")) return 0;
    if (!this.value.isU64) {
      this.fail("invalid value: " + describe(this.value) + ", expected u64");
      return 0;
    }
    return this.value.toU64();
  }

  asU32(): u32 {
    const v = this.asU64();
    if (v > <u64>u32.MAX_VALUE) {
      this.fail("invalid value: " + describe(this.value) + ", expected u32");
      return 0;
    }
    return <u32>v;
  }

  asI64(): i64 {
    if (!this.expectKind(JsonKind.Number, "i64")) return 0;
    if (!this.value.isI64) {
      this.fail("invalid value: " + describe(this.value) + ", expected i64");
      return 0;
    }
    return this.value.toI64();
  }

  asU64String(): u64 {
    if (!this.expectKind(JsonKind.String, "string-encoded integer")) return 0;
    const v = this.value;
    const n: Uint128 | null = v.flag ? null : Uint128.parseAscii(v.start + 1, v.end - v.start - 2);
    if (n == null || !n.fitsU64) {
      this.fail("invalid value: " + describe(v) + ", expected string-encoded integer");
      return 0;
    }
    return n.lo;
  }

  asUint128(): Uint128 {
    if (!this.expectKind(JsonKind.String, "string-encoded integer")) return Uint128.zero();
    const v = this.value;
    const n: Uint128 | null = v.flag ? null : Uint128.parseAscii(v.start + 1, v.end - v.start - 2);
    if (n == null) {
      this.fail("invalid value: " + describe(v) + ", expected string-encoded integer");
      return Uint128.zero();
    }
    return n;
  }

  asBinary(): Binary {
    if (!this.expectKind(JsonKind.String, "a base64 string")) return new Binary();
    const v = this.value;
    const bytes = v.flag ? decodeBase64(v.toStr()) : decodeBase64Bytes(v.start + 1, v.end - v.start - 2);
    if (bytes == null) {
      this.fail("invalid base64: " + describe(v));
      return new Binary();
    }
    return new Binary(bytes);
  }

  asArray(): Decoder[] {
    const out = new Array<Decoder>();
    if (!this.expectKind(JsonKind.Array, "a sequence")) return out;
    const n = this.value.length;
    for (let i = 0; i < n; i++) out.push(this.child(this.value.at(i), "[" + i.toString() + "]"));
    return out;
  }

  /** Whether this value is an object (records an error if not). */
  expectObject(): bool {
    return this.expectKind(JsonKind.Object, "struct");
  }

  /** A decoder over another value that reports into the same error state (e.g. a variant body). */
  child(value: JsonValue, segment: string): Decoder {
    return new Decoder(value, this.state, this, segment);
  }

  private expectKind(kind: JsonKind, expected: string): bool {
    if (this.value.kind == kind) return true;
    if (this.failed) return false;
    this.fail("invalid type: " + describe(this.value) + ", expected " + expected);
    return false;
  }

  private path(): string {
    let path = "";
    let node: Decoder | null = this;
    while (node != null) {
      const segment = node.segment;
      if (segment.length > 0) {
        if (path.length == 0) path = segment;
        else path = segment + (path.charCodeAt(0) == 0x5b ? "" : ".") + path;
      }
      node = node.parent;
    }
    return path;
  }
}

/** serde's description of an unexpected value. */
export function describe(v: JsonValue): string {
  switch (v.kind) {
    case JsonKind.Null:
      return "null";
    case JsonKind.Bool:
      return "boolean `" + v.rawText() + "`";
    case JsonKind.Number:
      return (v.flag ? "integer `" : "floating point `") + v.rawText() + "`";
    case JsonKind.String:
      return "string " + v.rawText();
    case JsonKind.Array:
      return "sequence";
    default:
      return "map";
  }
}

/** A JSON null standing in for an absent value. */
const NULL_TEXT = "null";
const NULL_BYTES = String.UTF8.encode(NULL_TEXT);
const NULL = new JsonValue(JsonKind.Null, changetype<usize>(NULL_BYTES), changetype<usize>(NULL_BYTES) + 4, false);
