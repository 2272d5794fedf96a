/** Building blocks of state keys: fixed-width big-endian integers sort numerically, length prefixes keep keys apart. */

const utf8 = new TextEncoder();

export function encodeU64(value: bigint | number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

export function decodeU64(bytes: Uint8Array): bigint {
  if (bytes.length !== 8) throw new RangeError(`expected 8 bytes for a u64, got ${bytes.length}`);
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
}

export function encodeU32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function concat(...parts: (Uint8Array | string)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === "string" ? utf8.encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bytes) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

/** One length byte then the bytes (address.MustLengthPrefix): a 20-byte address is never a prefix of a 32-byte one. */
export function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  if (bytes.length > 255) throw new RangeError(`cannot length-prefix ${bytes.length} bytes`);
  return concat(Uint8Array.of(bytes.length), bytes);
}

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}
