/**
 * Cryptographic host functions of a CosmWasm VM, as pure functions over the argument bytes the host glue has
 * already read from wasm memory. Semantics follow cosmwasm-vm 3.0 (packages/vm/src/imports.rs) and
 * cosmwasm-crypto (packages/crypto/src/{secp256k1,secp256r1,ed25519,bls12_381/*}.rs); the code is our own, on
 * top of @noble/curves and @noble/hashes.
 *
 * Wasm signatures (module `env`; every pointer is a Region pointer, u32 passed as i32):
 *
 * | import                     | params                                   | result | on success              |
 * |----------------------------|------------------------------------------|--------|-------------------------|
 * | secp256k1_verify           | hash, signature, pubkey                  | i32    | 0 valid / 1 invalid     |
 * | secp256r1_verify           | hash, signature, pubkey                  | i32    | 0 valid / 1 invalid     |
 * | secp256k1_recover_pubkey   | hash, signature, recovery_param (u32)    | i64    | low 32 bits: region ptr |
 * | secp256r1_recover_pubkey   | hash, signature, recovery_param (u32)    | i64    | low 32 bits: region ptr |
 * | ed25519_verify             | message, signature, pubkey               | i32    | 0 valid / 1 invalid     |
 * | ed25519_batch_verify       | messages, signatures, pubkeys (sections) | i32    | 0 valid / 1 invalid     |
 * | bls12_381_aggregate_g1     | g1s, out                                 | i32    | 0, 48 bytes in `out`    |
 * | bls12_381_aggregate_g2     | g2s, out                                 | i32    | 0, 96 bytes in `out`    |
 * | bls12_381_pairing_equality | ps, qs, r, s                             | i32    | 0 equal / 1 not equal   |
 * | bls12_381_hash_to_g1       | hash_function (u32), msg, dst, out       | i32    | 0, 48 bytes in `out`    |
 * | bls12_381_hash_to_g2       | hash_function (u32), msg, dst, out       | i32    | 0, 96 bytes in `out`    |
 *
 * Recover: on success the host writes the 65-byte uncompressed pubkey into a region allocated through the
 * contract's `allocate` and returns its pointer (high half 0); on error it returns `code << 32`. A recovery
 * param that does not fit in a u8 yields code 6 before the recover gas is charged. The out regions of the BLS
 * imports are caller-provided and written only on success (a too-small out region is a VM error).
 *
 * Order in the host (imports.rs): charge host_call_cost; read every region argument with the limits in
 * `CRYPTO_READ_LIMITS` (each read charges region-read gas first; a longer region is a VM error, "Region length
 * too big"); ed25519_batch_verify then decodes its three arguments as sections (malformed = VM error); then the
 * operation's own gas (`GasConfig` in gas.ts) is charged; then the operation runs.
 *
 * VM errors (thrown as `CryptoVmError`, never returned as codes): an argument longer than its read limit
 * (only reachable if the glue did not enforce the limit already) and malformed sections. Everything else —
 * wrong lengths below the limit, bad points, bad scalars — is a result code, exactly as upstream.
 */
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import type { WeierstrassPoint, WeierstrassPointCons } from "@noble/curves/abstract/weierstrass.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { PlurigridError } from "../errors.js";

// ---------------------------------------------------------------------------------------------------------------
// Result codes (cosmwasm-crypto errors.rs `CryptoError::code`)

export const CRYPTO_CODES = {
  Valid: 0,
  Invalid: 1,
  InvalidHashFormat: 3,
  InvalidSignatureFormat: 4,
  InvalidPubkeyFormat: 5,
  InvalidRecoveryParam: 6,
  BatchErr: 7,
  InvalidPoint: 8,
  UnknownHashFunction: 9,
  GenericErr: 10,
  PairingNotMultipleG1: 11,
  PairingNotMultipleG2: 12,
  PairingUnequalPointAmount: 13,
  AggregationEmpty: 14,
  AggregationNotMultiple: 15,
} as const;

export type CryptoCode = (typeof CRYPTO_CODES)[keyof typeof CRYPTO_CODES];
/** Every code except success. */
export type CryptoErrorCode = Exclude<CryptoCode, 0>;

