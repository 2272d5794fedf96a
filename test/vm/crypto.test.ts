import { test } from "node:test";
import assert from "node:assert/strict";
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  bls12381AggregateG1,
  bls12381AggregateG2,
  bls12381HashToG1,
  bls12381HashToG2,
  bls12381PairingEquality,
  CRYPTO_CODES,
  CryptoVmError,
  decodeSections,
  ed25519BatchVerify,
  ed25519Verify,
  encodeSections,
  recoverReturnValue,
  secp256k1RecoverPubkey,
  secp256k1Verify,
  secp256r1RecoverPubkey,
  secp256r1Verify,
} from "../../src/vm/crypto.js";
import { PlurigridError } from "../../src/errors.js";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/^0x/, ""), "hex"));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const flip = (b: Uint8Array, index: number): Uint8Array => {
  const out = Uint8Array.from(b);
  out[index] ^= 0x01;
  return out;
};
const cat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(Buffer.concat(parts));
const be32 = (n: bigint): Uint8Array => hex(n.toString(16).padStart(64, "0"));
const isVmError = (err: unknown): boolean => err instanceof CryptoVmError && err instanceof PlurigridError;

// ------------------------------------------------------------------------------------------------------------
// ECDSA

const ecdsaCurves = [
  { name: "secp256k1", curve: secp256k1, verify: secp256k1Verify, recover: secp256k1RecoverPubkey },
  { name: "secp256r1", curve: p256, verify: secp256r1Verify, recover: secp256r1RecoverPubkey },
] as const;

