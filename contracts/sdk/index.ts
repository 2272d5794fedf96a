/**
 * The Plurigrid CosmWasm SDK for AssemblyScript. Import what you need from here:
 *   import { Response, Env, MessageInfo, JsonValue, Variant, Item, handleExecute, ok, err } from "../sdk";
 * and re-export the ABI exports from the contract's entry file:
 *   export { allocate, deallocate, interface_version_8 } from "../sdk/exports";
 */
export { panic } from "./abort";
export { Api } from "./api";
export { Crypto, HashFunction } from "./crypto";
export { debug } from "./debug";
export * from "./entry";
export { Decoder, describe } from "./json/decoder";
export { parseJson, parseJsonBytes } from "./json/parser";
export { JsonKind, JsonValue } from "./json/value";
export { Variant } from "./json/variant";
export { JsonWriter } from "./json/writer";
export { Uint128 } from "./math/uint128";
export { fromUtf8, utf8 } from "./memory";
export { Querier } from "./querier";
export { err, ok, Result } from "./result";
export { DecodeFn } from "./state/codec";
export { Item } from "./state/item";
export { Bound, Key } from "./state/keys";
export { Map, MapIterator, Prefix } from "./state/map";
export { KvRecord, Order, Storage, StorageIterator } from "./storage";
export { Binary } from "./types/binary";
export { Coin } from "./types/coin";
export { BankMsg, CosmosMsg, IbcMsg, RawMsg, WasmMsg } from "./types/cosmos_msg";
export { BlockInfo, ContractInfo, Env, MessageInfo, TransactionInfo } from "./types/env";
export * from "./types/ibc";
export { Attribute, Event, Response } from "./types/response";
export {
  MsgResponse,
  Reply,
  ReplyOn,
  replyOnFromString,
  replyOnToString,
  SubMsg,
  SubMsgResponse,
} from "./types/submsg";
export { Timestamp } from "./types/timestamp";
