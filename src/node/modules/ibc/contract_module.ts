import {
  type Acknowledgement,
  abciErrorAcknowledgement,
  errorAcknowledgement,
} from "../../../ibc/channel/acknowledgement.js";
import type { Channel, Packet } from "../../../ibc/channel/types.js";
import type { IbcContext } from "../../../ibc/context.js";
import { ibcError } from "../../../ibc/errors.js";
import { CHANNEL_PREFIX, parseIdentifierSequence } from "../../../ibc/host/identifiers.js";
import { PortErrors } from "../../../ibc/port/errors.js";
import type { ChannelOpenInfo, IBCModule } from "../../../ibc/port/module.js";
import { queryChannel } from "../../../ibc/queries.js";
import { ChannelErrors } from "../../../ibc/channel/errors.js";
import type { ExecContext } from "../../context.js";
import { AbciError, wasmErrors } from "../../errors.js";
import { event, EventManager } from "../../events.js";
import { ContractAbortError, type WasmRelay } from "../wasm/relay.js";
import type { WasmKeeper } from "../wasm/keeper.js";
import { storeAsyncAckPacket } from "./async_acks.js";
import { hostOf, onBranch } from "./context.js";
import { contractChannel, contractOfPort, contractPacket } from "./convert.js";

const MAX_CHANNEL_SEQUENCE = 0xffffffffn;

/** wasmd's event for every packet a contract receives (x/wasm/types/events.go EmitAcknowledgementEvent). */
export const PACKET_RECEIVED_EVENT = "ibc_packet_received";

/**
 * Every `wasm.<contract>` port, bound to its contract (wasmd's IBCHandler in x/wasm/ibc.go): the IBC core calls
 * these callbacks, they call the contract's IBC entry points through WasmRelay on the callback's branch of the
 * state, and map the outcome as wasmd does:
 *
 * - OpenInit/OpenTry: the contract sees the proposed channel; `null` keeps the proposed version (the counterparty's
 *   on OpenTry; an empty one on OpenInit is refused); an error refuses the step.
 * - OpenAck/OpenConfirm and the closes: the stored channel; an error reverts the step.
 * - Receive: a contract error is an error acknowledgement `{"error":"<its message>"}` (the core drops the callback's
 *   state, the receipt stays); a VM error (trap, abort) fails the relay tx, so the packet can be relayed again; a
 *   failed submessage is ibc-go's error ack with its ABCI code; a null acknowledgement (after replies, whose data
 *   overrides it) is asynchronous: the packet is kept for the contract's `write_acknowledgement`. Every receive
 *   emits `ibc_packet_received{module=wasm, _contract_address, success, error?}`.
 * - Ack/timeout: any error fails the relay tx.
 * Errors name the entry point, the port and channel, and the packet sequence.
 */
export class ContractIbcModule implements IBCModule {
  constructor(
    private readonly keeper: WasmKeeper,
    private readonly relay: WasmRelay,
  ) {}

  onChanOpenInit(ctx: IbcContext, channel: ChannelOpenInfo & { version: string }): string {
    validateChannelSequence(channel.channelId);
    const version = this.call(ctx, "ibc_channel_open", channel.portId, channel.channelId, (exec, contract) =>
      this.relay.ibcChannelOpen(exec, contract, {
        open_init: {
          channel: contractChannel(channel.portId, channel.channelId, { ...channel, ordering: channel.order }),
        },
      }),
    );
    if (version !== null && version !== "") return version;
    if (channel.version === "") throw wasmErrors.empty.wrap("version");
    return channel.version;
  }

  onChanOpenTry(ctx: IbcContext, channel: ChannelOpenInfo & { counterpartyVersion: string }): string {
    validateChannelSequence(channel.channelId);
    const version = this.call(ctx, "ibc_channel_open", channel.portId, channel.channelId, (exec, contract) =>
      this.relay.ibcChannelOpen(exec, contract, {
        open_try: {
          channel: contractChannel(channel.portId, channel.channelId, {
            ...channel,
            ordering: channel.order,
            version: channel.counterpartyVersion,
          }),
          counterparty_version: channel.counterpartyVersion,
        },
      }),
    );
    return version !== null && version !== "" ? version : channel.counterpartyVersion;
  }

  onChanOpenAck(
    ctx: IbcContext,
    args: { portId: string; channelId: string; counterpartyChannelId: string; counterpartyVersion: string },
  ): void {
    const channel = mustGetChannel(ctx, args.portId, args.channelId);
    this.call(ctx, "ibc_channel_connect", args.portId, args.channelId, (exec, contract) =>
      this.relay.ibcChannelConnect(exec, contract, {
        open_ack: {
          channel: contractChannel(args.portId, args.channelId, channel),
          counterparty_version: args.counterpartyVersion,
        },
      }),
    );
  }

  onChanOpenConfirm(ctx: IbcContext, args: { portId: string; channelId: string }): void {
    const channel = mustGetChannel(ctx, args.portId, args.channelId);
    this.call(ctx, "ibc_channel_connect", args.portId, args.channelId, (exec, contract) =>
      this.relay.ibcChannelConnect(exec, contract, {
        open_confirm: { channel: contractChannel(args.portId, args.channelId, channel) },
      }),
    );
  }

  onChanCloseInit(ctx: IbcContext, args: { portId: string; channelId: string }): void {
    const channel = mustGetChannel(ctx, args.portId, args.channelId);
    this.call(ctx, "ibc_channel_close", args.portId, args.channelId, (exec, contract) =>
      this.relay.ibcChannelClose(exec, contract, {
        close_init: { channel: contractChannel(args.portId, args.channelId, channel) },
      }),
    );
  }

