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
import { acknowledgePacket, recvPacket, validatePacket, writeAcknowledgement } from "./channel/packet.js";
import { timeoutOnClose, timeoutPacket } from "./channel/timeout.js";
import type { Packet } from "./channel/types.js";
import type { Height } from "./client/height.js";
import type { ClientKeeper } from "./client/keeper.js";
import { CommitmentErrors } from "./commitment/errors.js";
import { connOpenAck, connOpenConfirm, connOpenInit, connOpenTry } from "./connection/handshake.js";
import type { IbcContext } from "./context.js";
import { CoreErrors, ibcError, isIbcError } from "./errors.js";
import type { IbcEvent } from "./events.js";
import { validateClientId } from "./host/identifiers.js";
import type { IbcMessage } from "./messages.js";
import type { PortRouter } from "./port/router.js";

/**
 * ibc-go's message server (modules/core/keeper/msg_server.go): for each message, the core checks of its ICS and
 * the application callbacks in ibc-go's order. Packet messages first run their verification in a cache branch so a
 * redundant one (NoOpMsg) is reported as NOOP and leaves nothing behind, and a receive keeps its callback's writes
 * only for a successful or asynchronous acknowledgement.
 */

export type MessageOutcome = "SUCCESS" | "NOOP";

/** What handling a message produced (besides its events). */
export interface Outcome {
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

export class MsgServer {
  constructor(
    private readonly clients: ClientKeeper,
    private readonly router: PortRouter,
  ) {}

  handle(ctx: IbcContext, message: IbcMessage): Outcome {
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
}

/** ibc-go ConvertToErrorEvents: a failed callback's events, renamed so indexers do not take them as effects. */
function toErrorEvent(ev: IbcEvent): IbcEvent {
  return {
    type: `ibccallbackerror-${ev.type}`,
    attributes: ev.attributes.map((a) => ({ key: `ibccallbackerror-${a.key}`, value: a.value })),
  };
}
