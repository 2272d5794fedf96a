import { gunzipSync } from "node:zlib";
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";
import { AccessType, ContractCodeHistoryOperationType } from "cosmjs-types/cosmwasm/wasm/v1/types";
import { PlurigridError } from "../../../errors.js";
import * as calls from "../../../vm/calls.js";
import type { CallResult, Target } from "../../../vm/calls.js";
import { type CheckReport } from "../../../vm/compatibility.js";
import { OutOfGasError, VmError } from "../../../vm/errors.js";
import { SDK_GAS_MULTIPLIER, vmGasToSdkGas } from "../../../vm/gas.js";
import type { Env, MessageInfo, Reply, Response } from "../../../vm/types.js";
import type { Vm } from "../../../vm/vm.js";
import type { AddressCodec } from "../../address.js";
import { type Coin, toWire } from "../../coins.js";
import type { ExecContext } from "../../context.js";
import { type AbciCode, AbciError, noSuchCode, noSuchContract, sdkErrors, wasmErrors } from "../../errors.js";
import { OutOfGas } from "../../gas.js";
import type { AuthKeeper } from "../auth.js";
import type { BankKeeper } from "../bank.js";
import { classicContractAddress, predictableContractAddress } from "./addresses.js";
import { Dispatcher } from "./dispatcher.js";
import { contractEvent, customEvents, WASM_EVENTS, wasmModuleEvent } from "./events.js";
import { FaultLatch, guardedStorage } from "./fault.js";
import { compileCost, eventCosts, replyCosts, setupContractCost } from "./gas.js";
import type { ContractCaller, Messenger } from "./messenger.js";
import { ContractQuerier, type QueryPlugins } from "./querier.js";
import { type AbsoluteTxPosition, type CodeInfo, type ContractInfo, WasmState } from "./state.js";

/** wasmd's limits (x/wasm/types/validation.go, wasm_engine.go). */
export const WASM_LIMITS = {
  maxWasmSize: 800 * 1024,
  maxLabelSize: 128,
  maxSaltSize: 64,
  maxQueryStackSize: 10,
  maxCallDepth: 100,
} as const;

/** How a new contract's address is chosen. */
export type AddressGenerator = (ctx: ExecContext, codeId: bigint, checksum: Uint8Array) => string;

/** What the keeper needs from the rest of the node. */
export interface WasmKeeperDeps {
  vm: Vm;
  addresses: AddressCodec;
  auth: AuthKeeper;
  bank: BankKeeper;
  messenger: Messenger;
  queries: QueryPlugins;
}

/**
 * x/wasm's keeper: stores codes, instantiates, executes, migrates and replies to contracts, with wasmd's gas charges,
 * events, errors and submessage semantics. Every entry point runs in the context it is given and leaves committing
 * or dropping that context's branch to the caller: a failed message leaves no trace because its branch is dropped.
 */
export class WasmKeeper {
  readonly state: WasmState;
  private readonly dispatcher: Dispatcher;

  constructor(readonly deps: WasmKeeperDeps) {
    this.state = new WasmState(deps.addresses);
    this.dispatcher = new Dispatcher(deps.messenger, (ctx, contract, reply) => this.reply(ctx, contract, reply));
  }

  // ---- codes ----

