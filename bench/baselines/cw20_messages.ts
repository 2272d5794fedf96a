/**
 * The shared cw20 `transfer` workload: a deterministic set of bech32 accounts, an instantiate message giving each
 * of them an initial balance, and a deterministic list of transfers between them. Every baseline (bare contract,
 * cw-simulate) and our own engine run exactly these messages.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2.js";

/** The one bech32 prefix used by every baseline and by the engine benchmark. */
export const BECH32_PREFIX = "wasm";

/** cw20-base as shipped by `@oraichain/common-contracts-build` (devDependency). */
export const CW20_BASE_WASM_PATH: string = createRequire(import.meta.url).resolve(
  "@oraichain/common-contracts-build/data/cw20-base.wasm",
);

export function loadCw20BaseWasm(): Uint8Array {
  return new Uint8Array(readFileSync(CW20_BASE_WASM_PATH));
}

/** A cw20 `Cw20Coin`: `amount` is a decimal Uint128 string. */
export interface InitialBalance {
  readonly address: string;
  readonly amount: string;
}

/** cw20-base `InstantiateMsg` (the fields we use). */
export interface Cw20InstantiateMsg {
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
  readonly initial_balances: readonly InitialBalance[];
  readonly mint: null;
  readonly marketing: null;
}

/** One `transfer` execution: `sender` signs, `recipient` receives `amount` (decimal Uint128 string). */
export interface Cw20Transfer {
  readonly sender: string;
  readonly recipient: string;
  readonly amount: string;
}

export interface Cw20TransferMsg {
  readonly transfer: { readonly recipient: string; readonly amount: string };
}

export interface Cw20Workload {
  readonly prefix: string;
  readonly accounts: readonly string[];
  readonly initialBalances: readonly InitialBalance[];
  readonly instantiateMsg: Cw20InstantiateMsg;
  readonly transfers: readonly Cw20Transfer[];
}

export interface Cw20WorkloadOptions {
  /** Number of accounts (default 16, at least 2). */
  readonly accounts?: number;
  /** Number of transfers (default 10,000). */
  readonly transfers?: number;
  /** PRNG seed (default 1). */
  readonly seed?: number;
  /** Initial balance of every account (default 10^15, far above anything the transfers can move). */
  readonly initialBalance?: bigint;
  /** bech32 prefix (default {@link BECH32_PREFIX}). */
  readonly prefix?: string;
}

const encoder = new TextEncoder();

/** UTF-8 JSON bytes of `value`. */
export function jsonBytes(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** Deterministic account `index`: bech32 of the first 20 bytes of sha256("plurigrid/bench/cw20/account/<index>"). */
export function accountAddress(index: number, prefix: string = BECH32_PREFIX): string {
  const canonical = sha256(encoder.encode(`plurigrid/bench/cw20/account/${index}`)).subarray(0, 20);
  return toBech32(prefix, canonical);
}

export function makeAccounts(count: number, prefix: string = BECH32_PREFIX): string[] {
  return Array.from({ length: count }, (_, i) => accountAddress(i, prefix));
}

export function makeInstantiateMsg(initialBalances: readonly InitialBalance[]): Cw20InstantiateMsg {
  return {
    name: "Plurigrid Bench Token",
    symbol: "PGBT",
    decimals: 6,
    initial_balances: initialBalances,
    mint: null,
    marketing: null,
  };
}

/** mulberry32: a tiny deterministic PRNG, uniform in [0, 2^32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** `count` transfers between distinct accounts, amounts 1..1000, fully determined by `seed`. */
export function makeTransfers(accounts: readonly string[], count: number, seed = 1): Cw20Transfer[] {
  if (accounts.length < 2) throw new Error("need at least two accounts");
  const next = prng(seed);
  const out: Cw20Transfer[] = [];
  for (let i = 0; i < count; i++) {
    const s = next() % accounts.length;
    const r = (s + 1 + (next() % (accounts.length - 1))) % accounts.length;
    out.push({ sender: accounts[s]!, recipient: accounts[r]!, amount: String(1 + (next() % 1000)) });
  }
  return out;
}

export function makeWorkload(options: Cw20WorkloadOptions = {}): Cw20Workload {
  const prefix = options.prefix ?? BECH32_PREFIX;
  const accounts = makeAccounts(options.accounts ?? 16, prefix);
  const initial = (options.initialBalance ?? 10n ** 15n).toString();
  const initialBalances = accounts.map((address) => ({ address, amount: initial }));
  return {
    prefix,
    accounts,
    initialBalances,
    instantiateMsg: makeInstantiateMsg(initialBalances),
    transfers: makeTransfers(accounts, options.transfers ?? 10_000, options.seed ?? 1),
  };
}

export function transferMsg(recipient: string, amount: string | bigint): Cw20TransferMsg {
  return { transfer: { recipient, amount: amount.toString() } };
}

/** JSON bytes of the execute message `{"transfer":{"recipient":…,"amount":…}}`. */
export function transferMsgBytes(recipient: string, amount: string | bigint): Uint8Array {
  return jsonBytes(transferMsg(recipient, amount));
}

/** JSON bytes of the query `{"balance":{"address":…}}`. */
export function balanceQueryBytes(address: string): Uint8Array {
  return jsonBytes({ balance: { address } });
}

/** Balances after applying `transfers` to `initialBalances` (throws on an over-balance transfer). */
export function expectedBalances(
  initialBalances: readonly InitialBalance[],
  transfers: readonly Cw20Transfer[],
): Map<string, bigint> {
  const balances = new Map<string, bigint>();
  for (const { address, amount } of initialBalances)
    balances.set(address, (balances.get(address) ?? 0n) + BigInt(amount));
  for (const { sender, recipient, amount } of transfers) {
    const a = BigInt(amount);
    const from = balances.get(sender) ?? 0n;
    if (from < a) throw new Error(`transfer of ${amount} from ${sender} exceeds its balance ${from}`);
    balances.set(sender, from - a);
    balances.set(recipient, (balances.get(recipient) ?? 0n) + a);
  }
  return balances;
}
