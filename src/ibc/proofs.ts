import type { Any } from "cosmjs-types/google/protobuf/any";
import { Header } from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { uint64BigEndian } from "./bytes.js";
import { ChannelErrors } from "./channel/errors.js";
import { getNextSequence, hasPacketReceipt, mustGetChannel } from "./channel/store.js";
import { timeoutElapsed, timeoutOf } from "./channel/timeout.js";
import { Order, type Packet, State } from "./channel/types.js";
import type { Height } from "./client/height.js";
import { clientStateAny, consensusStateAny, HEADER_TYPE_URL } from "./client/solomachine/client-state.js";
import type { SoloMachineSigner } from "./client/solomachine/signer.js";
import type { IbcContext } from "./context.js";
import { CoreErrors, ibcError } from "./errors.js";
import { nextSequenceRecvPath, packetReceiptPath } from "./host/paths.js";

/**
 * What a node gives its counterparties: solo-machine proofs of its own IBC state, signed with its key at the
 * sequence of the counterparty's client of this node. Timestamps are this block's time, heights this chain's height.
 *
 * Membership proofs attest facts that stay true. Absence of a receipt is only a safe timeout proof once the packet
 * can never be received here, so `proveUnreceivedPacket` first checks that (timeout passed here, or channel
 * closed): a solo-machine client does not check the proof height a relayer claims.
 */
export interface ProofRequest {
  /** The diversifier of the counterparty's client of this node. */
  diversifier: string;
  /** That client's current sequence (its latest height's revision height). */
  sequence: bigint;
  /** See SoloMachineSigner: re-sign from a sequence whose earlier signatures (at it and above) never reached the client. */
  replaceUndelivered?: boolean;
}

export interface StateProof {
  proof: Uint8Array;
  /** This chain's height when the proof was made (what a relayer puts in proof_height). */
  proofHeight: Height;
  /** The proven value, as stored. */
  value: Uint8Array;
}

function signRequest(ctx: IbcContext, request: ProofRequest) {
  return {
    diversifier: request.diversifier,
    sequence: request.sequence,
    timestamp: ctx.block.timeNs,
    replaceUndelivered: request.replaceUndelivered,
  };
}

/** Proves the value stored at an ICS-24 path (connection end, channel end, commitment, ack, nextSequenceRecv). */
export function proveState(
  ctx: IbcContext,
  signer: SoloMachineSigner,
  path: string,
  request: ProofRequest,
): StateProof {
  const value = ctx.ibc.get(path);
  if (value === undefined)
    throw ibcError(CoreErrors.NotFound, `nothing is stored at ${path}; cannot prove it`, { path });
  const proof = signer.proveMembership(signRequest(ctx, request), path, value);
  return { proof, proofHeight: ctx.selfHeight(), value };
}

export interface UnreceivedProof {
  proof: Uint8Array;
  proofHeight: Height;
  /** This channel's nextSequenceRecv, which MsgTimeout / MsgTimeoutOnClose carry. */
  nextSequenceRecv: bigint;
}

/**
 * Proves that `packet` (sent to this chain) was not received and never will be: receipt absence on unordered
 * channels, nextSequenceRecv ≤ sequence on ordered ones. Refused while the packet could still be received.
 */
export function proveUnreceivedPacket(
  ctx: IbcContext,
  signer: SoloMachineSigner,
  packet: Packet,
  request: ProofRequest,
): UnreceivedProof {
  const port = packet.destinationPort;
  const channelId = packet.destinationChannel;
  const channel = mustGetChannel(ctx, port, channelId);
  const closed = channel.state === State.STATE_CLOSED;
  if (!closed && !timeoutElapsed(timeoutOf(packet), ctx.selfHeight(), ctx.block.timeNs)) {
    throw ibcError(
      ChannelErrors.TimeoutNotReached,
      `packet ${packet.sequence} can still be received on ${channelId}; refusing to prove it unreceived`,
      { sequence: packet.sequence, channelId },
    );
  }
  const nextSequenceRecv = getNextSequence(ctx, "recv", port, channelId) ?? 1n;
  const sign = signRequest(ctx, request);
  let proof: Uint8Array;
  if (channel.ordering === Order.ORDER_ORDERED) {
    if (nextSequenceRecv > packet.sequence) {
      throw ibcError(ChannelErrors.PacketReceived, `packet ${packet.sequence} was received on ${channelId}`);
    }
    proof = signer.proveMembership(sign, nextSequenceRecvPath(port, channelId), uint64BigEndian(nextSequenceRecv));
  } else {
    if (hasPacketReceipt(ctx, port, channelId, packet.sequence)) {
      throw ibcError(ChannelErrors.PacketReceived, `packet ${packet.sequence} was received on ${channelId}`);
    }
    proof = signer.proveNonMembership(sign, packetReceiptPath(port, channelId, packet.sequence));
  }
  return { proof, proofHeight: ctx.selfHeight(), nextSequenceRecv };
}

/**
 * A header for the counterparty's client of this node (MsgUpdateClient's client message): same key and
 * diversifier, timestamp = this block's time. Counterparties learn this chain's time this way, which timeouts by
 * timestamp need.
 */
export function signClientUpdate(ctx: IbcContext, signer: SoloMachineSigner, request: ProofRequest): Any {
  const header = signer.header(signRequest(ctx, request));
  return { typeUrl: HEADER_TYPE_URL, value: Header.encode(header).finish() };
}

/** The client and consensus states a counterparty creates to follow this node (MsgCreateClient). */
export function selfClientStates(ctx: IbcContext, signer: SoloMachineSigner, diversifier: string) {
  return {
    clientState: clientStateAny(signer.clientState(diversifier, ctx.block.timeNs)),
    consensusState: consensusStateAny(signer.consensusState(diversifier, ctx.block.timeNs)),
  };
}
