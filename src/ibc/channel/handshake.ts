import { State as ConnectionState } from "cosmjs-types/ibc/core/connection/v1/connection";
import type {
  MsgChannelCloseConfirm,
  MsgChannelOpenAck,
  MsgChannelOpenConfirm,
  MsgChannelOpenInit,
  MsgChannelOpenTry,
} from "cosmjs-types/ibc/core/channel/v1/tx";
import type { Counterparty } from "cosmjs-types/ibc/core/channel/v1/channel";
import type { ClientKeeper } from "../client/keeper.js";
import { CommitmentErrors } from "../commitment/errors.js";
import { ConnectionErrors } from "../connection/errors.js";
import { connectionStateName, mustGetConnection } from "../connection/store.js";
import { verifyChannelState } from "../connection/verify.js";
import { supportsFeature } from "../connection/version.js";
import type { IbcContext } from "../context.js";
import { ibcError } from "../errors.js";
import { isGeneratedChannelId, validateChannelId, validateConnectionId, validatePortId } from "../host/identifiers.js";
import { ChannelErrors } from "./errors.js";
import { channelHandshakeEvents } from "./events.js";
import { generateChannelId, mustGetChannel, setChannel, setNextSequence } from "./store.js";
import { type Channel, Order, orderName, State, stateLabel } from "./types.js";

/**
 * The ICS-04 channel handshake (ibc-go 04-channel/keeper/handshake.go and the messages' ValidateBasic). As in
 * ibc-go, each opening step is split in two: the check (which also picks the channel id) and the write, so the core
 * can call the application in between, or after, exactly where ibc-go's message server does.
 */

function validateChannel(channel: Channel): void {
  if (channel.state === State.STATE_UNINITIALIZED_UNSPECIFIED) {
    throw ibcError(ChannelErrors.InvalidChannelState, "channel state cannot be UNINITIALIZED");
  }
  if (channel.ordering !== Order.ORDER_ORDERED && channel.ordering !== Order.ORDER_UNORDERED) {
    throw ibcError(ChannelErrors.InvalidChannelOrdering, `invalid channel ordering ${orderName(channel.ordering)}`);
  }
  if (channel.connectionHops.length !== 1) {
    throw ibcError(ChannelErrors.TooManyConnectionHops, "current IBC version only supports one connection hop", {
      connectionHops: channel.connectionHops,
    });
  }
  validateConnectionId(channel.connectionHops[0]!);
  validatePortId(channel.counterparty.portId);
  if (channel.counterparty.channelId !== "") validateChannelId(channel.counterparty.channelId);
}

/** ibc-go IsValidChannelID: ids of channels on this chain are always `channel-{N}`. */
export function validateOwnChannelId(channelId: string): void {
  if (!isGeneratedChannelId(channelId)) {
    throw ibcError(ChannelErrors.InvalidChannelIdentifier, `invalid channel identifier ${channelId}`, { channelId });
  }
}

function requireProof(proof: Uint8Array, what: string): void {
  if (proof.length === 0) throw ibcError(CommitmentErrors.InvalidProof, `cannot submit an empty ${what}`);
}

