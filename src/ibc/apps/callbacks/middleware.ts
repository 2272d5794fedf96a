import { PlurigridError } from "../../../errors.js";
import { type Acknowledgement, abciErrorAcknowledgement } from "../../channel/acknowledgement.js";
import type { Packet } from "../../channel/types.js";
import type { Height } from "../../client/height.js";
import type { IbcContext } from "../../context.js";
import { ibcError } from "../../errors.js";
import type { ChannelOpenInfo, IBCModule, PacketDataUnmarshaler } from "../../port/module.js";
import type { Ics4Wrapper } from "../transfer/module.js";
import { callbackEvent } from "./events.js";
import {
  allowRetry,
  type CallbackData,
  type CallbackDataResult,
  CallbackErrors,
  type CallbackType,
  DESTINATION_CALLBACK_KEY,
  getCallbackData,
  SOURCE_CALLBACK_KEY,
} from "./types.js";

/**
 * The actor behind callback addresses (ibc-go callbacks ContractKeeper; wasmd implements it for contracts). Each
 * method runs on its own cache branch of the context with a gas meter of the callback's execution limit; throwing
 * an error is the callback's failure (see IbcCallbacksMiddleware for what failure means at each point).
 */
export interface ContractKeeper {
  ibcSendPacketCallback(
    ctx: IbcContext,
    args: {
      sourcePort: string;
      sourceChannel: string;
      timeoutHeight: Height;
      timeoutTimestamp: bigint;
      data: Uint8Array;
      callbackAddress: string;
      senderAddress: string;
      version: string;
    },
  ): void;
  ibcOnAcknowledgementPacketCallback(
    ctx: IbcContext,
    args: {
      packet: Packet;
      acknowledgement: Uint8Array;
      relayer: string;
      callbackAddress: string;
      senderAddress: string;
      version: string;
    },
  ): void;
  ibcOnTimeoutPacketCallback(
    ctx: IbcContext,
    args: { packet: Packet; relayer: string; callbackAddress: string; senderAddress: string; version: string },
  ): void;
  ibcReceivePacketCallback(
    ctx: IbcContext,
    args: { packet: Packet; acknowledgement: Acknowledgement; callbackAddress: string; version: string },
  ): void;
}

/** How a callback ran under its own gas meter. */
export type MeteredOutcome =
  | { kind: "ok" }
  /** The callback failed with an error of the protocol or a module (never a bug: those propagate). */
  | { kind: "error"; error: Error }
  /** Gas ran out: `pastLimit` is the SDK's IsPastLimit (more consumed than the limit), false when exactly used up. */
  | { kind: "out_of_gas"; pastLimit: boolean; descriptor: string };

/**
 * Gas is the embedding node's (the SDK context's gas meter in ibc-go), so the node supplies it: what the context
 * has left, and running a callback under a fresh meter of `limit` whose consumption, at most `limit`, is then
 * charged to the context's meter as `descriptor`.
 */
export interface CallbackGas {
  remaining(ctx: IbcContext): bigint;
  run(ctx: IbcContext, limit: bigint, descriptor: string, body: (ctx: IbcContext) => void): MeteredOutcome;
  /** The error that fails the whole transaction for lack of gas (the SDK's out-of-gas panic). */
  outOfGas(ctx: IbcContext, descriptor: string): Error;
}

export interface IbcCallbacksMiddlewareOptions {
  /** What is below the middleware towards core IBC (the IBC core). */
  ics4: Ics4Wrapper;
  contractKeeper: ContractKeeper;
  gas: CallbackGas;
  /** The most gas a callback may ask the relayer to pay for (wasmd: DefaultMaxIBCCallbackGas, 1,000,000). */
  maxCallbackGas: bigint;
}

/**
 * ibc-go's ADR-8 callbacks middleware (modules/apps/callbacks/ibc_middleware.go, internal/process.go) around an
 * application that can unmarshal its packets (ICS-20). It is the application's ICS4 wrapper and its port's module:
 *
 * - SendPacket: after the packet is sent, a `src_callback` packet runs the send callback; malformed callback data
 *   or a failing callback refuses the send (the application's whole message fails).
 * - Acknowledgement / timeout: after the application, a `src_callback` packet runs the source callback; its failure
 *   (error, out of gas) never blocks the packet: its state is dropped and only the event says so.
 * - Receive: after a successful (synchronous) acknowledgement, a `dest_callback` packet runs the destination
 *   callback; malformed callback data or a failing callback turns the acknowledgement into an error
 *   acknowledgement, so the core drops the application's receive too.
 * Every callback runs on a cache branch with a gas meter of min(gas left, commit limit), the commit limit being the
 * user's `gas_limit` capped at `maxCallbackGas`. Running out of gas below the commit limit (the relayer did not
 * provide enough) fails the whole transaction so it can be retried with more gas; at the commit limit it is the
 * callback's failure. An `ibc_src_callback`/`ibc_dest_callback` event reports every callback that ran (a send only
 * when it succeeded).
 */
