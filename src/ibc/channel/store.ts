import { Channel as ChannelCodec } from "cosmjs-types/ibc/core/channel/v1/channel";
import type { IbcContext } from "../context.js";
import { ibcError } from "../errors.js";
import { formatChannelId } from "../host/identifiers.js";
import {
  channelPath,
  NEXT_CHANNEL_SEQUENCE_PATH,
  nextSequenceAckPath,
  nextSequenceRecvPath,
  nextSequenceSendPath,
  packetAcknowledgementPath,
  packetCommitmentPath,
  packetReceiptPath,
} from "../host/paths.js";
import { packetReceiptValue } from "../commitment/packet.js";
import { ChannelErrors } from "./errors.js";
import type { Channel } from "./types.js";

/** Channel state in the IBC store, at ibc-go's paths with ibc-go's encodings (04-channel/keeper/keeper.go). */

export function getChannel(ctx: IbcContext, portId: string, channelId: string): Channel | undefined {
  const bytes = ctx.ibc.get(channelPath(portId, channelId));
  return bytes === undefined ? undefined : ChannelCodec.decode(bytes);
}

export function mustGetChannel(ctx: IbcContext, portId: string, channelId: string): Channel {
  const channel = getChannel(ctx, portId, channelId);
  if (channel === undefined) {
    throw ibcError(ChannelErrors.ChannelNotFound, `channel ${channelId} on port ${portId} not found`, {
      portId,
      channelId,
    });
  }
  return channel;
}

export function encodeChannel(channel: Channel): Uint8Array {
  return ChannelCodec.encode(channel).finish();
}

export function setChannel(ctx: IbcContext, portId: string, channelId: string, channel: Channel): void {
  ctx.ibc.set(channelPath(portId, channelId), encodeChannel(channel));
}

export function generateChannelId(ctx: IbcContext): string {
  const sequence = ctx.ibc.getUint64(NEXT_CHANNEL_SEQUENCE_PATH) ?? 0n;
  ctx.ibc.setUint64(NEXT_CHANNEL_SEQUENCE_PATH, sequence + 1n);
  return formatChannelId(sequence);
}

export type SequenceKind = "send" | "recv" | "ack";

const sequencePaths = {
  send: nextSequenceSendPath,
  recv: nextSequenceRecvPath,
  ack: nextSequenceAckPath,
} as const;

export function getNextSequence(
  ctx: IbcContext,
  kind: SequenceKind,
  portId: string,
  channelId: string,
): bigint | undefined {
  return ctx.ibc.getUint64(sequencePaths[kind](portId, channelId));
}

export function mustGetNextSequence(ctx: IbcContext, kind: SequenceKind, portId: string, channelId: string): bigint {
  const sequence = getNextSequence(ctx, kind, portId, channelId);
  if (sequence === undefined) {
    const errorKind = {
      send: ChannelErrors.SequenceSendNotFound,
      recv: ChannelErrors.SequenceReceiveNotFound,
      ack: ChannelErrors.SequenceAckNotFound,
    }[kind];
    throw ibcError(errorKind, `next ${kind} sequence of ${portId}/${channelId} not found`, { portId, channelId });
  }
  return sequence;
}

export function setNextSequence(
  ctx: IbcContext,
  kind: SequenceKind,
  portId: string,
  channelId: string,
  value: bigint,
): void {
  ctx.ibc.setUint64(sequencePaths[kind](portId, channelId), value);
}

export function getPacketCommitment(ctx: IbcContext, portId: string, channelId: string, sequence: bigint) {
  return ctx.ibc.get(packetCommitmentPath(portId, channelId, sequence));
}

export function setPacketCommitment(
  ctx: IbcContext,
  portId: string,
  channelId: string,
  sequence: bigint,
  commitment: Uint8Array,
): void {
  ctx.ibc.set(packetCommitmentPath(portId, channelId, sequence), commitment);
}

export function deletePacketCommitment(ctx: IbcContext, portId: string, channelId: string, sequence: bigint): void {
  ctx.ibc.delete(packetCommitmentPath(portId, channelId, sequence));
}

export function hasPacketReceipt(ctx: IbcContext, portId: string, channelId: string, sequence: bigint): boolean {
  return ctx.ibc.has(packetReceiptPath(portId, channelId, sequence));
}

export function setPacketReceipt(ctx: IbcContext, portId: string, channelId: string, sequence: bigint): void {
  ctx.ibc.set(packetReceiptPath(portId, channelId, sequence), packetReceiptValue());
}

export function getPacketAcknowledgement(ctx: IbcContext, portId: string, channelId: string, sequence: bigint) {
  return ctx.ibc.get(packetAcknowledgementPath(portId, channelId, sequence));
}

export function setPacketAcknowledgement(
  ctx: IbcContext,
  portId: string,
  channelId: string,
  sequence: bigint,
  ackCommitment: Uint8Array,
): void {
  ctx.ibc.set(packetAcknowledgementPath(portId, channelId, sequence), ackCommitment);
}
