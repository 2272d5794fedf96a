/** A growable byte buffer with the wasm binary encodings (LEB128, vectors, sections). */
export class WasmWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 1024) {
    this.buf = new Uint8Array(capacity);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(b: number): this {
    this.reserve(1);
    this.buf[this.length++] = b;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.reserve(data.length);
    this.buf.set(data, this.length);
    this.length += data.length;
    return this;
  }

  u32(value: number): this {
    let v = value >>> 0;
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      this.u8(b);
    } while (v !== 0);
    return this;
  }

  i32(value: number): this {
    return this.i64(BigInt(value | 0));
  }

  i64(value: bigint): this {
    let v = BigInt.asIntN(64, value);
    while (true) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      this.u8(done ? b : b | 0x80);
      if (done) return this;
    }
  }

  name(s: string): this {
    const data = new TextEncoder().encode(s);
    return this.u32(data.length).bytes(data);
  }

  /** Appends `body` prefixed by its byte length (a section payload, a function body). */
  sized(body: WasmWriter | Uint8Array): this {
    const data = body instanceof WasmWriter ? body.finish() : body;
    return this.u32(data.length).bytes(data);
  }

  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}