for (const { name, curve, verify, recover } of ecdsaCurves) {
  const secretKey = sha256(utf8(`${name} test key`));
  const pubCompressed = curve.getPublicKey(secretKey, true);
  const pubUncompressed = curve.getPublicKey(secretKey, false);
  const hash = sha256(utf8("Hello World!"));
  const recovered = curve.sign(hash, secretKey, { prehash: false, lowS: true, format: "recovered" });
  const recoveryParam = recovered[0];
  const sig = recovered.subarray(1);
  const n = curve.Point.CURVE().n;
  const r = BigInt("0x" + toHex(sig.subarray(0, 32)));
  const s = BigInt("0x" + toHex(sig.subarray(32)));
  const highS = cat(sig.subarray(0, 32), be32(n - s));

  test(`${name}: valid signatures verify with compressed and uncompressed pubkeys`, () => {
    assert.equal(verify(hash, sig, pubCompressed), 0);
    assert.equal(verify(hash, sig, pubUncompressed), 0);
  });

  test(`${name}: a flipped bit in hash, signature or key is invalid (1)`, () => {
    assert.equal(verify(flip(hash, 5), sig, pubCompressed), 1);
    assert.equal(verify(hash, flip(sig, 40), pubCompressed), 1);
    const other = curve.getPublicKey(sha256(utf8("other")), true);
    assert.equal(verify(hash, sig, other), 1);
  });

  test(`${name}: high-S signatures are accepted (upstream normalizes s)`, () => {
    assert.equal(verify(hash, highS, pubCompressed), 0);
  });

  test(`${name}: format errors map to codes 3/4/5`, () => {
    assert.equal(verify(hash.subarray(0, 31), sig, pubCompressed), CRYPTO_CODES.InvalidHashFormat);
    assert.equal(verify(new Uint8Array(0), sig, pubCompressed), CRYPTO_CODES.InvalidHashFormat);
    assert.equal(verify(hash, sig.subarray(0, 63), pubCompressed), CRYPTO_CODES.InvalidSignatureFormat);
    assert.equal(verify(hash, sig, new Uint8Array(0)), CRYPTO_CODES.InvalidPubkeyFormat);
    assert.equal(verify(hash, sig, cat(Uint8Array.of(0x04), pubCompressed.subarray(1))), 5);
    assert.equal(verify(hash, sig, cat(Uint8Array.of(0x02), pubUncompressed.subarray(1))), 5);
    assert.equal(verify(hash, sig, cat(Uint8Array.of(0x05), pubCompressed.subarray(1))), 5);
    // hash checked before signature, signature before pubkey
    assert.equal(verify(hash.subarray(1), sig.subarray(1), new Uint8Array(0)), 3);
    assert.equal(verify(hash, sig.subarray(1), new Uint8Array(0)), 4);
  });

  test(`${name}: bad scalars or a pubkey off the curve are GenericErr (10)`, () => {
    const zeroR = cat(new Uint8Array(32), sig.subarray(32));
    const sEqualsN = cat(sig.subarray(0, 32), be32(n));
    assert.equal(verify(hash, zeroR, pubCompressed), CRYPTO_CODES.GenericErr);
    assert.equal(verify(hash, sEqualsN, pubCompressed), CRYPTO_CODES.GenericErr);
    const offCurve = Uint8Array.from(pubUncompressed);
    offCurve[64] ^= 1;
    assert.equal(verify(hash, sig, offCurve), CRYPTO_CODES.GenericErr);
  });

  test(`${name}: arguments above the region limits are VM errors`, () => {
    assert.throws(() => verify(new Uint8Array(33), sig, pubCompressed), isVmError);
    assert.throws(() => verify(hash, new Uint8Array(65), pubCompressed), isVmError);
    assert.throws(() => verify(hash, sig, new Uint8Array(66)), isVmError);
    assert.throws(() => recover(hash, new Uint8Array(65), 0), isVmError);
  });

  test(`${name}: recover returns the signer's uncompressed pubkey`, () => {
    const result = recover(hash, sig, recoveryParam);
    assert.equal(result.code, 0);
    assert.deepEqual(result.pubkey, pubUncompressed);
    const wrong = recover(hash, sig, recoveryParam ^ 1);
    assert.equal(wrong.code, 0);
    assert.notDeepEqual(wrong.pubkey, pubUncompressed);
    // a high-S signature with the opposite parity recovers the same key
    assert.deepEqual(recover(hash, highS, recoveryParam ^ 1).pubkey, pubUncompressed);
  });

  test(`${name}: recover error codes`, () => {
    assert.equal(recover(hash.subarray(0, 31), sig, 0).code, CRYPTO_CODES.InvalidHashFormat);
    assert.equal(recover(hash, sig.subarray(0, 63), 0).code, CRYPTO_CODES.InvalidSignatureFormat);
    assert.equal(recover(hash, sig, 4).code, CRYPTO_CODES.InvalidRecoveryParam);
    assert.equal(recover(hash, sig, 255).code, CRYPTO_CODES.InvalidRecoveryParam);
    // a u32 that does not fit a u8 fails before the hash is even looked at
    assert.equal(recover(hash.subarray(0, 31), sig, 256).code, CRYPTO_CODES.InvalidRecoveryParam);
    assert.equal(recover(hash, cat(new Uint8Array(32), sig.subarray(32)), 0).code, CRYPTO_CODES.GenericErr);
    // r + n is not a field element for this r: x-reduced recovery fails (r1) / is not a valid param (k1)
    assert.ok(r > 2n ** 130n);
    assert.equal(recover(hash, sig, 2).code, name === "secp256k1" ? 6 : 10);
  });
}

test("secp256k1: Cosmos SDK transaction signature (cosmwasm-crypto test vector)", () => {
  const pubkey = hex("034f04181eeba35391b858633a765c4a0c189697b40d216354d50890d350c70290");
  const msg = hex(
    "0a93010a90010a1c2f636f736d6f732e62616e6b2e763162657461312e4d736753656e6412700a2d636f736d6f7331706b707472653766646b6c366766727a6c65736a6a766878686c63337234676d6d6b38727336122d636f736d6f7331717970717870713971637273737a673270767871367273307a716733797963356c7a763778751a100a0575636f736d12073132333435363712650a4e0a460a1f2f636f736d6f732e63727970746f2e736563703235366b312e5075624b657912230a21034f04181eeba35391b858633a765c4a0c189697b40d216354d50890d350c7029012040a02080112130a0d0a0575636f736d12043230303010c09a0c1a0c73696d642d74657374696e672001",
  );
  const sig = hex(
    "c9dd20e07464d3a688ff4b710b1fbc027e495e797cfa0b4804da2ed117959227772de059808f765aa29b8f92edf30f4c2c5a438e30d3fe6897daa7141e3ce6f9",
  );
  assert.equal(secp256k1Verify(sha256(msg), sig, pubkey), 0);
  const rec0 = secp256k1RecoverPubkey(sha256(msg), sig, 0);
  const rec1 = secp256k1RecoverPubkey(sha256(msg), sig, 1);
  const expected = secp256k1.Point.fromBytes(pubkey).toBytes(false);
  assert.ok([rec0.pubkey, rec1.pubkey].some((p) => p !== undefined && toHex(p) === toHex(expected)));
});

