/**
 * The CosmWasm JSON shapes crossing the contract boundary (cosmwasm-std 2.x/3.x, reference §2). u64 fields are JSON
 * numbers, Uint64/Uint128/Timestamp are decimal strings, Binary is base64, enums are externally tagged snake_case.
 */

export type Binary = string; // base64
export type Uint128 = string;
export type Timestamp = string; // nanoseconds since the epoch, decimal

export interface Coin {
  denom: string;
  amount: Uint128;
}

export interface BlockInfo {
  height: number;
  time: Timestamp;
  chain_id: string;
}

export interface Env {
  block: BlockInfo;
  transaction: { index: number } | null;
  contract: { address: string };
}

export interface MessageInfo {
  sender: string;
  funds: Coin[];
}

export interface MigrateInfo {
  sender: string;
  old_migrate_version: number | null;
}

export type ContractResult<T> = { ok: T } | { error: string };

export interface Attribute {
  key: string;
  value: string;
}

export interface Event {
  type: string;
  attributes: Attribute[];
}

export type ReplyOn = "always" | "error" | "success" | "never";

/** CosmosMsg is kept as parsed JSON: the node's dispatcher interprets it, the VM only carries it. */
export type CosmosMsg = Record<string, unknown>;

export interface SubMsg {
  id: number;
  payload?: Binary;
  msg: CosmosMsg;
  gas_limit: number | null;
  reply_on: ReplyOn;
}

export interface Response {
  messages: SubMsg[];
  attributes: Attribute[];
  events: Event[];
  data: Binary | null;
}

export interface MsgResponse {
  type_url: string;
  value: Binary;
}

export interface SubMsgResponse {
  events: Event[];
  data?: Binary | null;
  msg_responses: MsgResponse[];
}

export interface Reply {
  id: number;
  payload: Binary;
  gas_used: number;
  result: ContractResult<SubMsgResponse>;
}

// ---- IBC (cosmwasm-std ibc.rs) ----

export interface IbcEndpoint {
  port_id: string;
  channel_id: string;
}

export type IbcOrder = "ORDER_UNORDERED" | "ORDER_ORDERED";

export interface IbcChannel {
  endpoint: IbcEndpoint;
  counterparty_endpoint: IbcEndpoint;
  order: IbcOrder;
  version: string;
  connection_id: string;
}

export interface IbcTimeoutBlock {
  revision: number;
  height: number;
}

export interface IbcTimeout {
  block: IbcTimeoutBlock | null;
  timestamp: Timestamp | null;
}

export interface IbcPacket {
  data: Binary;
  src: IbcEndpoint;
  dest: IbcEndpoint;
  sequence: number;
  timeout: IbcTimeout;
}

export interface IbcAcknowledgement {
  data: Binary;
}

export type IbcChannelOpenMsg =
  { open_init: { channel: IbcChannel } } | { open_try: { channel: IbcChannel; counterparty_version: string } };

export type IbcChannelConnectMsg =
  { open_ack: { channel: IbcChannel; counterparty_version: string } } | { open_confirm: { channel: IbcChannel } };

export type IbcChannelCloseMsg = { close_init: { channel: IbcChannel } } | { close_confirm: { channel: IbcChannel } };

export interface IbcPacketReceiveMsg {
  packet: IbcPacket;
  relayer: string;
}

export interface IbcPacketAckMsg {
  acknowledgement: IbcAcknowledgement;
  original_packet: IbcPacket;
  relayer: string;
}

export interface IbcPacketTimeoutMsg {
  packet: IbcPacket;
  relayer: string;
}

/** `{"ok":null}` keeps the proposed version; `{"ok":{"version":…}}` overrides it. */
export type IbcChannelOpenResponse = { version: string } | null;

export interface IbcBasicResponse {
  messages: SubMsg[];
  attributes: Attribute[];
  events: Event[];
}

export interface IbcReceiveResponse extends IbcBasicResponse {
  /** null means the acknowledgement is written later (async ack). */
  acknowledgement: Binary | null;
}

/** Messages of the IBC callbacks (ADR-8); carried as parsed JSON. */
export type IbcSourceCallbackMsg = Record<string, unknown>;
export type IbcDestinationCallbackMsg = Record<string, unknown>;
