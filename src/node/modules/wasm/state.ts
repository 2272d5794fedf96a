import {
  type AbsoluteTxPosition,
  CodeInfo,
  ContractCodeHistoryEntry,
  ContractInfo,
} from "cosmjs-types/cosmwasm/wasm/v1/types";
import { prefixEnd } from "../../../store/bytes.js";
import type { PrefixKv } from "../../../store/prefix.js";
import type { AddressCodec } from "../../address.js";
import type { ExecContext } from "../../context.js";
import { concat, decodeU64, encodeU64, lengthPrefixed } from "../../keys.js";

const MODULE = "wasm";

/** Key prefixes, as wasmd's x/wasm/types/keys.go where they exist. */
const CODE = Uint8Array.of(0x01);
const CONTRACT = Uint8Array.of(0x02);
const CONTRACT_STORE = Uint8Array.of(0x03);
const SEQUENCE = Uint8Array.of(0x04);
const HISTORY = Uint8Array.of(0x05);
const BY_CODE = Uint8Array.of(0x06);
/** Wasm bytecode by checksum (wasmd keeps it in files beside the chain state; here it is state, committed with it). */
const BYTECODE = Uint8Array.of(0x0a);

const LAST_CODE_ID = concat(SEQUENCE, "lastCodeId");
const LAST_INSTANCE_ID = concat(SEQUENCE, "lastContractId");

export { type AbsoluteTxPosition, CodeInfo, ContractCodeHistoryEntry, ContractInfo };

/**
 * The wasm module's state: code infos, contract infos, code history, the code → contracts index, id sequences (all
 * gas-metered module state), and, unmetered because the engine meters them itself, each contract's own storage and
 * the bytecode.
 */
export class WasmState {
  constructor(readonly addresses: AddressCodec) {}

  /** wasmd's mustAutoIncrementID: ids start at 1. */
  nextCodeId(ctx: ExecContext): bigint {
    return this.autoIncrement(ctx, LAST_CODE_ID);
  }

  nextInstanceId(ctx: ExecContext): bigint {
    return this.autoIncrement(ctx, LAST_INSTANCE_ID);
  }

  /** The id the next stored code will get (without taking it). */
  peekCodeId(ctx: ExecContext): bigint {
    const bytes = ctx.moduleStore(MODULE).get(LAST_CODE_ID);
    return bytes ? decodeU64(bytes) : 1n;
  }

  getCodeInfo(ctx: ExecContext, codeId: bigint): CodeInfo | undefined {
    const bytes = ctx.moduleStore(MODULE).get(concat(CODE, encodeU64(codeId)));
    return bytes ? CodeInfo.decode(bytes) : undefined;
  }

  setCodeInfo(ctx: ExecContext, codeId: bigint, info: CodeInfo): void {
    ctx.moduleStore(MODULE).set(concat(CODE, encodeU64(codeId)), CodeInfo.encode(info).finish());
  }

  /** Every code, by ascending id. */
  *codeInfos(ctx: ExecContext): Generator<{ codeId: bigint; info: CodeInfo }> {
    for (const { key, value } of ctx.moduleStore(MODULE).iterate(CODE, prefixEnd(CODE))) {
      yield { codeId: decodeU64(key.subarray(1)), info: CodeInfo.decode(value) };
    }
  }

  getBytecode(ctx: ExecContext, checksum: Uint8Array): Uint8Array | undefined {
    return this.raw(ctx).get(concat(BYTECODE, checksum));
  }

  setBytecode(ctx: ExecContext, checksum: Uint8Array, wasm: Uint8Array): void {
    this.raw(ctx).set(concat(BYTECODE, checksum), wasm);
  }

  getContractInfo(ctx: ExecContext, address: string): ContractInfo | undefined {
    const bytes = ctx.moduleStore(MODULE).get(concat(CONTRACT, this.addresses.toBytes(address)));
    return bytes ? ContractInfo.decode(bytes) : undefined;
  }

  hasContractInfo(ctx: ExecContext, address: string): boolean {
    return ctx.moduleStore(MODULE).has(concat(CONTRACT, this.addresses.toBytes(address)));
  }

  setContractInfo(ctx: ExecContext, address: string, info: ContractInfo): void {
    ctx.moduleStore(MODULE).set(concat(CONTRACT, this.addresses.toBytes(address)), ContractInfo.encode(info).finish());
  }

  /** Appends to a contract's code history (positions 1, 2, …). */
  appendHistory(ctx: ExecContext, address: string, entry: ContractCodeHistoryEntry): void {
    const store = ctx.moduleStore(MODULE);
    const prefix = concat(HISTORY, lengthPrefixed(this.addresses.toBytes(address)));
    let last = 0n;
    const it = store.iterate(prefix, prefixEnd(prefix), "descending");
    const first = it.next();
    it.return?.();
    if (!first.done) last = decodeU64(first.value.key.subarray(prefix.length));
    store.set(concat(prefix, encodeU64(last + 1n)), ContractCodeHistoryEntry.encode(entry).finish());
  }

  history(ctx: ExecContext, address: string): ContractCodeHistoryEntry[] {
    const prefix = concat(HISTORY, lengthPrefixed(this.addresses.toBytes(address)));
    const out: ContractCodeHistoryEntry[] = [];
    for (const { value } of ctx.moduleStore(MODULE).iterate(prefix, prefixEnd(prefix))) {
      out.push(ContractCodeHistoryEntry.decode(value));
    }
    return out;
  }

  /** Secondary index code id → contracts, ordered by the position that put the contract on that code. */
  addToCodeIndex(ctx: ExecContext, codeId: bigint, position: AbsoluteTxPosition, address: string): void {
    ctx.moduleStore(MODULE).set(this.codeIndexKey(codeId, position, address), new Uint8Array(0));
  }

  removeFromCodeIndex(ctx: ExecContext, codeId: bigint, position: AbsoluteTxPosition, address: string): void {
    ctx.moduleStore(MODULE).delete(this.codeIndexKey(codeId, position, address));
  }

  contractsByCode(ctx: ExecContext, codeId: bigint): string[] {
    const prefix = concat(BY_CODE, encodeU64(codeId));
    const out: string[] = [];
    for (const { key } of ctx.moduleStore(MODULE).iterate(prefix, prefixEnd(prefix))) {
      out.push(this.addresses.fromBytes(key.subarray(prefix.length + 16)));
    }
    return out;
  }

  /** The contract's own storage, handed to the engine (which meters it). */
  contractStore(ctx: ExecContext, address: string): PrefixKv {
    return this.raw(ctx).prefix(concat(CONTRACT_STORE, lengthPrefixed(this.addresses.toBytes(address))));
  }

  private codeIndexKey(codeId: bigint, position: AbsoluteTxPosition, address: string): Uint8Array {
    return concat(
      BY_CODE,
      encodeU64(codeId),
      encodeU64(position.blockHeight),
      encodeU64(position.txIndex),
      this.addresses.toBytes(address),
    );
  }

  private raw(ctx: ExecContext): PrefixKv {
    return ctx.rawStore(`${MODULE}/`);
  }

  private autoIncrement(ctx: ExecContext, key: Uint8Array): bigint {
    const store = ctx.moduleStore(MODULE);
    const bytes = store.get(key);
    const id = bytes ? decodeU64(bytes) : 1n;
    store.set(key, encodeU64(id + 1n));
    return id;
  }
}
