import { test } from "node:test";
import assert from "node:assert/strict";
import { ed25519 } from "@noble/curves/ed25519.js";
import { mockAddress, type TestContract } from "../../src/vm/testing/mock.js";
import * as calls from "../../src/vm/calls.js";
import { deploy, dumpStorage, fromBase64, toBase64 } from "./built.js";

/** The SDK checked through the ABI, as contracts use it: via the sdk-harness contract. */

const user = mockAddress("user");
const MAX = "340282366920938463463374607431768211455"; // 2^128 - 1

function harness(): TestContract {
  const contract = deploy("sdk-harness");
  assert.ok("ok" in contract.instantiate(user, {}).result);
  return contract;
}

test("Uint128 arithmetic is exact over the whole range and reports overflow and division by zero", () => {
  const h = harness();
  const calc = (op: string, a: string, b: string) => h.query<{ result: string | null }>({ uint128: { op, a, b } });
  const cases: [string, string, string, string | null][] = [
    ["add", "18446744073709551615", "1", "18446744073709551616"],
    ["add", MAX, "0", MAX],
    ["add", MAX, "1", null],
    ["sub", "18446744073709551616", "1", "18446744073709551615"],
    ["sub", "1", "2", null],
    ["mul", "18446744073709551616", "18446744073709551615", "340282366920938463444927863358058659840"],
    ["mul", "18446744073709551616", "18446744073709551616", null],
    ["mul", MAX, "0", "0"],
    ["div", MAX, "10000000000000000000", "34028236692093846346"],
    ["rem", MAX, "10000000000000000000", "3374607431768211455"],
    ["div", "7", "0", null],
  ];
  for (const [op, a, b, expected] of cases) {
    const expectedValue = expected === null ? null : (BigInt(expected) as bigint);
    const bigResult = { add: BigInt(a) + BigInt(b), sub: BigInt(a) - BigInt(b), mul: BigInt(a) * BigInt(b) }[op];
    if (bigResult !== undefined && expectedValue !== null) assert.equal(bigResult, expectedValue, "table is right");
    assert.deepEqual(calc(op, a, b), { ok: { result: expected } }, `${a} ${op} ${b}`);
  }
  assert.deepEqual(calc("add", "340282366920938463463374607431768211456", "0"), {
    error:
      'Error parsing into type QueryMsg: invalid value: string "340282366920938463463374607431768211456", expected string-encoded integer at `uint128.a`',
  });
  assert.ok("error" in calc("add", "-1", "0"));
  assert.ok("error" in calc("add", "", "0"));
});

test("base64 decoding is strict and canonical, as cosmwasm-std's Binary", () => {
  const h = harness();
  const decode = (text: string) => h.query<{ bytes: number[]; reencoded: string }>({ base64: { text } });
  for (const bytes of [[], [0], [0xff, 0xfe], [1, 2, 3], [104, 105, 33, 0, 255]]) {
    const text = Buffer.from(bytes).toString("base64");
    assert.deepEqual(decode(text), { ok: { bytes, reencoded: text } });
  }
  for (const bad of ["A", "AB=", "A===", "AB=C", "AQ==AQ==", "AR==", "$$$$", "AB C"]) {
    assert.deepEqual(decode(bad), { error: "invalid base64" }, bad);
  }
});

test("strings survive the UTF-8/UTF-16 boundary both ways, escapes and astral characters included", () => {
  const h = harness();
  for (const value of ["", "plain", 'quote " backslash \\ slash /', "tab\tnewline\ncontrol\u0001\u001f", "é€😀 ⚡"]) {
    const answer = h.query<{ value: string; utf8_length: number }>({ echo: { value } });
    assert.deepEqual(answer, { ok: { value, utf8_length: Buffer.byteLength(value) } });
  }
  const raw = (text: string) => h.query(new TextEncoder().encode(`{"echo":{"value":${text}}}`));
  assert.deepEqual(raw('"\\ud83d\\ude00 \\u00e9"'), { ok: { value: "😀 é", utf8_length: 7 } });
  assert.match((raw('"\\ud83d"') as { error: string }).error, /unexpected end of hex escape/);
  assert.match((raw('"a\u0001"') as { error: string }).error, /control character/);
  assert.match((raw("01") as { error: string }).error, /invalid number/);
  const invalidUtf8 = new Uint8Array([...new TextEncoder().encode('{"echo":{"value":"'), 0xc3, 0x28, 0x22, 0x7d, 0x7d]);
  assert.match((h.query(invalidUtf8) as { error: string }).error, /invalid unicode code point/);
});

test("integers decode exactly at the edges of u64 and i64, and out-of-range values are errors", () => {
  const h = harness();
  const numbers = (values: string) => h.query(new TextEncoder().encode(`{"numbers":{"values":${values}}}`));
  // Compared as text: the values exceed what a JS number holds exactly.
  const { result } = calls.query(
    h.target,
    h.env(),
    new TextEncoder().encode('{"numbers":{"values":[0,9223372036854775807]}}'),
  );
  assert.ok("ok" in result);
  assert.equal(fromBase64(result.ok), '{"u64":[0,9223372036854775807],"i64":[0,9223372036854775807]}');
  const big = numbers("[18446744073709551615]") as { error: string };
  assert.match(big.error, /invalid value: integer `18446744073709551615`, expected i64 at `numbers.values\[0\]`/);
  assert.match((numbers("[18446744073709551616]") as { error: string }).error, /expected u64/);
  assert.match((numbers("[1.5]") as { error: string }).error, /invalid value: floating point `1.5`, expected u64/);
  assert.match((numbers("[-1]") as { error: string }).error, /invalid value: integer `-1`, expected u64/);
});

