/**
 * Baseline (b): cw20-base on Oraichain's cw-simulate (`@oraichain/cw-simulate` 2.8.x, on top of
 * `@oraichain/cosmwasm-vm-js`), driven through its public `CWSimulateApp` API (`wasm.storeCode`,
 * `wasm.instantiateContract`, `wasm.executeContract`, `wasm.query`) — the same path `SimulateCosmWasmClient` uses,
 * minus the cosmjs result wrapping.
 *
 * Metering is a constructor option of the app: `new CWSimulateApp({ metering: true, gasLimit })` creates one shared
 * cosmwasm-vm-js `Environment`; its presence makes every contract VM compile a metered copy of the code
 * (`wasm-json-toolkit` `meterWASM`, a `metering.usegas` import per basic block) and charge host calls. Without
 * `metering` there is no `Environment` at all: the original bytecode runs and `app.gasUsed` stays 0.
 *
 * Caveats of cw-simulate (see bench/baselines/README.md): gas accumulates over the app's whole life and `gasLimit`
 * caps that running total, not one transaction; one wasm instance per contract is reused for every call; every
 * execution is a new block (height + 1, time = now) unless `sameBlock` is set; the API is async.
 */
import { CWSimulateApp, type AppResponse } from "@oraichain/cw-simulate";
import { BECH32_PREFIX, type InitialBalance, makeInstantiateMsg } from "./cw20_messages.js";

export interface CwSimulateCw20Options {
  /** Turn cw-simulate's gas metering on (metered bytecode + shared gas Environment) or off (no Environment). */
  readonly metering: boolean;
  /**
   * Cap on the app's CUMULATIVE gas (cosmwasm-vm-js units, default 10^15 here; cosmwasm-vm-js's own default is
   * 10^12). Exceeding it throws "out of gas!" from inside wasm.
   */
  readonly gasLimit?: number;
  /** bech32 prefix (default {@link BECH32_PREFIX}). */
  readonly prefix?: string;
  readonly chainId?: string;
  /** Run every execution in the current block instead of pushing a new block per call (default false). */
  readonly sameBlock?: boolean;
}

/** cw-simulate returned `Err(message)` for an instantiate/execute/query. */
export class CwSimulateError extends Error {
  constructor(
    readonly operation: string,
    readonly simulateMessage: string,
  ) {
    super(`${operation}: cw-simulate error: ${simulateMessage}`);
    this.name = "CwSimulateError";
  }
}

export interface CwSimulateCw20 {
  readonly app: CWSimulateApp;
  readonly contractAddress: string;
  readonly metering: boolean;
  /** Cumulative gas reported by cw-simulate (`app.gasUsed`); always 0 without metering. */
  readonly gasUsed: number;
  /** Executes `{"transfer":{"recipient","amount"}}` signed by `sender`; resolves to the gas it used, rejects on error. */
  transfer(sender: string, recipient: string, amount: string | bigint): Promise<number>;
  /** Executes any execute message (a JSON object) signed by `sender`, without funds. */
  execute(sender: string, msg: object): Promise<AppResponse>;
  /** Smart query; resolves the `Binary` result to parsed JSON (cw-simulate does that itself). Synchronous. */
  query(msg: object): unknown;
  /** `{"balance":{"address"}}` through the contract's `query` export. */
  balance(address: string): bigint;
}

interface TsResult<T> {
  readonly err: boolean;
  readonly val: T | string;
}

function unwrap<T>(operation: string, r: TsResult<T>): T {
  if (r.err) throw new CwSimulateError(operation, String(r.val));
  return r.val as T;
}

/**
 * Stores and instantiates cw20-base on a fresh `CWSimulateApp` with `initBalances`; the first balance holder is the
 * creator and instantiator.
 */
export async function createCwSimulateCw20(
  wasmBytes: Uint8Array,
  initBalances: readonly InitialBalance[],
  options: CwSimulateCw20Options,
): Promise<CwSimulateCw20> {
  const prefix = options.prefix ?? BECH32_PREFIX;
  const app = new CWSimulateApp({
    chainId: options.chainId ?? "plurigrid-bench",
    bech32Prefix: prefix,
    metering: options.metering,
    gasLimit: options.gasLimit ?? 1e15,
  });
  const creator = initBalances[0]?.address;
  if (creator === undefined) throw new Error("need at least one initial balance (its holder instantiates)");
  const codeId = unwrap("storeCode", app.wasm.storeCode(creator, wasmBytes));
  const inst = unwrap(
    "instantiate",
    await app.wasm.instantiateContract(creator, [], codeId, makeInstantiateMsg(initBalances), "cw20-base"),
  );
  const contractAddress = inst.events[0]?.attributes.find((a) => a.key === "_contract_address")?.value;
  if (contractAddress === undefined) throw new Error("instantiate did not report _contract_address");
  const sameBlock = options.sameBlock ?? false;

  const execute = async (sender: string, msg: object): Promise<AppResponse> =>
    unwrap("execute", await app.wasm.executeContract(sender, [], contractAddress, msg, [], sameBlock));
  const query = (msg: object): unknown => unwrap("query", app.wasm.query(contractAddress, msg));

  return {
    app,
    contractAddress,
    metering: options.metering,
    get gasUsed() {
      return app.gasUsed;
    },
    execute,
    query,
    async transfer(sender, recipient, amount) {
      const before = app.gasUsed;
      await execute(sender, { transfer: { recipient, amount: amount.toString() } });
      return app.gasUsed - before;
    },
    balance(address) {
      const res = query({ balance: { address } }) as { balance: string };
      return BigInt(res.balance);
    },
  };
}