export type RecoverResult = { code: 0; pubkey: Uint8Array } | { code: CryptoErrorCode; pubkey?: undefined };
export type PointResult = { code: 0; point: Uint8Array } | { code: CryptoErrorCode; point?: undefined };

/** The i64 a recover import returns: the region pointer in the low half on success, the code in the high half. */
export function recoverReturnValue(code: number, regionPtr = 0): bigint {
  return (BigInt(code >>> 0) << 32n) | BigInt(regionPtr >>> 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Limits (cosmwasm-vm imports.rs, cosmwasm-crypto ecdsa.rs/ed25519.rs, cosmwasm-core BLS12_381_*_POINT_LEN)

const KI = 1024;
const MI = 1024 * 1024;
export const MESSAGE_HASH_MAX_LEN = 32;
export const ECDSA_SIGNATURE_LEN = 64;
export const ECDSA_COMPRESSED_PUBKEY_LEN = 33;
export const ECDSA_UNCOMPRESSED_PUBKEY_LEN = 65;
export const ECDSA_PUBKEY_MAX_LEN = ECDSA_UNCOMPRESSED_PUBKEY_LEN;
export const EDDSA_PUBKEY_LEN = 32;
export const MAX_LENGTH_ED25519_SIGNATURE = 64;
export const MAX_LENGTH_ED25519_MESSAGE = 128 * KI;
/**
 * Upstream never counts batch items: this number only sizes the byte limits of the three batch regions. With
 * well-formed 64-byte signatures that caps a batch at 256; malformed (shorter) items can be more numerous.
 */
export const MAX_COUNT_ED25519_BATCH = 256;
export const BLS12_381_G1_POINT_LEN = 48;
export const BLS12_381_G2_POINT_LEN = 96;
export const BLS12_381_MAX_AGGREGATE_SIZE = 2 * MI;
export const BLS12_381_MAX_MESSAGE_SIZE = 5 * MI;
export const BLS12_381_MAX_DST_SIZE = 5 * KI;

/** Max length of each region argument, in parameter order (non-region params are omitted). */
export const CRYPTO_READ_LIMITS = {
  secp256k1_verify: { hash: MESSAGE_HASH_MAX_LEN, signature: ECDSA_SIGNATURE_LEN, pubkey: ECDSA_PUBKEY_MAX_LEN },
  secp256r1_verify: { hash: MESSAGE_HASH_MAX_LEN, signature: ECDSA_SIGNATURE_LEN, pubkey: ECDSA_PUBKEY_MAX_LEN },
  secp256k1_recover_pubkey: { hash: MESSAGE_HASH_MAX_LEN, signature: ECDSA_SIGNATURE_LEN },
  secp256r1_recover_pubkey: { hash: MESSAGE_HASH_MAX_LEN, signature: ECDSA_SIGNATURE_LEN },
  ed25519_verify: {
    message: MAX_LENGTH_ED25519_MESSAGE,
    signature: MAX_LENGTH_ED25519_SIGNATURE,
    pubkey: EDDSA_PUBKEY_LEN,
  },
  ed25519_batch_verify: {
    messages: (MAX_LENGTH_ED25519_MESSAGE + 4) * MAX_COUNT_ED25519_BATCH,
    signatures: (MAX_LENGTH_ED25519_SIGNATURE + 4) * MAX_COUNT_ED25519_BATCH,
    pubkeys: (EDDSA_PUBKEY_LEN + 4) * MAX_COUNT_ED25519_BATCH,
  },
  bls12_381_aggregate_g1: { points: BLS12_381_MAX_AGGREGATE_SIZE },
  bls12_381_aggregate_g2: { points: BLS12_381_MAX_AGGREGATE_SIZE },
  bls12_381_pairing_equality: {
    ps: BLS12_381_MAX_AGGREGATE_SIZE,
    qs: BLS12_381_MAX_AGGREGATE_SIZE,
    r: BLS12_381_G1_POINT_LEN,
    s: BLS12_381_G2_POINT_LEN,
  },
  bls12_381_hash_to_g1: { msg: BLS12_381_MAX_MESSAGE_SIZE, dst: BLS12_381_MAX_DST_SIZE },
  bls12_381_hash_to_g2: { msg: BLS12_381_MAX_MESSAGE_SIZE, dst: BLS12_381_MAX_DST_SIZE },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// VM errors

/** A condition on which upstream fails the whole call (VmError), not a result code for the contract. */
export class CryptoVmError extends PlurigridError {}

function checkReadLimit(name: string, data: Uint8Array, maxLength: number): void {
  if (data.length > maxLength) {
    throw new CryptoVmError(
      "vm.communication.region_length_too_big",
      `Region length too big. Got ${data.length}, limit ${maxLength}`,
      { argument: name, length: data.length, maxLength },
    );
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sections: `s1 ‖ be32(len1) ‖ s2 ‖ be32(len2) …` (cosmwasm-vm sections.rs)

export function encodeSections(parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const part of parts) {
    if (part.length > 0xffff_ffff) {
      throw new CryptoVmError("vm.communication.section_too_long", "Section length does not fit in a u32", {
        length: part.length,
      });
    }
    total += part.length + 4;
  }
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
    view.setUint32(offset, part.length, false);
    offset += 4;
  }
  return out;
}

/**
 * Decodes from the end like upstream: an empty input is zero sections; a length pointing before the start or
 * leftover bytes (1–3 at the front, or data not covered by any section) is a VM error ("invalid section").
 * The returned sections are views into `data`.
 */
export function decodeSections(data: Uint8Array): Uint8Array[] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const result: Uint8Array[] = [];
  let remaining = data.length;
  while (remaining >= 4) {
    const sectionLength = view.getUint32(remaining - 4, false);
    const end = remaining - 4;
    const start = end - sectionLength;
    if (start < 0) {
      throw new CryptoVmError("vm.communication.invalid_section", "Got an invalid section: section length overflow", {
        sectionLength,
        available: end,
      });
    }
    result.push(data.subarray(start, end));
    remaining = start;
  }
  if (remaining > 0) {
    throw new CryptoVmError(
      "vm.communication.invalid_section",
      "Got an invalid section: extra data outside of any section",
      { extraBytes: remaining },
    );
  }
  return result.reverse();
}

// ---------------------------------------------------------------------------------------------------------------
// Byte helpers

function bytesToBigInt(bytes: Uint8Array): bigint {
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

function bigIntToBytes(n: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--) {
    out[i] = Number(n & 0xffn);
    n >>= 8n;
  }
  return out;
}

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

// ---------------------------------------------------------------------------------------------------------------
// ECDSA (secp256k1 via k256, secp256r1 via p256 in upstream)

interface EcdsaCurve {
  name: "secp256k1" | "secp256r1";
  Point: WeierstrassPointCons<bigint>;
  /** Group order n. */
  n: bigint;
  /** Field modulus p. */
  p: bigint;
  /** k256 rejects high-S in verification, so upstream normalizes s (and flips the recovery parity) first. */
  normalizeS: boolean;
  /** Accepted recovery params: k1 {0,1} (RecoveryId::new(param == 1, false)), r1 {0..3} (RecoveryId::from_byte). */
  maxRecoveryParam: number;
}

function curveInfo(
  name: EcdsaCurve["name"],
  Point: WeierstrassPointCons<bigint>,
  normalizeS: boolean,
  maxRecoveryParam: number,
): EcdsaCurve {
  const c = Point.CURVE();
  return { name, Point, n: c.n, p: c.p, normalizeS, maxRecoveryParam };
}

const K1 = curveInfo("secp256k1", secp256k1.Point, true, 1);
const R1 = curveInfo("secp256r1", p256.Point, false, 3);

/** r, s as big-endian scalars; both must be in [1, n-1] (ecdsa `Signature::from_bytes`), else GenericErr. */
function parseSignature(curve: EcdsaCurve, sig: Uint8Array): { r: bigint; s: bigint } | undefined {
  const r = bytesToBigInt(sig.subarray(0, 32));
  const s = bytesToBigInt(sig.subarray(32, 64));
  if (r === 0n || r >= curve.n || s === 0n || s >= curve.n) return undefined;
  return { r, s };
}

/** SEC1 prefix/length check of cosmwasm-crypto `check_pubkey` (InvalidPubkeyFormat). */
function isPubkeyFormatOk(pubkey: Uint8Array): boolean {
  switch (pubkey[0]) {
    case 0x02:
    case 0x03:
      return pubkey.length === ECDSA_COMPRESSED_PUBKEY_LEN;
    case 0x04:
      return pubkey.length === ECDSA_UNCOMPRESSED_PUBKEY_LEN;
    default:
      return false;
  }
}

/** The 32-byte hash as a scalar: bits2field for 256-bit curves is the whole hash, reduced mod n. */
function hashToScalar(curve: EcdsaCurve, hash: Uint8Array): bigint {
  return mod(bytesToBigInt(hash), curve.n);
}

function invertModN(curve: EcdsaCurve, x: bigint): bigint {
  return curve.Point.Fn.inv(mod(x, curve.n));
}

function ecdsaVerify(curve: EcdsaCurve, hash: Uint8Array, sig: Uint8Array, pubkey: Uint8Array): CryptoCode {
  checkReadLimit("hash", hash, MESSAGE_HASH_MAX_LEN);
  checkReadLimit("signature", sig, ECDSA_SIGNATURE_LEN);
  checkReadLimit("pubkey", pubkey, ECDSA_PUBKEY_MAX_LEN);
  if (hash.length !== MESSAGE_HASH_MAX_LEN) return CRYPTO_CODES.InvalidHashFormat;
  if (sig.length !== ECDSA_SIGNATURE_LEN) return CRYPTO_CODES.InvalidSignatureFormat;
  if (!isPubkeyFormatOk(pubkey)) return CRYPTO_CODES.InvalidPubkeyFormat;
  const parsed = parseSignature(curve, sig);
  if (!parsed) return CRYPTO_CODES.GenericErr;
  let { s } = parsed;
  const { r } = parsed;
  // High-S signatures are accepted: upstream normalizes s to the low half before verifying (both curves).
  if (s > curve.n >> 1n) s = curve.n - s;
  let Q: WeierstrassPoint<bigint>;
  try {
    Q = curve.Point.fromBytes(pubkey);
    Q.assertValidity();
  } catch {
    return CRYPTO_CODES.GenericErr; // VerifyingKey::from_sec1_bytes failed: not on the curve / coordinate >= p
  }
  try {
    const z = hashToScalar(curve, hash);
    const w = invertModN(curve, s);
    const u1 = mod(z * w, curve.n);
    const u2 = mod(r * w, curve.n);
    const R = curve.Point.BASE.multiplyUnsafe(u1).add(Q.multiplyUnsafe(u2));
    if (R.is0()) return CRYPTO_CODES.Invalid;
    return mod(R.toAffine().x, curve.n) === r ? CRYPTO_CODES.Valid : CRYPTO_CODES.Invalid;
  } catch {
    return CRYPTO_CODES.Invalid;
  }
}

function ecdsaRecover(curve: EcdsaCurve, hash: Uint8Array, sig: Uint8Array, recoveryParam: number): RecoverResult {
  checkReadLimit("hash", hash, MESSAGE_HASH_MAX_LEN);
  checkReadLimit("signature", sig, ECDSA_SIGNATURE_LEN);
  // The host converts the u32 param to u8 before anything else; failure is code 6 (and no recover gas).
  if (!Number.isInteger(recoveryParam) || recoveryParam < 0 || recoveryParam > 255) {
    return { code: CRYPTO_CODES.InvalidRecoveryParam };
  }
  if (hash.length !== MESSAGE_HASH_MAX_LEN) return { code: CRYPTO_CODES.InvalidHashFormat };
  if (sig.length !== ECDSA_SIGNATURE_LEN) return { code: CRYPTO_CODES.InvalidSignatureFormat };
  if (recoveryParam > curve.maxRecoveryParam) return { code: CRYPTO_CODES.InvalidRecoveryParam };
  const parsed = parseSignature(curve, sig);
  if (!parsed) return { code: CRYPTO_CODES.GenericErr };
  let { s } = parsed;
  const { r } = parsed;
  let yOdd = (recoveryParam & 1) === 1;
  const xReduced = (recoveryParam & 2) === 2;
  if (curve.normalizeS && s > curve.n >> 1n) {
    s = curve.n - s;
    yOdd = !yOdd;
  }
  try {
    const x = xReduced ? r + curve.n : r;
    if (x >= curve.p) return { code: CRYPTO_CODES.GenericErr };
    const R = curve.Point.fromBytes(Uint8Array.of(yOdd ? 0x03 : 0x02, ...bigIntToBytes(x, 32)));
    const z = hashToScalar(curve, hash);
    const rInv = invertModN(curve, r);
    const u1 = mod(-z * rInv, curve.n);
    const u2 = mod(s * rInv, curve.n);
    const Q = curve.Point.BASE.multiplyUnsafe(u1).add(R.multiplyUnsafe(u2));
    if (Q.is0()) return { code: CRYPTO_CODES.GenericErr };
    return { code: CRYPTO_CODES.Valid, pubkey: Q.toBytes(false) };
  } catch {
    return { code: CRYPTO_CODES.GenericErr }; // R.x is not on the curve
  }
}

/**
 * secp256k1_verify. Codes 0/1/3/4/5/10. r or s zero or >= n, or a pubkey that is not a curve point, is 10
 * (GenericErr). High-S signatures are accepted (normalized, as cosmwasm-crypto does).
 */
export function secp256k1Verify(hash: Uint8Array, sig: Uint8Array, pubkey: Uint8Array): number {
  return ecdsaVerify(K1, hash, sig, pubkey);
}

/** secp256r1_verify. Same rules as secp256k1Verify (high-S accepted). */
export function secp256r1Verify(hash: Uint8Array, sig: Uint8Array, pubkey: Uint8Array): number {
  return ecdsaVerify(R1, hash, sig, pubkey);
}

/**
 * secp256k1_recover_pubkey. `recoveryParam` is the raw u32 argument. Params 0/1 only (2..255 → 6); a high-S
 * signature is normalized with the parity flipped, which recovers the same key. Codes 3/4/6/10.
 */
export function secp256k1RecoverPubkey(hash: Uint8Array, sig: Uint8Array, recoveryParam: number): RecoverResult {
  return ecdsaRecover(K1, hash, sig, recoveryParam);
}

/**
 * secp256r1_recover_pubkey. Params 0..3 are accepted (bit 0 = y parity, bit 1 = R.x is r + n), 4..255 → 6.
 * No S normalization (p256 accepts high-S). Codes 3/4/6/10.
 */
export function secp256r1RecoverPubkey(hash: Uint8Array, sig: Uint8Array, recoveryParam: number): RecoverResult {
  return ecdsaRecover(R1, hash, sig, recoveryParam);
}

// ---------------------------------------------------------------------------------------------------------------
// Ed25519 (ed25519-zebra in upstream: ZIP-215 rules)

function ed25519VerifyOne(message: Uint8Array, sig: Uint8Array, pubkey: Uint8Array): boolean {
  try {
    // ZIP-215: non-canonical R/A encodings and small-order A accepted, s must be < L, cofactored equation.
    return ed25519.verify(sig, message, pubkey, { zip215: true });
  } catch {
    return false;
  }
}

/**
 * ed25519_verify. Codes 0/1/4 (signature not 64 bytes)/5 (pubkey not 32 bytes). A pubkey that does not
 * decompress is 1, not an error. A message over 128 KiB is a VM error (region length too big), not a code.
 */
export function ed25519Verify(message: Uint8Array, sig: Uint8Array, pubkey: Uint8Array): number {
  checkReadLimit("message", message, MAX_LENGTH_ED25519_MESSAGE);
  checkReadLimit("signature", sig, MAX_LENGTH_ED25519_SIGNATURE);
  checkReadLimit("pubkey", pubkey, EDDSA_PUBKEY_LEN);
  if (sig.length !== MAX_LENGTH_ED25519_SIGNATURE) return CRYPTO_CODES.InvalidSignatureFormat;
  if (pubkey.length !== EDDSA_PUBKEY_LEN) return CRYPTO_CODES.InvalidPubkeyFormat;
  return ed25519VerifyOne(message, sig, pubkey) ? CRYPTO_CODES.Valid : CRYPTO_CODES.Invalid;
}

/**
 * ed25519_batch_verify on decoded sections. Shapes: n/n/n; 1 message with n signatures and n pubkeys; 1 pubkey
 * with n messages and n signatures (checked in that order); anything else is 7 (BatchErr). An empty batch is
 * valid (0). Every item's signature (4) and pubkey (5) length is checked, in item order, before any
 * verification; the result is 0 only if every item verifies (batch verification = individual ZIP-215 checks).
 * No count or per-message limit here: upstream only limits the byte size of the three regions.
 */
export function ed25519BatchVerify(
  messages: readonly Uint8Array[],
  sigs: readonly Uint8Array[],
  pubkeys: readonly Uint8Array[],
): number {
  const n = sigs.length;
  let msgAt: (i: number) => Uint8Array;
  let keyAt: (i: number) => Uint8Array;
  if (messages.length === n && pubkeys.length === n) {
    msgAt = (i) => messages[i];
    keyAt = (i) => pubkeys[i];
  } else if (messages.length === 1 && pubkeys.length === n) {
    msgAt = () => messages[0];
    keyAt = (i) => pubkeys[i];
  } else if (pubkeys.length === 1 && messages.length === n) {
    msgAt = (i) => messages[i];
    keyAt = () => pubkeys[0];
  } else {
    return CRYPTO_CODES.BatchErr;
  }
  for (let i = 0; i < n; i++) {
    if (sigs[i].length !== MAX_LENGTH_ED25519_SIGNATURE) return CRYPTO_CODES.InvalidSignatureFormat;
    if (keyAt(i).length !== EDDSA_PUBKEY_LEN) return CRYPTO_CODES.InvalidPubkeyFormat;
  }
  for (let i = 0; i < n; i++) {
    if (!ed25519VerifyOne(msgAt(i), sigs[i], keyAt(i))) return CRYPTO_CODES.Invalid;
  }
  return CRYPTO_CODES.Valid;
}

// ---------------------------------------------------------------------------------------------------------------
// BLS12-381 (arkworks in upstream; zcash/IETF compressed point encoding, subgroup-checked)

type Fp2 = { c0: bigint; c1: bigint };
type G1Point = WeierstrassPoint<bigint>;
type G2Point = WeierstrassPoint<Fp2>;

const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const BLS_P = bls12_381.fields.Fp.ORDER;

/**
 * Flag rules of ark-bls12-381 `read_g{1,2}_compressed`: compression bit required; sort bit forbidden together
 * with infinity; infinity requires every other bit zero; every Fp coordinate must be < p (noble would reduce).
 */
function checkCompressedEncoding(bytes: Uint8Array): boolean {
  const flags = bytes[0] >> 5;
  const compressed = (flags & 0b100) !== 0;
  const infinity = (flags & 0b010) !== 0;
  const sort = (flags & 0b001) !== 0;
  if (!compressed || (infinity && sort)) return false;
  const body = Uint8Array.from(bytes);
  body[0] &= 0b0001_1111;
  if (infinity) return body.every((b) => b === 0);
  for (let off = 0; off < body.length; off += 48) {
    if (bytesToBigInt(body.subarray(off, off + 48)) >= BLS_P) return false;
  }
  return true;
}

function decodeG1(bytes: Uint8Array): G1Point | undefined {
  if (bytes.length !== BLS12_381_G1_POINT_LEN || !checkCompressedEncoding(bytes)) return undefined;
  try {
    const point = G1.fromBytes(bytes);
    point.assertValidity(); // on the curve and in the prime-order subgroup
    return point;
  } catch {
    return undefined;
  }
}

function decodeG2(bytes: Uint8Array): G2Point | undefined {
  if (bytes.length !== BLS12_381_G2_POINT_LEN || !checkCompressedEncoding(bytes)) return undefined;
  try {
    const point = G2.fromBytes(bytes);
    point.assertValidity();
    return point;
  } catch {
    return undefined;
  }
}

interface Summable<P> {
  add(other: P): P;
  is0(): boolean;
  toBytes(compressed?: boolean): Uint8Array;
}

/** Compressed encoding; the identity is `0xc0 ‖ 0…` (noble refuses to encode a non-normalized projective zero). */
function encodePoint(point: Summable<unknown>, length: number): Uint8Array {
  if (!point.is0()) return point.toBytes(true);
  const out = new Uint8Array(length);
  out[0] = 0xc0;
  return out;
}

function aggregate<P extends Summable<P>>(
  points: Uint8Array,
  size: number,
  decode: (b: Uint8Array) => P | undefined,
  zero: P,
): PointResult {
  if (points.length === 0) return { code: CRYPTO_CODES.AggregationEmpty };
  if (points.length % size !== 0) return { code: CRYPTO_CODES.AggregationNotMultiple };
  let sum = zero;
  for (let off = 0; off < points.length; off += size) {
    const p = decode(points.subarray(off, off + size));
    if (!p) return { code: CRYPTO_CODES.InvalidPoint };
    sum = sum.add(p);
  }
  return { code: CRYPTO_CODES.Valid, point: encodePoint(sum, size) };
}

/** bls12_381_aggregate_g1: sum of 48-byte compressed G1 points. Codes 0/8/14 (empty)/15 (not a multiple of 48). */
export function bls12381AggregateG1(pointsConcat: Uint8Array): PointResult {
  checkReadLimit("points", pointsConcat, BLS12_381_MAX_AGGREGATE_SIZE);
  return aggregate(pointsConcat, BLS12_381_G1_POINT_LEN, decodeG1, G1.ZERO);
}

/** bls12_381_aggregate_g2: sum of 96-byte compressed G2 points. Codes 0/8/14/15 (not a multiple of 96). */
export function bls12381AggregateG2(pointsConcat: Uint8Array): PointResult {
  checkReadLimit("points", pointsConcat, BLS12_381_MAX_AGGREGATE_SIZE);
  return aggregate(pointsConcat, BLS12_381_G2_POINT_LEN, decodeG2, G2.ZERO);
}

/**
 * bls12_381_pairing_equality: is e(p_1, q_1) · … · e(p_n, q_n) = e(r, s)? 0 equal, 1 not equal; 11 ps not a
 * multiple of 48, 12 qs not a multiple of 96, 13 different counts (checked in that order), 8 any invalid point
 * (including r/s of the wrong length). n = 0 is allowed (then it checks e(r, s) = 1). Identity points allowed.
 */
export function bls12381PairingEquality(ps: Uint8Array, qs: Uint8Array, r: Uint8Array, s: Uint8Array): number {
  checkReadLimit("ps", ps, BLS12_381_MAX_AGGREGATE_SIZE);
  checkReadLimit("qs", qs, BLS12_381_MAX_AGGREGATE_SIZE);
  checkReadLimit("r", r, BLS12_381_G1_POINT_LEN);
  checkReadLimit("s", s, BLS12_381_G2_POINT_LEN);
  if (ps.length % BLS12_381_G1_POINT_LEN !== 0) return CRYPTO_CODES.PairingNotMultipleG1;
  if (qs.length % BLS12_381_G2_POINT_LEN !== 0) return CRYPTO_CODES.PairingNotMultipleG2;
  const n = ps.length / BLS12_381_G1_POINT_LEN;
  if (n !== qs.length / BLS12_381_G2_POINT_LEN) return CRYPTO_CODES.PairingUnequalPointAmount;
  const pairs: { g1: G1Point; g2: G2Point }[] = [];
  for (let i = 0; i <= n; i++) {
    const p = i < n ? decodeG1(ps.subarray(i * 48, i * 48 + 48)) : decodeG1(r)?.negate();
    const q = i < n ? decodeG2(qs.subarray(i * 96, i * 96 + 96)) : decodeG2(s);
    if (!p || !q) return CRYPTO_CODES.InvalidPoint;
    if (!p.is0() && !q.is0()) pairs.push({ g1: p, g2: q }); // e(0, q) = e(p, 0) = 1
  }
  if (pairs.length === 0) return CRYPTO_CODES.Valid;
  const Fp12 = bls12_381.fields.Fp12;
  return Fp12.eql(bls12_381.pairingBatch(pairs), Fp12.ONE) ? CRYPTO_CODES.Valid : CRYPTO_CODES.Invalid;
}

/** upstream `HashFunction` (`#[non_exhaustive]`): 0 = SHA-256; anything else is code 9. */
export const BLS12_381_HASH_FUNCTIONS = { Sha256: 0 } as const;

/**
 * RFC 9380 expand_message_xmd with SHA-256, as arkworks implements it: a DST over 255 bytes is replaced by
 * SHA-256("H2C-OVERSIZE-DST-" ‖ DST), and an empty DST is accepted (noble's helper rejects it, hence our own).
 */
function expandMessageXmdSha256(msg: Uint8Array, dst: Uint8Array, lenInBytes: number): Uint8Array {
  const B = 32; // output size
  const R = 64; // block size
  let tag = dst;
  if (tag.length > 255) {
    tag = sha256(concat(new TextEncoder().encode("H2C-OVERSIZE-DST-"), tag));
  }
  const dstPrime = new Uint8Array(tag.length + 1);
  dstPrime.set(tag);
  dstPrime[tag.length] = tag.length;
  const ell = Math.ceil(lenInBytes / B);
  const b0 = sha256(concat(new Uint8Array(R), msg, Uint8Array.of(lenInBytes >> 8, lenInBytes & 0xff, 0), dstPrime));
  const out = new Uint8Array(ell * B);
  let bi = sha256(concat(b0, Uint8Array.of(1), dstPrime));
  out.set(bi, 0);
  for (let i = 2; i <= ell; i++) {
    const x = new Uint8Array(B);
    for (let j = 0; j < B; j++) x[j] = b0[j] ^ bi[j];
    bi = sha256(concat(x, Uint8Array.of(i), dstPrime));
    out.set(bi, (i - 1) * B);
  }
  return out.subarray(0, lenInBytes);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** hash_to_field for Fp^m with L = 64 (k = 128): `count` elements of m coordinates each. */
function hashToField(msg: Uint8Array, dst: Uint8Array, count: number, m: number): bigint[][] {
  const L = 64;
  const uniform = expandMessageXmdSha256(msg, dst, count * m * L);
  const result: bigint[][] = [];
  for (let i = 0; i < count; i++) {
    const e: bigint[] = [];
    for (let j = 0; j < m; j++) {
      const off = L * (j + i * m);
      e.push(mod(bytesToBigInt(uniform.subarray(off, off + L)), BLS_P));
    }
    result.push(e);
  }
  return result;
}

// noble's mapToCurve runs map_to_curve and clear_cofactor; clearing is linear, so
// clear(map(u0) + map(u1)) = mapToCurve(u0) + mapToCurve(u1). Its runtime argument is a bigint for G1 (m = 1)
// and [c0, c1] for G2 (m = 2), which the declared type does not express.
const mapToG1 = bls12_381.G1.mapToCurve as unknown as (u: bigint) => G1Point;
const mapToG2 = bls12_381.G2.mapToCurve as unknown as (u: bigint[]) => G2Point;

/** bls12_381_hash_to_g1: RFC 9380 BLS12381G1_XMD:SHA-256_SSWU_RO_ with the caller's DST. Codes 0/9. */
export function bls12381HashToG1(hashFunction: number, msg: Uint8Array, dst: Uint8Array): PointResult {
  checkReadLimit("msg", msg, BLS12_381_MAX_MESSAGE_SIZE);
  checkReadLimit("dst", dst, BLS12_381_MAX_DST_SIZE);
  if (hashFunction !== BLS12_381_HASH_FUNCTIONS.Sha256) return { code: CRYPTO_CODES.UnknownHashFunction };
  const [u0, u1] = hashToField(msg, dst, 2, 1);
  const point = mapToG1(u0[0]).add(mapToG1(u1[0]));
  return { code: CRYPTO_CODES.Valid, point: encodePoint(point, BLS12_381_G1_POINT_LEN) };
}

/** bls12_381_hash_to_g2: RFC 9380 BLS12381G2_XMD:SHA-256_SSWU_RO_ with the caller's DST. Codes 0/9. */
export function bls12381HashToG2(hashFunction: number, msg: Uint8Array, dst: Uint8Array): PointResult {
  checkReadLimit("msg", msg, BLS12_381_MAX_MESSAGE_SIZE);
  checkReadLimit("dst", dst, BLS12_381_MAX_DST_SIZE);
  if (hashFunction !== BLS12_381_HASH_FUNCTIONS.Sha256) return { code: CRYPTO_CODES.UnknownHashFunction };
  const [u0, u1] = hashToField(msg, dst, 2, 2);
  const point = mapToG2(u0).add(mapToG2(u1));
  return { code: CRYPTO_CODES.Valid, point: encodePoint(point, BLS12_381_G2_POINT_LEN) };
}
