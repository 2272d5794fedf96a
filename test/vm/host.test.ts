import { test } from "node:test";
import assert from "node:assert/strict";
import { secp256k1 } from "@noble/curves/secp256k1.js";
import { bls12_381 } from "@noble/curves/bls12-381.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { p256 } from "@noble/curves/nist.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { Bech32Api } from "../../src/vm/api.js";
import { decodeSections, encodeSections } from "../../src/vm/crypto.js";
import type { Environment } from "../../src/vm/environment.js";
import { CommunicationError, OutOfGasError, VmError } from "../../src/vm/errors.js";
import { DEFAULT_GAS_CONFIG } from "../../src/vm/gas.js";
import { IMPORT_SIGNATURES } from "../../src/vm/imports.js";
import { PooledInstance } from "../../src/vm/instance.js";
import { instrument } from "../../src/vm/instrumentation/instrument.js";
import { MockQuerier, mockAddress } from "../../src/vm/testing/mock.js";
import { MemoryStorage } from "../../src/vm/testing/storage.js";
import { BUMP_ALLOCATOR_WAT, watToWasm } from "./probe_wat.js";

/**
 * The host functions as a contract sees them: a module imports every one of them and re-exports it as `t_<name>`,
 * so each test writes regions through the contract's allocator and calls the import from inside wasm.
 */
const typeOf = (t: string) => (t === "i64" ? "i64" : "i32");
const HOST_WAT = `(module
${Object.entries(IMPORT_SIGNATURES)
  .map(
    ([name, sig]) =>
      `  (import "env" "${name}" (func $${name} (param ${sig.params.map(typeOf).join(" ")})${sig.results.length ? ` (result ${sig.results.map(typeOf).join(" ")})` : ""}))`,
  )
  .join("\n")}
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 1024))
${BUMP_ALLOCATOR_WAT}
${Object.entries(IMPORT_SIGNATURES)
  .map(([name, sig]) => {
    const params = sig.params.map((t, i) => `(param $p${i} ${typeOf(t)})`).join(" ");
    const result = sig.results.length ? `(result ${sig.results.map(typeOf).join(" ")})` : "";
    const args = sig.params.map((_, i) => `(local.get $p${i})`).join(" ");
    return `  (func (export "t_${name}") ${params} ${result} (call $${name} ${args}))`;
  })
  .join("\n")}
)`;

const PREFIX = "cosmwasm";
const api = new Bech32Api(PREFIX);
const utf8 = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

async function host() {
  const layout = instrument(await watToWasm(HOST_WAT), { memoryLimitPages: 64 });
  const instance = new PooledInstance(new WebAssembly.Module(layout.bytes), layout, DEFAULT_GAS_CONFIG);
  const storage = new MemoryStorage();
  const querier = new MockQuerier();
  type Fn = (...args: (number | bigint)[]) => number | bigint;
  const fn = (name: string) => instance.exports[`t_${name}`] as Fn;
  /** Runs `body` as a call; `w` writes bytes into a fresh region, `r` reads a region, `empty(n)` makes room. */
  const call = <T>(
    body: (h: {
      env: Environment;
      w: (b: Uint8Array | string) => number;
      r: (ptr: number) => Uint8Array;
      empty: (capacity: number) => number;
    }) => T,
    options: { readonly?: boolean; gasLimit?: number } = {},
  ): T => {
    try {
      return instance.run(
        { backend: { storage, querier, api }, readonly: options.readonly ?? false },
        options.gasLimit ?? 1e13,
        (env) =>
          body({
            env,
            w: (b) => env.writeToContract(typeof b === "string" ? utf8.encode(b) : b),
            r: (ptr) => env.readRegion(ptr, 1 << 20),
            empty: (capacity) => env.allocate(capacity),
          }),
      ).value;
    } finally {
      instance.reset();
    }
  };
  return { call, fn, storage, querier };
}

test("addr_validate / canonicalize / humanize return 0 or an error region, never throw", async () => {
  const { call, fn } = await host();
  const alice = mockAddress("alice");
  call(({ w, r, empty }) => {
    assert.equal(fn("addr_validate")(w(alice)), 0);
    assert.equal(text(r(fn("addr_validate")(w("")) as number)), "Input is empty");
    assert.equal(text(r(fn("addr_validate")(w(new Uint8Array([0xff, 0xfe]))) as number)), "Input is not valid UTF-8");
    assert.match(text(r(fn("addr_validate")(w("juno1xyz")) as number)), /bech32/);
    assert.match(text(r(fn("addr_validate")(w(alice.toUpperCase())) as number)), /not normalized/);
    const dest = empty(64);
    assert.equal(fn("addr_canonicalize")(w(alice), dest), 0);
    const canonical = r(dest);
    assert.equal(canonical.length, 32);
    const human = empty(90);
    assert.equal(fn("addr_humanize")(w(canonical), human), 0);
    assert.equal(text(r(human)), alice);
    assert.match(text(r(fn("addr_canonicalize")(w("nope"), empty(64)) as number)), /bech32/);
    assert.match(text(r(fn("addr_humanize")(w(new Uint8Array(0)), empty(90)) as number)), /length/);
  });
  // a human address longer than 256 bytes is a VM error (region length), like cosmwasm-vm
  assert.throws(
    () => call(({ w }) => fn("addr_validate")(w("a".repeat(257)))),
    (e: unknown) => e instanceof CommunicationError,
  );
});