  /** MsgStoreCode: checks and compiles the wasm, gives it the next code id. Returns the code id and checksum. */
  storeCode(
    ctx: ExecContext,
    creator: string,
    wasmCode: Uint8Array,
    instantiatePermission = everybody(),
  ): { codeId: bigint; checksum: Uint8Array } {
    let wasm = wasmCode;
    if (isGzip(wasm)) {
      ctx.gasMeter.consume(Math.floor((wasm.length * 15) / 100), "Uncompress gzip bytecode");
      try {
        wasm = gunzipSync(wasm, { maxOutputLength: WASM_LIMITS.maxWasmSize });
      } catch (err) {
        throw wasmErrors.createFailed.wrap(`uncompress wasm archive: ${(err as Error).message}`);
      }
    }
    ctx.gasMeter.consume(compileCost(wasm.length), "Compiling wasm bytecode");
    let report: CheckReport;
    try {
      report = this.deps.vm.storeCode(wasm).report;
    } catch (err) {
      if (err instanceof PlurigridError) throw wasmErrors.createFailed.wrap(err.message);
      throw err;
    }
    const checksum = hexToBytes(report.checksum);
    const codeId = this.state.nextCodeId(ctx);
    this.state.setCodeInfo(ctx, codeId, { codeHash: checksum, creator, instantiateConfig: instantiatePermission });
    if (!this.state.getBytecode(ctx, checksum)) this.state.setBytecode(ctx, checksum, wasm);
    const capabilities = report.requiredCapabilities.length > 0 ? report.requiredCapabilities : [""];
    ctx.events.emit({
      type: WASM_EVENTS.storeCode,
      attributes: [
        { key: WASM_EVENTS.checksum, value: report.checksum },
        { key: WASM_EVENTS.codeId, value: codeId.toString() },
        ...capabilities.map((c) => ({ key: WASM_EVENTS.requiredCapability, value: c })),
      ],
    });
    return { codeId, checksum };
  }

  // ---- contracts ----

  /** The classic generator: code id and the chain-wide instance counter. */
  classicAddress(): AddressGenerator {
    return (ctx, codeId) =>
      this.deps.addresses.fromBytes(classicContractAddress(codeId, this.state.nextInstanceId(ctx)));
  }

  /** instantiate2: from checksum, creator, salt (and the message when fixed). */
  predictableAddress(creator: string, salt: Uint8Array, msg: Uint8Array, fixMsg: boolean): AddressGenerator {
    return (_ctx, _codeId, checksum) =>
      this.deps.addresses.fromBytes(
        predictableContractAddress(
          checksum,
          this.deps.addresses.toBytes(creator),
          salt,
          fixMsg ? msg : new Uint8Array(0),
        ),
      );
  }

  /** Returns the new contract's address and the data of its response. */
  instantiate(
    ctx: ExecContext,
    codeId: bigint,
    creator: string,
    admin: string,
    initMsg: Uint8Array,
    label: string,
    deposit: readonly Coin[],
    generateAddress: AddressGenerator,
  ): { address: string; data: Uint8Array | null } {
    if (creator === "") throw wasmErrors.empty.wrap("creator");
    const codeInfo = this.state.getCodeInfo(ctx, codeId);
    if (!codeInfo) throw noSuchCode(codeId);
    ctx.gasMeter.consume(
      setupContractCost(this.discounted(ctx, codeInfo.codeHash), initMsg.length),
      "Loading CosmWasm module: instantiate",
    );
    if (!canInstantiate(codeInfo, creator)) throw sdkErrors.unauthorized.wrap("can not instantiate");

    const address = generateAddress(ctx, codeId, codeInfo.codeHash);
    if (this.state.hasContractInfo(ctx, address)) {
      throw wasmErrors.duplicate.wrap(
        "contract address already exists, try a different combination of creator, checksum and salt",
      );
    }
    const existing = this.deps.auth.getAccount(ctx, address);
    if (existing && (existing.sequence !== 0n || existing.pubKey)) {
      throw wasmErrors.accountExists.wrap("address is claimed by external account");
    }
    if (!existing) this.deps.auth.setAccount(ctx, this.deps.auth.newAccount(ctx, address));
    if (deposit.length > 0) this.transferCoins(ctx, creator, address, deposit);

    const report = this.report(ctx, codeInfo.codeHash);
    const response = this.call(ctx, codeInfo.codeHash, address, wasmErrors.instantiateFailed, (t) =>
      calls.instantiate(t, this.env(ctx, address), info(creator, deposit), initMsg),
    );

    const created = this.position(ctx);
    const contractInfo: ContractInfo = {
      codeId,
      creator,
      admin,
      label,
      created,
      ibcPortId: report.ibcEnabled ? portIdForContract(address) : "",
      ibc2PortId: "",
      extension: undefined,
    };
    this.state.addToCodeIndex(ctx, codeId, created, address);
    this.state.appendHistory(ctx, address, {
      operation: ContractCodeHistoryOperationType.CONTRACT_CODE_HISTORY_OPERATION_TYPE_INIT,
      codeId,
      updated: created,
      msg: initMsg,
    });
    this.state.setContractInfo(ctx, address, contractInfo);
    ctx.events.emit(contractEvent(WASM_EVENTS.instantiate, address, [[WASM_EVENTS.codeId, codeId.toString()]]));

    try {
      const data = this.handleResponse(ctx, { address, ibcPortId: contractInfo.ibcPortId }, response);
      return { address, data };
    } catch (err) {
      if (err instanceof AbciError) throw err.wrap("dispatch");
      throw err;
    }
  }

