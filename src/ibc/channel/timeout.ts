import type { Packet } from "cosmjs-types/ibc/core/channel/v1/channel";
import type { ClientKeeper } from "../client/keeper.js";
import { compareHeights, formatHeight, type Height, isZeroHeight } from "../client/height.js";
import { bytesEqual } from "../bytes.js";
import { commitPacket } from "../commitment/packet.js";
import { mustGetConnection } from "../connection/store.js";
import { verifyChannelState, verifyNextSequenceRecv, verifyPacketReceiptAbsence } from "../connection/verify.js";
import type { IbcContext } from "../context.js";
import { ibcError, type IbcError } from "../errors.js";
import { ChannelErrors } from "./errors.js";
import { channelClosedEvents, packetEvents } from "./events.js";
import { deletePacketCommitment, getPacketCommitment, mustGetChannel, setChannel } from "./store.js";
import { type Channel, Order, State } from "./types.js";

/**
 * Timeouts (ibc-go 04-channel/types/timeout.go and keeper/timeout.go). A packet times out when the receiving
 * chain's height reaches its timeout height or its time reaches its timeout timestamp (zero = no limit). The sender
 * proves the packet was not received by then; an ORDERED channel whose packet timed out is closed, because the
 * packets behind it can never be delivered in order.
 */
export interface Timeout {
  height: Height;
  timestamp: bigint;
}

export function timeoutOf(packet: Packet): Timeout {
  return { height: packet.timeoutHeight, timestamp: packet.timeoutTimestamp };
}

function heightElapsed(timeout: Timeout, height: Height): boolean {
  return !isZeroHeight(timeout.height) && compareHeights(height, timeout.height) >= 0;
}

function timestampElapsed(timeout: Timeout, timestamp: bigint): boolean {
  return timeout.timestamp !== 0n && timestamp >= timeout.timestamp;
}

/** True once either limit is reached at (height, timestamp). */
export function timeoutElapsed(timeout: Timeout, height: Height, timestamp: bigint): boolean {
  return heightElapsed(timeout, height) || timestampElapsed(timeout, timestamp);
}

export function timeoutElapsedError(timeout: Timeout, height: Height, timestamp: bigint, what: string): IbcError {
  const detail = heightElapsed(timeout, height)
    ? `current height: ${formatHeight(height)}, timeout height ${formatHeight(timeout.height)}`
    : `current timestamp: ${timestamp}, timeout timestamp ${timeout.timestamp}`;
  return ibcError(ChannelErrors.TimeoutElapsed, `${what}: ${detail}`, {
    timeoutHeight: formatHeight(timeout.height),
    timeoutTimestamp: timeout.timestamp,
  });
}

export function timeoutNotReachedError(timeout: Timeout, height: Height, timestamp: bigint, what: string): IbcError {
  const detail =
    !isZeroHeight(timeout.height) && !heightElapsed(timeout, height)
      ? `current height: ${formatHeight(height)}, timeout height ${formatHeight(timeout.height)}`
      : `current timestamp: ${timestamp}, timeout timestamp ${timeout.timestamp}`;
  return ibcError(ChannelErrors.TimeoutNotReached, `${what}: ${detail}`, {
    timeoutHeight: formatHeight(timeout.height),
    timeoutTimestamp: timeout.timestamp,
  });
}

/** The channel the packet left from, checked against the packet's destination. */
function sendingChannel(ctx: IbcContext, packet: Packet): Channel {
  const channel = mustGetChannel(ctx, packet.sourcePort, packet.sourceChannel);
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
  return channel;
}

/** The stored commitment must exist (else the timeout was already processed: no-op) and match the packet. */
function requireCommitment(ctx: IbcContext, packet: Packet, channel: Channel): void {
  const commitment = getPacketCommitment(ctx, packet.sourcePort, packet.sourceChannel, packet.sequence);
  if (commitment === undefined || commitment.length === 0) {
    ctx.emit(...packetEvents("timeout_packet", packet, channel));
    throw ibcError(
      ChannelErrors.NoOpMsg,
      `packet ${packet.sequence} on ${packet.sourceChannel} has no commitment: already acknowledged or timed out`,
      { sequence: packet.sequence, channelId: packet.sourceChannel },
    );
  }
  if (!bytesEqual(commitment, commitPacket(packet))) {
    throw ibcError(
      ChannelErrors.InvalidPacket,
      `packet ${packet.sequence} does not match the commitment stored when it was sent on ${packet.sourceChannel}`,
      { sequence: packet.sequence },
    );
  }
}