test("secp256r1: recovery params 2 and 3 are accepted (x-reduced R) when r + n < p", () => {
  // Construct a signature whose R has x >= n: pick R = a point with x in [n, p), then solve for a key.
  const { n, p } = p256.Point.CURVE();
  let R: ReturnType<typeof p256.Point.fromBytes> | undefined;
  for (let x = n; x < p && !R; x++) {
    try {
      R = p256.Point.fromBytes(cat(Uint8Array.of(0x02), be32(x)));
    } catch {
      // not on the curve, try the next x
    }
  }
  assert.ok(R);
  const rx = R.toAffine().x;
  const r = rx - n;
  const s = 12345n;
  const hash = sha256(utf8("x-reduced"));
  const sig = cat(be32(r), be32(s));
  const param = 2 | Number(R.toAffine().y & 1n);
  const result = secp256r1RecoverPubkey(hash, sig, param);
  assert.equal(result.code, 0);
  assert.equal(secp256r1Verify(hash, sig, result.pubkey!), 0);
});

test("recoverReturnValue packs pointer (low) and code (high)", () => {
  assert.equal(recoverReturnValue(0, 0x1234), 0x1234n);
  assert.equal(recoverReturnValue(6), 6n << 32n);
  assert.equal(recoverReturnValue(10, 0), 0x0000000a00000000n);
});

// ------------------------------------------------------------------------------------------------------------
// Ed25519

const edKeys = [1, 2, 3].map((i) => sha256(utf8(`ed25519 key ${i}`)));
const edPubs = edKeys.map((k) => ed25519.getPublicKey(k));
const edMsgs = ["first", "second", "third"].map(utf8);

test("ed25519: valid → 0, tampered → 1, format errors → 4/5", () => {
  const sig = ed25519.sign(edMsgs[0], edKeys[0]);
  assert.equal(ed25519Verify(edMsgs[0], sig, edPubs[0]), 0);
  assert.equal(ed25519Verify(edMsgs[1], sig, edPubs[0]), 1);
  assert.equal(ed25519Verify(edMsgs[0], flip(sig, 3), edPubs[0]), 1);
  assert.equal(ed25519Verify(edMsgs[0], sig, edPubs[1]), 1);
  assert.equal(ed25519Verify(edMsgs[0], sig.subarray(0, 63), edPubs[0]), CRYPTO_CODES.InvalidSignatureFormat);
  assert.equal(ed25519Verify(edMsgs[0], sig, edPubs[0].subarray(0, 31)), CRYPTO_CODES.InvalidPubkeyFormat);
  // s >= L (non-canonical scalar) is simply invalid
  const bigS = Uint8Array.from(sig);
  bigS.fill(0xff, 32, 63);
  bigS[63] = 0x0f;
  assert.equal(ed25519Verify(edMsgs[0], bigS, edPubs[0]), 1);
  // a pubkey that does not decompress is invalid, not an error (y = 2 is not on the curve)
  const notAPoint = new Uint8Array(32);
  notAPoint[0] = 2;
  assert.equal(ed25519Verify(edMsgs[0], sig, notAPoint), 1);
});

test("ed25519: 128 KiB message limit — at the limit verifies, above is a VM error", () => {
  const big = new Uint8Array(128 * 1024).fill(7);
  const sig = ed25519.sign(big, edKeys[0]);
  assert.equal(ed25519Verify(big, sig, edPubs[0]), 0);
  assert.throws(() => ed25519Verify(new Uint8Array(128 * 1024 + 1), sig, edPubs[0]), isVmError);
  assert.throws(() => ed25519Verify(edMsgs[0], new Uint8Array(65), edPubs[0]), isVmError);
  assert.throws(() => ed25519Verify(edMsgs[0], sig, new Uint8Array(33)), isVmError);
});

