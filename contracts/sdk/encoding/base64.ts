/**
 * Base64 with the standard alphabet and padding, as cosmwasm-std's Binary: decoding is strict (length a multiple
 * of 4, padding only at the end, unused bits zero), so every Binary has exactly one encoding.
 */

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD: u8 = 0x3d; // '='

/** Writes the base64 ASCII of `length` bytes at `src` to `dst`; returns the number of bytes written. */
export function encodeBase64Into(src: usize, length: usize, dst: usize): usize {
  const alphabet = changetype<usize>(ALPHABET); // UTF-16 code units
  let out = dst;
  let i: usize = 0;
  while (i + 3 <= length) {
    const n = ((<u32>load<u8>(src + i)) << 16) | ((<u32>load<u8>(src + i + 1)) << 8) | (<u32>load<u8>(src + i + 2));
    store<u8>(out, <u8>load<u16>(alphabet + (((n >> 18) & 63) << 1)));
    store<u8>(out + 1, <u8>load<u16>(alphabet + (((n >> 12) & 63) << 1)));
    store<u8>(out + 2, <u8>load<u16>(alphabet + (((n >> 6) & 63) << 1)));
    store<u8>(out + 3, <u8>load<u16>(alphabet + ((n & 63) << 1)));
    out += 4;
    i += 3;
  }
  const rest = length - i;
  if (rest > 0) {
    let n = (<u32>load<u8>(src + i)) << 16;
    if (rest == 2) n |= (<u32>load<u8>(src + i + 1)) << 8;
    store<u8>(out, <u8>load<u16>(alphabet + (((n >> 18) & 63) << 1)));
    store<u8>(out + 1, <u8>load<u16>(alphabet + (((n >> 12) & 63) << 1)));
    store<u8>(out + 2, rest == 2 ? <u8>load<u16>(alphabet + (((n >> 6) & 63) << 1)) : PAD);
    store<u8>(out + 3, PAD);
    out += 4;
  }
  return out - dst;
}

export function base64Length(length: usize): usize {
  return ((length + 2) / 3) * 4;
}

export function encodeBase64(bytes: Uint8Array): string {
  const length = base64Length(<usize>bytes.byteLength);
  const buffer = heap.alloc(length);
  encodeBase64Into(bytes.dataStart, <usize>bytes.byteLength, buffer);
  const text = String.UTF8.decodeUnsafe(buffer, length);
  heap.free(buffer);
  return text;
}

/** The 6-bit value of a base64 character, or -1. */
function sextet(c: u32): i32 {
  if (c >= 65 && c <= 90) return <i32>c - 65; // A-Z
  if (c >= 97 && c <= 122) return <i32>c - 71; // a-z
  if (c >= 48 && c <= 57) return <i32>c + 4; // 0-9
  if (c == 43) return 62; // +
  if (c == 47) return 63; // /
  return -1;
}

/** Decodes base64 ASCII bytes at `src`; null when they are not canonical padded base64. */
export function decodeBase64Bytes(src: usize, length: usize): Uint8Array | null {
  if (length % 4 != 0) return null;
  let padding: usize = 0;
  if (length > 0 && load<u8>(src + length - 1) == PAD) {
    padding++;
    if (load<u8>(src + length - 2) == PAD) padding++;
  }
  const out = new Uint8Array(<i32>((length / 4) * 3 - padding));
  const dst = out.dataStart;
  let o: usize = 0;
  for (let i: usize = 0; i < length; i += 4) {
    const last = i + 4 == length;
    const a = sextet(load<u8>(src + i));
    const b = sextet(load<u8>(src + i + 1));
    const c = last && padding == 2 ? 0 : sextet(load<u8>(src + i + 2));
    const d = last && padding >= 1 ? 0 : sextet(load<u8>(src + i + 3));
    if ((a | b | c | d) < 0) return null;
    const n = ((<u32>a) << 18) | ((<u32>b) << 12) | ((<u32>c) << 6) | (<u32>d);
    store<u8>(dst + o++, <u8>(n >> 16));
    if (last && padding == 2) {
      if ((n & 0xffff) != 0) return null; // non-zero unused bits
      break;
    }
    store<u8>(dst + o++, <u8>(n >> 8));
    if (last && padding == 1) {
      if ((n & 0xff) != 0) return null;
      break;
    }
    store<u8>(dst + o++, <u8>n);
  }
  return out;
}

export function decodeBase64(text: string): Uint8Array | null {
  const ascii = String.UTF8.encode(text);
  return decodeBase64Bytes(changetype<usize>(ascii), <usize>ascii.byteLength);
}
