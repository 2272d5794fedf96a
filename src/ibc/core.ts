import { fromBech32 } from "@cosmjs/encoding";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { KvStore } from "../store/kv.js";
import type { Acknowledgement } from "./channel/acknowledgement.js";
import { ChannelErrors } from "./channel/errors.js";
import { chanCloseInit } from "./channel/handshake.js";
import { sendPacket, writeAcknowledgement } from "./channel/packet.js";
import { getNextSequence, hasPacketReceipt, mustGetChannel } from "./channel/store.js";
import { Order, type Packet } from "./channel/types.js";
import type { Height } from "./client/height.js";
import { ClientKeeper } from "./client/keeper.js";
import type { LightClientModule } from "./client/light-client.js";
import { SoloMachineLightClient } from "./client/solomachine/light-client.js";
import type { SoloMachineSigner } from "./client/solomachine/signer.js";
import { type BlockContext, DEFAULT_IBC_NAMESPACE, IbcContext } from "./context.js";
import { CoreErrors, ibcError } from "./errors.js";
import type { IbcEvent } from "./events.js";
import { decodeIbcMessage, type IbcMessageInput } from "./messages.js";
import { type MessageOutcome, MsgServer } from "./msg-server.js";
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
 * The IBC core as a library over a KvStore (ibc-go's core keeper). A node hands it each IBC message of a
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

export type { MessageOutcome };

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

export class IbcCore {
  readonly clients: ClientKeeper;
  private readonly msgServer: MsgServer;
  readonly router: PortRouter;
  readonly namespace: string;
  readonly signer: SoloMachineSigner | undefined;
  private readonly addressPrefix: string | undefined;

  constructor(options: IbcCoreOptions) {
    this.router = options.router;
    this.clients = new ClientKeeper(options.lightClients ?? [new SoloMachineLightClient()]);
    this.msgServer = new MsgServer(this.clients, this.router);
    this.namespace = options.namespace ?? DEFAULT_IBC_NAMESPACE;
    this.addressPrefix = options.addressPrefix;
    this.signer = options.signer;
  }

  /**
   * A context over `store` for `block` (what `execute` and the queries take); `host` is the embedding node's own
   * context, carried to the applications' callbacks untouched; `meter` wraps the store the core's own state is
   * read and written through, so the node can charge gas for it.
   */
  context(store: KvStore, block: BlockContext, host?: unknown, meter?: (store: KvStore) => KvStore): IbcContext {
    return new IbcContext(store, block, [], this.namespace, host, meter);
  }

  /**
   * Handles one message atomically: on success its writes and events are applied to `ctx`; on failure it throws and
   * `ctx` is unchanged.
   */
  execute(ctx: IbcContext, input: IbcMessageInput): IbcMessageResult {
    const message = decodeIbcMessage(input);
    this.validateSigner(message.value.signer);
    const { ctx: msgCtx, write } = ctx.branch();
    const outcome = this.msgServer.handle(msgCtx, message);
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