  /** Returns the data of the contract's response (after replies). */
  execute(
    ctx: ExecContext,
    contract: string,
    caller: string,
    msg: Uint8Array,
    funds: readonly Coin[],
  ): Uint8Array | null {
    const { info: contractInfo, code } = this.contractInstance(ctx, contract);
    ctx.gasMeter.consume(
      setupContractCost(this.discounted(ctx, code.codeHash), msg.length),
      "Loading CosmWasm module: execute",
    );
    if (funds.length > 0) this.transferCoins(ctx, caller, contract, funds);
    const response = this.call(ctx, code.codeHash, contract, wasmErrors.executeFailed, (t) =>
      calls.execute(t, this.env(ctx, contract), info(caller, funds), msg),
    );
    ctx.events.emit(contractEvent(WASM_EVENTS.execute, contract));
    return this.handleResponse(ctx, { address: contract, ibcPortId: contractInfo.ibcPortId }, response);
  }

  migrate(ctx: ExecContext, contract: string, caller: string, newCodeId: bigint, msg: Uint8Array): Uint8Array | null {
    const contractInfo = this.state.getContractInfo(ctx, contract);
    if (!contractInfo) throw sdkErrors.invalidRequest.wrap("unknown contract");
    if (contractInfo.admin === "" || contractInfo.admin !== caller)
      throw sdkErrors.unauthorized.wrap("can not migrate");
    const newCode = this.state.getCodeInfo(ctx, newCodeId);
    if (!newCode) throw sdkErrors.invalidRequest.wrap("unknown code");
    if (!canInstantiate(newCode, caller)) throw sdkErrors.unauthorized.wrap("to use new code");

    const report = this.report(ctx, newCode.codeHash);
    if (!report.ibcEnabled && contractInfo.ibcPortId !== "") {
      throw wasmErrors.migrationFailed.wrap("requires ibc callbacks");
    }
    if (report.ibcEnabled && contractInfo.ibcPortId === "") contractInfo.ibcPortId = portIdForContract(contract);

    const oldCode = this.state.getCodeInfo(ctx, contractInfo.codeId);
    const oldVersion = oldCode ? this.report(ctx, oldCode.codeHash).migrateVersion : null;
    // A code that declares the same migrate version as the old one is switched to without calling migrate.
    let response: Response | undefined;
    if (report.migrateVersion === null || oldVersion === null || report.migrateVersion !== oldVersion) {
      ctx.gasMeter.consume(
        setupContractCost(this.discounted(ctx, newCode.codeHash), msg.length),
        "Loading CosmWasm module: migrate",
      );
      response = this.call(ctx, newCode.codeHash, contract, wasmErrors.migrationFailed, (t) =>
        calls.migrate(t, this.env(ctx, contract), msg, {
          sender: caller,
          old_migrate_version: oldVersion === null ? null : Number(oldVersion),
        }),
      );
    }

    const history = this.state.history(ctx, contract);
    const last = history[history.length - 1];
    if (last?.updated) this.state.removeFromCodeIndex(ctx, last.codeId, last.updated, contract);
    const updated = this.position(ctx);
    this.state.appendHistory(ctx, contract, {
      operation: ContractCodeHistoryOperationType.CONTRACT_CODE_HISTORY_OPERATION_TYPE_MIGRATE,
      codeId: newCodeId,
      updated,
      msg,
    });
    this.state.addToCodeIndex(ctx, newCodeId, updated, contract);
    contractInfo.codeId = newCodeId;
    this.state.setContractInfo(ctx, contract, contractInfo);
    ctx.events.emit({
      type: WASM_EVENTS.migrate,
      attributes: [
        { key: WASM_EVENTS.codeId, value: newCodeId.toString() },
        { key: WASM_EVENTS.contractAddress, value: contract },
      ],
    });
    if (!response) return null;
    try {
      return this.handleResponse(ctx, { address: contract, ibcPortId: contractInfo.ibcPortId }, response);
    } catch (err) {
      if (err instanceof AbciError) throw err.wrap("dispatch");
      throw err;
    }
  }