/** Checks a timeout proof; returns the channel version for the application callback. */
export function timeoutPacket(
  ctx: IbcContext,
  clients: ClientKeeper,
  packet: Packet,
  proof: Uint8Array,
  proofHeight: Height,
  nextSequenceRecv: bigint,
): string {
  const channel = sendingChannel(ctx, packet);
  const connection = mustGetConnection(ctx, channel.connectionHops[0]!);
  const proofTimestamp = clients.timestampAtHeight(ctx, connection.clientId, proofHeight);
  const timeout = timeoutOf(packet);
  if (!timeoutElapsed(timeout, proofHeight, proofTimestamp)) {
    throw timeoutNotReachedError(timeout, proofHeight, proofTimestamp, `packet ${packet.sequence} timeout not reached`);
  }
  requireCommitment(ctx, packet, channel);
  if (channel.ordering === Order.ORDER_ORDERED) {
    if (nextSequenceRecv > packet.sequence) {
      throw ibcError(
        ChannelErrors.PacketReceived,
        `packet ${packet.sequence} already received, next sequence receive > packet sequence (${nextSequenceRecv} > ${packet.sequence})`,
      );
    }
    verifyNextSequenceRecv(
      ctx,
      clients,
      connection,
      proofHeight,
      proof,
      packet.destinationPort,
      packet.destinationChannel,
      nextSequenceRecv,
    );
  } else {
    verifyPacketReceiptAbsence(
      ctx,
      clients,
      connection,
      proofHeight,
      proof,
      packet.destinationPort,
      packet.destinationChannel,
      packet.sequence,
    );
  }
  timeoutExecuted(ctx, channel, packet);
  return channel.version;
}

/** Checks that the counterparty closed its end and never received the packet; returns the channel version. */
export function timeoutOnClose(
  ctx: IbcContext,
  clients: ClientKeeper,
  packet: Packet,
  proofUnreceived: Uint8Array,
  proofClose: Uint8Array,
  proofHeight: Height,
  nextSequenceRecv: bigint,
): string {
  const channel = sendingChannel(ctx, packet);
  const connection = mustGetConnection(ctx, channel.connectionHops[0]!);
  requireCommitment(ctx, packet, channel);
  const expected: Channel = {
    state: State.STATE_CLOSED,
    ordering: channel.ordering,
    counterparty: { portId: packet.sourcePort, channelId: packet.sourceChannel },
    connectionHops: [connection.counterparty.connectionId],
    version: channel.version,
  };
  verifyChannelState(
    ctx,
    clients,
    connection,
    proofHeight,
    proofClose,
    channel.counterparty.portId,
    channel.counterparty.channelId,
    expected,
  );
  if (channel.ordering === Order.ORDER_ORDERED) {
    if (nextSequenceRecv > packet.sequence) {
      throw ibcError(
        ChannelErrors.InvalidPacket,
        `packet ${packet.sequence} already received, next sequence receive > packet sequence (${nextSequenceRecv} > ${packet.sequence})`,
      );
    }
    verifyNextSequenceRecv(
      ctx,
      clients,
      connection,
      proofHeight,
      proofUnreceived,
      packet.destinationPort,
      packet.destinationChannel,
      nextSequenceRecv,
    );
  } else {
    verifyPacketReceiptAbsence(
      ctx,
      clients,
      connection,
      proofHeight,
      proofUnreceived,
      packet.destinationPort,
      packet.destinationChannel,
      packet.sequence,
    );
  }
  timeoutExecuted(ctx, channel, packet);
  return channel.version;
}

/** Deletes the commitment; an ORDERED channel is closed (without calling the application's close callback). */
function timeoutExecuted(ctx: IbcContext, channel: Channel, packet: Packet): void {
  deletePacketCommitment(ctx, packet.sourcePort, packet.sourceChannel, packet.sequence);
  if (channel.ordering === Order.ORDER_ORDERED) {
    const closed: Channel = { ...channel, state: State.STATE_CLOSED };
    setChannel(ctx, packet.sourcePort, packet.sourceChannel, closed);
    ctx.emit(...channelClosedEvents(packet, closed));
  }
  ctx.emit(...packetEvents("timeout_packet", packet, channel));
}
