import type { Channel } from "cosmjs-types/ibc/core/channel/v1/channel";
import { Channel as ChannelCodec } from "cosmjs-types/ibc/core/channel/v1/channel";
import type { ConnectionEnd } from "cosmjs-types/ibc/core/connection/v1/connection";
import { uint64BigEndian, utf8 } from "../bytes.js";
import type { ClientKeeper } from "../client/keeper.js";
import type { Height } from "../client/height.js";
import { commitAcknowledgement } from "../commitment/packet.js";
import { applyPrefix } from "../commitment/merkle.js";
import type { IbcContext } from "../context.js";
import { IbcError, ibcError } from "../errors.js";
import {
  channelPath,
  connectionPath,
  nextSequenceRecvPath,
  packetAcknowledgementPath,
  packetCommitmentPath,
  packetReceiptPath,
} from "../host/paths.js";
import { encodeConnection } from "./store.js";

/**
 * Proof verification through a connection's client (ibc-go 03-connection/keeper/verify.go): the ICS-24 path is
 * prefixed with the counterparty's commitment prefix and handed to the client with the expected value. Errors keep
 * the light client's code and say what was being proven.
 */

function verify(
  ctx: IbcContext,
  clients: ClientKeeper,
  connection: ConnectionEnd,
  what: string,
  proofHeight: Height,
  proof: Uint8Array,
  path: string,
  value: Uint8Array | undefined,
): void {
  const merklePath = applyPrefix(connection.counterparty.prefix.keyPrefix, utf8(path));
  try {
    if (value === undefined) clients.verifyNonMembership(ctx, connection.clientId, proofHeight, proof, merklePath);
    else clients.verifyMembership(ctx, connection.clientId, proofHeight, proof, merklePath, value);
  } catch (error) {
    if (!(error instanceof IbcError)) throw error;
    throw ibcError(
      error.kind,
      `failed ${what} verification for client (${connection.clientId}): ${error.message}`,
      { ...error.context, clientId: connection.clientId, path },
      error,
    );
  }
}

export function verifyConnectionState(
  ctx: IbcContext,
  clients: ClientKeeper,
  connection: ConnectionEnd,
  proofHeight: Height,
  proof: Uint8Array,
  counterpartyConnectionId: string,
  expected: ConnectionEnd,
): void {
  const path = connectionPath(counterpartyConnectionId);
  verify(ctx, clients, connection, "connection state", proofHeight, proof, path, encodeConnection(expected));
}

export function verifyChannelState(
  ctx: IbcContext,
  clients: ClientKeeper,
  connection: ConnectionEnd,
  proofHeight: Height,
  proof: Uint8Array,
  portId: string,
  channelId: string,
  expected: Channel,
): void {
  const value = ChannelCodec.encode(expected).finish();
  verify(ctx, clients, connection, "channel state", proofHeight, proof, channelPath(portId, channelId), value);
}

export function verifyPacketCommitment(
  ctx: IbcContext,
  clients: ClientKeeper,
  connection: ConnectionEnd,
  proofHeight: Height,
  proof: Uint8Array,
  portId: string,
  channelId: string,
  sequence: bigint,
  commitment: Uint8Array,
): void {
  const path = packetCommitmentPath(portId, channelId, sequence);
  verify(ctx, clients, connection, "packet commitment", proofHeight, proof, path, commitment);
}

export function verifyPacketAcknowledgement(
  ctx: IbcContext,
  clients: ClientKeeper,
  connection: ConnectionEnd,
  proofHeight: Height,
  proof: Uint8Array,
  portId: string,
  channelId: string,
  sequence: bigint,
  acknowledgement: Uint8Array,
): void {
  const path = packetAcknowledgementPath(portId, channelId, sequence);
  const value = commitAcknowledgement(acknowledgement);
  verify(ctx, clients, connection, "packet acknowledgement", proofHeight, proof, path, value);
}

export function verifyPacketReceiptAbsence(
  ctx: IbcContext,
  clients: ClientKeeper,
  connection: ConnectionEnd,
  proofHeight: Height,
  proof: Uint8Array,
  portId: string,
  channelId: string,
  sequence: bigint,
): void {
  const path = packetReceiptPath(portId, channelId, sequence);
  verify(ctx, clients, connection, "packet receipt absence", proofHeight, proof, path, undefined);
}

export function verifyNextSequenceRecv(
  ctx: IbcContext,
  clients: ClientKeeper,
  connection: ConnectionEnd,
  proofHeight: Height,
  proof: Uint8Array,
  portId: string,
  channelId: string,
  nextSequenceRecv: bigint,
): void {
  const path = nextSequenceRecvPath(portId, channelId);
  verify(
    ctx,
    clients,
    connection,
    "next sequence receive",
    proofHeight,
    proof,
    path,
    uint64BigEndian(nextSequenceRecv),
  );
}