test("ed25519: ZIP-215 rules (small-order and non-canonical encodings accepted)", () => {
  const identity = new Uint8Array(32);
  identity[0] = 1; // y = 1
  const sig = cat(identity, new Uint8Array(32)); // R = identity, s = 0
  // small-order A: [8]0·B = [8]R + [8]k·A holds → valid under ZIP-215 (strict RFC 8032 rejects it)
  assert.equal(ed25519Verify(utf8("zip215"), sig, identity), 0);
  assert.equal(ed25519.verify(sig, utf8("zip215"), identity, { zip215: false }), false);
  // non-canonical encoding of the identity: y = p + 1
  const nonCanonical = new Uint8Array(32).fill(0xff);
  nonCanonical[0] = 0xee;
  nonCanonical[31] = 0x7f;
  assert.equal(ed25519Verify(utf8("zip215"), sig, nonCanonical), 0);
  assert.equal(ed25519Verify(utf8("zip215"), cat(nonCanonical, new Uint8Array(32)), identity), 0);
});

test("ed25519: ZIP-215 small-order test set — all 14×14 (A, R) encodings with s = 0 are valid", () => {
  const ff = "ff".repeat(30);
  const encodings = [
    // the 8 canonical encodings of the 8-torsion points
    "0100000000000000000000000000000000000000000000000000000000000000",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    "0000000000000000000000000000000000000000000000000000000000000000",
    "0000000000000000000000000000000000000000000000000000000000000080",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    // non-canonical: sign bit on x = 0, and y >= p
    "0100000000000000000000000000000000000000000000000000000000000080",
    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    `ee${ff}7f`,
    `ee${ff}ff`,
    `ed${ff}7f`,
    `ed${ff}ff`,
  ].map(hex);
  for (const e of encodings) assert.ok(ed25519.Point.fromBytes(e, true).isSmallOrder());
  const msg = utf8("Zcash");
  for (const A of encodings) {
    for (const R of encodings) assert.equal(ed25519Verify(msg, cat(R, new Uint8Array(32)), A), 0);
  }
});

test("ed25519 batch: the three shapes, empty batch, mismatch", () => {
  const sigs = edKeys.map((k, i) => ed25519.sign(edMsgs[i], k));
  assert.equal(ed25519BatchVerify(edMsgs, sigs, edPubs), 0);
  // one message, n signatures / pubkeys
  const oneMsgSigs = edKeys.map((k) => ed25519.sign(edMsgs[0], k));
  assert.equal(ed25519BatchVerify([edMsgs[0]], oneMsgSigs, edPubs), 0);
  // one pubkey, n messages / signatures
  const onePubSigs = edMsgs.map((m) => ed25519.sign(m, edKeys[0]));
  assert.equal(ed25519BatchVerify(edMsgs, onePubSigs, [edPubs[0]]), 0);
  assert.equal(ed25519BatchVerify([], [], []), 0);
  assert.equal(ed25519BatchVerify([edMsgs[0]], [], []), 0);
  assert.equal(ed25519BatchVerify([], [], [edPubs[0]]), 0);
  assert.equal(ed25519BatchVerify(edMsgs, sigs, edPubs.slice(0, 2)), CRYPTO_CODES.BatchErr);
  assert.equal(ed25519BatchVerify(edMsgs.slice(0, 2), sigs, edPubs), CRYPTO_CODES.BatchErr);
  assert.equal(ed25519BatchVerify([edMsgs[0]], sigs, [edPubs[0]]), CRYPTO_CODES.BatchErr);
});

test("ed25519 batch: one bad item → 1; format errors (4/5) take precedence over invalid signatures", () => {
  const sigs = edKeys.map((k, i) => ed25519.sign(edMsgs[i], k));
  assert.equal(ed25519BatchVerify(edMsgs, [sigs[0], sigs[1], flip(sigs[2], 0)], edPubs), 1);
  assert.equal(ed25519BatchVerify(edMsgs, [flip(sigs[0], 0), sigs[1], sigs[2].subarray(1)], edPubs), 4);
  assert.equal(ed25519BatchVerify(edMsgs, [flip(sigs[0], 0), sigs[1], sigs[2]], [...edPubs.slice(0, 2), hex("00")]), 5);
});

// ------------------------------------------------------------------------------------------------------------
// Sections

test("sections: round trip, empty sections, db_next end marker", () => {
  const parts = [utf8("key"), new Uint8Array(0), utf8("a longer value")];
  const encoded = encodeSections(parts);
  assert.equal(toHex(encoded.subarray(3, 7)), "00000003");
  assert.deepEqual(decodeSections(encoded), parts);
  assert.deepEqual(encodeSections([new Uint8Array(0), new Uint8Array(0)]), new Uint8Array(8));
  assert.deepEqual(decodeSections(new Uint8Array(8)), [new Uint8Array(0), new Uint8Array(0)]);
  assert.deepEqual(decodeSections(new Uint8Array(0)), []);
  assert.deepEqual(encodeSections([]), new Uint8Array(0));
  // works on a view with a non-zero byteOffset
  const padded = cat(utf8("junk"), encoded);
  assert.deepEqual(decodeSections(padded.subarray(4)), parts);
});

