import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { ed25519 } from "@noble/curves/ed25519.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import {
  Ed25519SigningKey,
  ed25519PublicKey,
  ed25519Verify,
  secp256k1CompressedPublicKey,
  secp256k1Sign,
  secp256k1Verify,
  sha256,
} from "../../src/crypto/index.js";

const le32 = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
};
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const P = 2n ** 255n - 19n;
const N = secp256k1.Point.CURVE().n;

describe("ed25519 (OpenSSL fast path, ZIP-215 answers)", () => {
  const secret = new Uint8Array(32).fill(7);
  const key = new Ed25519SigningKey(secret);
  const message = new TextEncoder().encode("plurigrid solo machine sign bytes");

  it("signs exactly what RFC 8032 (noble) signs, and verifies it", () => {
    assert.deepEqual(key.publicKey, ed25519.getPublicKey(secret));
    assert.deepEqual(ed25519PublicKey(secret), key.publicKey);
    const signature = key.sign(message);
    assert.deepEqual(signature, ed25519.sign(message, secret));
    assert.equal(ed25519Verify(key.publicKey, message, signature), true);
  });

  it("refuses a tampered message, another key, wrong lengths, and s >= L (the malleable twin)", () => {
    const signature = key.sign(message);
    assert.equal(ed25519Verify(key.publicKey, new TextEncoder().encode("other"), signature), false);
    assert.equal(ed25519Verify(new Ed25519SigningKey(randomBytes(32)).publicKey, message, signature), false);
    assert.equal(ed25519Verify(key.publicKey.subarray(1), message, signature), false);
    assert.equal(ed25519Verify(key.publicKey, message, signature.subarray(1)), false);
    let s = 0n;
    for (let i = 31; i >= 0; i--) s = (s << 8n) | BigInt(signature[32 + i]!);
    const twin = concat(signature.subarray(0, 32), le32(s + L));
    assert.equal(ed25519Verify(key.publicKey, message, twin), false);
  });

  it("gives noble's ZIP-215 answer on small-order and non-canonical encodings OpenSSL treats differently", () => {
    const identity = le32(1n);
    const identityNonCanonical = le32(P + 1n); // y = 1 encoded as p + 1: ZIP-215 accepts it, RFC 8032 does not
    const lowOrder = Uint8Array.from(
      Buffer.from("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", "hex"),
    );
    const vectors: Array<[Uint8Array, Uint8Array]> = [];
    for (const a of [identity, identityNonCanonical, lowOrder]) {
      for (const r of [identity, identityNonCanonical, lowOrder]) {
        for (const s of [0n, 1n, L - 1n, L]) vectors.push([a, concat(r, le32(s))]);
      }
    }
    let accepted = 0;
    for (const [a, sig] of vectors) {
      const expected = ed25519.verify(sig, message, a, { zip215: true });
      assert.equal(ed25519Verify(a, message, sig), expected, `A=${Buffer.from(a).toString("hex")}`);
      if (expected) accepted++;
    }
    assert.ok(accepted > 0, "some small-order vectors are valid under ZIP-215");
  });
});

describe("secp256k1 (Cosmos SDK rules)", () => {
  const privateKey = secp256k1.utils.randomSecretKey();
  const publicKey = secp256k1CompressedPublicKey(privateKey);
  const message = new TextEncoder().encode("sign doc bytes");

  it("signs deterministically (RFC 6979, low-S) and verifies over sha256(message)", () => {
    const signature = secp256k1Sign(privateKey, message);
    assert.deepEqual(signature, secp256k1Sign(privateKey, message));
    assert.equal(signature.length, 64);
    assert.equal(secp256k1Verify(publicKey, message, signature), true);
    const digest = createHash("sha256").update(message).digest();
    assert.equal(secp256k1.verify(signature, digest, publicKey, { prehash: false }), true);
  });

  it("refuses the high-S twin, tampering, other keys, malformed keys and lengths", () => {
    const signature = secp256k1Sign(privateKey, message);
    const s = BigInt(`0x${Buffer.from(signature.subarray(32)).toString("hex")}`);
    const high = concat(signature.subarray(0, 32), Buffer.from((N - s).toString(16).padStart(64, "0"), "hex"));
    assert.equal(secp256k1.verify(high, message, publicKey, { prehash: true, lowS: false }), true);
    assert.equal(secp256k1Verify(publicKey, message, high), false);
    assert.equal(secp256k1Verify(publicKey, new TextEncoder().encode("x"), signature), false);
    const other = secp256k1CompressedPublicKey(secp256k1.utils.randomSecretKey());
    assert.equal(secp256k1Verify(other, message, signature), false);
    const badPrefix = Uint8Array.from(publicKey);
    badPrefix[0] = 0x05;
    assert.equal(secp256k1Verify(badPrefix, message, signature), false);
    assert.equal(secp256k1Verify(publicKey.subarray(1), message, signature), false);
    assert.equal(secp256k1Verify(publicKey, message, concat(signature, new Uint8Array([0]))), false);
    assert.equal(secp256k1Verify(publicKey, message, new Uint8Array(64)), false);
  });

  it("agrees with noble on random keys, messages and corrupted signatures", () => {
    for (let i = 0; i < 40; i++) {
      const sk = secp256k1.utils.randomSecretKey();
      const pk = secp256k1CompressedPublicKey(sk);
      const msg = randomBytes(1 + i);
      const sig = secp256k1Sign(sk, msg);
      if (i % 2 === 1) sig[i % 64]! ^= 1 << (i % 8);
      const expected = (() => {
        try {
          return secp256k1.verify(sig, msg, pk, { prehash: true, lowS: true });
        } catch {
          return false;
        }
      })();
      assert.equal(secp256k1Verify(pk, msg, sig), expected);
    }
  });
});

describe("sha256 (OpenSSL)", () => {
  it("equals @noble/hashes one-shot and incrementally, on empty, small and large inputs", () => {
    for (const size of [0, 1, 55, 56, 64, 1000, 100_000]) {
      const data = randomBytes(size);
      const expected = nobleSha256(data);
      assert.deepEqual(sha256(data), expected);
      const h = sha256.create();
      h.update(data.subarray(0, size >> 1)).update(data.subarray(size >> 1));
      assert.deepEqual(h.digest(), expected);
    }
  });
});

describe("secp256k1 signature cache", () => {
  it("remembers only valid signatures: a corrupted twin of a cached one is still refused", () => {
    const sk = secp256k1.utils.randomSecretKey();
    const pk = secp256k1CompressedPublicKey(sk);
    const msg = new TextEncoder().encode("admitted at CheckTx, verified again in the block");
    const sig = secp256k1Sign(sk, msg);
    assert.equal(secp256k1Verify(pk, msg, sig), true);
    assert.equal(secp256k1Verify(pk, msg, sig), true);
    const bad = Uint8Array.from(sig);
    bad[5]! ^= 1;
    for (let i = 0; i < 2; i++) {
      assert.equal(secp256k1Verify(pk, msg, bad), false);
      assert.equal(secp256k1Verify(pk, new TextEncoder().encode("other"), sig), false);
    }
  });
});
