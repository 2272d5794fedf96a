import { formatHeight, type Height } from "../client/height.js";

/**
 * ICS-24 store paths, byte for byte as ibc-go writes them (24-host/*_keys.go). The paths a counterparty verifies
 * (client and connection ends, channel ends, commitments, receipts, acks, nextSequenceRecv) must match exactly:
 * a solo-machine proof signs the path string itself.
 */

const utf8 = new TextEncoder();

/** The UTF-8 key of a path. */
export function pathKey(path: string): Uint8Array {
  return utf8.encode(path);
}

// ICS-02
export function clientStatePath(clientId: string): string {
  return `clients/${clientId}/clientState`;
}

export function consensusStatePath(clientId: string, height: Height): string {
  return `clients/${clientId}/consensusStates/${formatHeight(height)}`;
}

/** The connection ids opened on a client (ibc-go ClientConnectionsKey). */
export function clientConnectionsPath(clientId: string): string {
  return `clients/${clientId}/connections`;
}

// ICS-03
export function connectionPath(connectionId: string): string {
  return `connections/${connectionId}`;
}

// ICS-04
function channelSubPath(portId: string, channelId: string): string {
  return `ports/${portId}/channels/${channelId}`;
}

export function channelPath(portId: string, channelId: string): string {
  return `channelEnds/${channelSubPath(portId, channelId)}`;
}

/**
 * Not proven to counterparties, so not fixed by ICS-24 (ibc-go v10+ keeps it under an IBC v2 key); Plurigrid keeps
 * the classic v1 path.
 */
export function nextSequenceSendPath(portId: string, channelId: string): string {
  return `nextSequenceSend/${channelSubPath(portId, channelId)}`;
}

export function nextSequenceRecvPath(portId: string, channelId: string): string {
  return `nextSequenceRecv/${channelSubPath(portId, channelId)}`;
}

export function nextSequenceAckPath(portId: string, channelId: string): string {
  return `nextSequenceAck/${channelSubPath(portId, channelId)}`;
}

/** Prefix of every packet commitment of a channel (iterate it for pending packets). */
export function packetCommitmentPrefixPath(portId: string, channelId: string): string {
  return `commitments/${channelSubPath(portId, channelId)}/sequences`;
}

export function packetCommitmentPath(portId: string, channelId: string, sequence: bigint): string {
  return `${packetCommitmentPrefixPath(portId, channelId)}/${sequence}`;
}

export function packetAcknowledgementPrefixPath(portId: string, channelId: string): string {
  return `acks/${channelSubPath(portId, channelId)}/sequences`;
}

export function packetAcknowledgementPath(portId: string, channelId: string, sequence: bigint): string {
  return `${packetAcknowledgementPrefixPath(portId, channelId)}/${sequence}`;
}

export function packetReceiptPrefixPath(portId: string, channelId: string): string {
  return `receipts/${channelSubPath(portId, channelId)}/sequences`;
}

export function packetReceiptPath(portId: string, channelId: string, sequence: bigint): string {
  return `${packetReceiptPrefixPath(portId, channelId)}/${sequence}`;
}

// Identifier counters (02-client, 03-connection and 04-channel keys.go)
export const NEXT_CLIENT_SEQUENCE_PATH = "nextClientSequence";
export const NEXT_CONNECTION_SEQUENCE_PATH = "nextConnectionSequence";
export const NEXT_CHANNEL_SEQUENCE_PATH = "nextChannelSequence";
