import { err, ok, Result } from "../result";
import { JsonKind, JsonValue } from "./value";

/** serde_json's nesting limit. */
const MAX_DEPTH = 128;

/**
 * Parses UTF-8 JSON text (RFC 8259) in place: the tree points into the source bytes, which must outlive it.
 * Rejects what serde_json rejects (trailing characters, control characters and invalid UTF-8 in strings, lone
 * surrogate escapes, leading zeros, nesting deeper than 128) with its style of message, e.g.
 * "expected value at line 1 column 1".
 */
export function parseJson(start: usize, length: usize): Result<JsonValue> {
  const parser = new Parser(start, start + length);
  const value = parser.document();
  if (value == null) return err<JsonValue>(parser.errorMessage());
  return ok<JsonValue>(value);
}

/** Parses the bytes of `bytes`; the tree points into them. */
export function parseJsonBytes(bytes: Uint8Array): Result<JsonValue> {
  return parseJson(bytes.dataStart, <usize>bytes.byteLength);
}

class Parser {
  private pos: usize;
  private problem: string | null = null;
  private depth: i32 = 0;

  constructor(
    private readonly begin: usize,
    private readonly end: usize,
  ) {
    this.pos = begin;
  }

  document(): JsonValue | null {
    this.skipWhitespace();
    const value = this.value();
    if (value == null) return null;
    this.skipWhitespace();
    if (this.pos < this.end) return this.fail("trailing characters");
    return value;
  }

  errorMessage(): string {
    let line = 1;
    let column = 0;
    for (let p = this.begin; p < this.pos && p < this.end; p++) {
      if (load<u8>(p) == 0x0a) {
        line++;
        column = 0;
      } else column++;
    }
    if (this.pos < this.end) column++;
    return this.problem! + " at line " + line.toString() + " column " + column.toString();
  }

  private fail(message: string): JsonValue | null {
    if (this.problem == null) this.problem = message;
    return null;
  }

  private peek(): u32 {
    return this.pos < this.end ? <u32>load<u8>(this.pos) : 0xffffffff;
  }

  private skipWhitespace(): void {
    while (this.pos < this.end) {
      const c = load<u8>(this.pos);
      if (c != 0x20 && c != 0x0a && c != 0x0d && c != 0x09) break;
      this.pos++;
    }
  }

