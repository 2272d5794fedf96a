import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import {
  MsgClearAdmin,
  MsgExecuteContract,
  MsgInstantiateContract,
  MsgInstantiateContract2,
  MsgMigrateContract,
  MsgUpdateAdmin,
} from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { fromWire, toWire, type WireCoin } from "../../coins.js";
import type { ExecContext } from "../../context.js";
import { AbciError, sdkErrors, wasmErrors } from "../../errors.js";
import type { Event } from "../../events.js";
import type { MsgResponse, MsgRouter, RoutedMsg } from "../../router.js";

/** The contract a message comes from. */
export interface ContractCaller {
  address: string;
  /** `wasm.<address>` when the contract has IBC entry points, else "". */
  ibcPortId: string;
}

/** What dispatching one CosmosMsg produced (wasmd's Messenger.DispatchMsg): one entry per SDK message it became. */
export interface DispatchResult {
  events: Event[];
  data: Uint8Array[];
  msgResponses: MsgResponse[][];
}

/**
 * Handles one variant of CosmosMsg (`{"bank": …}`, `{"ibc": …}`, …) for a contract. Modules plug in here: the IBC
 * module registers `ibc`, a chain with custom messages registers `custom`.
 */
export type ContractMsgHandler = (ctx: ExecContext, caller: ContractCaller, body: unknown) => DispatchResult;

/** Turns one variant of CosmosMsg into SDK messages signed by the contract (wasmd's message encoders). */
export type ContractMsgEncoder = (ctx: ExecContext, caller: ContractCaller, body: unknown) => RoutedMsg[];

/**
 * wasmd's message handler chain: a contract's CosmosMsg goes to the handler of its variant. Encoded variants run
 * through the same router as transactions, after ValidateBasic and a check that the contract is the only signer.
 */
export class Messenger {
  private readonly handlers = new Map<string, ContractMsgHandler>();

  constructor(private readonly router: MsgRouter) {}

  register(variant: string, handler: ContractMsgHandler): void {
    this.handlers.set(variant, handler);
  }

  registerEncoder(variant: string, encoder: ContractMsgEncoder): void {
    this.register(variant, (ctx, caller, body) => this.dispatchSdkMsgs(ctx, caller, encoder(ctx, caller, body)));
  }

  dispatch(ctx: ExecContext, caller: ContractCaller, msg: unknown): DispatchResult {
    const [variant, body] = singleVariant(msg);
    const handler = this.handlers.get(variant);
    if (!handler) throw wasmErrors.unknownMsg.wrap(`unknown variant of CosmosMsg: ${variant}`);
    return handler(ctx, caller, body);
  }

  /** wasmd's SDKMessageHandler: each message validated, signed by the contract alone, and routed. */
  dispatchSdkMsgs(ctx: ExecContext, caller: ContractCaller, msgs: RoutedMsg[]): DispatchResult {
    const result: DispatchResult = { events: [], data: [], msgResponses: [] };
    for (const msg of msgs) {
      try {
        msg.route.validateBasic(msg.value);
      } catch (err) {
        if (err instanceof AbciError) throw err.wrap(`failed basic validation for message type ${msg.typeUrl}`);
        throw err;
      }
      for (const signer of msg.route.signers(msg.value)) {
        if (signer !== caller.address) throw sdkErrors.unauthorized.wrap("contract doesn't have permission");
      }
      const res = this.router.dispatch(ctx, msg);
      result.data.push(res.data);
      result.msgResponses.push(res.msgResponses);
      result.events.push(...res.events);
    }
    return result;
  }
}

/** An externally tagged enum value has exactly one key. */
export function singleVariant(value: unknown): [string, unknown] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw wasmErrors.invalidMsg.wrap(`expected an object with one variant, got ${JSON.stringify(value)}`);
  }
  const keys = Object.keys(value);
  if (keys.length !== 1) throw wasmErrors.invalidMsg.wrap(`expected exactly one variant, got ${keys.length}`);
  return [keys[0], (value as Record<string, unknown>)[keys[0]]];
}

function object(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw wasmErrors.invalidMsg.wrap(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function string(o: Record<string, unknown>, key: string, what: string, optional = false): string {
  const v = o[key];
  if (v === undefined || v === null) {
    if (optional) return "";
    throw wasmErrors.invalidMsg.wrap(`${what}.${key} is missing`);
  }
  if (typeof v !== "string") throw wasmErrors.invalidMsg.wrap(`${what}.${key} is not a string`);
  return v;
}

function u64(o: Record<string, unknown>, key: string, what: string): bigint {
  const v = o[key];
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === "string" && /^[0-9]+$/.test(v)) return BigInt(v);
  throw wasmErrors.invalidMsg.wrap(`${what}.${key} is not a u64`);
}

function binary(o: Record<string, unknown>, key: string, what: string): Uint8Array {
  const v = string(o, key, what);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
    throw wasmErrors.invalidMsg.wrap(`${what}.${key} is not base64`);
  }
  return Buffer.from(v, "base64");
}