export class IbcCallbacksMiddleware implements IBCModule, Ics4Wrapper {
  private app: (IBCModule & PacketDataUnmarshaler) | undefined;
  private readonly ics4: Ics4Wrapper;
  private readonly keeper: ContractKeeper;
  private readonly gas: CallbackGas;
  private readonly maxCallbackGas: bigint;

  constructor(options: IbcCallbacksMiddlewareOptions) {
    if (options.maxCallbackGas <= 0n) throw new RangeError("maxCallbackGas must be positive");
    this.ics4 = options.ics4;
    this.keeper = options.contractKeeper;
    this.gas = options.gas;
    this.maxCallbackGas = options.maxCallbackGas;
  }

  /** The application below (it is built with this middleware as its ICS4 wrapper, so it comes second). */
  setUnderlyingApplication(app: IBCModule & PacketDataUnmarshaler): this {
    if (this.app !== undefined) throw new Error("underlying application already set");
    this.app = app;
    return this;
  }

  private get underlying(): IBCModule & PacketDataUnmarshaler {
    if (this.app === undefined) throw new Error("IbcCallbacksMiddleware has no underlying application");
    return this.app;
  }

  // --- ICS4 wrapper ---

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
    const sequence = this.ics4.sendPacket(ctx, args);
    const data = this.sourceCallbackData(ctx, args.sourcePort, args.sourceChannel, args.data);
    if (data === undefined) return sequence;
    const error = this.process(ctx, "send_packet", data, (cached) =>
      this.keeper.ibcSendPacketCallback(cached, {
        ...args,
        callbackAddress: data.callbackAddress,
        senderAddress: data.senderAddress,
        version: data.applicationVersion,
      }),
    );
    if (error !== undefined) throw error;
    ctx.emit(callbackEvent(args.sourcePort, args.sourceChannel, sequence, "send_packet", data));
    return sequence;
  }

  // --- packet callbacks ---

  onAcknowledgementPacket(
    ctx: IbcContext,
    args: { channelVersion: string; packet: Packet; acknowledgement: Uint8Array; relayer: string },
  ): void {
    this.underlying.onAcknowledgementPacket(ctx, args);
    const { packet } = args;
    const data = this.sourceCallbackData(ctx, packet.sourcePort, packet.sourceChannel, packet.data);
    if (data === undefined) return;
    const error = this.process(ctx, "acknowledgement_packet", data, (cached) =>
      this.keeper.ibcOnAcknowledgementPacketCallback(cached, {
        packet,
        acknowledgement: args.acknowledgement,
        relayer: args.relayer,
        callbackAddress: data.callbackAddress,
        senderAddress: data.senderAddress,
        version: data.applicationVersion,
      }),
    );
    ctx.emit(
      callbackEvent(packet.sourcePort, packet.sourceChannel, packet.sequence, "acknowledgement_packet", data, error),
    );
  }

  onTimeoutPacket(ctx: IbcContext, args: { channelVersion: string; packet: Packet; relayer: string }): void {
    this.underlying.onTimeoutPacket(ctx, args);
    const { packet } = args;
    const data = this.sourceCallbackData(ctx, packet.sourcePort, packet.sourceChannel, packet.data);
    if (data === undefined) return;
    const error = this.process(ctx, "timeout_packet", data, (cached) =>
      this.keeper.ibcOnTimeoutPacketCallback(cached, {
        packet,
        relayer: args.relayer,
        callbackAddress: data.callbackAddress,
        senderAddress: data.senderAddress,
        version: data.applicationVersion,
      }),
    );
    ctx.emit(callbackEvent(packet.sourcePort, packet.sourceChannel, packet.sequence, "timeout_packet", data, error));
  }

  onRecvPacket(
    ctx: IbcContext,
    args: { channelVersion: string; packet: Packet; relayer: string },
  ): Acknowledgement | null {
    const ack = this.underlying.onRecvPacket(ctx, args);
    // A failed receive is reverted anyway, and an asynchronous ack would get its callback when written (ICS-20
    // always acknowledges synchronously).
    if (ack === null || !ack.success) return ack;
    const { packet } = args;
    const found = this.callbackData(
      ctx,
      packet.destinationPort,
      packet.destinationChannel,
      packet.sourcePort,
      packet.data,
      "dest",
    );
    if (!found.isCallbackPacket) return ack;
    if ("error" in found) return abciErrorAcknowledgement(found.error.abciCode);
    const data = found.data;
    const error = this.process(ctx, "receive_packet", data, (cached) =>
      this.keeper.ibcReceivePacketCallback(cached, {
        packet,
        acknowledgement: ack,
        callbackAddress: data.callbackAddress,
        version: data.applicationVersion,
      }),
    );
    ctx.emit(
      callbackEvent(packet.destinationPort, packet.destinationChannel, packet.sequence, "receive_packet", data, error),
    );
    // The error ack makes the core drop the application's receive as well; the sender must handle it.
    return error === undefined ? ack : abciErrorAcknowledgement(abciCodeOf(error));
  }

  // --- the handshake is the application's ---

  onChanOpenInit(ctx: IbcContext, channel: ChannelOpenInfo & { version: string }): string {
    return this.underlying.onChanOpenInit(ctx, channel);
  }

  onChanOpenTry(ctx: IbcContext, channel: ChannelOpenInfo & { counterpartyVersion: string }): string {
    return this.underlying.onChanOpenTry(ctx, channel);
  }

  onChanOpenAck(
    ctx: IbcContext,
    args: { portId: string; channelId: string; counterpartyChannelId: string; counterpartyVersion: string },
  ): void {
    this.underlying.onChanOpenAck(ctx, args);
  }

  onChanOpenConfirm(ctx: IbcContext, args: { portId: string; channelId: string }): void {
    this.underlying.onChanOpenConfirm(ctx, args);
  }

  onChanCloseInit(ctx: IbcContext, args: { portId: string; channelId: string }): void {
    this.underlying.onChanCloseInit(ctx, args);
  }

  onChanCloseConfirm(ctx: IbcContext, args: { portId: string; channelId: string }): void {
    this.underlying.onChanCloseConfirm(ctx, args);
  }

  // --- internals ---

  /**
   * The source callback a packet sent from `portId`/`channelId` asks for, if any. Malformed callback data throws:
   * at send it refuses the packet, and so it can only reach an ack or timeout if the memo was never checked.
   */
  private sourceCallbackData(
    ctx: IbcContext,
    portId: string,
    channelId: string,
    bytes: Uint8Array,
  ): CallbackData | undefined {
    const found = this.callbackData(ctx, portId, channelId, portId, bytes, "src");
    if (!found.isCallbackPacket) return undefined;
    if ("error" in found) throw found.error;
    return found.data;
  }

  /**
   * ibc-go GetSourceCallbackData / GetDestCallbackData: data the application cannot unmarshal is no callback
   * packet; the gas limit is bounded by what the context has left.
   */
  private callbackData(
    ctx: IbcContext,
    portId: string,
    channelId: string,
    sourcePortId: string,
    bytes: Uint8Array,
    which: "src" | "dest",
  ): CallbackDataResult {
    let unmarshaled: ReturnType<PacketDataUnmarshaler["unmarshalPacketData"]>;
    try {
      unmarshaled = this.underlying.unmarshalPacketData(ctx, portId, channelId, bytes);
    } catch (error) {
      if (error instanceof PlurigridError) return { isCallbackPacket: false };
      throw error;
    }
    return getCallbackData(
      unmarshaled.packetData,
      unmarshaled.version,
      sourcePortId,
      this.gas.remaining(ctx),
      this.maxCallbackGas,
      which === "src" ? SOURCE_CALLBACK_KEY : DESTINATION_CALLBACK_KEY,
    );
  }

  /**
   * ibc-go ProcessCallback: runs the callback on a cache branch under its own gas meter, keeping its writes only
   * on success. Returns the callback's error; throws when the transaction itself must fail (out of gas below the
   * commit limit, or any out of gas while sending).
   */
  private process(
    ctx: IbcContext,
    type: CallbackType,
    data: CallbackData,
    run: (ctx: IbcContext) => void,
  ): Error | undefined {
    const { ctx: cached, write } = ctx.branch();
    const outcome = this.gas.run(cached, data.executionGasLimit, `ibc ${type} callback`, run);
    if (outcome.kind === "ok") {
      write();
      return undefined;
    }
    if (outcome.kind === "error") return outcome.error;
    if (type === "send_packet") throw this.gas.outOfGas(ctx, `ibc ${type} callback`);
    if (!outcome.pastLimit) {
      // wasmd panics with out of gas once the engine used exactly the limit, which the meter does not count as past
      // it: ibc-go reports that as a panic (Go prints the ErrorOutOfGas struct).
      return ibcError(
        CallbackErrors.CallbackPanic,
        `ibc ${type} callback panicked with: {${outcome.descriptor}}: ${CallbackErrors.CallbackPanic.description}`,
      );
    }
    if (allowRetry(data)) {
      throw this.gas.outOfGas(ctx, `ibc ${type} callback out of gas; commitGasLimit: ${data.commitGasLimit}`);
    }
    return ibcError(
      CallbackErrors.CallbackOutOfGas,
      `ibc ${type} callback out of gas: ${CallbackErrors.CallbackOutOfGas.description}`,
    );
  }
}

/** The ABCI code an error acknowledgement carries: the error's own (IbcError, the node's AbciError), else 1. */
function abciCodeOf(error: Error): number {
  const code = (error as { abciCode?: unknown }).abciCode;
  return typeof code === "number" ? code : 1;
}
