import { AddressError, type Order } from "./backend.js";
import * as crypto from "./crypto.js";
import type { Environment } from "./environment.js";
import { AbortError, BackendError, CommunicationError, WriteAccessDeniedError } from "./errors.js";
import { linearCost, SDK_GAS_MULTIPLIER } from "./gas.js";

/**
 * The host functions a CosmWasm contract imports from module `env` (cosmwasm-vm imports.rs), with the same
 * limits, gas and error semantics: user-level errors go back to the contract as values (error regions or codes),
 * everything else throws, which traps the call and becomes a VM error.
 */

const KI = 1024;
const MI = 1024 * 1024;
export const MAX_LENGTH_DB_KEY = 64 * KI;
export const MAX_LENGTH_DB_VALUE = 128 * KI;
export const MAX_LENGTH_CANONICAL_ADDRESS = 64;
export const MAX_LENGTH_HUMAN_ADDRESS = 256;
export const MAX_LENGTH_QUERY_CHAIN_REQUEST = 64 * KI;
const MAX_LENGTH_DEBUG = 2 * MI;
const MAX_LENGTH_ABORT = 2 * MI;
/** Region read limits of the crypto imports, per argument (owned by crypto.ts). */
const LIMIT = crypto.CRYPTO_READ_LIMITS;

const utf8 = new TextEncoder();
const utf8Strict = new TextDecoder("utf-8", { fatal: true });
const utf8Lossy = new TextDecoder("utf-8");

/** Import names a contract may use, with their wasm signatures (checked before instantiation). */
export const IMPORT_SIGNATURES: Record<string, { params: string[]; results: string[] }> = {
  db_read: { params: ["i32"], results: ["i32"] },
  db_write: { params: ["i32", "i32"], results: [] },
  db_remove: { params: ["i32"], results: [] },
  db_scan: { params: ["i32", "i32", "i32"], results: ["i32"] },
  db_next: { params: ["i32"], results: ["i32"] },
  db_next_key: { params: ["i32"], results: ["i32"] },
  db_next_value: { params: ["i32"], results: ["i32"] },
  addr_validate: { params: ["i32"], results: ["i32"] },
  addr_canonicalize: { params: ["i32", "i32"], results: ["i32"] },
  addr_humanize: { params: ["i32", "i32"], results: ["i32"] },
  secp256k1_verify: { params: ["i32", "i32", "i32"], results: ["i32"] },
  secp256k1_recover_pubkey: { params: ["i32", "i32", "i32"], results: ["i64"] },
  secp256r1_verify: { params: ["i32", "i32", "i32"], results: ["i32"] },
  secp256r1_recover_pubkey: { params: ["i32", "i32", "i32"], results: ["i64"] },
  ed25519_verify: { params: ["i32", "i32", "i32"], results: ["i32"] },
  ed25519_batch_verify: { params: ["i32", "i32", "i32"], results: ["i32"] },
  bls12_381_aggregate_g1: { params: ["i32", "i32"], results: ["i32"] },
  bls12_381_aggregate_g2: { params: ["i32", "i32"], results: ["i32"] },
  bls12_381_pairing_equality: { params: ["i32", "i32", "i32", "i32"], results: ["i32"] },
  bls12_381_hash_to_g1: { params: ["i32", "i32", "i32", "i32"], results: ["i32"] },
  bls12_381_hash_to_g2: { params: ["i32", "i32", "i32", "i32"], results: ["i32"] },
  debug: { params: ["i32"], results: [] },
  abort: { params: ["i32"], results: [] },
  query_chain: { params: ["i32"], results: ["i32"] },
};