test("sections: malformed input is a VM error", () => {
  assert.throws(() => decodeSections(Uint8Array.of(0, 0, 0, 5)), isVmError); // length points before the start
  assert.throws(() => decodeSections(Uint8Array.of(1, 2, 3)), isVmError); // fewer than 4 bytes left over
  assert.throws(() => decodeSections(cat(Uint8Array.of(9), encodeSections([utf8("x")]))), isVmError);
  try {
    decodeSections(Uint8Array.of(0, 0, 0, 5));
  } catch (err) {
    assert.match((err as Error).message, /invalid section/);
  }
});

// ------------------------------------------------------------------------------------------------------------
// BLS12-381

const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;
const g1 = (k: bigint): Uint8Array => G1.BASE.multiply(k).toBytes(true);
const g2 = (k: bigint): Uint8Array => G2.BASE.multiply(k).toBytes(true);
const G1_IDENTITY = cat(Uint8Array.of(0xc0), new Uint8Array(47));
const G2_IDENTITY = cat(Uint8Array.of(0xc0), new Uint8Array(95));

test("bls12-381 aggregate g1: sums points; error codes 14/15/8", () => {
  const result = bls12381AggregateG1(cat(g1(3n), g1(5n), g1(7n)));
  assert.equal(result.code, 0);
  assert.deepEqual(result.point, g1(15n));
  assert.deepEqual(bls12381AggregateG1(g1(9n)).point, g1(9n));
  assert.deepEqual(bls12381AggregateG1(cat(g1(4n), G1.BASE.multiply(4n).negate().toBytes(true))).point, G1_IDENTITY);
  assert.equal(bls12381AggregateG1(new Uint8Array(0)).code, CRYPTO_CODES.AggregationEmpty);
  assert.equal(bls12381AggregateG1(new Uint8Array(47)).code, CRYPTO_CODES.AggregationNotMultiple);
  assert.equal(bls12381AggregateG1(cat(g1(1n), new Uint8Array(48))).code, CRYPTO_CODES.InvalidPoint);
  assert.throws(() => bls12381AggregateG1(new Uint8Array(2 * 1024 * 1024 + 48)), isVmError);
});

test("bls12-381 aggregate g2: Ethereum consensus-spec vectors (cosmwasm testdata)", () => {
  const input = [
    "b6ed936746e01f8ecf281f020953fbf1f01debd5657c4a383940b020b26507f6076334f91e2366c96e9ab279fb5158090352ea1c5b0c9274504f4f0e7053af24802e51e4568d164fe986834f41e55c8e850ce1f98458c0cfc9ab380b55285a55",
    "b23c46be3a001c63ca711f87a005c200cc550b9429d5f4eb38d74322144f1b63926da3388979e5321012fb1a0526bcd100b5ef5fe72628ce4cd5e904aeaa3279527843fae5ca9ca675f4f51ed8f83bbf7155da9ecc9663100a885d5dc6df96d9",
    "948a7cb99f76d616c2c564ce9bf4a519f1bea6b0a624a02276443c245854219fabb8d4ce061d255af5330b078d5380681751aa7053da2c98bae898edc218c75f07e24d8802a17cd1f6833b71e58f5eb5b94208b4d0bb3848cecb075ea21be115",
  ];
  const output =
    "9683b3e6701f9a4b706709577963110043af78a5b41991b998475a3d3fd62abf35ce03b33908418efc95a058494a8ae504354b9f626231f6b3f3c849dfdeaf5017c4780e2aee1850ceaf4b4d9ce70971a3d2cfcd97b7e5ecf6759f8da5f76d31";
  const result = bls12381AggregateG2(cat(...input.map(hex)));
  assert.equal(result.code, 0);
  assert.equal(toHex(result.point!), output);
  assert.deepEqual(bls12381AggregateG2(G2_IDENTITY).point, G2_IDENTITY);
  assert.deepEqual(bls12381AggregateG2(cat(g2(2n), g2(3n))).point, g2(5n));
  assert.equal(bls12381AggregateG2(new Uint8Array(0)).code, 14);
  assert.equal(bls12381AggregateG2(new Uint8Array(48)).code, 15);
});

