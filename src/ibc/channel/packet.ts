import { State as ConnectionState } from "cosmjs-types/ibc/core/connection/v1/connection";
import { bytesEqual, isUint64 } from "../bytes.js";
import { ClientErrors } from "../client/errors.js";
import { isZeroHeight, type Height } from "../client/height.js";
import type { ClientKeeper } from "../client/keeper.js";
import { commitAcknowledgement, commitPacket } from "../commitment/packet.js";
import { ConnectionErrors } from "../connection/errors.js";
import { connectionStateName, mustGetConnection } from "../connection/store.js";
import { verifyPacketAcknowledgement, verifyPacketCommitment } from "../connection/verify.js";
import type { IbcContext } from "../context.js";
import { ibcError } from "../errors.js";
import { validateChannelId, validatePortId } from "../host/identifiers.js";
import { checkAcknowledgementEncoding } from "./acknowledgement.js";
import { ChannelErrors } from "./errors.js";
import { packetEvents } from "./events.js";
import {
  deletePacketCommitment,
  getPacketAcknowledgement,
  getPacketCommitment,
  hasPacketReceipt,
  mustGetChannel,
  mustGetNextSequence,
  setNextSequence,
  setPacketAcknowledgement,
  setPacketCommitment,
  setPacketReceipt,
} from "./store.js";
import { timeoutElapsed, timeoutElapsedError, timeoutOf } from "./timeout.js";
import { type Channel, Order, type Packet, State, stateLabel } from "./types.js";

/**
 * Packet flow (ibc-go 04-channel/keeper/packet.go): send writes a commitment, receive proves it and records a
 * receipt (unordered) or advances nextSequenceRecv (ordered), the receiver writes sha256(ack), and the sender proves
 * that ack and deletes its commitment. A message that arrives again after its work is done is a no-op (NoOpMsg),
 * which the core reports as success without changing anything.
 */

/** ibc-go MaximumPayloadsSize: 256 KiB of packet data. */
export const MAX_PACKET_DATA_SIZE = 262144;

/** ibc-go Packet.ValidateBasic. */
export function validatePacket(packet: Packet): void {
  validatePortId(packet.sourcePort);
  validatePortId(packet.destinationPort);
  validateChannelId(packet.sourceChannel);
  validateChannelId(packet.destinationChannel);
  const invalid = (why: string) =>
    ibcError(ChannelErrors.InvalidPacket, `packet ${packet.sequence} on ${packet.sourceChannel}: ${why}`, {
      sequence: packet.sequence,
    });
  if (packet.sequence === 0n) throw invalid("packet sequence cannot be 0");
  if (!isUint64(packet.sequence) || !isUint64(packet.timeoutTimestamp)) throw invalid("values must be uint64");
  if (isZeroHeight(packet.timeoutHeight) && packet.timeoutTimestamp === 0n) {
    throw invalid("packet timeout height and packet timeout timestamp cannot both be 0");
  }
  if (packet.data.length === 0) throw invalid("packet data bytes cannot be empty");
  if (packet.data.length > MAX_PACKET_DATA_SIZE) {
    throw invalid(`packet data bytes cannot exceed ${MAX_PACKET_DATA_SIZE} bytes`);
  }
}

function requireOpen(channel: Channel, portId: string, channelId: string, refused: string): void {
  if (channel.state !== State.STATE_OPEN) {
    throw ibcError(ChannelErrors.InvalidChannelState, `${channelId} is ${stateLabel(channel.state)}; ${refused}`, {
      portId,
      channelId,
      state: stateLabel(channel.state),
    });
  }
}

function requireOpenConnection(ctx: IbcContext, connectionId: string) {
  const connection = mustGetConnection(ctx, connectionId);
  if (connection.state !== ConnectionState.STATE_OPEN) {
    throw ibcError(
      ConnectionErrors.InvalidConnectionState,
      `connection ${connectionId} is ${connectionStateName(connection.state)}, not OPEN`,
      { connectionId },
    );
  }
  return connection;
}

/**
 * Sends a packet from `sourcePort`/`sourceChannel`: assigns the next sequence, stores the commitment and emits
 * `send_packet`. Refused when the timeout has already passed on the counterparty as its client here last saw it.
 */
