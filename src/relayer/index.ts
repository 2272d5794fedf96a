/**
 * The relayer (see DESIGN.md: `relayer/` moves IBC datagrams between nodes and talks to them through one small
 * interface). What callers use:
 *
 * - `ChainEndpoint`: what a node offers a relayer (queries, solo-machine proofs, batched submits). The node
 *   implements it; `MemoryChain` is an in-memory one for tests and node-less demos.
 * - `Relayer`: creates clients, connections and channels between two endpoints, and relays packets, acks,
 *   timeouts and channel closes (`clear` once, `start` until stopped), deriving all work from chain state.
 */
export type {
  Awaitable,
  ChainEndpoint,
  ChainEndpointOpener,
  ChainStatus,
  IdentifiedClientState,
  MessageResult,
  SubmitResult,
  WrittenAcknowledgement,
} from "./chain.js";
export {
  emptySummary,
  Relayer,
  relayContinuously,
  relayedCount,
  type PathInfo,
  type RelayerOptions,
  type RelayFailure,
  type RelaySummary,
  type StartOptions,
} from "./relayer.js";
export type { ChannelPair, ChannelSide, ClientPair, ConnectionPair } from "./handshake.js";
export type { ChannelLink, LinkEnd } from "./links.js";
export { type WorkItem, type WorkKind } from "./work.js";
export { acknowledgementOfEvent, PacketEventIndex, packetOfEvent } from "./events.js";
export { RelayerError, type RelayerErrorCode } from "./errors.js";
export { anyOf, jsonBytes, storeAndInstantiate, submitOrThrow } from "./endpoint_tx.js";
export {
  DEFAULT_BLOCK_TIME_NS,
  DEFAULT_GENESIS_TIME_NS,
  MemoryChain,
  MemoryChainDisk,
  type MemoryBlock,
  type MemoryChainOptions,
  type TransferArgs,
} from "./memory_chain.js";
export { InsufficientFundsError, MemoryBank } from "./memory_bank.js";