test("bls12-381 point decoding follows the zcash encoding rules (cosmwasm deserialization vectors)", () => {
  const zeros = (n: number) => "0".repeat(n);
  const g1Cases: [string, boolean][] = [
    ["a491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a", true],
    ["c0" + zeros(94), true],
    ["80" + zeros(94), false], // infinity without the infinity flag: (0, 2) is not in G1
    ["c01" + zeros(93), false], // infinity flag with non-zero x
    ["e0" + zeros(94), false], // sort flag with infinity
    ["0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false],
    ["8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false],
    ["8123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde0", false],
    ["9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab", false], // x = p
    ["9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaac", false], // x > p
  ];
  for (const [input, ok] of g1Cases) {
    const result = bls12381AggregateG1(hex(input));
    assert.equal(result.code, ok ? 0 : CRYPTO_CODES.InvalidPoint, input);
    if (ok) assert.equal(toHex(result.point!), input);
  }
  const g2Cases: [string, boolean][] = [
    [
      "b2cc74bc9f089ed9764bbceac5edba416bef5e73701288977b9cac1ccb6964269d4ebf78b4e8aa7792ba09d3e49c8e6a1351bdf582971f796bbaf6320e81251c9d28f674d720cca07ed14596b96697cf18238e0e03ebd7fc1353d885a39407e0",
      true,
    ],
    ["c0" + zeros(190), true],
    ["80" + zeros(190), false],
    [
      "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab" + zeros(96),
      false,
    ],
    [
      "80" +
        zeros(94) +
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
      false,
    ],
  ];
  for (const [input, ok] of g2Cases) {
    assert.equal(bls12381AggregateG2(hex(input)).code, ok ? 0 : CRYPTO_CODES.InvalidPoint, input);
  }
});

test("bls12-381 pairing equality: e(a·g1, g2) = e(g1, a·g2); error codes 11/12/13/8", () => {
  const a = 0x1234567n;
  assert.equal(bls12381PairingEquality(g1(a), g2(1n), g1(1n), g2(a)), 0);
  assert.equal(bls12381PairingEquality(g1(a), g2(1n), g1(1n), g2(a + 1n)), 1);
  // two pairs on the left: e(2·g1, 3·g2) · e(g1, 4·g2) = e(g1, g2)^10
  assert.equal(bls12381PairingEquality(cat(g1(2n), g1(1n)), cat(g2(3n), g2(4n)), g1(5n), g2(2n)), 0);
  // n = 0: checks e(r, s) = 1; identity points are allowed
  assert.equal(bls12381PairingEquality(new Uint8Array(0), new Uint8Array(0), G1_IDENTITY, g2(1n)), 0);
  assert.equal(bls12381PairingEquality(new Uint8Array(0), new Uint8Array(0), g1(1n), g2(1n)), 1);
  assert.equal(bls12381PairingEquality(G1_IDENTITY, g2(7n), g1(3n), G2_IDENTITY), 0);

  assert.equal(bls12381PairingEquality(new Uint8Array(47), g2(1n), g1(1n), g2(1n)), CRYPTO_CODES.PairingNotMultipleG1);
  assert.equal(bls12381PairingEquality(g1(1n), new Uint8Array(95), g1(1n), g2(1n)), CRYPTO_CODES.PairingNotMultipleG2);
  assert.equal(bls12381PairingEquality(cat(g1(1n), g1(2n)), g2(1n), g1(1n), g2(1n)), 13);
  assert.equal(bls12381PairingEquality(g1(1n), g2(1n), new Uint8Array(48), g2(1n)), CRYPTO_CODES.InvalidPoint);
  assert.equal(bls12381PairingEquality(g1(1n), g2(1n), g1(1n).subarray(0, 47), g2(1n)), CRYPTO_CODES.InvalidPoint);
  assert.equal(bls12381PairingEquality(g1(1n), g2(1n), g1(1n), new Uint8Array(96)), CRYPTO_CODES.InvalidPoint);
  // length errors come first, even with bad points
  assert.equal(
    bls12381PairingEquality(new Uint8Array(49), new Uint8Array(96), new Uint8Array(0), new Uint8Array(0)),
    11,
  );
  assert.throws(() => bls12381PairingEquality(g1(1n), g2(1n), new Uint8Array(49), g2(1n)), isVmError);
});

test("bls12-381 hash-to-curve: RFC 9380 vectors (J.9.1 / J.10.1, msg 'abc')", () => {
  const g1Expected = hex(
    "03567bc5ef9c690c2ab2ecdf6a96ef1c139cc0b2f284dca0a9a7943388a49a3aee664ba5379a7655d3c68900be2f6903",
  );
  g1Expected[0] |= 0x80;
  const r1 = bls12381HashToG1(0, utf8("abc"), utf8("QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_"));
  assert.equal(r1.code, 0);
  assert.deepEqual(r1.point, g1Expected);

  const g2Expected = hex(
    "139cddbccdc5e91b9623efd38c49f81a6f83f175e80b06fc374de9eb4b41dfe4ca3a230ed250fbe3a2acf73a41177fd802c2d18e033b960562aae3cab37a27ce00d80ccd5ba4b7fe0e7a210245129dbec7780ccc7954725f4168aff2787776e6",
  );
  g2Expected[0] |= 0x80;
  const r2 = bls12381HashToG2(0, utf8("abc"), utf8("QUUX-V01-CS02-with-BLS12381G2_XMD:SHA-256_SSWU_RO_"));
  assert.equal(r2.code, 0);
  assert.deepEqual(r2.point, g2Expected);
});

test("bls12-381 hash-to-curve matches noble's hashToCurve (incl. oversize DST); empty DST accepted; code 9", () => {
  const msg = utf8("plurigrid energy community");
  for (const dst of [utf8("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"), new Uint8Array(300).fill(0x61)]) {
    assert.deepEqual(bls12381HashToG1(0, msg, dst).point, bls12_381.G1.hashToCurve(msg, { DST: dst }).toBytes(true));
    assert.deepEqual(bls12381HashToG2(0, msg, dst).point, bls12_381.G2.hashToCurve(msg, { DST: dst }).toBytes(true));
  }
  const empty = bls12381HashToG1(0, new Uint8Array(0), new Uint8Array(0));
  assert.equal(empty.code, 0);
  assert.equal(bls12381AggregateG1(empty.point!).code, 0); // a valid, subgroup-checked point
  assert.equal(bls12381HashToG1(1, msg, utf8("dst")).code, CRYPTO_CODES.UnknownHashFunction);
  assert.equal(bls12381HashToG2(0xffffffff, msg, utf8("dst")).code, CRYPTO_CODES.UnknownHashFunction);
  assert.throws(() => bls12381HashToG2(0, msg, new Uint8Array(5 * 1024 + 1)), isVmError);
});

test("bls12-381: drand mainnet beacon verifies with hash_to_g2 + pairing_equality (cosmwasm vector)", () => {
  const pk = hex("868f005eb8e6e4ca0a47c8a77ceaa5309a47978a7c71bc5cce96366b5d7a569937c529eeda66c7293784a9402801af31");
  const previous = hex(
    "a609e19a03c2fcc559e8dae14900aaefe517cb55c840f6e69bc8e4f66c8d18e8a609685d9917efbfb0c37f058c2de88f13d297c7e19e0ab24813079efe57a182554ff054c7638153f9b26a60e7111f71a0ff63d9571704905d3ca6df0b031747",
  );
  const signature = hex(
    "82f5d3d2de4db19d40a6980e8aa37842a0e55d1df06bd68bddc8d60002e8e959eb9cfa368b3c1b77d18f02a54fe047b80f0989315f83b12a74fd8679c4f12aae86eaf6ab5690b34f1fddd50ee3cc6f6cdf59e95526d5a5d82aaa84fa6f181e42",
  );
  const round = new Uint8Array(8);
  new DataView(round.buffer).setBigUint64(0, 72785n, false);
  const dst = utf8("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_");
  const msgPoint = bls12381HashToG2(0, sha256(cat(previous, round)), dst).point!;
  assert.equal(bls12381PairingEquality(g1(1n), signature, pk, msgPoint), 0);
  const wrongRound = bls12381HashToG2(0, sha256(cat(previous, new Uint8Array(8))), dst).point!;
  assert.equal(bls12381PairingEquality(g1(1n), signature, pk, wrongRound), 1);
});
