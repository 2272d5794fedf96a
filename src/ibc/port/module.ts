import type { Counterparty } from "cosmjs-types/ibc/core/channel/v1/channel";
import type { Acknowledgement } from "../channel/acknowledgement.js";
import type { Order, Packet } from "../channel/types.js";
import type { IbcContext } from "../context.js";

/**
 * The application side of a port (ibc-go 05-port IBCModule; wasmd implements it once for all contracts). The core
 * calls these at the points ibc-go's message server does:
 * - OpenInit/OpenTry: after the core's checks, before the channel is written; the returned version is stored as
 *   is (wasmd's module returns the proposed version when a contract answers `null`). Throwing aborts the step.
 * - OpenAck/OpenConfirm: after the channel is written OPEN; throwing reverts the whole step.
 * - CloseInit/CloseConfirm: before the channel becomes CLOSED; throwing aborts the close. An ORDERED channel
 *   closed by a packet timeout does not call them.
 * - OnRecvPacket runs in its own cache branch of `ctx`: its writes are kept only if it returns a successful
 *   acknowledgement or null (asynchronous: the module writes the ack later through the core). Throwing is like a VM
 *   error in wasmd: the whole message fails and the packet can be relayed again.
 * - OnAcknowledgementPacket/OnTimeoutPacket: throwing fails the message and reverts everything, including the
 *   deletion of the packet commitment.
 * `ctx.store` is the node's whole state (a branch of it), so a module reaches its own state and other modules' —
 * e.g. the bank — through it; events it emits with `ctx.emit` are kept or dropped with its writes.
 */
export interface ChannelOpenInfo {
  order: Order;
  connectionHops: string[];
  portId: string;
  channelId: string;
  counterparty: Counterparty;
}

export interface IBCModule {
  onChanOpenInit(ctx: IbcContext, channel: ChannelOpenInfo & { version: string }): string;
  onChanOpenTry(ctx: IbcContext, channel: ChannelOpenInfo & { counterpartyVersion: string }): string;
  onChanOpenAck(
    ctx: IbcContext,
    args: { portId: string; channelId: string; counterpartyChannelId: string; counterpartyVersion: string },
  ): void;
  onChanOpenConfirm(ctx: IbcContext, args: { portId: string; channelId: string }): void;
  onChanCloseInit(ctx: IbcContext, args: { portId: string; channelId: string }): void;
  onChanCloseConfirm(ctx: IbcContext, args: { portId: string; channelId: string }): void;
  /** The acknowledgement to write now, or null to acknowledge asynchronously. */
  onRecvPacket(
    ctx: IbcContext,
    args: { channelVersion: string; packet: Packet; relayer: string },
  ): Acknowledgement | null;
  onAcknowledgementPacket(
    ctx: IbcContext,
    args: { channelVersion: string; packet: Packet; acknowledgement: Uint8Array; relayer: string },
  ): void;
  onTimeoutPacket(ctx: IbcContext, args: { channelVersion: string; packet: Packet; relayer: string }): void;
}

/**
 * Packet data that carries custom data for middleware (ibc-go exported.PacketDataProvider and PacketData): ICS-20
 * reads `key` from its memo when the memo is a JSON object, and names the sender of a packet it sent.
 */
export interface PacketDataProvider {
  /** The value under `key` in the packet's custom data (ICS-20: the memo as a JSON object); undefined when absent. */
  customPacketData(key: string): unknown;
  /** The packet's sender as the sending application knows it; "" when it has none. */
  packetSender(sourcePortId: string): string;
}

/**
 * An application whose packets middleware can read (ibc-go 05-port PacketDataUnmarshaler): decodes a packet's data
 * on one of its channels with that channel's version. Throws when the data is not this application's.
 */
export interface PacketDataUnmarshaler {
  unmarshalPacketData(
    ctx: IbcContext,
    portId: string,
    channelId: string,
    data: Uint8Array,
  ): { packetData: PacketDataProvider; version: string };
}