export function sendPacket(
  ctx: IbcContext,
  clients: ClientKeeper,
  sourcePort: string,
  sourceChannel: string,
  timeoutHeight: Height,
  timeoutTimestamp: bigint,
  data: Uint8Array,
): bigint {
  const channel = mustGetChannel(ctx, sourcePort, sourceChannel);
  const sequence = mustGetNextSequence(ctx, "send", sourcePort, sourceChannel);
  requireOpen(channel, sourcePort, sourceChannel, `packet ${sequence} refused`);
  const packet: Packet = {
    sequence,
    sourcePort,
    sourceChannel,
    destinationPort: channel.counterparty.portId,
    destinationChannel: channel.counterparty.channelId,
    data,
    timeoutHeight,
    timeoutTimestamp,
  };
  validatePacket(packet);
  const connection = mustGetConnection(ctx, channel.connectionHops[0]!);
  clients.requireActive(ctx, connection.clientId, `send packet ${sequence}`);
  const latestHeight = clients.latestHeight(ctx, connection.clientId);
  if (isZeroHeight(latestHeight)) {
    throw ibcError(
      ClientErrors.InvalidHeight,
      `cannot send packet using client (${connection.clientId}) with zero height`,
    );
  }
  const latestTimestamp = clients.timestampAtHeight(ctx, connection.clientId, latestHeight);
  const timeout = timeoutOf(packet);
  if (timeoutElapsed(timeout, latestHeight, latestTimestamp)) {
    throw timeoutElapsedError(timeout, latestHeight, latestTimestamp, `invalid packet timeout for packet ${sequence}`);
  }
  setNextSequence(ctx, "send", sourcePort, sourceChannel, sequence + 1n);
  setPacketCommitment(ctx, sourcePort, sourceChannel, sequence, commitPacket(packet));
  ctx.emit(...packetEvents("send_packet", packet, channel));
  return sequence;
}

/**
 * Receives a packet on its destination channel: checks routing and timeout against this chain's height and time,
 * verifies the sender's commitment, then applies replay protection. Returns the channel version for the
 * application callback.
 */
export function recvPacket(
  ctx: IbcContext,
  clients: ClientKeeper,
  packet: Packet,
  proof: Uint8Array,
  proofHeight: Height,
): string {
  const channel = mustGetChannel(ctx, packet.destinationPort, packet.destinationChannel);
  requireOpen(channel, packet.destinationPort, packet.destinationChannel, `packet ${packet.sequence} refused`);
  if (packet.sourcePort !== channel.counterparty.portId) {
    throw ibcError(
      ChannelErrors.InvalidPacket,
      `packet source port doesn't match the counterparty's port (${packet.sourcePort} ≠ ${channel.counterparty.portId})`,
    );
  }
  if (packet.sourceChannel !== channel.counterparty.channelId) {
    throw ibcError(
      ChannelErrors.InvalidPacket,
      `packet source channel doesn't match the counterparty's channel (${packet.sourceChannel} ≠ ${channel.counterparty.channelId})`,
    );
  }
  const connection = requireOpenConnection(ctx, channel.connectionHops[0]!);
  const selfHeight = ctx.selfHeight();
  const now = ctx.block.timeNs;
  const timeout = timeoutOf(packet);
  if (timeoutElapsed(timeout, selfHeight, now)) {
    throw timeoutElapsedError(timeout, selfHeight, now, `packet ${packet.sequence} timeout elapsed`);
  }
  verifyPacketCommitment(
    ctx,
    clients,
    connection,
    proofHeight,
    proof,
    packet.sourcePort,
    packet.sourceChannel,
    packet.sequence,
    commitPacket(packet),
  );
  applyReplayProtection(ctx, packet, channel);
  ctx.emit(...packetEvents("recv_packet", packet, channel));
  return channel.version;
}

function applyReplayProtection(ctx: IbcContext, packet: Packet, channel: Channel): void {
  const port = packet.destinationPort;
  const channelId = packet.destinationChannel;
  if (channel.ordering === Order.ORDER_UNORDERED) {
    if (hasPacketReceipt(ctx, port, channelId, packet.sequence)) {
      ctx.emit(...packetEvents("recv_packet", packet, channel));
      throw ibcError(ChannelErrors.NoOpMsg, `packet ${packet.sequence} on ${channelId} was already received`, {
        sequence: packet.sequence,
      });
    }
    setPacketReceipt(ctx, port, channelId, packet.sequence);
    return;
  }
  if (channel.ordering !== Order.ORDER_ORDERED) {
    throw ibcError(ChannelErrors.InvalidChannelOrdering, `invalid channel ordering on ${channelId}`);
  }
  const nextSequenceRecv = mustGetNextSequence(ctx, "recv", port, channelId);
  if (packet.sequence < nextSequenceRecv) {
    ctx.emit(...packetEvents("recv_packet", packet, channel));
    throw ibcError(ChannelErrors.NoOpMsg, `packet ${packet.sequence} on ${channelId} was already received`, {
      sequence: packet.sequence,
    });
  }
  if (packet.sequence !== nextSequenceRecv) {
    throw ibcError(
      ChannelErrors.PacketSequenceOutOfOrder,
      `${channelId} is ORDERED and expects packet ${nextSequenceRecv}; packet ${packet.sequence} refused (packet sequence ≠ next receive sequence)`,
      { channelId, sequence: packet.sequence, nextSequenceRecv },
    );
  }
  setNextSequence(ctx, "recv", port, channelId, nextSequenceRecv + 1n);
}

