/**
 * Baseline (a), the "floor": a CosmWasm contract called directly through `WebAssembly.Instance`, instantiated ONCE
 * and reused for every call, with the smallest host that runs cw20-base correctly: Map-based storage, bech32 address
 * imports, no metering, no gas, every other import throwing. Calling convention and import semantics follow
 * /work/shared/reference/cosmwasm-ibc.md §1.
 *
 * Deliberately NOT done (that is what makes it a floor): fresh instance per call, snapshot/rollback of memory or
 * storage, static checks, gas. A failed `execute` (contract error) leaves no storage writes only because cw-base
 * contracts validate before they write; nothing here reverts them. After a trap the instance is poisoned and every
 * later call throws.
 */
import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2.js";
import {
  BECH32_PREFIX,
  type InitialBalance,
  balanceQueryBytes,
  jsonBytes,
  makeInstantiateMsg,
} from "./cw20_messages.js";

/** The contract returned `{"error": …}`: a contract error, the instance is still usable. */
export class ContractError extends Error {
  constructor(
    readonly entryPoint: string,
    readonly contractMessage: string,
  ) {
    super(`${entryPoint}: contract error: ${contractMessage}`);
    this.name = "ContractError";
  }
}

/** The call trapped, an import threw, or the result was malformed; the instance is poisoned afterwards. */
export class BareVmError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BareVmError";
  }
}

export interface BareContractOptions {
  /** bech32 prefix of every address (default {@link BECH32_PREFIX}). */
  readonly prefix?: string;
  /** The contract's own address (default: a fixed 32-byte address under `prefix`). */
  readonly contractAddress?: string;
  readonly chainId?: string;
  readonly blockHeight?: number;
  /** Block time in nanoseconds, decimal string. */
  readonly blockTime?: string;
}

export interface BareContract {
  readonly contractAddress: string;
  /** Storage keyed by the key bytes as a latin1 string (code unit i = byte i, so string order = byte order). */
  readonly storage: ReadonlyMap<string, Uint8Array>;
  /** Calls `instantiate`; returns the parsed `Response` (the `ok` value). Throws {@link ContractError} on `error`. */
  instantiate(sender: string, msgJson: Uint8Array): unknown;
  /** Calls `execute` with no funds; returns the parsed `Response`. Throws {@link ContractError} on `error`. */
  execute(sender: string, msgJson: Uint8Array): unknown;
  /** Calls `query` (storage read-only); returns the raw bytes of the base64 `Binary` result. */
  query(msgJson: Uint8Array): Uint8Array;
}

export interface BareCw20 extends BareContract {
  /** Executes `{"transfer":{"recipient","amount"}}` signed by `sender`; throws on any error. */
  transfer(sender: string, recipient: string, amount: string | bigint): void;
  /** Executes a pre-encoded execute message signed by `sender`; returns the parsed `Response`. */
  callExecute(sender: string, msgJson: Uint8Array): unknown;
  /** `{"balance":{"address"}}` through the contract's `query` export. */
  balance(address: string): bigint;
}

/*
 * Minimal structural types for the WebAssembly JS API: the project's lib (ES2023, no DOM) and @types/node 20 do not
 * declare the `WebAssembly` namespace, so this file reads it from globalThis instead of relying on a global type.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
/** A compiled module (`WebAssembly.Module`). */
export type WasmModule = object;
interface WasmApi {
  Module: {
    new (bytes: Uint8Array): WasmModule;
    imports(module: WasmModule): Array<{ module: string; name: string; kind: string }>;
  };
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => { readonly exports: Record<string, unknown> };
  Memory: abstract new (...args: never[]) => WasmMemory;
}
const Wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

const MAX_RESULT = 64 * 1024 * 1024;
const MAX_KEY = 64 * 1024;
const MAX_VALUE = 128 * 1024;
const MAX_HUMAN_ADDRESS = 256;
const MAX_CANONICAL_ADDRESS = 64;