export function createImports(env: Environment): WebAssembly.Imports {
  const gas = env.gasConfig;
  const storageGas = gas.storage;
  const hostCall = () => env.charge(gas.hostCall);
  const chargeSdk = (sdkGas: number) => env.charge(sdkGas * SDK_GAS_MULTIPLIER);

  /** Validates bytes as UTF-8 like cosmwasm-vm (charging string_from_bytes); undefined when invalid. */
  const toString = (bytes: Uint8Array): string | undefined => {
    env.charge(linearCost(gas.stringFromBytes, bytes.length));
    try {
      return utf8Strict.decode(bytes);
    } catch {
      return undefined;
    }
  };

  const storage = () => env.context.backend.storage;
  const writable = () => {
    if (env.context.readonly) throw new WriteAccessDeniedError();
  };
  const tooBig = (kind: string, ptr: number, max: number): never => {
    throw new CommunicationError("region_length_too_big", `${kind} too big. Tried to write more than ${max} bytes`, {
      ptr,
      limit: max,
    });
  };
  const readLimited = (ptr: number, max: number, kind: string): Uint8Array => {
    try {
      return env.readRegion(ptr, max);
    } catch (err) {
      if (err instanceof CommunicationError && err.code.endsWith("region_length_too_big")) tooBig(kind, ptr, max);
      throw err;
    }
  };

  const userError = (err: unknown): number => {
    if (err instanceof AddressError) return env.writeToContract(utf8.encode(err.message));
    throw err instanceof Error && "code" in err ? err : new BackendError(String(err));
  };

  const iterator = (id: number) => {
    const it = env.iterators[id];
    if (!it) throw new BackendError(`Iterator ${id} does not exist`, { iterator: id });
    return it;
  };
  const nextRecord = (id: number) => {
    const next = iterator(id).next();
    if (next.done) {
      chargeSdk(storageGas.iterNextFlat);
      return undefined;
    }
    const { key, value } = next.value;
    chargeSdk(storageGas.iterNextFlat + storageGas.readPerByte * (key.length + value.length));
    return next.value;
  };

  const recoverResult = (r: crypto.RecoverResult): bigint =>
    r.code === 0 ? crypto.recoverReturnValue(0, env.writeToContract(r.pubkey)) : crypto.recoverReturnValue(r.code);

  /** secp256k1 and secp256r1 share their limits and steps; only the curve and the gas differ. */
  const ecdsaVerify =
    (verify: (hash: Uint8Array, sig: Uint8Array, pubkey: Uint8Array) => number, cost: number) =>
    (hashPtr: number, sigPtr: number, pubkeyPtr: number): number => {
      hostCall();
      const hash = env.readRegion(hashPtr, LIMIT.secp256k1_verify.hash);
      const sig = env.readRegion(sigPtr, LIMIT.secp256k1_verify.signature);
      const pubkey = env.readRegion(pubkeyPtr, LIMIT.secp256k1_verify.pubkey);
      env.charge(cost);
      return verify(hash, sig, pubkey);
    };
  const ecdsaRecover =
    (recover: (hash: Uint8Array, sig: Uint8Array, param: number) => crypto.RecoverResult, cost: number) =>
    (hashPtr: number, sigPtr: number, param: number): bigint => {
      hostCall();
      const hash = env.readRegion(hashPtr, LIMIT.secp256k1_recover_pubkey.hash);
      const sig = env.readRegion(sigPtr, LIMIT.secp256k1_recover_pubkey.signature);
      // upstream converts the u32 to a u8 first and answers InvalidRecoveryParam before charging the recovery
      if (param >>> 0 > 255) return crypto.recoverReturnValue(crypto.CRYPTO_CODES.InvalidRecoveryParam);
      env.charge(cost);
      return recoverResult(recover(hash, sig, param >>> 0));
    };

  const imports = {
    db_read(keyPtr: number): number {
      hostCall();
      const key = env.readRegion(keyPtr, MAX_LENGTH_DB_KEY);
      const value = storage().get(key);
      chargeSdk(storageGas.readFlat + storageGas.readPerByte * (key.length + (value?.length ?? 0)));
      return value === undefined ? 0 : env.writeToContract(value);
    },
    db_write(keyPtr: number, valuePtr: number): void {
      hostCall();
      writable();
      const key = readLimited(keyPtr, MAX_LENGTH_DB_KEY, "Key");
      const value = readLimited(valuePtr, MAX_LENGTH_DB_VALUE, "Value");
      chargeSdk(storageGas.writeFlat + storageGas.writePerByte * (key.length + value.length));
      storage().set(key, value);
    },
    db_remove(keyPtr: number): void {
      hostCall();
      writable();
      const key = env.readRegion(keyPtr, MAX_LENGTH_DB_KEY);
      chargeSdk(storageGas.delete);
      storage().remove(key);
    },
    db_scan(startPtr: number, endPtr: number, order: number): number {
      hostCall();
      const start = env.maybeReadRegion(startPtr, MAX_LENGTH_DB_KEY);
      const end = env.maybeReadRegion(endPtr, MAX_LENGTH_DB_KEY);
      let dir: Order;
      if (order === 1) dir = "ascending";
      else if (order === 2) dir = "descending";
      else throw new CommunicationError("invalid_order", `Got an invalid value for iteration order: ${order}`);
      env.iterators.push(storage().range(start, end, dir));
      return env.iterators.length - 1;
    },
    db_next(id: number): number {
      hostCall();
      const record = nextRecord(id);
      const out = record
        ? crypto.encodeSections([record.key, record.value])
        : crypto.encodeSections([new Uint8Array(0), new Uint8Array(0)]);
      return env.writeToContract(out);
    },
    db_next_key(id: number): number {
      hostCall();
      const record = nextRecord(id);
      return record ? env.writeToContract(record.key) : 0;
    },
    db_next_value(id: number): number {
      hostCall();
      const record = nextRecord(id);
      return record ? env.writeToContract(record.value) : 0;
    },

    addr_validate(sourcePtr: number): number {
      hostCall();
      const source = env.readRegion(sourcePtr, MAX_LENGTH_HUMAN_ADDRESS);
      if (source.length === 0) return env.writeToContract(utf8.encode("Input is empty"));
      const human = toString(source);
      if (human === undefined) return env.writeToContract(utf8.encode("Input is not valid UTF-8"));
      try {
        env.context.backend.api.addrValidate(human);
        return 0;
      } catch (err) {
        return userError(err);
      }
    },
    addr_canonicalize(sourcePtr: number, destPtr: number): number {
      hostCall();
      const source = env.readRegion(sourcePtr, MAX_LENGTH_HUMAN_ADDRESS);
      if (source.length === 0) return env.writeToContract(utf8.encode("Input is empty"));
      const human = toString(source);
      if (human === undefined) return env.writeToContract(utf8.encode("Input is not valid UTF-8"));
      let canonical: Uint8Array;
      try {
        canonical = env.context.backend.api.addrCanonicalize(human);
      } catch (err) {
        return userError(err);
      }
      env.writeRegion(destPtr, canonical);
      return 0;
    },
    addr_humanize(sourcePtr: number, destPtr: number): number {
      hostCall();
      const canonical = env.readRegion(sourcePtr, MAX_LENGTH_CANONICAL_ADDRESS);
      let human: string;
      try {
        human = env.context.backend.api.addrHumanize(canonical);
      } catch (err) {
        return userError(err);
      }
      env.writeRegion(destPtr, utf8.encode(human));
      return 0;
    },

    secp256k1_verify: ecdsaVerify(crypto.secp256k1Verify, gas.secp256k1Verify),
    secp256k1_recover_pubkey: ecdsaRecover(crypto.secp256k1RecoverPubkey, gas.secp256k1RecoverPubkey),
    secp256r1_verify: ecdsaVerify(crypto.secp256r1Verify, gas.secp256r1Verify),
    secp256r1_recover_pubkey: ecdsaRecover(crypto.secp256r1RecoverPubkey, gas.secp256r1RecoverPubkey),
    ed25519_verify(msgPtr: number, sigPtr: number, pubkeyPtr: number): number {
      hostCall();
      const msg = env.readRegion(msgPtr, LIMIT.ed25519_verify.message);
      const sig = env.readRegion(sigPtr, LIMIT.ed25519_verify.signature);
      const pubkey = env.readRegion(pubkeyPtr, LIMIT.ed25519_verify.pubkey);
      env.charge(gas.ed25519Verify);
      return crypto.ed25519Verify(msg, sig, pubkey);
    },
    ed25519_batch_verify(msgsPtr: number, sigsPtr: number, pubkeysPtr: number): number {
      hostCall();
      const msgs = env.readRegion(msgsPtr, LIMIT.ed25519_batch_verify.messages);
      const sigs = env.readRegion(sigsPtr, LIMIT.ed25519_batch_verify.signatures);
      const pubkeys = env.readRegion(pubkeysPtr, LIMIT.ed25519_batch_verify.pubkeys);
      const messages = crypto.decodeSections(msgs);
      const signatures = crypto.decodeSections(sigs);
      const publicKeys = crypto.decodeSections(pubkeys);
      const cost = publicKeys.length === 1 ? gas.ed25519BatchVerifyOnePubkey : gas.ed25519BatchVerify;
      env.charge(linearCost(cost, signatures.length));
      return crypto.ed25519BatchVerify(messages, signatures, publicKeys);
    },
    bls12_381_aggregate_g1(pointsPtr: number, outPtr: number): number {
      hostCall();
      const points = env.readRegion(pointsPtr, LIMIT.bls12_381_aggregate_g1.points);
      env.charge(linearCost(gas.bls12381AggregateG1, Math.floor(points.length / crypto.BLS12_381_G1_POINT_LEN)));
      const r = crypto.bls12381AggregateG1(points);
      if (r.code === 0 && r.point) env.writeRegion(outPtr, r.point);
      return r.code;
    },
    bls12_381_aggregate_g2(pointsPtr: number, outPtr: number): number {
      hostCall();
      const points = env.readRegion(pointsPtr, LIMIT.bls12_381_aggregate_g2.points);
      env.charge(linearCost(gas.bls12381AggregateG2, Math.floor(points.length / crypto.BLS12_381_G2_POINT_LEN)));
      const r = crypto.bls12381AggregateG2(points);
      if (r.code === 0 && r.point) env.writeRegion(outPtr, r.point);
      return r.code;
    },
    bls12_381_pairing_equality(psPtr: number, qsPtr: number, rPtr: number, sPtr: number): number {
      hostCall();
      const ps = env.readRegion(psPtr, LIMIT.bls12_381_pairing_equality.ps);
      const qs = env.readRegion(qsPtr, LIMIT.bls12_381_pairing_equality.qs);
      const r = env.readRegion(rPtr, LIMIT.bls12_381_pairing_equality.r);
      const s = env.readRegion(sPtr, LIMIT.bls12_381_pairing_equality.s);
      env.charge(linearCost(gas.bls12381PairingEquality, Math.floor(ps.length / crypto.BLS12_381_G1_POINT_LEN) + 1));
      return crypto.bls12381PairingEquality(ps, qs, r, s);
    },
    bls12_381_hash_to_g1(hashFunction: number, msgPtr: number, dstPtr: number, outPtr: number): number {
      hostCall();
      const msg = env.readRegion(msgPtr, LIMIT.bls12_381_hash_to_g1.msg);
      const dst = env.readRegion(dstPtr, LIMIT.bls12_381_hash_to_g1.dst);
      env.charge(gas.bls12381HashToG1);
      const r = crypto.bls12381HashToG1(hashFunction >>> 0, msg, dst);
      if (r.code === 0 && r.point) env.writeRegion(outPtr, r.point);
      return r.code;
    },
    bls12_381_hash_to_g2(hashFunction: number, msgPtr: number, dstPtr: number, outPtr: number): number {
      hostCall();
      const msg = env.readRegion(msgPtr, LIMIT.bls12_381_hash_to_g2.msg);
      const dst = env.readRegion(dstPtr, LIMIT.bls12_381_hash_to_g2.dst);
      env.charge(gas.bls12381HashToG2);
      const r = crypto.bls12381HashToG2(hashFunction >>> 0, msg, dst);
      if (r.code === 0 && r.point) env.writeRegion(outPtr, r.point);
      return r.code;
    },

    debug(msgPtr: number): void {
      hostCall();
      const msg = env.readRegion(msgPtr, MAX_LENGTH_DEBUG);
      const handler = env.context.debug;
      if (handler) handler(utf8Lossy.decode(msg), env.getGasLeft());
    },
    abort(msgPtr: number): void {
      hostCall();
      const msg = env.readRegion(msgPtr, MAX_LENGTH_ABORT);
      env.charge(linearCost(gas.stringFromBytes, msg.length));
      throw new AbortError(utf8Lossy.decode(msg));
    },
    query_chain(requestPtr: number): number {
      hostCall();
      const request = env.readRegion(requestPtr, MAX_LENGTH_QUERY_CHAIN_REQUEST);
      const result = queryChain(env, request);
      return env.writeToContract(utf8.encode(JSON.stringify(result)));
    },
  };
  // Every import runs as host code: the gas counter is read from wasm once on entry and written back once on exit.
  const wrapped: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(imports) as [string, (...args: number[]) => unknown][]) {
    wrapped[name] = (a: number, b: number, c: number, d: number) => {
      env.enterHost();
      try {
        return fn(a, b, c, d);
      } finally {
        env.leaveHost();
      }
    };
  }
  return { env: wrapped as WebAssembly.ModuleImports };
}

/** Parses the request like cosmwasm-std's queriers do: unparsable JSON is a SystemError, not a VM error. */
function queryChain(env: Environment, request: Uint8Array): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8Strict.decode(request));
  } catch (err) {
    return {
      error: {
        invalid_request: {
          error: `Parsing query request: ${(err as Error).message}`,
          request: Buffer.from(request).toString("base64"),
        },
      },
    };
  }
  const { result, gasUsed } = env.context.backend.querier.query(parsed, env.getGasLeft());
  env.charge(gasUsed);
  return result;
}
