/** Byte helpers shared by the IBC layer (big-endian integers as ibc-go's sdk.Uint64ToBigEndian, hex, UTF-8). */

const MAX_UINT64 = (1n << 64n) - 1n;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

/** 8 bytes, big-endian. Throws on values outside uint64 (a bug, not bad input: callers validate first). */
export function uint64BigEndian(value: bigint): Uint8Array {
  if (value < 0n || value > MAX_UINT64) throw new RangeError(`${value} is not a uint64`);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, value);
  return out;
}

/** The uint64 of 8 big-endian bytes, or undefined when the length is not 8. */
export function readUint64BigEndian(bytes: Uint8Array): bigint | undefined {
  if (bytes.length !== 8) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
}

export function isUint64(value: bigint): boolean {
  return value >= 0n && value <= MAX_UINT64;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lowercase hex, as Go's hex.EncodeToString. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("hex");
}

export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) throw new TypeError(`not a hex string: ${hex}`);
  return new Uint8Array(Buffer.from(hex, "hex"));
}

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: undefined for invalid sequences. */
export function fromUtf8(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Standard base64 with padding (Go's base64.StdEncoding, protobuf JSON bytes). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");
}
