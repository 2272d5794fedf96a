import { fromBech32 } from "@cosmjs/encoding";
import type { Any } from "cosmjs-types/google/protobuf/any";
import {
  MsgAcknowledgementResponse,
  MsgChannelCloseConfirmResponse,
  MsgChannelCloseInitResponse,
  MsgChannelOpenAckResponse,
  MsgChannelOpenConfirmResponse,
  MsgChannelOpenInitResponse,
  MsgChannelOpenTryResponse,
  MsgRecvPacketResponse,
  MsgTimeoutOnCloseResponse,
  MsgTimeoutResponse,
  ResponseResultType,
} from "cosmjs-types/ibc/core/channel/v1/tx";
import {
  MsgCreateClientResponse,
  MsgSubmitMisbehaviourResponse,
  MsgUpdateClientResponse,
} from "cosmjs-types/ibc/core/client/v1/tx";
import {
  MsgConnectionOpenAckResponse,
  MsgConnectionOpenConfirmResponse,
  MsgConnectionOpenInitResponse,
  MsgConnectionOpenTryResponse,
} from "cosmjs-types/ibc/core/connection/v1/tx";
import type { KvStore } from "../store/kv.js";
import type { Acknowledgement } from "./channel/acknowledgement.js";
import { ChannelErrors } from "./channel/errors.js";
import {
  chanCloseConfirm,
  chanCloseInit,
  chanOpenAck,
  chanOpenConfirm,
  chanOpenInit,
  chanOpenTry,
  validateChanCloseConfirm,
  validateChanCloseInit,
  validateChanOpenInit,
  validateChanOpenTry,
  writeOpenAckChannel,
  writeOpenConfirmChannel,
  writeOpenInitChannel,
  writeOpenTryChannel,
} from "./channel/handshake.js";
import { acknowledgePacket, recvPacket, sendPacket, validatePacket, writeAcknowledgement } from "./channel/packet.js";
import { getNextSequence, hasPacketReceipt, mustGetChannel } from "./channel/store.js";
import { timeoutOnClose, timeoutPacket } from "./channel/timeout.js";
import { Order, type Packet } from "./channel/types.js";
import type { Height } from "./client/height.js";
import { ClientKeeper } from "./client/keeper.js";
import type { LightClientModule } from "./client/light-client.js";
import { SoloMachineLightClient } from "./client/solomachine/light-client.js";
import type { SoloMachineSigner } from "./client/solomachine/signer.js";
import { CommitmentErrors } from "./commitment/errors.js";
import { connOpenAck, connOpenConfirm, connOpenInit, connOpenTry } from "./connection/handshake.js";
import { type BlockContext, DEFAULT_IBC_NAMESPACE, IbcContext } from "./context.js";
import { CoreErrors, ibcError, isIbcError } from "./errors.js";
import type { IbcEvent } from "./events.js";
import { validateClientId } from "./host/identifiers.js";
import { decodeIbcMessage, type IbcMessage, type IbcMessageInput } from "./messages.js";
import type { PortRouter } from "./port/router.js";
import {
  type ProofRequest,
  proveState,
  proveUnreceivedPacket,
  selfClientStates,
  signClientUpdate,
  type StateProof,
  type UnreceivedProof,
} from "./proofs.js";

/**
 * The IBC core as a library: ibc-go's message server over a KvStore. A node hands it each IBC message of a
 * transaction with the block context; the core verifies, updates its state, calls the application bound to the port
 * (through the router) and returns the events, or throws an IbcError and leaves the state untouched.
 *
 * The same object is the ICS4 wrapper applications use to send packets and write asynchronous acknowledgements, and
 * the place counterparties get proofs of this node's state from (when the node has a solo-machine signer).
 */
export interface IbcCoreOptions {
  router: PortRouter;
  /** Light client types this node can follow; by default the solo machine. */
  lightClients?: LightClientModule[];
  /** Where IBC state lives in the node's store. Default "ibc/". */
  namespace?: string;
  /** When set, message signers must be bech32 addresses with this prefix (the SDK's AccAddressFromBech32). */
  addressPrefix?: string;
  /** This node's solo-machine identity, for proofs of its own state. */
  signer?: SoloMachineSigner;
}