  private value(): JsonValue | null {
    const c = this.peek();
    if (c == 0x7b) return this.object();
    if (c == 0x5b) return this.array();
    if (c == 0x22) return this.string();
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c == 0x74) return this.literal("true", JsonKind.Bool, true);
    if (c == 0x66) return this.literal("false", JsonKind.Bool, false);
    if (c == 0x6e) return this.literal("null", JsonKind.Null, false);
    if (c == 0xffffffff) return this.fail("EOF while parsing a value");
    return this.fail("expected value");
  }

  private literal(word: string, kind: JsonKind, flag: bool): JsonValue | null {
    const start = this.pos;
    for (let i = 0; i < word.length; i++) {
      if (this.peek() != <u32>word.charCodeAt(i))
        return this.fail(this.pos < this.end ? "expected ident" : "EOF while parsing a value");
      this.pos++;
    }
    return new JsonValue(kind, start, this.pos, flag);
  }

  private digits(): i32 {
    let count = 0;
    while (this.peek() >= 0x30 && this.peek() <= 0x39) {
      this.pos++;
      count++;
    }
    return count;
  }

  private number(): JsonValue | null {
    const start = this.pos;
    let integer = true;
    if (this.peek() == 0x2d) this.pos++;
    if (this.peek() == 0x30) {
      this.pos++;
      if (this.peek() >= 0x30 && this.peek() <= 0x39) return this.fail("invalid number");
    } else if (this.digits() == 0) return this.fail("invalid number");
    if (this.peek() == 0x2e) {
      this.pos++;
      integer = false;
      if (this.digits() == 0) return this.fail("invalid number");
    }
    if (this.peek() == 0x65 || this.peek() == 0x45) {
      this.pos++;
      integer = false;
      if (this.peek() == 0x2b || this.peek() == 0x2d) this.pos++;
      if (this.digits() == 0) return this.fail("invalid number");
    }
    return new JsonValue(JsonKind.Number, start, this.pos, integer);
  }

  private string(): JsonValue | null {
    const start = this.pos;
    this.pos++; // opening quote
    let escaped = false;
    while (true) {
      if (this.pos >= this.end) return this.fail("EOF while parsing a string");
      const c = <u32>load<u8>(this.pos);
      if (c == 0x22) break;
      if (c < 0x20) return this.fail("control character (\\u0000-\\u001F) found while parsing a string");
      if (c == 0x5c) {
        escaped = true;
        if (!this.escape()) return null;
      } else if (c < 0x80) this.pos++;
      else if (!this.utf8Sequence(c)) return this.fail("invalid unicode code point");
    }
    this.pos++; // closing quote
    return new JsonValue(JsonKind.String, start, this.pos, escaped);
  }

  private escape(): bool {
    this.pos++;
    const e = this.peek();
    this.pos++;
    if (e == 0x75) {
      const first = this.hexEscapeValue();
      if (first < 0) return false;
      if (first >= 0xdc00 && first < 0xe000) {
        this.fail("lone leading surrogate in hex escape");
        return false;
      }
      if (first >= 0xd800 && first < 0xdc00) {
        if (this.peek() != 0x5c || this.pos + 1 >= this.end || load<u8>(this.pos + 1) != 0x75) {
          this.fail("unexpected end of hex escape");
          return false;
        }
        this.pos += 2;
        const second = this.hexEscapeValue();
        if (second < 0) return false;
        if (second < 0xdc00 || second >= 0xe000) {
          this.fail("lone leading surrogate in hex escape");
          return false;
        }
      }
      return true;
    }
    if (e == 0x22 || e == 0x5c || e == 0x2f || e == 0x62 || e == 0x66 || e == 0x6e || e == 0x72 || e == 0x74)
      return true;
    this.fail(e == 0xffffffff ? "EOF while parsing a string" : "invalid escape");
    return false;
  }

  /** Reads the 4 hex digits of a \u escape; -1 on error. */
  private hexEscapeValue(): i32 {
    if (this.pos + 4 > this.end) {
      this.fail("EOF while parsing a string");
      return -1;
    }
    let value: i32 = 0;
    for (let i = 0; i < 4; i++) {
      const c = <i32>load<u8>(this.pos++);
      let d: i32 = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x37;
      if (d < 0) {
        this.fail("invalid escape");
        return -1;
      }
      value = (value << 4) | d;
    }
    return value;
  }

  /** Validates one multi-byte UTF-8 sequence starting with `lead` and steps over it. */
  private utf8Sequence(lead: u32): bool {
    let count = 0;
    let min: u32 = 0;
    let code: u32 = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
      count = 1;
      min = 0x80;
      code = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      count = 2;
      min = 0x800;
      code = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      count = 3;
      min = 0x10000;
      code = lead & 0x07;
    } else return false;
    if (this.pos + <usize>count >= this.end) return false;
    for (let i = 1; i <= count; i++) {
      const c = <u32>load<u8>(this.pos + <usize>i);
      if ((c & 0xc0) != 0x80) return false;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code < 0xe000)) return false;
    this.pos += <usize>count + 1;
    return true;
  }

  private enter(): bool {
    if (++this.depth > MAX_DEPTH) {
      this.fail("recursion limit exceeded");
      return false;
    }
    return true;
  }

  private array(): JsonValue | null {
    if (!this.enter()) return null;
    const start = this.pos;
    this.pos++;
    const items = new Array<JsonValue>();
    this.skipWhitespace();
    if (this.peek() == 0x5d) this.pos++;
    else {
      while (true) {
        this.skipWhitespace();
        const item = this.value();
        if (item == null) return null;
        items.push(item);
        this.skipWhitespace();
        const c = this.peek();
        this.pos++;
        if (c == 0x5d) break;
        if (c != 0x2c) {
          this.pos--;
          return this.fail(c == 0xffffffff ? "EOF while parsing a list" : "expected `,` or `]`");
        }
      }
    }
    this.depth--;
    const value = new JsonValue(JsonKind.Array, start, this.pos, false);
    value.items = items;
    return value;
  }

  private object(): JsonValue | null {
    if (!this.enter()) return null;
    const start = this.pos;
    this.pos++;
    const keys = new Array<string>();
    const items = new Array<JsonValue>();
    this.skipWhitespace();
    if (this.peek() == 0x7d) this.pos++;
    else {
      while (true) {
        this.skipWhitespace();
        if (this.peek() != 0x22)
          return this.fail(this.pos < this.end ? "key must be a string" : "EOF while parsing an object");
        const key = this.string();
        if (key == null) return null;
        this.skipWhitespace();
        if (this.peek() != 0x3a) return this.fail(this.pos < this.end ? "expected `:`" : "EOF while parsing an object");
        this.pos++;
        this.skipWhitespace();
        const item = this.value();
        if (item == null) return null;
        keys.push(key.toStr());
        items.push(item);
        this.skipWhitespace();
        const c = this.peek();
        this.pos++;
        if (c == 0x7d) break;
        if (c != 0x2c) {
          this.pos--;
          return this.fail(c == 0xffffffff ? "EOF while parsing an object" : "expected `,` or `}`");
        }
      }
    }
    this.depth--;
    const value = new JsonValue(JsonKind.Object, start, this.pos, false);
    value.keys = keys;
    value.items = items;
    return value;
  }
}