  onChanCloseConfirm(ctx: IbcContext, args: { portId: string; channelId: string }): void {
    const channel = mustGetChannel(ctx, args.portId, args.channelId);
    this.call(ctx, "ibc_channel_close", args.portId, args.channelId, (exec, contract) =>
      this.relay.ibcChannelClose(exec, contract, {
        close_confirm: { channel: contractChannel(args.portId, args.channelId, channel) },
      }),
    );
  }

  onRecvPacket(ctx: IbcContext, { packet, relayer }: { packet: Packet; relayer: string }): Acknowledgement | null {
    const port = packet.destinationPort;
    const where = describe("ibc_packet_receive", port, packet.destinationChannel, packet.sequence);
    const contract = this.contractOf(ctx, port);
    // The contract's events are kept only when its state is: on success or an asynchronous ack.
    const events = new EventManager();
    const exec = hostOf(ctx).withStore(ctx.store).withEvents(events);
    let ack: Acknowledgement | null;
    let failure: AbciError | undefined;
    try {
      const outcome = this.relay.ibcPacketReceive(exec, contract, { packet: contractPacket(packet), relayer });
      if ("error" in outcome) ack = errorAcknowledgement(outcome.error);
      else ack = outcome.ok.ack === null ? null : { success: true, bytes: outcome.ok.ack };
    } catch (err) {
      if (err instanceof ContractAbortError) throw err.wrap(where);
      if (!(err instanceof AbciError)) throw err;
      failure = err.wrap(where);
      ack = abciErrorAcknowledgement(err.abciCode);
    }
    if (ack === null || ack.success) ctx.emit(...events.events);
    if (ack === null) storeAsyncAckPacket(exec, packet);
    const success = failure === undefined && (ack === null || ack.success);
    ctx.emit(
      event(PACKET_RECEIVED_EVENT, [
        ["module", "wasm"],
        ["_contract_address", contract],
        ["success", String(success)],
        ...(failure === undefined ? [] : ([["error", failure.message]] as [string, string][])),
      ]),
    );
    return ack;
  }

  onAcknowledgementPacket(
    ctx: IbcContext,
    { packet, acknowledgement, relayer }: { packet: Packet; acknowledgement: Uint8Array; relayer: string },
  ): void {
    this.call(
      ctx,
      "ibc_packet_ack",
      packet.sourcePort,
      packet.sourceChannel,
      (exec, contract) =>
        this.relay.ibcPacketAck(exec, contract, {
          acknowledgement: { data: Buffer.from(acknowledgement).toString("base64") },
          original_packet: contractPacket(packet),
          relayer,
        }),
      packet.sequence,
    );
  }

  onTimeoutPacket(ctx: IbcContext, { packet, relayer }: { packet: Packet; relayer: string }): void {
    this.call(
      ctx,
      "ibc_packet_timeout",
      packet.sourcePort,
      packet.sourceChannel,
      (exec, contract) => this.relay.ibcPacketTimeout(exec, contract, { packet: contractPacket(packet), relayer }),
      packet.sequence,
    );
  }

  /** The contract bound to `portId`: it must exist and have IBC entry points (its port is this one). */
  private contractOf(ctx: IbcContext, portId: string): string {
    const contract = contractOfPort(portId);
    const exec = hostOf(ctx).withStore(ctx.store);
    let bound = false;
    try {
      bound = this.keeper.contractInfo(exec, contract)?.ibcPortId === portId;
    } catch (err) {
      if (!(err instanceof AbciError)) throw err;
    }
    if (!bound) {
      throw ibcError(PortErrors.PortNotFound, `port ${portId} is not bound: no IBC-enabled contract ${contract}`, {
        portId,
      });
    }
    return contract;
  }

  /** One entry point on the callback's branch; its errors name the entry point, port, channel (and sequence). */
  private call<T>(
    ctx: IbcContext,
    entryPoint: string,
    portId: string,
    channelId: string,
    run: (exec: ExecContext, contract: string) => T,
    sequence?: bigint,
  ): T {
    const contract = this.contractOf(ctx, portId);
    try {
      return onBranch(ctx, (exec) => run(exec, contract));
    } catch (err) {
      if (err instanceof AbciError) throw err.wrap(describe(entryPoint, portId, channelId, sequence));
      throw err;
    }
  }
}

function describe(entryPoint: string, portId: string, channelId: string, sequence?: bigint): string {
  return `${entryPoint} on ${portId}/${channelId}${sequence === undefined ? "" : ` packet ${sequence}`}`;
}

/** wasmd's ValidateChannelParams: channel sequences fit in a u32. */
function validateChannelSequence(channelId: string): void {
  const sequence = parseIdentifierSequence(channelId, CHANNEL_PREFIX);
  if (sequence > MAX_CHANNEL_SEQUENCE) {
    throw wasmErrors.limit.wrap(`channel sequence ${sequence} is greater than max allowed ${MAX_CHANNEL_SEQUENCE}`);
  }
}

function mustGetChannel(ctx: IbcContext, portId: string, channelId: string): Channel {
  const channel = queryChannel(ctx, portId, channelId);
  if (channel === undefined) {
    throw ibcError(ChannelErrors.ChannelNotFound, `port ID (${portId}) channel ID (${channelId})`, {
      portId,
      channelId,
    });
  }
  return channel;
}