/**
 * Stores sha256(ack) for a received packet, synchronously after OnRecvPacket or later for an asynchronous ack.
 * Writing twice is AcknowledgementExists.
 */
export function writeAcknowledgement(ctx: IbcContext, packet: Packet, acknowledgement: Uint8Array): void {
  const channel = mustGetChannel(ctx, packet.destinationPort, packet.destinationChannel);
  requireOpen(
    channel,
    packet.destinationPort,
    packet.destinationChannel,
    `acknowledgement of packet ${packet.sequence} refused`,
  );
  if (getPacketAcknowledgement(ctx, packet.destinationPort, packet.destinationChannel, packet.sequence) !== undefined) {
    throw ibcError(
      ChannelErrors.AcknowledgementExists,
      `packet ${packet.sequence} on ${packet.destinationChannel} is already acknowledged`,
      { sequence: packet.sequence },
    );
  }
  if (acknowledgement.length === 0) {
    throw ibcError(ChannelErrors.InvalidAcknowledgement, "acknowledgement cannot be empty");
  }
  setPacketAcknowledgement(
    ctx,
    packet.destinationPort,
    packet.destinationChannel,
    packet.sequence,
    commitAcknowledgement(acknowledgement),
  );
  ctx.emit(...packetEvents("write_acknowledgement", packet, channel, acknowledgement));
}

/**
 * Processes the counterparty's acknowledgement of a packet sent here: proves it, enforces order on ORDERED
 * channels, deletes the commitment. Returns the channel version for the application callback.
 */
export function acknowledgePacket(
  ctx: IbcContext,
  clients: ClientKeeper,
  packet: Packet,
  acknowledgement: Uint8Array,
  proof: Uint8Array,
  proofHeight: Height,
): string {
  const channel = mustGetChannel(ctx, packet.sourcePort, packet.sourceChannel);
  requireOpen(channel, packet.sourcePort, packet.sourceChannel, `acknowledgement of packet ${packet.sequence} refused`);
  if (packet.destinationPort !== channel.counterparty.portId) {
    throw ibcError(
      ChannelErrors.InvalidPacket,
      `packet destination port doesn't match the counterparty's port (${packet.destinationPort} ≠ ${channel.counterparty.portId})`,
    );
  }
  if (packet.destinationChannel !== channel.counterparty.channelId) {
    throw ibcError(
      ChannelErrors.InvalidPacket,
      `packet destination channel doesn't match the counterparty's channel (${packet.destinationChannel} ≠ ${channel.counterparty.channelId})`,
    );
  }
  const connection = requireOpenConnection(ctx, channel.connectionHops[0]!);
  const commitment = getPacketCommitment(ctx, packet.sourcePort, packet.sourceChannel, packet.sequence);
  if (commitment === undefined || commitment.length === 0) {
    ctx.emit(...packetEvents("acknowledge_packet", packet, channel));
    throw ibcError(
      ChannelErrors.NoOpMsg,
      `packet ${packet.sequence} on ${packet.sourceChannel} has no commitment: already acknowledged or timed out`,
      { sequence: packet.sequence },
    );
  }
  checkAcknowledgementEncoding(acknowledgement);
  if (!bytesEqual(commitment, commitPacket(packet))) {
    throw ibcError(
      ChannelErrors.InvalidPacket,
      `packet ${packet.sequence} does not match the commitment stored when it was sent on ${packet.sourceChannel}`,
      { sequence: packet.sequence },
    );
  }
  verifyPacketAcknowledgement(
    ctx,
    clients,
    connection,
    proofHeight,
    proof,
    packet.destinationPort,
    packet.destinationChannel,
    packet.sequence,
    acknowledgement,
  );
  if (channel.ordering === Order.ORDER_ORDERED) {
    const nextSequenceAck = mustGetNextSequence(ctx, "ack", packet.sourcePort, packet.sourceChannel);
    if (packet.sequence !== nextSequenceAck) {
      throw ibcError(
        ChannelErrors.PacketSequenceOutOfOrder,
        `${packet.sourceChannel} is ORDERED and expects the ack of packet ${nextSequenceAck}; ack of packet ${packet.sequence} refused`,
        { sequence: packet.sequence, nextSequenceAck },
      );
    }
    setNextSequence(ctx, "ack", packet.sourcePort, packet.sourceChannel, nextSequenceAck + 1n);
  }
  deletePacketCommitment(ctx, packet.sourcePort, packet.sourceChannel, packet.sequence);
  ctx.emit(...packetEvents("acknowledge_packet", packet, channel));
  return channel.version;
}