  /** Calls `sudo` (no sender: privileged callers only, such as other modules). */
  sudo(ctx: ExecContext, contract: string, msg: Uint8Array): Uint8Array | null {
    const { info: contractInfo, code } = this.contractInstance(ctx, contract);
    ctx.gasMeter.consume(
      setupContractCost(this.discounted(ctx, code.codeHash), msg.length),
      "Loading CosmWasm module: sudo",
    );
    const response = this.call(ctx, code.codeHash, contract, wasmErrors.executeFailed, (t) =>
      calls.sudo(t, this.env(ctx, contract), msg),
    );
    ctx.events.emit(contractEvent(WASM_EVENTS.sudo, contract));
    try {
      return this.handleResponse(ctx, { address: contract, ibcPortId: contractInfo.ibcPortId }, response);
    } catch (err) {
      if (err instanceof AbciError) throw err.wrap("dispatch");
      throw err;
    }
  }

  /** Calls `reply` in the parent's context (from the dispatcher). */
  reply(ctx: ExecContext, contract: string, reply: Reply): Uint8Array | null {
    const { info: contractInfo, code } = this.contractInstance(ctx, contract);
    ctx.gasMeter.consume(replyCosts(reply), "Loading CosmWasm module: reply");
    const response = this.call(ctx, code.codeHash, contract, wasmErrors.executeFailed, (t) =>
      calls.reply(t, this.env(ctx, contract), reply),
    );
    ctx.events.emit(contractEvent(WASM_EVENTS.reply, contract));
    try {
      return this.handleResponse(ctx, { address: contract, ibcPortId: contractInfo.ibcPortId }, response);
    } catch (err) {
      if (err instanceof AbciError) throw err.wrap("dispatch");
      throw err;
    }
  }

  /** Sets (or, with "", clears) the admin; only the current admin may. */
  setAdmin(ctx: ExecContext, contract: string, caller: string, newAdmin: string): void {
    const contractInfo = this.state.getContractInfo(ctx, contract);
    if (!contractInfo) throw sdkErrors.invalidRequest.wrap("unknown contract");
    if (contractInfo.admin === "" || contractInfo.admin !== caller) {
      throw sdkErrors.unauthorized.wrap("can not modify contract");
    }
    contractInfo.admin = newAdmin;
    this.state.setContractInfo(ctx, contract, contractInfo);
    ctx.events.emit(contractEvent(WASM_EVENTS.updateContractAdmin, contract, [[WASM_EVENTS.newAdmin, newAdmin]]));
  }

  // ---- queries ----