/** latin1 string of bytes, used as a Map key. Byte i becomes code unit i. */
function keyString(bytes: Uint8Array): string {
  // (TextDecoder("latin1") is really windows-1252 and remaps 0x80–0x9f, so it cannot be used here.)
  if (bytes.length <= 64) {
    let s = "";
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

function keyBytes(key: string): Uint8Array {
  return new Uint8Array(Buffer.from(key, "latin1"));
}

export function defaultContractAddress(prefix: string = BECH32_PREFIX): string {
  return toBech32(prefix, sha256(encoder.encode("plurigrid/bench/contract/0")));
}

/** Instantiates the wasm module once, with the minimal host; the instance is reused by every call. */
export function createBareContract(wasm: Uint8Array | WasmModule, options: BareContractOptions = {}): BareContract {
  const prefix = options.prefix ?? BECH32_PREFIX;
  const contractAddress = options.contractAddress ?? defaultContractAddress(prefix);
  const storage = new Map<string, Uint8Array>();
  const iterators: Array<{ keys: string[]; pos: number }> = [];
  let readonly = false;
  let poisoned: Error | undefined;

  // `memory`, `allocate` and `deallocate` are consts declared after instantiation; the closures below only run
  // once they exist (cw20-base has no start function).
  let buf: ArrayBuffer | undefined;
  let u8 = new Uint8Array(0);
  let dv = new DataView(new ArrayBuffer(0));

  /** Views over the current `memory.buffer` (it is replaced on every `memory.grow`). */
  function refresh(): void {
    const b = memory.buffer;
    if (b !== buf) {
      buf = b;
      u8 = new Uint8Array(b);
      dv = new DataView(b);
    }
  }

  function regionHeader(ptr: number): { offset: number; capacity: number; length: number } {
    refresh();
    ptr >>>= 0;
    if (ptr === 0 || ptr + 12 > u8.length) throw new Error(`invalid region pointer ${ptr}`);
    const offset = dv.getUint32(ptr, true);
    const capacity = dv.getUint32(ptr + 4, true);
    const length = dv.getUint32(ptr + 8, true);
    if (offset === 0) throw new Error("region has offset 0");
    if (length > capacity) throw new Error("region length exceeds capacity");
    if (capacity > 0xffffffff - offset) throw new Error("region capacity overflows");
    if (offset + length > u8.length) throw new Error("region out of bounds");
    return { offset, capacity, length };
  }

  /** A copy of a region's bytes. */
  function readRegion(ptr: number, max: number): Uint8Array {
    const { offset, length } = regionHeader(ptr);
    if (length > max) throw new Error(`region length ${length} exceeds limit ${max}`);
    return u8.slice(offset, offset + length);
  }

  /** A view of a region's bytes, valid until the next call into wasm. */
  function viewRegion(ptr: number, max: number): Uint8Array {
    const { offset, length } = regionHeader(ptr);
    if (length > max) throw new Error(`region length ${length} exceeds limit ${max}`);
    return u8.subarray(offset, offset + length);
  }

  function writeRegion(ptr: number, data: Uint8Array): void {
    const { offset, capacity } = regionHeader(ptr);
    if (data.length > capacity) throw new Error(`region too small: ${data.length} > ${capacity}`);
    u8.set(data, offset);
    dv.setUint32((ptr >>> 0) + 8, data.length, true);
  }

  /** allocate(len) + write: a fresh region owned by the contract. */
  function allocRegion(data: Uint8Array): number {
    const ptr = allocate(data.length) >>> 0;
    if (ptr === 0) throw new Error("allocate returned 0");
    writeRegion(ptr, data);
    return ptr;
  }

  /** Canonical bytes of a bech32 address under our prefix, or an error message. */
  function canonicalize(human: string): Uint8Array | string {
    if (human.length === 0) return "Input is empty";
    if (human.length > MAX_HUMAN_ADDRESS) return "Input too long";
    let decoded: { prefix: string; data: Uint8Array };
    try {
      decoded = fromBech32(human, MAX_HUMAN_ADDRESS);
    } catch (e) {
      return `Invalid address: ${(e as Error).message}`;
    }
    if (decoded.prefix !== prefix) return `Wrong address prefix: expected ${prefix}, got ${decoded.prefix}`;
    if (decoded.data.length === 0 || decoded.data.length > MAX_CANONICAL_ADDRESS) return "Invalid canonical length";
    return decoded.data;
  }

  function unsupported(name: string): () => never {
    return () => {
      throw new Error(`import env.${name} is not supported by the bare baseline`);
    };
  }

  const env = {
    db_read(keyPtr: number): number {
      const key = keyString(viewRegion(keyPtr, MAX_KEY));
      const value = storage.get(key);
      return value === undefined ? 0 : allocRegion(value);
    },
    db_write(keyPtr: number, valuePtr: number): void {
      if (readonly) throw new Error("db_write is not allowed in a query");
      storage.set(keyString(viewRegion(keyPtr, MAX_KEY)), readRegion(valuePtr, MAX_VALUE));
    },
    db_remove(keyPtr: number): void {
      if (readonly) throw new Error("db_remove is not allowed in a query");
      storage.delete(keyString(viewRegion(keyPtr, MAX_KEY)));
    },
    db_scan(startPtr: number, endPtr: number, order: number): number {
      const start = startPtr === 0 ? undefined : keyString(viewRegion(startPtr, MAX_KEY));
      const end = endPtr === 0 ? undefined : keyString(viewRegion(endPtr, MAX_KEY));
      if (order !== 1 && order !== 2) throw new Error(`invalid order ${order}`);
      const keys = [...storage.keys()]
        .filter((k) => (start === undefined || k >= start) && (end === undefined || k < end))
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (order === 2) keys.reverse();
      iterators.push({ keys, pos: 0 });
      return iterators.length; // ids start at 1
    },
    db_next(iterId: number): number {
      const it = iterators[iterId - 1];
      if (it === undefined) throw new Error(`unknown iterator ${iterId}`);
      // Skip keys removed since the scan started.
      while (it.pos < it.keys.length && !storage.has(it.keys[it.pos]!)) it.pos++;
      if (it.pos >= it.keys.length) return allocRegion(new Uint8Array(8));
      const k = it.keys[it.pos++]!;
      const key = keyBytes(k);
      const value = storage.get(k)!;
      const out = new Uint8Array(key.length + 4 + value.length + 4);
      const v = new DataView(out.buffer);
      out.set(key, 0);
      v.setUint32(key.length, key.length, false);
      out.set(value, key.length + 4);
      v.setUint32(key.length + 4 + value.length, value.length, false);
      return allocRegion(out);
    },
    addr_validate(srcPtr: number): number {
      const bytes = viewRegion(srcPtr, MAX_HUMAN_ADDRESS + 1);
      const human = decoder.decode(bytes);
      const canonical = canonicalize(human);
      if (typeof canonical === "string") return allocRegion(encoder.encode(canonical));
      // Only the normalised (lower-case) form is valid.
      if (toBech32(prefix, canonical, MAX_HUMAN_ADDRESS) !== human)
        return allocRegion(encoder.encode("Address is not normalized"));
      return 0;
    },
    addr_canonicalize(srcPtr: number, destPtr: number): number {
      const human = decoder.decode(viewRegion(srcPtr, MAX_HUMAN_ADDRESS + 1));
      const canonical = canonicalize(human);
      if (typeof canonical === "string") return allocRegion(encoder.encode(canonical));
      writeRegion(destPtr, canonical);
      return 0;
    },
    addr_humanize(srcPtr: number, destPtr: number): number {
      const canonical = viewRegion(srcPtr, MAX_CANONICAL_ADDRESS + 1);
      if (canonical.length === 0) return allocRegion(encoder.encode("Input is empty"));
      if (canonical.length > MAX_CANONICAL_ADDRESS) return allocRegion(encoder.encode("Invalid canonical length"));
      writeRegion(destPtr, encoder.encode(toBech32(prefix, canonical.slice(), MAX_HUMAN_ADDRESS)));
      return 0;
    },
    debug(_msgPtr: number): void {},
    abort(msgPtr: number): never {
      throw new Error(`Aborted: ${decoder.decode(viewRegion(msgPtr, 1 << 20))}`);
    },
    secp256k1_verify: unsupported("secp256k1_verify"),
    secp256k1_recover_pubkey: unsupported("secp256k1_recover_pubkey"),
    ed25519_verify: unsupported("ed25519_verify"),
    ed25519_batch_verify: unsupported("ed25519_batch_verify"),
    query_chain: unsupported("query_chain"),
  };

  const module = wasm instanceof Uint8Array ? new Wasm.Module(wasm) : wasm;
  // Any import the module wants that we do not provide throws when called.
  const envImports: Record<string, unknown> = { ...env };
  for (const imp of Wasm.Module.imports(module)) {
    if (imp.module !== "env" || imp.kind !== "function")
      throw new Error(`unsupported import ${imp.module}.${imp.name}`);
    if (!(imp.name in envImports)) envImports[imp.name] = unsupported(imp.name);
  }
  const instance = new Wasm.Instance(module, { env: envImports });
  const ex = instance.exports;
  const memory = ex["memory"] as WasmMemory;
  const allocate = ex["allocate"] as (size: number) => number;
  const deallocate = ex["deallocate"] as (ptr: number) => void;
  if (!(memory instanceof Wasm.Memory) || typeof allocate !== "function" || typeof deallocate !== "function") {
    throw new Error("module must export memory, allocate and deallocate");
  }

  const envBytes = jsonBytes({
    block: {
      height: options.blockHeight ?? 12345,
      time: options.blockTime ?? "1700000000000000000",
      chain_id: options.chainId ?? "plurigrid-bench",
    },
    transaction: null,
    contract: { address: contractAddress },
  });

  /** Full calling convention; returns the `ok` value of the result. */
  function call(entryPoint: string, args: readonly Uint8Array[], isQuery = false): unknown {
    if (poisoned) throw new BareVmError(`instance is poisoned by an earlier VM error: ${poisoned.message}`);
    const fn = ex[entryPoint];
    if (typeof fn !== "function") throw new BareVmError(`missing export ${entryPoint}`);
    let result: { ok?: unknown; error?: unknown };
    readonly = isQuery;
    try {
      const ptrs = args.map(allocRegion);
      const resultPtr = (fn as (...a: number[]) => number)(...ptrs) >>> 0;
      const bytes = viewRegion(resultPtr, MAX_RESULT);
      result = JSON.parse(decoder.decode(bytes)) as { ok?: unknown; error?: unknown };
      deallocate(resultPtr);
    } catch (e) {
      poisoned = e instanceof Error ? e : new Error(String(e));
      throw new BareVmError(`${entryPoint}: ${poisoned.message}`, { cause: e });
    } finally {
      readonly = false;
      iterators.length = 0;
    }
    if (result !== null && typeof result === "object") {
      if ("ok" in result) return result.ok;
      if (typeof result.error === "string") throw new ContractError(entryPoint, result.error);
    }
    throw new BareVmError(`${entryPoint}: malformed result ${JSON.stringify(result)}`);
  }

  function infoBytes(sender: string): Uint8Array {
    return encoder.encode(`{"sender":${JSON.stringify(sender)},"funds":[]}`);
  }

  return {
    contractAddress,
    storage,
    instantiate: (sender, msgJson) => call("instantiate", [envBytes, infoBytes(sender), msgJson]),
    execute: (sender, msgJson) => call("execute", [envBytes, infoBytes(sender), msgJson]),
    query(msgJson) {
      const ok = call("query", [envBytes, msgJson], true);
      if (typeof ok !== "string") throw new BareVmError(`query: expected base64 Binary, got ${JSON.stringify(ok)}`);
      return new Uint8Array(Buffer.from(ok, "base64"));
    },
  };
}

/**
 * cw20-base on the bare host, instantiated with `initBalances` (a fixed instantiate message: name, symbol, decimals
 * 6, no minter). The sender of the instantiation is the first balance holder (or the contract itself if none).
 */
export function createBareCw20(
  wasm: Uint8Array | WasmModule,
  initBalances: readonly InitialBalance[],
  options: BareContractOptions = {},
): BareCw20 {
  const c = createBareContract(wasm, options);
  c.instantiate(initBalances[0]?.address ?? c.contractAddress, jsonBytes(makeInstantiateMsg(initBalances)));
  return {
    ...c,
    callExecute: (sender, msgJson) => c.execute(sender, msgJson),
    transfer(sender, recipient, amount) {
      c.execute(
        sender,
        encoder.encode(
          `{"transfer":{"recipient":${JSON.stringify(recipient)},"amount":${JSON.stringify(String(amount))}}}`,
        ),
      );
    },
    balance(address) {
      const res = JSON.parse(decoder.decode(c.query(balanceQueryBytes(address)))) as { balance: string };
      return BigInt(res.balance);
    },
  };
}
