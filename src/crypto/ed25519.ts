import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from "node:crypto";
import { ed25519 } from "@noble/curves/ed25519.js";
import { OpenSslPublicKeys } from "./openssl_keys.js";

/**
 * Ed25519 as the Cosmos SDK and CometBFT use it, through Node's OpenSSL (≈20× faster here than pure JS: 23 µs to
 * sign, 62 µs to verify, against 470 µs and 900 µs) with @noble/curves as the reference for the edge cases.
 *
 * Signing is RFC 8032 (deterministic), so both libraries produce the same bytes. Verification follows ZIP-215 (the
 * SDK's ed25519consensus, ed25519-zebra): non-canonical point encodings are accepted and the cofactored equation is
 * used. OpenSSL is stricter (canonical encodings, cofactorless equation), and whatever it accepts with s < L also
 * satisfies ZIP-215; so a signature OpenSSL accepts is valid, and anything it refuses is decided by noble's ZIP-215
 * verifier. Honest signatures take the fast path; the answer is ZIP-215's for every input.
 */

const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");
/** The group order L, little-endian, for the s < L check. */
const ORDER_LE = Buffer.from("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010", "hex");

const publicKeys = new OpenSslPublicKeys(SPKI_PREFIX);

export function ed25519PublicKey(secret: Uint8Array): Uint8Array {
  return new Ed25519SigningKey(secret).publicKey;
}

/** A signing key held as an OpenSSL key object (parsed once). */
export class Ed25519SigningKey {
  readonly publicKey: Uint8Array;
  private readonly key: KeyObject;

  /** `secret` is the 32-byte RFC 8032 seed. */
  constructor(secret: Uint8Array) {
    if (secret.length !== 32) throw new RangeError(`ed25519 secret must be 32 bytes, got ${secret.length}`);
    this.key = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, secret]), format: "der", type: "pkcs8" });
    // The raw key is the SubjectPublicKeyInfo after its fixed 12-byte header (SPKI_PREFIX).
    const spki = createPublicKey(this.key).export({ format: "der", type: "spki" });
    this.publicKey = new Uint8Array(spki.subarray(SPKI_PREFIX.length));
  }

  sign(message: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, message, this.key));
  }
}

/** ZIP-215 verification; false for anything invalid (wrong lengths, bad points), never throws. */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 32 || signature.length !== 64) return false;
  if (scalarBelowOrder(signature.subarray(32))) {
    const key = publicKeys.get(publicKey);
    if (key !== null && verify(null, message, key, signature)) return true;
  }
  try {
    return ed25519.verify(signature, message, publicKey, { zip215: true });
  } catch {
    return false;
  }
}

/** s < L for a 32-byte little-endian scalar. */
function scalarBelowOrder(s: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    if (s[i]! !== ORDER_LE[i]!) return s[i]! < ORDER_LE[i]!;
  }
  return false;
}
