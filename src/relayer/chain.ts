import type { Any } from "cosmjs-types/google/protobuf/any";
import type { IdentifiedChannel } from "cosmjs-types/ibc/core/channel/v1/channel";
import type { IdentifiedConnection } from "cosmjs-types/ibc/core/connection/v1/connection";
import type { Packet } from "../ibc/channel/types.js";
import type { IbcEvent } from "../ibc/events.js";
import type { ProofRequest, StateProof, UnreceivedProof } from "../ibc/proofs.js";

/**
 * The one interface the relayer talks to a node through (DESIGN.md: in-process pairs, separate processes and the
 * libp2p mesh are interchangeable transports). Everything in and out is plain data — strings, bigints, bytes and
 * cosmjs-types' protobuf objects — so a transport only has to serialise it; every method may answer with a promise.
 *
 * Queries and proofs see the latest committed block. The relayer keeps no state of its own: all pending work is
 * derived from these answers on both chains, which is what makes it idempotent and resumable.
 */
export type Awaitable<T> = T | Promise<T>;

export interface ChainEndpoint {
  /** With its revision (`grid-1`): packet timeout heights are (revision, height). */
  readonly chainId: string;
  /** The account the relayer's messages are signed by on this chain (their `signer` field). */
  readonly signer: string;

  /** The latest committed block. */
  status(): Awaitable<ChainStatus>;

  // --- ICS-02/03/04 state ---
  /** Every client state (an Any, as stored), by client id. */
  queryClientStates(): Awaitable<IdentifiedClientState[]>;
  queryClientState(clientId: string): Awaitable<Any | undefined>;
  queryConnections(): Awaitable<IdentifiedConnection[]>;
  queryChannels(): Awaitable<IdentifiedChannel[]>;
  /** Sequences of the packets sent on a channel and not yet acknowledged or timed out, ascending. */
  queryPacketCommitments(portId: string, channelId: string): Awaitable<bigint[]>;
  /**
   * Sequences of the packets received on a channel whose acknowledgement is written, ascending; with `sequences`
   * (ibc-go's packet_commitment_sequences), only among those (an empty list gives none).
   */
  queryPacketAcknowledgements(portId: string, channelId: string, sequences?: bigint[]): Awaitable<bigint[]>;
  /** Of `sequences` (sent by the counterparty), those this receiving channel has not received. */
  queryUnreceivedPackets(portId: string, channelId: string, sequences: bigint[]): Awaitable<bigint[]>;
  /** Of `sequences` (acknowledged by the counterparty), those whose commitment this sending channel still holds. */
  queryUnreceivedAcks(portId: string, channelId: string, sequences: bigint[]): Awaitable<bigint[]>;

  // --- what the store keeps only as hashes, from the committed blocks' events (ibc-go relayers search txs) ---
  /** The packets behind commitments, from `send_packet` events; sequences the node cannot find are left out. */
  querySentPackets(portId: string, channelId: string, sequences: bigint[]): Awaitable<Packet[]>;
  /** Acknowledgements written on a receiving channel, from `write_acknowledgement` events (async acks included). */
  queryWrittenAcknowledgements(
    portId: string,
    channelId: string,
    sequences: bigint[],
  ): Awaitable<WrittenAcknowledgement[]>;

  // --- solo-machine proofs of this node's state (IbcCore), for the counterparty's client of this node ---
  /** Client and consensus states for a counterparty's MsgCreateClient following this node. */
  selfClientStates(diversifier: string): Awaitable<{ clientState: Any; consensusState: Any }>;
  /** Proof of the value at an ICS-24 path. Each proof is signed at `request.sequence` and consumes it. */
  proveState(path: string, request: ProofRequest): Awaitable<StateProof>;
  /** Proof that a packet sent to this node was not, and can no longer be, received (MsgTimeout*). */
  proveUnreceivedPacket(packet: Packet, request: ProofRequest): Awaitable<UnreceivedProof>;
  /** A solo-machine header for MsgUpdateClient: carries this node's block time to the counterparty's client. */
  signClientUpdate(request: ProofRequest): Awaitable<Any>;

  /**
   * Executes `messages` (protobuf Anys signed by `signer`) as ONE transaction in one block, atomically as in the
   * Cosmos SDK: every message applies, or none does. Resolves once the outcome is final (committed, or failed), so
   * no submitted signature is still in flight when the relayer next reads the chain. Throws only when the transport
   * cannot tell (the caller then re-derives everything from chain state).
   */
  submit(messages: Any[]): Awaitable<SubmitResult>;

  /** Releases what the endpoint holds (e.g. a node's store opened in process); optional. */
  close?(): Awaitable<void>;
}

export interface ChainStatus {
  chainId: string;
  height: bigint;
  /** Block time, nanoseconds since the Unix epoch. */
  timeNs: bigint;
}

export interface IdentifiedClientState {
  clientId: string;
  clientState: Any;
}

export interface WrittenAcknowledgement {
  packet: Packet;
  acknowledgement: Uint8Array;
}

export interface MessageResult {
  typeUrl: string;
  /** The Msg…Response; packet messages say RESPONSE_RESULT_TYPE_NOOP when they were redundant. */
  response: Any;
  events: IbcEvent[];
}

export type SubmitResult =
  | { committed: true; height: bigint; messages: MessageResult[] }
  | {
      committed: false;
      /** The block the failed tx is recorded in, if it got into one. */
      height?: bigint;
      error: { code: string; message: string };
      /** Which message failed, when the node knows (the SDK's "message index: N"). */
      failedMessageIndex?: number;
    };

/** How a caller turns a node's home directory into an endpoint (the CLI opens it in process; see cli/endpoints.ts). */
export type ChainEndpointOpener = (home: string) => Promise<ChainEndpoint>;