  /** A smart query: the contract's answer (JSON bytes), or an AbciError. */
  querySmart(ctx: ExecContext, contract: string, msg: Uint8Array): Uint8Array {
    if (ctx.queryDepth + 1 > WASM_LIMITS.maxQueryStackSize) throw wasmErrors.exceedMaxQueryStackSize.error();
    const inner = ctx.withQueryDepth(ctx.queryDepth + 1);
    const { code } = this.contractInstance(inner, contract);
    inner.gasMeter.consume(
      setupContractCost(this.discounted(inner, code.codeHash), msg.length),
      "Loading CosmWasm module: query",
    );
    const answer = this.call(inner, code.codeHash, contract, wasmErrors.queryFailed, (t) =>
      calls.query(t, this.env(inner, contract), msg),
    );
    return Buffer.from(answer, "base64");
  }

  queryRaw(ctx: ExecContext, contract: string, key: Uint8Array): Uint8Array | undefined {
    return this.state.contractStore(ctx, contract).get(key);
  }

  contractInfo(ctx: ExecContext, contract: string): ContractInfo | undefined {
    return this.state.getContractInfo(ctx, contract);
  }

  codeInfo(ctx: ExecContext, codeId: bigint): CodeInfo | undefined {
    return this.state.getCodeInfo(ctx, codeId);
  }

  // ---- primitives (also used by relay.ts) ----

  /** wasmd's handleContractResponse: charge and emit the response's events, then run its submessages. */
  handleResponse(ctx: ExecContext, caller: ContractCaller, response: Response): Uint8Array | null {
    ctx.gasMeter.consume(eventCosts(response.attributes, response.events), "Custom contract event attributes");
    if (response.attributes.length > 0) ctx.events.emit(wasmModuleEvent(response.attributes, caller.address));
    if (response.events.length > 0) ctx.events.emit(...customEvents(response.events, caller.address));
    if (ctx.callDepth + 1 > WASM_LIMITS.maxCallDepth) throw wasmErrors.exceedMaxCallDepth.error();
    const replyData = this.dispatcher.dispatchSubmessages(
      ctx.withCallDepth(ctx.callDepth + 1),
      caller,
      response.messages,
    );
    if (replyData !== null) return replyData;
    return response.data === null ? null : Buffer.from(response.data, "base64");
  }

  /**
   * One call into the engine with the gas the context has left. Engine gas is charged to the context (so running out
   * there is the context's OutOfGas); a VM error becomes wasm/29, a contract error `failure` marked deterministic.
   */
  call<T>(
    ctx: ExecContext,
    codeHash: Uint8Array,
    contract: string,
    failure: AbciCode,
    run: (target: Target) => CallResult<T>,
    vmFailure: AbciCode = wasmErrors.vmError,
  ): T {
    const checksum = this.ensureCompiled(ctx, codeHash);
    const latch = new FaultLatch();
    const target: Target = {
      vm: this.deps.vm,
      checksum,
      backend: {
        storage: guardedStorage(this.state.contractStore(ctx, contract), latch),
        querier: new ContractQuerier(this.deps.queries, ctx, contract, latch),
      },
      options: { gasLimit: ctx.gasMeter.isOutOfGas ? 0 : ctx.gasMeter.remaining * SDK_GAS_MULTIPLIER },
    };
    let outcome: CallResult<T>;
    try {
      outcome = run(target);
    } catch (err) {
      latch.rethrow();
      if (!(err instanceof VmError)) throw err;
      const used = typeof err.context.gasUsed === "number" ? err.context.gasUsed : 0;
      this.consumeRuntimeGas(ctx, used);
      if (err instanceof OutOfGasError) throw new OutOfGas(ctx.gasMeter, "Wasm engine function execution");
      throw vmFailure.wrap(err.message, { contract, vmCode: err.code });
    }
    latch.rethrow();
    this.consumeRuntimeGas(ctx, outcome.gasUsed);
    if ("error" in outcome.result) {
      throw failure.wrap(outcome.result.error, { contract, contractError: outcome.result.error }).markDeterministic();
    }
    return outcome.result.ok;
  }