export type MessageOutcome = "SUCCESS" | "NOOP";

export interface IbcMessageResult {
  typeUrl: string;
  /** NOOP: the packet message was redundant (already relayed); nothing changed and no application ran. */
  outcome: MessageOutcome;
  /** Events in emission order, including the application's. */
  events: IbcEvent[];
  /** The protobuf Msg…Response, as a transaction result carries it. */
  response: Any;
  clientId?: string;
  connectionId?: string;
  channelId?: string;
  version?: string;
  /** MsgRecvPacket: the acknowledgement written now; null for an asynchronous one. */
  acknowledgement?: Acknowledgement | null;
}

interface Outcome {
  outcome: MessageOutcome;
  response: Any;
  clientId?: string;
  connectionId?: string;
  channelId?: string;
  version?: string;
  acknowledgement?: Acknowledgement | null;
}

function response<T>(typeUrl: string, codec: { encode(m: T): { finish(): Uint8Array } }, value: T): Any {
  return { typeUrl: `${typeUrl}Response`, value: codec.encode(value).finish() };
}

function packetResult(
  typeUrl: string,
  codec: { encode(m: { result: ResponseResultType }): { finish(): Uint8Array } },
  outcome: MessageOutcome,
): Outcome {
  const result =
    outcome === "NOOP" ? ResponseResultType.RESPONSE_RESULT_TYPE_NOOP : ResponseResultType.RESPONSE_RESULT_TYPE_SUCCESS;
  return { outcome, response: response(typeUrl, codec, { result }) };
}

function requireProof(proof: Uint8Array, what: string): void {
  if (proof.length === 0) throw ibcError(CommitmentErrors.InvalidProof, `cannot submit an empty ${what}`);
}

function requireAny(any: Any | undefined, field: string): Any {
  if (any === undefined) throw ibcError(CoreErrors.InvalidType, `${field} cannot be nil`);
  return any;
}

export class IbcCore {
  readonly clients: ClientKeeper;
  readonly router: PortRouter;
  readonly namespace: string;
  readonly signer: SoloMachineSigner | undefined;
  private readonly addressPrefix: string | undefined;

  constructor(options: IbcCoreOptions) {
    this.router = options.router;
    this.clients = new ClientKeeper(options.lightClients ?? [new SoloMachineLightClient()]);
    this.namespace = options.namespace ?? DEFAULT_IBC_NAMESPACE;
    this.addressPrefix = options.addressPrefix;
    this.signer = options.signer;
  }

  /** A context over `store` for `block` (what `execute` and the queries take). */
  context(store: KvStore, block: BlockContext): IbcContext {
    return new IbcContext(store, block, [], this.namespace);
  }

  /**
   * Handles one message atomically: on success its writes and events are applied to `ctx`; on failure it throws and
   * `ctx` is unchanged.
   */
  execute(ctx: IbcContext, input: IbcMessageInput): IbcMessageResult {
    const message = decodeIbcMessage(input);
    const { ctx: msgCtx, write } = ctx.branch();
    const outcome = this.dispatch(msgCtx, message);
    const events = [...msgCtx.events];
    write();
    return { typeUrl: message.typeUrl, events, ...outcome };
  }

  /** `execute` on a store directly: the state is written to `store` only if the message succeeds. */
  deliver(store: KvStore, block: BlockContext, input: IbcMessageInput): IbcMessageResult {
    return this.execute(this.context(store, block), input);
  }

  private validateSigner(signer: string): void {
    try {
      const { prefix, data } = fromBech32(signer, 1023); // the SDK's bech32 length limit
      if (this.addressPrefix !== undefined && prefix !== this.addressPrefix) throw new Error(`prefix ${prefix}`);
      if (data.length === 0 || data.length > 255) throw new Error("address length");
    } catch (error) {
      throw ibcError(CoreErrors.InvalidAddress, `signer ${JSON.stringify(signer)} is not a valid address`, {}, error);
    }
  }