/** The channel's single connection, which must be OPEN (every step but Init). */
function openConnection(ctx: IbcContext, connectionId: string) {
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

/** The connection's negotiated version must allow the channel's ordering. */
function requireOrderingSupported(
  connectionId: string,
  versions: { identifier: string; features: string[] }[],
  order: Order,
) {
  if (versions.length !== 1) {
    throw ibcError(
      ConnectionErrors.InvalidVersion,
      `single version must be negotiated on connection ${connectionId} before opening channel`,
      { versions },
    );
  }
  if (!supportsFeature(versions[0]!, orderName(order))) {
    throw ibcError(
      ConnectionErrors.InvalidVersion,
      `connection ${connectionId} version does not support channel ordering: ${orderName(order)}`,
    );
  }
}

function initializeSequences(ctx: IbcContext, portId: string, channelId: string): void {
  setNextSequence(ctx, "send", portId, channelId, 1n);
  setNextSequence(ctx, "recv", portId, channelId, 1n);
  setNextSequence(ctx, "ack", portId, channelId, 1n);
}

export function validateChanOpenInit(msg: MsgChannelOpenInit): void {
  validatePortId(msg.portId);
  if (msg.channel.state !== State.STATE_INIT) {
    throw ibcError(
      ChannelErrors.InvalidChannelState,
      `channel state must be INIT in MsgChannelOpenInit, got ${stateLabel(msg.channel.state)}`,
    );
  }
  if (msg.channel.counterparty.channelId !== "") {
    throw ibcError(ChannelErrors.InvalidCounterparty, "counterparty channel identifier must be empty");
  }
  validateChannel(msg.channel);
}

/** Checks an OpenInit and picks the channel id; nothing about the channel is written yet. */
export function chanOpenInit(ctx: IbcContext, clients: ClientKeeper, msg: MsgChannelOpenInit): string {
  validateChanOpenInit(msg);
  const connectionId = msg.channel.connectionHops[0]!;
  const connection = mustGetConnection(ctx, connectionId);
  requireOrderingSupported(connectionId, connection.versions, msg.channel.ordering);
  clients.requireActive(ctx, connection.clientId, "open a channel");
  return generateChannelId(ctx);
}

export function writeOpenInitChannel(
  ctx: IbcContext,
  portId: string,
  channelId: string,
  order: Order,
  connectionHops: string[],
  counterparty: Counterparty,
  version: string,
): Channel {
  const channel: Channel = { state: State.STATE_INIT, ordering: order, counterparty, connectionHops, version };
  setChannel(ctx, portId, channelId, channel);
  initializeSequences(ctx, portId, channelId);
  ctx.emit(...channelHandshakeEvents("channel_open_init", portId, channelId, channel));
  return channel;
}

export function validateChanOpenTry(msg: MsgChannelOpenTry): void {
  validatePortId(msg.portId);
  if (msg.previousChannelId !== "") {
    throw ibcError(
      ChannelErrors.InvalidChannelIdentifier,
      "previous channel identifier must be empty, crossing hellos are not supported",
    );
  }
  requireProof(msg.proofInit, "init proof");
  if (msg.channel.state !== State.STATE_TRYOPEN) {
    throw ibcError(
      ChannelErrors.InvalidChannelState,
      `channel state must be TRYOPEN in MsgChannelOpenTry, got ${stateLabel(msg.channel.state)}`,
    );
  }
  validateChannelId(msg.channel.counterparty.channelId);
  validateChannel(msg.channel);
}

/** Proves the counterparty's INIT end and picks the channel id. */
export function chanOpenTry(ctx: IbcContext, clients: ClientKeeper, msg: MsgChannelOpenTry): string {
  validateChanOpenTry(msg);
  const channelId = generateChannelId(ctx);
  const connectionId = msg.channel.connectionHops[0]!;
  const connection = openConnection(ctx, connectionId);
  requireOrderingSupported(connectionId, connection.versions, msg.channel.ordering);
  // The counterparty's end as it must be: INIT, pointing at this port (channel unknown to it yet).
  const expected: Channel = {
    state: State.STATE_INIT,
    ordering: msg.channel.ordering,
    counterparty: { portId: msg.portId, channelId: "" },
    connectionHops: [connection.counterparty.connectionId],
    version: msg.counterpartyVersion,
  };
  verifyChannelState(
    ctx,
    clients,
    connection,
    msg.proofHeight,
    msg.proofInit,
    msg.channel.counterparty.portId,
    msg.channel.counterparty.channelId,
    expected,
  );
  return channelId;
}

export function writeOpenTryChannel(
  ctx: IbcContext,
  portId: string,
  channelId: string,
  order: Order,
  connectionHops: string[],
  counterparty: Counterparty,
  version: string,
): Channel {
  initializeSequences(ctx, portId, channelId);
  const channel: Channel = { state: State.STATE_TRYOPEN, ordering: order, counterparty, connectionHops, version };
  setChannel(ctx, portId, channelId, channel);
  ctx.emit(...channelHandshakeEvents("channel_open_try", portId, channelId, channel));
  return channel;
}

/** Proves the counterparty's TRYOPEN end for a channel in INIT. */
export function chanOpenAck(ctx: IbcContext, clients: ClientKeeper, msg: MsgChannelOpenAck): void {
  validatePortId(msg.portId);
  validateOwnChannelId(msg.channelId);
  validateChannelId(msg.counterpartyChannelId);
  requireProof(msg.proofTry, "try proof");
  const channel = mustGetChannel(ctx, msg.portId, msg.channelId);
  if (channel.state !== State.STATE_INIT) {
    throw ibcError(
      ChannelErrors.InvalidChannelState,
      `${msg.channelId} is ${stateLabel(channel.state)}; OpenAck needs INIT`,
      { portId: msg.portId, channelId: msg.channelId },
    );
  }
  const connection = openConnection(ctx, channel.connectionHops[0]!);
  const expected: Channel = {
    state: State.STATE_TRYOPEN,
    ordering: channel.ordering,
    counterparty: { portId: msg.portId, channelId: msg.channelId },
    connectionHops: [connection.counterparty.connectionId],
    version: msg.counterpartyVersion,
  };
  verifyChannelState(
    ctx,
    clients,
    connection,
    msg.proofHeight,
    msg.proofTry,
    channel.counterparty.portId,
    msg.counterpartyChannelId,
    expected,
  );
}

/** OPEN, with the counterparty's channel id and the version it chose. */
export function writeOpenAckChannel(
  ctx: IbcContext,
  portId: string,
  channelId: string,
  counterpartyVersion: string,
  counterpartyChannelId: string,
): Channel {
  const channel = mustGetChannel(ctx, portId, channelId);
  const opened: Channel = {
    ...channel,
    state: State.STATE_OPEN,
    version: counterpartyVersion,
    counterparty: { ...channel.counterparty, channelId: counterpartyChannelId },
  };
  setChannel(ctx, portId, channelId, opened);
  ctx.emit(...channelHandshakeEvents("channel_open_ack", portId, channelId, opened));
  return opened;
}

/** Proves the counterparty's OPEN end for a channel in TRYOPEN. */
export function chanOpenConfirm(ctx: IbcContext, clients: ClientKeeper, msg: MsgChannelOpenConfirm): void {
  validatePortId(msg.portId);
  validateOwnChannelId(msg.channelId);
  requireProof(msg.proofAck, "acknowledgement proof");
  const channel = mustGetChannel(ctx, msg.portId, msg.channelId);
  if (channel.state !== State.STATE_TRYOPEN) {
    throw ibcError(
      ChannelErrors.InvalidChannelState,
      `${msg.channelId} is ${stateLabel(channel.state)}; OpenConfirm needs TRYOPEN`,
      { portId: msg.portId, channelId: msg.channelId },
    );
  }
  const connection = openConnection(ctx, channel.connectionHops[0]!);
  const expected: Channel = {
    state: State.STATE_OPEN,
    ordering: channel.ordering,
    counterparty: { portId: msg.portId, channelId: msg.channelId },
    connectionHops: [connection.counterparty.connectionId],
    version: channel.version,
  };
  verifyChannelState(
    ctx,
    clients,
    connection,
    msg.proofHeight,
    msg.proofAck,
    channel.counterparty.portId,
    channel.counterparty.channelId,
    expected,
  );
}

export function writeOpenConfirmChannel(ctx: IbcContext, portId: string, channelId: string): Channel {
  const channel = mustGetChannel(ctx, portId, channelId);
  const opened: Channel = { ...channel, state: State.STATE_OPEN };
  setChannel(ctx, portId, channelId, opened);
  ctx.emit(...channelHandshakeEvents("channel_open_confirm", portId, channelId, opened));
  return opened;
}

function requireNotClosed(channelId: string, channel: Channel): void {
  if (channel.state === State.STATE_CLOSED) {
    throw ibcError(ChannelErrors.InvalidChannelState, `${channelId} is already CLOSED`, { channelId });
  }
}

export function validateChanCloseInit(portId: string, channelId: string): void {
  validatePortId(portId);
  validateOwnChannelId(channelId);
}

/** Closes this end; the application was asked first (by the core) and may have refused. */
export function chanCloseInit(ctx: IbcContext, clients: ClientKeeper, portId: string, channelId: string): void {
  const channel = mustGetChannel(ctx, portId, channelId);
  requireNotClosed(channelId, channel);
  const connectionId = channel.connectionHops[0]!;
  const connection = mustGetConnection(ctx, connectionId);
  clients.requireActive(ctx, connection.clientId, "close a channel");
  openConnection(ctx, connectionId);
  const closed: Channel = { ...channel, state: State.STATE_CLOSED };
  setChannel(ctx, portId, channelId, closed);
  ctx.emit(...channelHandshakeEvents("channel_close_init", portId, channelId, closed));
}

export function validateChanCloseConfirm(msg: MsgChannelCloseConfirm): void {
  validatePortId(msg.portId);
  validateOwnChannelId(msg.channelId);
  requireProof(msg.proofInit, "init proof");
}

/** Proves the counterparty's end CLOSED, then closes this one. */
export function chanCloseConfirm(ctx: IbcContext, clients: ClientKeeper, msg: MsgChannelCloseConfirm): void {
  const channel = mustGetChannel(ctx, msg.portId, msg.channelId);
  requireNotClosed(msg.channelId, channel);
  const connection = openConnection(ctx, channel.connectionHops[0]!);
  const expected: Channel = {
    state: State.STATE_CLOSED,
    ordering: channel.ordering,
    counterparty: { portId: msg.portId, channelId: msg.channelId },
    connectionHops: [connection.counterparty.connectionId],
    version: channel.version,
  };
  verifyChannelState(
    ctx,
    clients,
    connection,
    msg.proofHeight,
    msg.proofInit,
    channel.counterparty.portId,
    channel.counterparty.channelId,
    expected,
  );
  const closed: Channel = { ...channel, state: State.STATE_CLOSED };
  setChannel(ctx, msg.portId, msg.channelId, closed);
  ctx.emit(...channelHandshakeEvents("channel_close_confirm", msg.portId, msg.channelId, closed));
}
