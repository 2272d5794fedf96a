import "../protobuf_alloc.js";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { CacheKv } from "../store/cache.js";
import type { KvStore } from "../store/kv.js";
import { PrefixKv } from "../store/prefix.js";
import { Bech32Api } from "../vm/api.js";
import { Vm } from "../vm/vm.js";
import { AddressCodec } from "./address.js";
import { fromWire } from "./coins.js";
import { type BlockContext, ExecContext, type ExecMode, type TxInfo } from "./context.js";
import { AbciError, sdkErrors } from "./errors.js";
import { type Event, EventManager } from "./events.js";
import { GasMeter, OutOfGas } from "./gas.js";
import type { Genesis } from "./genesis.js";
import type { IndexedBlock, Module } from "./module.js";
import { AuthKeeper } from "./modules/auth.js";
import { BankKeeper } from "./modules/bank.js";
import { IbcModule } from "./modules/ibc/module.js";
import { WasmModule } from "./modules/wasm/module.js";
import { type MsgResponse, MsgRouter, moduleNameOf } from "./router.js";
import { gasLimitOf, MAX_TX_GAS, runAnte, validateTxBasic } from "./tx/ante.js";
import { type DecodedTx, decodeTx, txHash } from "./tx/decode.js";
import type { TxResult } from "./tx/result.js";

/** Where a module's index lives in the chain's record (see Module.indexBlock). */
export function indexPrefix(module: string): string {
  return `x/${module}/`;
}

/** Gas for work that no tx pays for (genesis, block hooks): effectively unlimited. */
export const UNMETERED = Number.MAX_SAFE_INTEGER;
/** wasmd's default gas limit for smart queries from outside (SmartQueryGasLimit). */
export const QUERY_GAS_LIMIT = 3_000_000;

export interface AppOptions {
  /** The contract engine; by default one with the chain's bech32 prefix. */
  vm?: Vm;
}

/**
 * The state machine: modules behind a message router, and the tx pipeline (decode → ante → messages) with the
 * Cosmos SDK's semantics. The App holds no state of its own; every call gets the store to work on, so the caller
 * decides what is kept (a block's branch is committed, a check or simulation is thrown away).
 *
 * Modules: bank, wasm and ibc (IBC core, ICS-20 and contracts' ports). More plug in the same way:
 * `registerModule` adds their routes; contract-facing variants go to `wasm.messenger` / `wasm.queries`;
 * `beginBlock`/`endBlock` hooks run around every block.
 */
export class App {
  readonly chainId: string;
  readonly denom: string;
  readonly addresses: AddressCodec;
  readonly router = new MsgRouter();
  readonly auth: AuthKeeper;
  readonly bank: BankKeeper;
  readonly wasm: WasmModule;
  readonly ibc: IbcModule;
  readonly vm: Vm;
  private readonly modules: Module[] = [];

  constructor(
    readonly genesis: Genesis,
    options: AppOptions = {},
  ) {
    this.chainId = genesis.chain_id;
    this.denom = genesis.app_state.denom;
    this.addresses = new AddressCodec(genesis.app_state.bech32_prefix);
    this.vm = options.vm ?? new Vm({ api: new Bech32Api(genesis.app_state.bech32_prefix) });
    this.auth = new AuthKeeper(this.addresses);
    this.bank = new BankKeeper(this.addresses, this.auth);
    this.wasm = new WasmModule(this.vm, this.addresses, this.auth, this.bank, this.router);
    this.registerModule({ name: "bank", routes: () => this.bank.routes() });
    this.registerModule(this.wasm);
    this.ibc = new IbcModule(this.addresses, this.bank, this.wasm, this.router);
    this.registerModule(this.ibc);
  }

  registerModule(module: Module): void {
    for (const route of module.routes()) this.router.register(route);
    this.modules.push(module);
  }

  /** A context on `state` for `block`. */
  context(state: KvStore, block: BlockContext, mode: ExecMode, gasLimit = UNMETERED, tx?: TxInfo): ExecContext {
    return new ExecContext(block, state, new GasMeter(gasLimit), new EventManager(), mode, tx);
  }

  /** Writes the genesis state: accounts in order (so their account numbers are 0, 1, …) with their coins. */
  initGenesis(state: KvStore, block: BlockContext): void {
    const ctx = this.context(state, block, "deliver");
    for (const account of this.genesis.app_state.accounts) {
      const coins = fromWire(account.coins);
      this.auth.ensureAccount(ctx, account.address);
      if (coins.length > 0) this.bank.mint(ctx, account.address, coins);
    }
    for (const module of this.modules) module.initGenesis?.(ctx, this.genesis);
  }

  beginBlock(state: KvStore, block: BlockContext): Event[] {
    const ctx = this.context(state, block, "deliver");
    for (const module of this.modules) module.beginBlock?.(ctx);
    return [...ctx.events.events];
  }

  endBlock(state: KvStore, block: BlockContext): Event[] {
    const ctx = this.context(state, block, "deliver");
    for (const module of this.modules) module.endBlock?.(ctx);
    return [...ctx.events.events];
  }