test("db_* : read, write, remove, and iterators with sections, bounds and both orders", async () => {
  const { call, fn, storage } = await host();
  call(({ w, r }) => {
    for (const k of ["a", "b", "c", "d"]) fn("db_write")(w(k), w(k.toUpperCase()));
    assert.equal(text(r(fn("db_read")(w("b")) as number)), "B");
    assert.equal(fn("db_read")(w("zz")), 0);
    fn("db_remove")(w("d"));
    const asc = fn("db_scan")(w("b"), 0, 1) as number;
    assert.deepEqual(decodeSections(r(fn("db_next")(asc) as number)).map(text), ["b", "B"]);
    assert.equal(text(r(fn("db_next_key")(asc) as number)), "c");
    assert.deepEqual(decodeSections(r(fn("db_next")(asc) as number)).map(text), ["", ""]);
    assert.equal(fn("db_next_key")(asc), 0);
    const desc = fn("db_scan")(0, w("c"), 2) as number;
    assert.equal(text(r(fn("db_next_value")(desc) as number)), "B");
    assert.equal(text(r(fn("db_next_value")(desc) as number)), "A");
    assert.equal(fn("db_next_value")(desc), 0);
  });
  assert.equal(storage.size, 3);
  assert.throws(
    () => call(({ w }) => fn("db_scan")(w("a"), 0, 3)),
    (e: unknown) => e instanceof VmError && /order/.test(e.message),
  );
  assert.throws(
    () => call(() => fn("db_next")(42)),
    (e: unknown) => e instanceof VmError && /Iterator 42/.test(e.message),
  );
  assert.throws(
    () => call(({ w }) => fn("db_write")(w("k"), w("v")), { readonly: true }),
    (e: unknown) => e instanceof VmError && e.code === "vm.write_access_denied",
  );
  assert.throws(
    () => call(({ w }) => fn("db_write")(w("k"), w(new Uint8Array(128 * 1024 + 1)))),
    (e: unknown) => e instanceof VmError && /Value too big/.test(e.message),
  );
  assert.equal(storage.size, 3);
});

test("query_chain answers with SystemResult JSON, including invalid requests", async () => {
  const { call, fn, querier } = await host();
  querier.balances.set("someone", [{ denom: "ugrid", amount: "42" }]);
  call(({ w, r }) => {
    const ok = JSON.parse(
      text(r(fn("query_chain")(w('{"bank":{"balance":{"address":"someone","denom":"ugrid"}}}')) as number)),
    );
    assert.deepEqual(JSON.parse(Buffer.from(ok.ok.ok, "base64").toString()), {
      amount: { denom: "ugrid", amount: "42" },
    });
    const bad = JSON.parse(text(r(fn("query_chain")(w("{oops")) as number)));
    assert.ok(bad.error.invalid_request, JSON.stringify(bad));
    const unsupported = JSON.parse(text(r(fn("query_chain")(w('{"staking":{"bonded_denom":{}}}')) as number)));
    assert.deepEqual(unsupported, { error: { unsupported_request: { kind: "staking" } } });
  });
});

test("secp256k1 verify and recover through wasm: codes, and the u64 pointer/code packing", async () => {
  const { call, fn } = await host();
  const key = secp256k1.utils.randomSecretKey();
  const pub = secp256k1.getPublicKey(key, false);
  const hash = sha256(utf8.encode("meter reading 42 kWh"));
  const sig = secp256k1.sign(hash, key, { prehash: false, format: "recovered" });
  const compact = sig.subarray(1);
  const recovery = sig[0];
  call(({ w, r }) => {
    assert.equal(fn("secp256k1_verify")(w(hash), w(compact), w(pub)), 0);
    assert.equal(fn("secp256k1_verify")(w(sha256(utf8.encode("x"))), w(compact), w(pub)), 1);
    assert.equal(fn("secp256k1_verify")(w(hash.subarray(1)), w(compact), w(pub)), 3);
    const packed = fn("secp256k1_recover_pubkey")(w(hash), w(compact), recovery) as bigint;
    assert.equal(packed >> 32n, 0n);
    assert.deepEqual(new Uint8Array(r(Number(packed & 0xffffffffn))), pub);
    assert.equal((fn("secp256k1_recover_pubkey")(w(hash), w(compact), 7) as bigint) >> 32n, 6n);
    assert.equal((fn("secp256k1_recover_pubkey")(w(hash), w(compact), 300) as bigint) >> 32n, 6n);
  });
});

