import "../protobuf_alloc.js";
import {
  MsgAcknowledgement,
  MsgChannelCloseConfirm,
  MsgChannelCloseInit,
  MsgChannelOpenAck,
  MsgChannelOpenConfirm,
  MsgChannelOpenInit,
  MsgChannelOpenTry,
  MsgRecvPacket,
  MsgTimeout,
  MsgTimeoutOnClose,
} from "cosmjs-types/ibc/core/channel/v1/tx";
import { MsgCreateClient, MsgSubmitMisbehaviour, MsgUpdateClient } from "cosmjs-types/ibc/core/client/v1/tx";
import {
  MsgConnectionOpenAck,
  MsgConnectionOpenConfirm,
  MsgConnectionOpenInit,
  MsgConnectionOpenTry,
} from "cosmjs-types/ibc/core/connection/v1/tx";
import { CoreErrors, ibcError } from "./errors.js";

/**
 * The ibc-go messages the core handles, by protobuf type URL. A message arrives either as protobuf bytes (from a
 * transaction's Any) or already decoded (from in-process callers, cosmjs's EncodeObject shape).
 */
export const IBC_MESSAGE_TYPES = {
  "/ibc.core.client.v1.MsgCreateClient": MsgCreateClient,
  "/ibc.core.client.v1.MsgUpdateClient": MsgUpdateClient,
  "/ibc.core.client.v1.MsgSubmitMisbehaviour": MsgSubmitMisbehaviour,
  "/ibc.core.connection.v1.MsgConnectionOpenInit": MsgConnectionOpenInit,
  "/ibc.core.connection.v1.MsgConnectionOpenTry": MsgConnectionOpenTry,
  "/ibc.core.connection.v1.MsgConnectionOpenAck": MsgConnectionOpenAck,
  "/ibc.core.connection.v1.MsgConnectionOpenConfirm": MsgConnectionOpenConfirm,
  "/ibc.core.channel.v1.MsgChannelOpenInit": MsgChannelOpenInit,
  "/ibc.core.channel.v1.MsgChannelOpenTry": MsgChannelOpenTry,
  "/ibc.core.channel.v1.MsgChannelOpenAck": MsgChannelOpenAck,
  "/ibc.core.channel.v1.MsgChannelOpenConfirm": MsgChannelOpenConfirm,
  "/ibc.core.channel.v1.MsgChannelCloseInit": MsgChannelCloseInit,
  "/ibc.core.channel.v1.MsgChannelCloseConfirm": MsgChannelCloseConfirm,
  "/ibc.core.channel.v1.MsgRecvPacket": MsgRecvPacket,
  "/ibc.core.channel.v1.MsgAcknowledgement": MsgAcknowledgement,
  "/ibc.core.channel.v1.MsgTimeout": MsgTimeout,
  "/ibc.core.channel.v1.MsgTimeoutOnClose": MsgTimeoutOnClose,
} as const;

type Codecs = typeof IBC_MESSAGE_TYPES;
export type IbcMessageTypeUrl = keyof Codecs;
type Decoded<U extends IbcMessageTypeUrl> = ReturnType<Codecs[U]["decode"]>;

/** A message by type URL, decoded. */
export type IbcMessage = { [U in IbcMessageTypeUrl]: { typeUrl: U; value: Decoded<U> } }[IbcMessageTypeUrl];

/** What callers may pass: a decoded message or an Any-like {typeUrl, value: protobuf bytes}. */
export type IbcMessageInput = IbcMessage | { typeUrl: string; value: Uint8Array };

export function isIbcMessageTypeUrl(typeUrl: string): typeUrl is IbcMessageTypeUrl {
  return Object.prototype.hasOwnProperty.call(IBC_MESSAGE_TYPES, typeUrl);
}

/** Decodes protobuf bytes; decoded messages pass through. Unknown type URLs are UnknownRequest. */
export function decodeIbcMessage(input: IbcMessageInput): IbcMessage {
  if (!isIbcMessageTypeUrl(input.typeUrl)) {
    throw ibcError(CoreErrors.UnknownRequest, `unrecognized IBC message type: ${input.typeUrl}`, {
      typeUrl: input.typeUrl,
    });
  }
  if (!(input.value instanceof Uint8Array)) return input as IbcMessage;
  const codec = IBC_MESSAGE_TYPES[input.typeUrl] as { decode(bytes: Uint8Array): unknown };
  try {
    return { typeUrl: input.typeUrl, value: codec.decode(input.value) } as IbcMessage;
  } catch (error) {
    throw ibcError(CoreErrors.InvalidType, `${input.typeUrl} does not decode`, { typeUrl: input.typeUrl }, error);
  }
}

/** Encodes a message to protobuf bytes (what a relayer puts in a transaction). */
export function encodeIbcMessage(message: IbcMessage): Uint8Array {
  const codec = IBC_MESSAGE_TYPES[message.typeUrl] as { encode(value: unknown): { finish(): Uint8Array } };
  return codec.encode(message.value).finish();
}