  private dispatch(ctx: IbcContext, message: IbcMessage): Outcome {
    this.validateSigner(message.value.signer);
    switch (message.typeUrl) {
      case "/ibc.core.client.v1.MsgCreateClient": {
        const m = message.value;
        const clientId = this.clients.createClient(
          ctx,
          requireAny(m.clientState, "client state"),
          requireAny(m.consensusState, "consensus state"),
        );
        return {
          outcome: "SUCCESS",
          clientId,
          response: response(message.typeUrl, MsgCreateClientResponse, { clientId }),
        };
      }
      case "/ibc.core.client.v1.MsgUpdateClient": {
        const m = message.value;
        this.updateClient(ctx, m.clientId, m.clientMessage);
        return {
          outcome: "SUCCESS",
          clientId: m.clientId,
          response: response(message.typeUrl, MsgUpdateClientResponse, {}),
        };
      }
      case "/ibc.core.client.v1.MsgSubmitMisbehaviour": {
        // Deprecated in ibc-go in favour of MsgUpdateClient carrying the misbehaviour; handled the same way.
        const m = message.value;
        this.updateClient(ctx, m.clientId, m.misbehaviour);
        return {
          outcome: "SUCCESS",
          clientId: m.clientId,
          response: response(message.typeUrl, MsgSubmitMisbehaviourResponse, {}),
        };
      }
      case "/ibc.core.connection.v1.MsgConnectionOpenInit": {
        const connectionId = connOpenInit(ctx, this.clients, message.value);
        return {
          outcome: "SUCCESS",
          connectionId,
          response: response(message.typeUrl, MsgConnectionOpenInitResponse, {}),
        };
      }
      case "/ibc.core.connection.v1.MsgConnectionOpenTry": {
        const connectionId = connOpenTry(ctx, this.clients, message.value);
        return {
          outcome: "SUCCESS",
          connectionId,
          response: response(message.typeUrl, MsgConnectionOpenTryResponse, {}),
        };
      }
      case "/ibc.core.connection.v1.MsgConnectionOpenAck":
        connOpenAck(ctx, this.clients, message.value);
        return {
          outcome: "SUCCESS",
          connectionId: message.value.connectionId,
          response: response(message.typeUrl, MsgConnectionOpenAckResponse, {}),
        };
      case "/ibc.core.connection.v1.MsgConnectionOpenConfirm":
        connOpenConfirm(ctx, this.clients, message.value);
        return {
          outcome: "SUCCESS",
          connectionId: message.value.connectionId,
          response: response(message.typeUrl, MsgConnectionOpenConfirmResponse, {}),
        };
      case "/ibc.core.channel.v1.MsgChannelOpenInit": {
        const m = message.value;
        validateChanOpenInit(m);
        const module = this.router.mustRoute(m.portId);
        const channelId = chanOpenInit(ctx, this.clients, m);
        const version = module.onChanOpenInit(ctx, {
          order: m.channel.ordering,
          connectionHops: m.channel.connectionHops,
          portId: m.portId,
          channelId,
          counterparty: m.channel.counterparty,
          version: m.channel.version,
        });
        writeOpenInitChannel(
          ctx,
          m.portId,
          channelId,
          m.channel.ordering,
          m.channel.connectionHops,
          m.channel.counterparty,
          version,
        );
        return {
          outcome: "SUCCESS",
          channelId,
          version,
          response: response(message.typeUrl, MsgChannelOpenInitResponse, { channelId, version }),
        };
      }
      case "/ibc.core.channel.v1.MsgChannelOpenTry": {
        const m = message.value;
        validateChanOpenTry(m);
        const module = this.router.mustRoute(m.portId);
        const channelId = chanOpenTry(ctx, this.clients, m);
        const version = module.onChanOpenTry(ctx, {
          order: m.channel.ordering,
          connectionHops: m.channel.connectionHops,
          portId: m.portId,
          channelId,
          counterparty: m.channel.counterparty,
          counterpartyVersion: m.counterpartyVersion,
        });
        writeOpenTryChannel(
          ctx,
          m.portId,
          channelId,
          m.channel.ordering,
          m.channel.connectionHops,
          m.channel.counterparty,
          version,
        );
        return {
          outcome: "SUCCESS",
          channelId,
          version,
          response: response(message.typeUrl, MsgChannelOpenTryResponse, { channelId, version }),
        };
      }
      case "/ibc.core.channel.v1.MsgChannelOpenAck": {
        const m = message.value;
        const module = this.router.mustRoute(m.portId);
        chanOpenAck(ctx, this.clients, m);
        writeOpenAckChannel(ctx, m.portId, m.channelId, m.counterpartyVersion, m.counterpartyChannelId);
        module.onChanOpenAck(ctx, {
          portId: m.portId,
          channelId: m.channelId,
          counterpartyChannelId: m.counterpartyChannelId,
          counterpartyVersion: m.counterpartyVersion,
        });
        return {
          outcome: "SUCCESS",
          channelId: m.channelId,
          version: m.counterpartyVersion,
          response: response(message.typeUrl, MsgChannelOpenAckResponse, {}),
        };
      }
      case "/ibc.core.channel.v1.MsgChannelOpenConfirm": {
        const m = message.value;
        const module = this.router.mustRoute(m.portId);
        chanOpenConfirm(ctx, this.clients, m);
        writeOpenConfirmChannel(ctx, m.portId, m.channelId);
        module.onChanOpenConfirm(ctx, { portId: m.portId, channelId: m.channelId });
        return {
          outcome: "SUCCESS",
          channelId: m.channelId,
          response: response(message.typeUrl, MsgChannelOpenConfirmResponse, {}),
        };
      }
      case "/ibc.core.channel.v1.MsgChannelCloseInit": {
        const m = message.value;
        validateChanCloseInit(m.portId, m.channelId);
        const module = this.router.mustRoute(m.portId);
        module.onChanCloseInit(ctx, { portId: m.portId, channelId: m.channelId });
        chanCloseInit(ctx, this.clients, m.portId, m.channelId);
        return {
          outcome: "SUCCESS",
          channelId: m.channelId,
          response: response(message.typeUrl, MsgChannelCloseInitResponse, {}),
        };
      }
      case "/ibc.core.channel.v1.MsgChannelCloseConfirm": {
        const m = message.value;
        validateChanCloseConfirm(m);
        const module = this.router.mustRoute(m.portId);
        module.onChanCloseConfirm(ctx, { portId: m.portId, channelId: m.channelId });
        chanCloseConfirm(ctx, this.clients, m);
        return {
          outcome: "SUCCESS",
          channelId: m.channelId,
          response: response(message.typeUrl, MsgChannelCloseConfirmResponse, {}),
        };
      }
      case "/ibc.core.channel.v1.MsgRecvPacket": {
        const m = message.value;
        requireProof(m.proofCommitment, "commitment proof");
        validatePacket(m.packet);
        return this.receive(ctx, m.packet, m.proofCommitment, m.proofHeight, m.signer);
      }
      case "/ibc.core.channel.v1.MsgAcknowledgement": {
        const m = message.value;
        requireProof(m.proofAcked, "acknowledgement proof");
        if (m.acknowledgement.length === 0) {
          throw ibcError(ChannelErrors.InvalidAcknowledgement, "ack bytes cannot be empty");
        }
        validatePacket(m.packet);
        const module = this.router.mustRoute(m.packet.sourcePort);
        const verified = this.verifyOrNoOp(ctx, (c) =>
          acknowledgePacket(c, this.clients, m.packet, m.acknowledgement, m.proofAcked, m.proofHeight),
        );
        if (verified === undefined) return packetResult(message.typeUrl, MsgAcknowledgementResponse, "NOOP");
        module.onAcknowledgementPacket(ctx, {
          channelVersion: verified,
          packet: m.packet,
          acknowledgement: m.acknowledgement,
          relayer: m.signer,
        });
        return packetResult(message.typeUrl, MsgAcknowledgementResponse, "SUCCESS");
      }
      case "/ibc.core.channel.v1.MsgTimeout": {
        const m = message.value;
        requireProof(m.proofUnreceived, "unreceived proof");
        this.requireNextSequenceRecv(m.nextSequenceRecv);
        validatePacket(m.packet);
        const module = this.router.mustRoute(m.packet.sourcePort);
        const verified = this.verifyOrNoOp(ctx, (c) =>
          timeoutPacket(c, this.clients, m.packet, m.proofUnreceived, m.proofHeight, m.nextSequenceRecv),
        );
        if (verified === undefined) return packetResult(message.typeUrl, MsgTimeoutResponse, "NOOP");
        module.onTimeoutPacket(ctx, { channelVersion: verified, packet: m.packet, relayer: m.signer });
        return packetResult(message.typeUrl, MsgTimeoutResponse, "SUCCESS");
      }
      case "/ibc.core.channel.v1.MsgTimeoutOnClose": {
        const m = message.value;
        requireProof(m.proofUnreceived, "unreceived proof");
        requireProof(m.proofClose, "proof of closed counterparty channel end");
        this.requireNextSequenceRecv(m.nextSequenceRecv);
        validatePacket(m.packet);
        const module = this.router.mustRoute(m.packet.sourcePort);
        const verified = this.verifyOrNoOp(ctx, (c) =>
          timeoutOnClose(c, this.clients, m.packet, m.proofUnreceived, m.proofClose, m.proofHeight, m.nextSequenceRecv),
        );
        if (verified === undefined) return packetResult(message.typeUrl, MsgTimeoutOnCloseResponse, "NOOP");
        module.onTimeoutPacket(ctx, { channelVersion: verified, packet: m.packet, relayer: m.signer });
        return packetResult(message.typeUrl, MsgTimeoutOnCloseResponse, "SUCCESS");
      }
    }
  }