test("ed25519 single and batch verification through wasm, with section-encoded batches", async () => {
  const { call, fn } = await host();
  const keys = [1, 2, 3].map(() => ed25519.utils.randomSecretKey());
  const msgs = ["a", "b", "c"].map((m) => utf8.encode(m));
  const sigs = keys.map((k, i) => ed25519.sign(msgs[i], k));
  const pubs = keys.map((k) => ed25519.getPublicKey(k));
  call(({ w }) => {
    assert.equal(fn("ed25519_verify")(w(msgs[0]), w(sigs[0]), w(pubs[0])), 0);
    assert.equal(fn("ed25519_verify")(w(msgs[1]), w(sigs[0]), w(pubs[0])), 1);
    const batch = (m: Uint8Array[], s: Uint8Array[], p: Uint8Array[]) =>
      fn("ed25519_batch_verify")(w(encodeSections(m)), w(encodeSections(s)), w(encodeSections(p)));
    assert.equal(batch(msgs, sigs, pubs), 0);
    assert.equal(batch(msgs, sigs, pubs.slice(0, 2)), 7);
    assert.equal(batch([], [], []), 0);
  });
  assert.throws(
    () =>
      call(({ w }) =>
        fn("ed25519_batch_verify")(w(new Uint8Array([1, 2, 3])), w(new Uint8Array()), w(new Uint8Array())),
      ),
    (e: unknown) => e instanceof VmError,
  );
});

test("host functions charge gas: running out inside a host call is out of gas", async () => {
  const { call, fn } = await host();
  const hash = sha256(utf8.encode("x"));
  const cost = DEFAULT_GAS_CONFIG.secp256k1Verify;
  assert.throws(
    () =>
      call(({ w }) => fn("secp256k1_verify")(w(hash), w(new Uint8Array(64)), w(new Uint8Array(33))), {
        gasLimit: cost,
      }),
    OutOfGasError,
  );
  const used = call(({ env, w }) => {
    const msg = w("hi");
    const before = env.getGasLeft();
    fn("debug")(msg);
    return before - env.getGasLeft();
  });
  const gas = DEFAULT_GAS_CONFIG;
  const hostCost = gas.hostCall + gas.readRegionSmall.base + 2 * gas.readRegionSmall.perItem;
  // plus the forwarder's own metered operators: local.get (115), call and end (accounting, 115 × 14 each)
  assert.equal(used, hostCost + 115 + 2 * 115 * 14);
});

test("abort turns the contract's message into a VM error", async () => {
  const { call, fn } = await host();
  assert.throws(
    () => call(({ w }) => fn("abort")(w("panicked at 'overflow', src/contract.rs:12:5"))),
    (e: unknown) => e instanceof VmError && e.message === "Aborted: panicked at 'overflow', src/contract.rs:12:5",
  );
});

test("secp256r1 and BLS12-381 through wasm: out regions written only on success", async () => {
  const { call, fn } = await host();
  const key = p256.utils.randomSecretKey();
  const hash = sha256(utf8.encode("tariff update"));
  const sig = p256.sign(hash, key, { prehash: false });
  const g1 = (k: bigint) => bls12_381.G1.Point.BASE.multiply(k).toBytes(true);
  const g2 = (k: bigint) => bls12_381.G2.Point.BASE.multiply(k).toBytes(true);
  call(({ w, r, empty }) => {
    assert.equal(fn("secp256r1_verify")(w(hash), w(sig), w(p256.getPublicKey(key, false))), 0);
    const out = empty(48);
    assert.equal(fn("bls12_381_aggregate_g1")(w(new Uint8Array([...g1(2n), ...g1(3n)])), out), 0);
    assert.deepEqual(new Uint8Array(r(out)), g1(5n));
    const untouched = empty(48);
    assert.equal(fn("bls12_381_aggregate_g1")(w(new Uint8Array(0)), untouched), 14);
    assert.equal(r(untouched).length, 0);
    // e(2·G1, 3·G2) == e(6·G1, G2)
    assert.equal(fn("bls12_381_pairing_equality")(w(g1(2n)), w(g2(3n)), w(g1(6n)), w(g2(1n))), 0);
    assert.equal(fn("bls12_381_pairing_equality")(w(g1(2n)), w(g2(3n)), w(g1(7n)), w(g2(1n))), 1);
    const hashed = empty(96);
    assert.equal(
      fn("bls12_381_hash_to_g2")(0, w("beacon round 1"), w("BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_NUL_"), hashed),
      0,
    );
    assert.equal(r(hashed).length, 96);
    assert.equal(fn("bls12_381_hash_to_g1")(7, w("m"), w("dst"), empty(48)), 9);
  });
});
