import { decodeBase64, encodeBase64 } from "../encoding/base64";
import { JsonWriter } from "../json/writer";
import { fromUtf8, utf8 } from "../memory";

/** cosmwasm-std's Binary: bytes that travel as a base64 string in JSON. */
export class Binary {
  constructor(readonly bytes: Uint8Array = new Uint8Array(0)) {}

  /** Null when `text` is not canonical padded base64. */
  static fromBase64(text: string): Binary | null {
    const bytes = decodeBase64(text);
    return bytes != null ? new Binary(bytes) : null;
  }

  /** The UTF-8 bytes of `text`. */
  static fromUtf8(text: string): Binary {
    return new Binary(utf8(text));
  }

  /** The JSON text a writer produced, e.g. a message for another contract or a query answer. */
  static fromJson(writer: JsonWriter): Binary {
    return new Binary(writer.toBytes());
  }

  get length(): i32 {
    return this.bytes.byteLength;
  }

  toBase64(): string {
    return encodeBase64(this.bytes);
  }

  /** The bytes read as UTF-8 text. */
  toUtf8(): string {
    return fromUtf8(this.bytes);
  }

  equals(other: Binary): bool {
    if (this.bytes.byteLength != other.bytes.byteLength) return false;
    return memory.compare(this.bytes.dataStart, other.bytes.dataStart, <usize>this.bytes.byteLength) == 0;
  }

  writeJson(w: JsonWriter): void {
    w.base64(this.bytes);
  }
}