  private updateClient(ctx: IbcContext, clientId: string, clientMessage: Any | undefined): void {
    validateClientId(clientId);
    const any = requireAny(clientMessage, "client message");
    this.clients.validateClientMessage(clientId, any);
    this.clients.updateClient(ctx, clientId, any);
  }

  private requireNextSequenceRecv(nextSequenceRecv: bigint): void {
    if (nextSequenceRecv === 0n) throw ibcError(CoreErrors.InvalidSequence, "next sequence receive cannot be 0");
  }

  /**
   * ibc-go's "TAO verification" step: runs in a cache branch kept only on success. A redundant message (NoOpMsg)
   * leaves no trace, not even its events or a consumed proof sequence; undefined tells the caller to stop there.
   */
  private verifyOrNoOp(ctx: IbcContext, verify: (ctx: IbcContext) => string): string | undefined {
    const { ctx: cache, write } = ctx.branch();
    try {
      const version = verify(cache);
      write();
      return version;
    } catch (error) {
      if (isIbcError(error, ChannelErrors.NoOpMsg)) return undefined;
      throw error;
    }
  }

  private receive(ctx: IbcContext, packet: Packet, proof: Uint8Array, proofHeight: Height, relayer: string): Outcome {
    const typeUrl = "/ibc.core.channel.v1.MsgRecvPacket";
    const module = this.router.mustRoute(packet.destinationPort);
    const channelVersion = this.verifyOrNoOp(ctx, (c) => recvPacket(c, this.clients, packet, proof, proofHeight));
    if (channelVersion === undefined) return packetResult(typeUrl, MsgRecvPacketResponse, "NOOP");
    // The application's writes are kept only for a successful or asynchronous acknowledgement.
    const { ctx: appCtx, write } = ctx.branch();
    const acknowledgement = module.onRecvPacket(appCtx, { channelVersion, packet, relayer });
    if (acknowledgement === null || acknowledgement.success) write();
    else ctx.emit(...appCtx.events.map(toErrorEvent));
    if (acknowledgement !== null) writeAcknowledgement(ctx, packet, acknowledgement.bytes);
    return { ...packetResult(typeUrl, MsgRecvPacketResponse, "SUCCESS"), acknowledgement };
  }

