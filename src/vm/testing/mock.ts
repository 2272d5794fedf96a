import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "@noble/hashes/sha2.js";
import { Bech32Api } from "../api.js";
import type { Querier, QuerierResult } from "../backend.js";
import * as calls from "../calls.js";
import type { CallResult, MsgInput } from "../calls.js";
import type { Coin, Env, MessageInfo, Response } from "../types.js";
import { Vm, type VmOptions } from "../vm.js";
import { MemoryStorage } from "./storage.js";

/**
 * First-class test doubles, as cosmwasm-vm's `testing` module: every user of the engine can run contracts
 * without a node. Addresses use the "cosmwasm" prefix like cosmwasm-std's MockApi.
 */

export const MOCK_PREFIX = "cosmwasm";
export const MOCK_CHAIN_ID = "cosmos-testnet-14002";
/** A generous default: 500,000 SDK gas. */
export const DEFAULT_TEST_GAS_LIMIT = 500_000 * 140_000;

/** A deterministic, valid bech32 address derived from a name (like MockApi::addr_make). */
export function mockAddress(name: string, prefix = MOCK_PREFIX): string {
  return toBech32(prefix, sha256(new TextEncoder().encode(name)));
}

export function mockEnv(
  contract: string,
  block: { height?: number; time?: string; chainId?: string } = {},
  transactionIndex: number | null = 3,
): Env {
  return {
    block: {
      height: block.height ?? 12_345,
      time: block.time ?? "1571797419879305533",
      chain_id: block.chainId ?? MOCK_CHAIN_ID,
    },
    transaction: transactionIndex === null ? null : { index: transactionIndex },
    contract: { address: contract },
  };
}

export function mockInfo(sender: string, funds: Coin[] = []): MessageInfo {
  return { sender, funds };
}

export type WasmQueryHandler = (request: Record<string, unknown>) => QuerierResult;

/** Answers bank balance/all_balances/supply from a fixed table, and wasm queries through an optional handler. */
export class MockQuerier implements Querier {
  balances = new Map<string, Coin[]>();
  wasmHandler: WasmQueryHandler | undefined;

  query(request: unknown): { result: QuerierResult; gasUsed: number } {
    return { result: this.answer(request as Record<string, unknown>), gasUsed: 0 };
  }

  private answer(request: Record<string, unknown>): QuerierResult {
    const ok = (value: unknown): QuerierResult => ({
      ok: { ok: Buffer.from(JSON.stringify(value)).toString("base64") },
    });
    const bank = request.bank as Record<string, Record<string, string>> | undefined;
    if (bank?.balance) {
      const coins = this.balances.get(bank.balance.address) ?? [];
      const coin = coins.find((c) => c.denom === bank.balance.denom) ?? { denom: bank.balance.denom, amount: "0" };
      return ok({ amount: coin });
    }
    if (bank?.all_balances) return ok({ amount: this.balances.get(bank.all_balances.address) ?? [] });
    if (request.wasm && this.wasmHandler) return this.wasmHandler(request.wasm as Record<string, unknown>);
    return {
      error: {
        unsupported_request: { kind: Object.keys(request)[0] ?? "unknown" },
      },
    };
  }
}

/** One contract instance with its own storage: the quickest way to drive a contract in a test. */
export class TestContract {
  readonly storage = new MemoryStorage();
  readonly querier = new MockQuerier();
  gasLimit = DEFAULT_TEST_GAS_LIMIT;
  height = 12_345;
  time = 1_571_797_419_879_305_533n;

  constructor(
    readonly vm: Vm,
    readonly checksum: string,
    readonly address: string = mockAddress("contract"),
  ) {}

  get target(): calls.Target {
    return {
      vm: this.vm,
      checksum: this.checksum,
      backend: { storage: this.storage, querier: this.querier },
      options: { gasLimit: this.gasLimit },
    };
  }

  env(): Env {
    return mockEnv(this.address, { height: this.height, time: this.time.toString() });
  }

  instantiate(sender: string, msg: MsgInput, funds: Coin[] = []): CallResult<Response> {
    return calls.instantiate(this.target, this.env(), mockInfo(sender, funds), msg);
  }

  execute(sender: string, msg: MsgInput, funds: Coin[] = []): CallResult<Response> {
    return calls.execute(this.target, this.env(), mockInfo(sender, funds), msg);
  }

  /** Runs a query and decodes the contract's JSON answer; a contract error is returned as `{ error }`. */
  query<T = unknown>(msg: MsgInput): { ok: T } | { error: string } {
    const { result } = calls.query(this.target, this.env(), msg);
    if ("error" in result) return result;
    return { ok: JSON.parse(Buffer.from(result.ok, "base64").toString("utf8")) as T };
  }
}

/** A Vm with the mock address prefix. */
export function mockVm(options: Partial<VmOptions> = {}): Vm {
  return new Vm({ api: new Bech32Api(MOCK_PREFIX), ...options });
}