  /** wasmd's consumeRuntimeGas: engine gas in SDK units; reaching the limit exactly is already out of gas. */
  private consumeRuntimeGas(ctx: ExecContext, vmGas: number): void {
    ctx.gasMeter.consume(vmGasToSdkGas(vmGas), "wasm contract");
    if (ctx.gasMeter.isOutOfGas) throw new OutOfGas(ctx.gasMeter, "Wasm engine function execution");
  }

  /** The engine caches compiled code by checksum; after a restart, codes are compiled again on first use. */
  private ensureCompiled(ctx: ExecContext, codeHash: Uint8Array): string {
    const checksum = bytesToHex(codeHash);
    if (this.deps.vm.hasCode(checksum)) return checksum;
    const wasm = this.state.getBytecode(ctx, codeHash);
    if (!wasm) throw wasmErrors.notFound.wrap(`bytecode of checksum ${checksum}`);
    this.deps.vm.storeCode(wasm);
    return checksum;
  }

  private report(ctx: ExecContext, codeHash: Uint8Array): CheckReport {
    return this.deps.vm.getCode(this.ensureCompiled(ctx, codeHash)).report;
  }

  /** wasmd's checkDiscountEligibility: a code that already ran in this tx is assumed to be in memory. */
  discounted(ctx: ExecContext, codeHash: Uint8Array): boolean {
    if (!ctx.tx) return false;
    const checksum = bytesToHex(codeHash);
    if (ctx.tx.contractsSeen.has(checksum)) return true;
    ctx.tx.contractsSeen.add(checksum);
    return false;
  }

  contractInstance(ctx: ExecContext, contract: string): { info: ContractInfo; code: CodeInfo } {
    const contractInfo = this.state.getContractInfo(ctx, contract);
    if (!contractInfo) throw noSuchContract(contract);
    const code = this.state.getCodeInfo(ctx, contractInfo.codeId);
    if (!code) throw noSuchCode(contractInfo.codeId);
    return { info: contractInfo, code };
  }

  /** wasmd's coin transferrer: blocked addresses cannot receive, then a bank send. */
  private transferCoins(ctx: ExecContext, from: string, to: string, coins: readonly Coin[]): void {
    if (this.deps.bank.isBlocked(to)) throw sdkErrors.unauthorized.wrap(`${to} is not allowed to receive funds`);
    this.deps.bank.sendCoins(ctx, from, to, coins);
  }

  env(ctx: ExecContext, contract: string): Env {
    const env = {
      block: { height: ctx.block.height, time: ctx.block.timeNs.toString(), chain_id: ctx.block.chainId },
      transaction: ctx.tx ? { index: ctx.tx.index, hash: Buffer.from(ctx.tx.hash).toString("base64") } : null,
      contract: { address: contract },
    };
    return env;
  }

  /** Where in the chain something happened (wasmd's AbsoluteTxPosition). */
  private position(ctx: ExecContext): AbsoluteTxPosition {
    return { blockHeight: BigInt(ctx.block.height), txIndex: BigInt(ctx.tx?.index ?? 0) };
  }
}

function info(sender: string, funds: readonly Coin[]): MessageInfo {
  return { sender, funds: toWire(funds) };
}

/** wasmd's PortIDForContract. */
export function portIdForContract(address: string): string {
  return `wasm.${address}`;
}

function everybody() {
  return { permission: AccessType.ACCESS_TYPE_EVERYBODY, addresses: [] as string[] };
}

function canInstantiate(code: CodeInfo, actor: string): boolean {
  const config = code.instantiateConfig;
  switch (config?.permission) {
    case AccessType.ACCESS_TYPE_EVERYBODY:
      return true;
    case AccessType.ACCESS_TYPE_ANY_OF_ADDRESSES:
      return config.addresses.includes(actor);
    default:
      return false;
  }
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0x1f && bytes[1] === 0x8b && bytes[2] === 0x08;
}