test("Map ranges honour inclusive and exclusive bounds in both orders over big-endian u64 keys", () => {
  const h = harness();
  assert.ok("ok" in h.execute(user, { put: { ids: [1, 2, 256, 3, 1000, 70000] } }).result);
  const keys = (range: object) => {
    const answer = h.query<{ keys: number[] }>({ range });
    assert.ok("ok" in answer, JSON.stringify(answer));
    return answer.ok.keys;
  };
  assert.deepEqual(keys({}), [1, 2, 3, 256, 1000, 70000]);
  assert.deepEqual(keys({ descending: true }), [70000, 1000, 256, 3, 2, 1]);
  assert.deepEqual(
    keys({ min: { value: 2, inclusive: true }, max: { value: 1000, inclusive: true } }),
    [2, 3, 256, 1000],
  );
  assert.deepEqual(keys({ min: { value: 2, inclusive: false }, max: { value: 1000, inclusive: false } }), [3, 256]);
  assert.deepEqual(keys({ min: { value: 3, inclusive: false }, descending: true }), [70000, 1000, 256]);
  const stored = dumpStorage(h).map(([k]) => k);
  assert.ok(stored.includes("\\x00\\x03ids\\x00\\x00\\x00\\x00\\x00\\x01\\x11p"), "70000 as big-endian u64");
});

test("composite keys are length-prefixed like cw-storage-plus tuples and can be iterated by prefix", () => {
  const h = harness();
  const put = (owner: string, denom: string, amount: string) =>
    assert.ok("ok" in h.execute(user, { put_balance: { owner, denom, amount } }).result);
  put("alice", "uatom", "5");
  put("alice", "ugrid", "7");
  put("alicex", "uatom", "9");
  put("bob", "ugrid", "1");
  assert.deepEqual(h.query({ prefix: { owner: "alice" } }), {
    ok: {
      entries: [
        ["uatom", "5"],
        ["ugrid", "7"],
      ],
    },
  });
  assert.deepEqual(h.query({ prefix: { owner: "carol" } }), { ok: { entries: [] } });
  assert.deepEqual(
    dumpStorage(h).map(([k]) => k),
    [
      "\\x00\\x08balances\\x00\\x03bobugrid", // shorter owners sort first: the length prefix comes first
      "\\x00\\x08balances\\x00\\x05aliceuatom",
      "\\x00\\x08balances\\x00\\x05aliceugrid",
      "\\x00\\x08balances\\x00\\x06alicexuatom",
    ],
  );
});

test("address functions go through the host and report its errors as cosmwasm-std words them", () => {
  const h = harness();
  const answer = h.query<{ validated: string; canonical: string; humanized: string }>({ addr: { address: user } });
  assert.ok("ok" in answer);
  assert.equal(answer.ok.validated, user);
  assert.equal(answer.ok.humanized, user);
  assert.equal(Buffer.from(answer.ok.canonical, "base64").length, 32);
  assert.match(
    (h.query({ addr: { address: "not-an-address" } }) as { error: string }).error,
    /^addr_validate errored: /,
  );
  assert.deepEqual(h.query({ addr: { address: "" } }), { error: "addr_validate errored: Input is empty" });
  assert.deepEqual(h.query({ addr: { address: "x".repeat(300) } }), { error: "input too long for addr_validate" });
});

test("queries unwrap SystemResult and ContractResult and word their errors like cosmwasm-std", () => {
  const h = harness();
  h.querier.balances.set(user, [{ denom: "ugrid", amount: "42" }]);
  assert.deepEqual(h.query({ balance: { address: user, denom: "ugrid" } }), { ok: { denom: "ugrid", amount: "42" } });
  assert.deepEqual(h.query({ smart: { contract: "c", msg: toBase64("{}") } }), {
    error: "Querier system error: Unsupported query type: wasm",
  });
  h.querier.wasmHandler = () => ({ ok: { error: "not today" } });
  assert.deepEqual(h.query({ smart: { contract: "c", msg: toBase64("{}") } }), {
    error: "Querier contract error: not today",
  });
  h.querier.wasmHandler = () => ({ ok: { ok: toBase64('{"answer":42}') } });
  assert.deepEqual(h.query({ smart: { contract: "c", msg: toBase64("{}") } }), { ok: { answer: 42 } });
});

test("ed25519 verification distinguishes valid, invalid and malformed signatures", () => {
  const h = harness();
  const secret = new Uint8Array(32).fill(7);
  const publicKey = ed25519.getPublicKey(secret);
  const message = new TextEncoder().encode("energy for the neighbourhood");
  const signature = ed25519.sign(message, secret);
  const verify = (msg: Uint8Array, sig: Uint8Array) =>
    h.query({ ed25519: { message: toBase64(msg), signature: toBase64(sig), public_key: toBase64(publicKey) } });
  assert.deepEqual(verify(message, signature), { ok: { valid: true } });
  assert.deepEqual(verify(new TextEncoder().encode("tampered"), signature), { ok: { valid: false } });
  assert.deepEqual(verify(message, signature.subarray(0, 10)), { error: "Invalid signature format" });
});
