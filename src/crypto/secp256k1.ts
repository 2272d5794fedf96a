import { verify } from "node:crypto";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { BoundedCache } from "../bounded_cache.js";
import { OpenSslPublicKeys } from "./openssl_keys.js";
import { sha256 } from "./hash.js";

/**
 * secp256k1 as the Cosmos SDK verifies it: a 33-byte compressed public key, a 64-byte r‖s signature over
 * sha256(message), high-S refused (malleability). Verification goes through Node's OpenSSL (≈4× faster here than
 * pure JS) and falls back to @noble/curves, the reference, whenever OpenSSL refuses, so the answer is the same for
 * every input. Signing stays with noble: it is RFC 6979 deterministic, OpenSSL's ECDSA is not.
 *
 * A node verifies each tx's signature twice, at admission (CheckTx) and in the block, so valid signatures are
 * remembered (a bounded set of digests of key ‖ message ‖ signature, like Bitcoin Core's signature cache): the
 * second check is a hash. Verification is a pure function, so the answer cannot differ.
 */

const SPKI_PREFIX = Buffer.from("3036301006072a8648ce3d020106052b8104000a032200", "hex");
/** n/2: an S above it is the malleable twin of a valid signature. */
const HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

const publicKeys = new OpenSslPublicKeys(SPKI_PREFIX);
const verified = new BoundedCache<string, true>(8192);

export function secp256k1Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 33 || signature.length !== 64) return false;
  const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString("hex")}`);
  if (s > HALF_ORDER) return false;
  const id = Buffer.from(sha256(concat(publicKey, signature, message))).toString("latin1");
  if (verified.get(id)) return true;
  if (verifyUncached(publicKey, message, signature)) {
    verified.set(id, true);
    return true;
  }
  return false;
}

function verifyUncached(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  const key = publicKeys.get(publicKey);
  if (key !== null && verify("sha256", message, { key, dsaEncoding: "ieee-p1363" }, signature)) return true;
  try {
    return secp256k1.verify(signature, message, publicKey, { prehash: true, lowS: true });
  } catch {
    return false;
  }
}

/** Key (33 bytes) and signature (64) have fixed lengths, so the concatenation is unambiguous. */
function concat(...parts: Uint8Array[]): Uint8Array {
  return Buffer.concat(parts);
}

export function secp256k1Sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  return secp256k1.sign(message, privateKey, { prehash: true, lowS: true });
}

export function secp256k1CompressedPublicKey(privateKey: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(privateKey, true);
}