  // --- ICS4 wrapper: what applications call ---

  /** Sends a packet from an application's port; returns its sequence. */
  sendPacket(
    ctx: IbcContext,
    args: {
      sourcePort: string;
      sourceChannel: string;
      timeoutHeight: Height;
      timeoutTimestamp: bigint;
      data: Uint8Array;
    },
  ): bigint {
    return sendPacket(
      ctx,
      this.clients,
      args.sourcePort,
      args.sourceChannel,
      args.timeoutHeight,
      args.timeoutTimestamp,
      args.data,
    );
  }

  /**
   * Writes the acknowledgement of a packet whose OnRecvPacket returned null. Refused for a packet this channel has
   * not received, and for one already acknowledged.
   */
  writeAcknowledgement(ctx: IbcContext, packet: Packet, acknowledgement: Acknowledgement | Uint8Array): void {
    const bytes = acknowledgement instanceof Uint8Array ? acknowledgement : acknowledgement.bytes;
    const port = packet.destinationPort;
    const channelId = packet.destinationChannel;
    const channel = mustGetChannel(ctx, port, channelId);
    const received =
      channel.ordering === Order.ORDER_ORDERED
        ? packet.sequence < (getNextSequence(ctx, "recv", port, channelId) ?? 1n)
        : hasPacketReceipt(ctx, port, channelId, packet.sequence);
    if (!received) {
      throw ibcError(ChannelErrors.InvalidPacket, `packet ${packet.sequence} was not received on ${channelId}`, {
        sequence: packet.sequence,
        channelId,
      });
    }
    writeAcknowledgement(ctx, packet, bytes);
  }