  /**
   * Lets every module index a block being committed: each writes under `x/<module>/` of `record` (the chain's
   * record of itself, not the state).
   */
  indexBlock(record: KvStore, block: IndexedBlock): void {
    for (const module of this.modules) module.indexBlock?.(new PrefixKv(record, indexPrefix(module.name)), block);
  }

  /** Executes a tx of a block on `state` (the block's branch): ante effects kept, message effects only on success. */
  deliverTx(state: KvStore, block: BlockContext, index: number, bytes: Uint8Array): TxResult {
    return this.runTx("deliver", state, block, index, bytes);
  }

  /** Admission: decoding, stateless checks and the ante handler against `state`, which is never written. */
  checkTx(state: KvStore, block: BlockContext, bytes: Uint8Array): TxResult {
    return this.runTx("check", new CacheKv(state), block, 0, bytes);
  }

  /** Runs the whole tx against `state` without keeping anything (signatures not checked); for gas estimates. */
  simulateTx(state: KvStore, block: BlockContext, bytes: Uint8Array): TxResult {
    return this.runTx("simulate", new CacheKv(state), block, 0, bytes);
  }

  private runTx(mode: ExecMode, state: KvStore, block: BlockContext, index: number, bytes: Uint8Array): TxResult {
    const hash = txHash(bytes);
    const result = (outcome: Partial<TxResult>): TxResult => ({
      height: block.height,
      index,
      hash,
      code: 0,
      codespace: "",
      log: "",
      gasWanted: 0,
      gasUsed: 0,
      events: [],
      data: "",
      ...outcome,
    });
    const failure = (err: AbciError, gasWanted: number, gasUsed: number, events: Event[] = []) =>
      result({ code: err.abciCode, codespace: err.codespace, log: err.message, gasWanted, gasUsed, events });

    let tx: DecodedTx;
    try {
      tx = decodeTx(bytes, this.router);
      validateTxBasic(tx);
    } catch (err) {
      if (err instanceof AbciError) return failure(err, 0, 0);
      throw err;
    }

    const gasWanted = gasLimitOf(tx);
    // Simulation measures what the tx needs, so it is not held to the limit the tx asks for.
    const meter = new GasMeter(mode === "simulate" ? MAX_TX_GAS : gasWanted);
    const info: TxInfo = { index, hash: Buffer.from(hash, "hex"), contractsSeen: new Set() };
    const outOfGas = (err: OutOfGas) =>
      sdkErrors.outOfGas.wrap(`${err.message}; gasWanted: ${gasWanted}, gasUsed: ${meter.consumed}`);

    // Ante handler on its own branch: kept when it passes, even if a message fails later.
    const anteStore = new CacheKv(state);
    const anteCtx = new ExecContext(block, anteStore, meter, new EventManager(), mode, info);
    try {
      runAnte(anteCtx, tx, this);
    } catch (err) {
      if (err instanceof AbciError) return failure(err, gasWanted, meter.consumed);
      if (err instanceof OutOfGas && err.meter === meter) return failure(outOfGas(err), gasWanted, meter.consumed);
      throw err;
    }
    anteStore.write();
    const anteEvents = [...anteCtx.events.events];
    if (mode === "check") return result({ gasWanted, gasUsed: meter.consumed, events: anteEvents });

    // Messages on a second branch, kept only if every message succeeds.
    const msgStore = new CacheKv(state);
    const msgCtx = new ExecContext(block, msgStore, meter, new EventManager(), mode, info);
    const events: Event[] = [];
    const responses: MsgResponse[] = [];
    for (let i = 0; i < tx.msgs.length; i++) {
      const msg = tx.msgs[i];
      try {
        const res = this.router.dispatch(msgCtx, msg);
        events.push(...messageEvents(msg.typeUrl, msg.route.signers(msg.value)[0], res.events, i));
        responses.push(...res.msgResponses.slice(0, 1));
      } catch (err) {
        if (err instanceof AbciError) {
          return failure(
            err.wrap(`failed to execute message; message index: ${i}`),
            gasWanted,
            meter.consumed,
            anteEvents,
          );
        }
        if (err instanceof OutOfGas && err.meter === meter) {
          return failure(outOfGas(err), gasWanted, meter.consumed, anteEvents);
        }
        throw err;
      }
    }
    msgStore.write();
    const data = TxMsgData.encode({ data: [], msgResponses: responses }).finish();
    return result({
      gasWanted,
      gasUsed: meter.consumed,
      events: [...anteEvents, ...events],
      data: Buffer.from(data).toString("base64"),
    });
  }
}

/**
 * baseapp's createEvents: a `message` event (action, first signer as sender, module unless the handler's events
 * already name one) before the handler's events, and `msg_index` appended to every event of the message.
 */
function messageEvents(typeUrl: string, sender: string | undefined, events: readonly Event[], index: number): Event[] {
  const message: Event = { type: "message", attributes: [{ key: "action", value: typeUrl }] };
  if (sender) message.attributes.push({ key: "sender", value: sender });
  const hasModule = events.some((e) => e.attributes.some((a) => a.key === "module"));
  const module = moduleNameOf(typeUrl);
  if (!hasModule && module !== "") message.attributes.push({ key: "module", value: module });
  return [message, ...events].map((e) => ({
    type: e.type,
    attributes: [...e.attributes.map((a) => ({ ...a })), { key: "msg_index", value: String(index) }],
  }));
}
