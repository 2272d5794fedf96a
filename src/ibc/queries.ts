import { Any } from "cosmjs-types/google/protobuf/any";
import { Channel as ChannelCodec, type IdentifiedChannel } from "cosmjs-types/ibc/core/channel/v1/channel";
import { ConnectionEnd, type IdentifiedConnection } from "cosmjs-types/ibc/core/connection/v1/connection";
import {
  getChannel,
  getNextSequence,
  getPacketAcknowledgement,
  getPacketCommitment,
  hasPacketReceipt,
} from "./channel/store.js";
import { type Channel, Order } from "./channel/types.js";
import { getConnection } from "./connection/store.js";
import type { IbcContext } from "./context.js";
import { clientStatePath, packetAcknowledgementPrefixPath, packetCommitmentPrefixPath } from "./host/paths.js";

/**
 * Read-only views of the IBC store for relayers and clients (the subset of ibc-go's gRPC queries a relayer needs).
 * Lists are sorted deterministically: channels and connections by their ids as stored, packets by sequence.
 */

export function queryChannel(ctx: IbcContext, portId: string, channelId: string): Channel | undefined {
  return getChannel(ctx, portId, channelId);
}

/** Every channel end, with its port and channel id. */
export function queryChannels(ctx: IbcContext): IdentifiedChannel[] {
  const out: IdentifiedChannel[] = [];
  for (const { path, value } of ctx.ibc.entries("channelEnds/ports")) {
    // channelEnds/ports/{port}/channels/{channel}; port ids cannot contain "/".
    const [, , portId, , channelId] = path.split("/");
    out.push({ ...ChannelCodec.decode(value), portId: portId!, channelId: channelId! });
  }
  return out;
}

export function queryConnection(ctx: IbcContext, connectionId: string): ConnectionEnd | undefined {
  return getConnection(ctx, connectionId);
}

export function queryConnections(ctx: IbcContext): IdentifiedConnection[] {
  const out: IdentifiedConnection[] = [];
  for (const { path, value } of ctx.ibc.entries("connections")) {
    out.push({ ...ConnectionEnd.decode(value), id: path.slice("connections/".length) });
  }
  return out;
}

/** Every client's state as stored (an Any), by client id: how a relayer finds an existing client of a counterparty. */
export function queryClientStates(ctx: IbcContext): { clientId: string; clientState: Any }[] {
  const out: { clientId: string; clientState: Any }[] = [];
  for (const { path, value } of ctx.ibc.entries("clients")) {
    // clients/{id}/clientState; client ids cannot contain "/".
    const parts = path.split("/");
    if (parts.length === 3 && parts[2] === "clientState") {
      out.push({ clientId: parts[1]!, clientState: Any.decode(value) });
    }
  }
  return out;
}

/** The client state as stored (an Any), or undefined. */
export function queryClientState(ctx: IbcContext, clientId: string): Any | undefined {
  const bytes = ctx.ibc.get(clientStatePath(clientId));
  return bytes === undefined ? undefined : Any.decode(bytes);
}

export function queryNextSequences(ctx: IbcContext, portId: string, channelId: string) {
  return {
    send: getNextSequence(ctx, "send", portId, channelId),
    recv: getNextSequence(ctx, "recv", portId, channelId),
    ack: getNextSequence(ctx, "ack", portId, channelId),
  };
}

export interface PacketState {
  sequence: bigint;
  data: Uint8Array;
}

const sortUnique = (sequences: bigint[]) => [...new Set(sequences)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function bySequence(ctx: IbcContext, prefixPath: string): PacketState[] {
  const out: PacketState[] = [];
  for (const { path, value } of ctx.ibc.entries(prefixPath)) {
    out.push({ sequence: BigInt(path.slice(prefixPath.length + 1)), data: value });
  }
  return out.sort((a, b) => (a.sequence < b.sequence ? -1 : a.sequence > b.sequence ? 1 : 0));
}

/** Commitments of packets sent on a channel and not yet acknowledged or timed out. */
export function queryPacketCommitments(ctx: IbcContext, portId: string, channelId: string): PacketState[] {
  return bySequence(ctx, packetCommitmentPrefixPath(portId, channelId));
}

export function queryPacketCommitment(ctx: IbcContext, portId: string, channelId: string, sequence: bigint) {
  return getPacketCommitment(ctx, portId, channelId, sequence);
}

/**
 * Ack commitments (sha256 of the acks) written on a channel. With `sequences` (ibc-go's
 * packet_commitment_sequences), only those of the given sequences, looked up one by one: acknowledgements are never
 * deleted, so a relayer asks about the packets the sender still holds commitments for instead of reading them all.
 */
export function queryPacketAcknowledgements(
  ctx: IbcContext,
  portId: string,
  channelId: string,
  sequences?: readonly bigint[],
): PacketState[] {
  if (sequences === undefined) return bySequence(ctx, packetAcknowledgementPrefixPath(portId, channelId));
  const out: PacketState[] = [];
  for (const sequence of sortUnique([...sequences])) {
    const data = getPacketAcknowledgement(ctx, portId, channelId, sequence);
    if (data !== undefined) out.push({ sequence, data });
  }
  return out;
}

export function queryPacketAcknowledgement(ctx: IbcContext, portId: string, channelId: string, sequence: bigint) {
  return getPacketAcknowledgement(ctx, portId, channelId, sequence);
}

export function queryPacketReceipt(ctx: IbcContext, portId: string, channelId: string, sequence: bigint): boolean {
  return hasPacketReceipt(ctx, portId, channelId, sequence);
}

/**
 * Of the given sequences (commitments the sender still holds), those this receiving channel has not received
 * (ibc-go UnreceivedPackets): no receipt on unordered channels, at or above nextSequenceRecv on ordered ones.
 */
export function queryUnreceivedPackets(ctx: IbcContext, portId: string, channelId: string, sequences: bigint[]) {
  const channel = getChannel(ctx, portId, channelId);
  if (channel === undefined) return [];
  if (channel.ordering === Order.ORDER_ORDERED) {
    const next = getNextSequence(ctx, "recv", portId, channelId) ?? 1n;
    return sortUnique(sequences).filter((s) => s >= next);
  }
  return sortUnique(sequences).filter((s) => !hasPacketReceipt(ctx, portId, channelId, s));
}

/**
 * Of the given sequences (acks the counterparty wrote), those whose commitment this sending channel still holds,
 * i.e. acks still to be relayed here (ibc-go UnreceivedAcks).
 */
export function queryUnreceivedAcks(ctx: IbcContext, portId: string, channelId: string, sequences: bigint[]) {
  return sortUnique(sequences).filter((s) => getPacketCommitment(ctx, portId, channelId, s) !== undefined);
}