  /** Closes a channel end on the application's own initiative (wasmd's close_channel); no callback runs. */
  closeChannel(ctx: IbcContext, portId: string, channelId: string): void {
    chanCloseInit(ctx, this.clients, portId, channelId);
  }

  // --- What counterparties need from this node ---

  private mustSigner(): SoloMachineSigner {
    if (this.signer === undefined) {
      throw ibcError(CoreErrors.InvalidRequest, "this node has no solo-machine signer; it cannot prove its state");
    }
    return this.signer;
  }

  /** Client and consensus state for a counterparty's MsgCreateClient following this node. */
  selfClientStates(ctx: IbcContext, diversifier: string) {
    return selfClientStates(ctx, this.mustSigner(), diversifier);
  }

  /** Proof of the value at an ICS-24 path of this node's IBC store. */
  proveState(ctx: IbcContext, path: string, request: ProofRequest): StateProof {
    return proveState(ctx, this.mustSigner(), path, request);
  }

  /** Proof that a packet sent to this node was not, and can no longer be, received (for MsgTimeout*). */
  proveUnreceivedPacket(ctx: IbcContext, packet: Packet, request: ProofRequest): UnreceivedProof {
    return proveUnreceivedPacket(ctx, this.mustSigner(), packet, request);
  }

  /** A MsgUpdateClient client message moving the counterparty's client of this node to this block's time. */
  signClientUpdate(ctx: IbcContext, request: ProofRequest): Any {
    return signClientUpdate(ctx, this.mustSigner(), request);
  }
}

/** ibc-go ConvertToErrorEvents: a failed callback's events, renamed so indexers do not take them as effects. */
function toErrorEvent(ev: IbcEvent): IbcEvent {
  return {
    type: `ibccallbackerror-${ev.type}`,
    attributes: ev.attributes.map((a) => ({ key: `ibccallbackerror-${a.key}`, value: a.value })),
  };
}
