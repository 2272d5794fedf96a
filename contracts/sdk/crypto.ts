import * as host from "./env";
import { borrowRegion, consumeRegion, releaseBorrowedRegion } from "./memory";
import { err, ok, Result } from "./result";

/** cosmwasm-std's VerificationError / RecoverPubkeyError messages for the host's result codes. */
function cryptoError(code: u32): string {
  switch (code) {
    case 3:
      return "Invalid hash format";
    case 4:
      return "Invalid signature format";
    case 5:
      return "Invalid public key format";
    case 6:
      return "Invalid recovery parameter. Supported values: 0 and 1.";
    case 7:
      return "Batch error";
    case 8:
      return "Invalid point";
    case 9:
      return "Unknown hash function";
    case 10:
      return "Generic error";
    case 11:
      return "Aggregation pairing equality error: List is not a multiple of 48";
    case 12:
      return "Aggregation pairing equality error: List is not a multiple of 96";
    case 13:
      return "Aggregation pairing equality error: Not the same amount of points passed";
    case 14:
      return "Aggregation error: List of points is empty";
    case 15:
      return "Aggregation error: List is not an expected multiple";
    default:
      return "Unknown error: " + code.toString();
  }
}

function verdict(code: u32): Result<bool> {
  if (code == 0) return ok(true);
  if (code == 1) return ok(false);
  return err<bool>(cryptoError(code));
}

function verify3(
  fn: (a: usize, b: usize, c: usize) => u32,
  first: Uint8Array,
  second: Uint8Array,
  third: Uint8Array,
): Result<bool> {
  const a = borrowRegion(first);
  const b = borrowRegion(second);
  const c = borrowRegion(third);
  const code = fn(a, b, c);
  releaseBorrowedRegion(c);
  releaseBorrowedRegion(b);
  releaseBorrowedRegion(a);
  return verdict(code);
}

function recover(
  fn: (a: usize, b: usize, p: u32) => u64,
  hash: Uint8Array,
  signature: Uint8Array,
  param: u8,
): Result<Uint8Array> {
  const h = borrowRegion(hash);
  const s = borrowRegion(signature);
  const result = fn(h, s, <u32>param);
  releaseBorrowedRegion(s);
  releaseBorrowedRegion(h);
  const code = <u32>(result >> 32);
  if (code != 0) return err<Uint8Array>(cryptoError(code));
  return ok(consumeRegion(<usize>(<u32>result)));
}

/** Concatenates sections as the batch ABI wants them: each section followed by its length (u32 big-endian). */
function encodeSections(sections: Uint8Array[]): Uint8Array {
  let total = 0;
  for (let i = 0; i < sections.length; i++) total += sections[i].byteLength + 4;
  const out = new Uint8Array(total);
  let p = out.dataStart;
  for (let i = 0; i < sections.length; i++) {
    const length = <usize>sections[i].byteLength;
    memory.copy(p, sections[i].dataStart, length);
    store<u32>(p + length, bswap<u32>(<u32>length));
    p += length + 4;
  }
  return out;
}

function point(fn: (a: usize, out: usize) => u32, input: Uint8Array, size: i32): Result<Uint8Array> {
  const out = new Uint8Array(size);
  const a = borrowRegion(input);
  const o = borrowRegion(out);
  const code = fn(a, o);
  releaseBorrowedRegion(o);
  releaseBorrowedRegion(a);
  return code == 0 ? ok(out) : err<Uint8Array>(cryptoError(code));
}

function hashToCurve(
  fn: (h: u32, m: usize, d: usize, out: usize) => u32,
  hashFunction: u32,
  message: Uint8Array,
  dst: Uint8Array,
  size: i32,
): Result<Uint8Array> {
  const out = new Uint8Array(size);
  const m = borrowRegion(message);
  const d = borrowRegion(dst);
  const o = borrowRegion(out);
  const code = fn(hashFunction, m, d, o);
  releaseBorrowedRegion(o);
  releaseBorrowedRegion(d);
  releaseBorrowedRegion(m);
  return code == 0 ? ok(out) : err<Uint8Array>(cryptoError(code));
}

/** The hash function of BLS12-381 hash-to-curve (cosmwasm-std HashFunction). */
export enum HashFunction {
  Sha256 = 0,
}

/**
 * Signature verification and curve operations done by the host (cosmwasm-std Api). Verifications answer
 * ok(true)/ok(false) for a valid/invalid signature and an error for malformed input ("Invalid signature format").
 * secp256r1 and BLS12-381 need the `cosmwasm_2_1` capability.
 */
export class Crypto {
  static secp256k1Verify(messageHash: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Result<bool> {
    return verify3(host.secp256k1_verify, messageHash, signature, publicKey);
  }

  static secp256k1RecoverPubkey(messageHash: Uint8Array, signature: Uint8Array, recoveryParam: u8): Result<Uint8Array> {
    return recover(host.secp256k1_recover_pubkey, messageHash, signature, recoveryParam);
  }

  static secp256r1Verify(messageHash: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Result<bool> {
    return verify3(host.secp256r1_verify, messageHash, signature, publicKey);
  }

  static secp256r1RecoverPubkey(messageHash: Uint8Array, signature: Uint8Array, recoveryParam: u8): Result<Uint8Array> {
    return recover(host.secp256r1_recover_pubkey, messageHash, signature, recoveryParam);
  }

  static ed25519Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Result<bool> {
    return verify3(host.ed25519_verify, message, signature, publicKey);
  }

  /** Verifies n signatures; one message with n keys, or n messages with one key, is allowed as well. */
  static ed25519BatchVerify(messages: Uint8Array[], signatures: Uint8Array[], publicKeys: Uint8Array[]): Result<bool> {
    return verify3(
      host.ed25519_batch_verify,
      encodeSections(messages),
      encodeSections(signatures),
      encodeSections(publicKeys),
    );
  }

  /** Sum of concatenated compressed G1 points (48 bytes each). */
  static bls12381AggregateG1(points: Uint8Array): Result<Uint8Array> {
    return point(host.bls12_381_aggregate_g1, points, 48);
  }

  /** Sum of concatenated compressed G2 points (96 bytes each). */
  static bls12381AggregateG2(points: Uint8Array): Result<Uint8Array> {
    return point(host.bls12_381_aggregate_g2, points, 96);
  }

  /** Whether e(p1, q1) · … · e(pn, qn) == e(r, s), points concatenated. */
  static bls12381PairingEquality(ps: Uint8Array, qs: Uint8Array, r: Uint8Array, s: Uint8Array): Result<bool> {
    const a = borrowRegion(ps);
    const b = borrowRegion(qs);
    const c = borrowRegion(r);
    const d = borrowRegion(s);
    const code = host.bls12_381_pairing_equality(a, b, c, d);
    releaseBorrowedRegion(d);
    releaseBorrowedRegion(c);
    releaseBorrowedRegion(b);
    releaseBorrowedRegion(a);
    return verdict(code);
  }

  static bls12381HashToG1(hashFunction: HashFunction, message: Uint8Array, dst: Uint8Array): Result<Uint8Array> {
    return hashToCurve(host.bls12_381_hash_to_g1, <u32>hashFunction, message, dst, 48);
  }

  static bls12381HashToG2(hashFunction: HashFunction, message: Uint8Array, dst: Uint8Array): Result<Uint8Array> {
    return hashToCurve(host.bls12_381_hash_to_g2, <u32>hashFunction, message, dst, 96);
  }
}
