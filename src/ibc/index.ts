/**
 * The IBC core as a library (see DESIGN.md: `ibc/` knows handshakes, commitments, receipts, acks, timeouts and
 * light-client proofs, nothing about transport). What a node and a relayer use:
 *
 * - `IbcCore`: handles ibc-go's protobuf messages (`execute`/`deliver`), is the ICS4 wrapper applications call
 *   (`sendPacket`, `writeAcknowledgement`, `closeChannel`), and proves this node's state to counterparties
 *   (`selfClientStates`, `proveState`, `proveUnreceivedPacket`, `signClientUpdate`).
 * - `IbcContext` / `BlockContext`: the state, block and events a message runs in.
 * - `PortRouter` / `IBCModule`: binding applications to ports (exact or by prefix, e.g. `wasm.`).
 * - `TransferModule`: ICS-20 over a `TransferBank`.
 * - queries for relayers, ICS-24 paths, commitments, identifiers and the typed errors.
 */
export { IbcCore, type IbcCoreOptions, type IbcMessageResult, type MessageOutcome } from "./core.js";
export { type BlockContext, DEFAULT_IBC_NAMESPACE, IbcContext } from "./context.js";
export { attribute, type EventAttribute, type IbcEvent } from "./events.js";
export {
  decodeIbcMessage,
  encodeIbcMessage,
  IBC_MESSAGE_TYPES,
  type IbcMessage,
  type IbcMessageInput,
  type IbcMessageTypeUrl,
} from "./messages.js";
export type { ProofRequest, StateProof, UnreceivedProof } from "./proofs.js";
export * from "./queries.js";

export type { ChannelOpenInfo, IBCModule } from "./port/module.js";
export { PortRouter } from "./port/router.js";

export {
  type Acknowledgement,
  abciErrorAcknowledgement,
  errorAcknowledgement,
  parseAcknowledgement,
  resultAcknowledgement,
} from "./channel/acknowledgement.js";
export { type Channel, Order, orderName, type Packet, State, stateName } from "./channel/types.js";
export { timeoutElapsed, type Timeout } from "./channel/timeout.js";

export { compareHeights, formatHeight, type Height, height, revisionOfChainId, ZERO_HEIGHT } from "./client/height.js";
export type { ClientStatus, LightClientModule } from "./client/light-client.js";
export { SoloMachineLightClient } from "./client/solomachine/light-client.js";
export { type SignRequest, SoloMachineSigner } from "./client/solomachine/signer.js";
export { ed25519PublicKeyAny } from "./client/solomachine/public-key.js";
export { SOLOMACHINE_CLIENT_TYPE } from "./client/solomachine/client-state.js";

export { commitAcknowledgement, commitPacket } from "./commitment/packet.js";
export { commitmentPrefixBytes, IBC_COMMITMENT_PREFIX } from "./commitment/merkle.js";
export { compatibleVersions, defaultVersion } from "./connection/version.js";
export * from "./host/identifiers.js";
export * from "./host/paths.js";

export { IbcError, type IbcErrorKind, isIbcError, CoreErrors } from "./errors.js";
export { ChannelErrors } from "./channel/errors.js";
export { ClientErrors } from "./client/errors.js";
export { SoloMachineErrors } from "./client/solomachine/errors.js";
export { CommitmentErrors } from "./commitment/errors.js";
export { ConnectionErrors } from "./connection/errors.js";
export { HostErrors } from "./host/errors.js";
export { PortErrors } from "./port/errors.js";

export {
  TransferModule,
  type Ics4Wrapper,
  type MsgTransferArgs,
  type TransferModuleOptions,
} from "./apps/transfer/module.js";
export type { Coin, TransferBank } from "./apps/transfer/bank.js";
export { type Denom, denomPath, extractDenomFromPath, type Hop, ibcDenom } from "./apps/transfer/denom.js";
export { escrowAddress } from "./apps/transfer/escrow.js";
export { encodePacketData, type FungibleTokenPacketData, ICS20_VERSION } from "./apps/transfer/packet.js";
export { TransferErrors } from "./apps/transfer/errors.js";