/** Coins from a contract, normalised as wasmd's ConvertWasmCoinsToSdkCoins (merged, sorted, validated). */
function coins(o: Record<string, unknown>, key: string, what: string): WireCoin[] {
  const v = o[key] ?? [];
  if (!Array.isArray(v)) throw wasmErrors.invalidMsg.wrap(`${what}.${key} is not a list of coins`);
  return toWire(fromWire(v as WireCoin[]));
}

/** `{"bank": {"send": {to_address, amount}}}` → MsgSend from the contract (an empty amount sends nothing). */
export function bankEncoder(router: MsgRouter): ContractMsgEncoder {
  return (_ctx, caller, body) => {
    const [variant, inner] = singleVariant(body);
    if (variant !== "send") throw wasmErrors.unknownMsg.wrap("unknown variant of Bank");
    const send = object(inner, "bank.send");
    const amount = coins(send, "amount", "bank.send");
    if (amount.length === 0) return [];
    const msg = MsgSend.fromPartial({
      fromAddress: caller.address,
      toAddress: string(send, "to_address", "bank.send"),
      amount,
    });
    return [router.routed(MsgSend.typeUrl, msg)];
  };
}

/** `{"wasm": …}` → the x/wasm message with the contract as sender (wasmd's EncodeWasmMsg). */
export function wasmEncoder(router: MsgRouter): ContractMsgEncoder {
  return (_ctx, caller, body) => {
    const [variant, inner] = singleVariant(body);
    const o = object(inner, `wasm.${variant}`);
    const what = `wasm.${variant}`;
    switch (variant) {
      case "execute":
        return [
          router.routed(
            MsgExecuteContract.typeUrl,
            MsgExecuteContract.fromPartial({
              sender: caller.address,
              contract: string(o, "contract_addr", what),
              msg: binary(o, "msg", what),
              funds: coins(o, "funds", what),
            }),
          ),
        ];
      case "instantiate":
        return [
          router.routed(
            MsgInstantiateContract.typeUrl,
            MsgInstantiateContract.fromPartial({
              sender: caller.address,
              admin: string(o, "admin", what, true),
              codeId: u64(o, "code_id", what),
              label: string(o, "label", what),
              msg: binary(o, "msg", what),
              funds: coins(o, "funds", what),
            }),
          ),
        ];
      case "instantiate2":
        return [
          router.routed(
            MsgInstantiateContract2.typeUrl,
            MsgInstantiateContract2.fromPartial({
              sender: caller.address,
              admin: string(o, "admin", what, true),
              codeId: u64(o, "code_id", what),
              label: string(o, "label", what),
              msg: binary(o, "msg", what),
              funds: coins(o, "funds", what),
              salt: binary(o, "salt", what),
              fixMsg: false,
            }),
          ),
        ];
      case "migrate":
        return [
          router.routed(
            MsgMigrateContract.typeUrl,
            MsgMigrateContract.fromPartial({
              sender: caller.address,
              contract: string(o, "contract_addr", what),
              codeId: u64(o, "new_code_id", what),
              msg: binary(o, "msg", what),
            }),
          ),
        ];
      case "update_admin":
        return [
          router.routed(
            MsgUpdateAdmin.typeUrl,
            MsgUpdateAdmin.fromPartial({
              sender: caller.address,
              contract: string(o, "contract_addr", what),
              newAdmin: string(o, "admin", what),
            }),
          ),
        ];
      case "clear_admin":
        return [
          router.routed(
            MsgClearAdmin.typeUrl,
            MsgClearAdmin.fromPartial({ sender: caller.address, contract: string(o, "contract_addr", what) }),
          ),
        ];
      default:
        throw wasmErrors.unknownMsg.wrap("unknown variant of Wasm");
    }
  };
}

/** `{"any": {type_url, value}}` (`stargate` in CosmWasm 1.x): any registered SDK message, protobuf-encoded. */
export function anyEncoder(router: MsgRouter): ContractMsgEncoder {
  return (_ctx, _caller, body) => {
    const o = object(body, "any");
    const typeUrl = string(o, "type_url", "any");
    const value = binary(o, "value", "any");
    if (!router.has(typeUrl)) {
      throw wasmErrors.invalidMsg.wrap(`Cannot unpack proto message with type URL: ${typeUrl}`);
    }
    try {
      return [router.decode({ typeUrl, value })];
    } catch (err) {
      if (err instanceof AbciError) throw wasmErrors.invalidMsg.wrap(err.message);
      throw err;
    }
  };
}

/** A variant this node has no module for (staking, distribution, gov, custom …). */
export function unsupportedVariant(variant: string): ContractMsgHandler {
  return () => {
    throw wasmErrors.unknownMsg.wrap(`${variant} variant not supported`);
  };
}
