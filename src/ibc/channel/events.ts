import { toHex } from "../bytes.js";
import { formatHeight } from "../client/height.js";
import { event, moduleEvent, type IbcEvent } from "../events.js";
import { type Channel, orderName, type Packet } from "./types.js";

/**
 * 04-channel events, types and attributes in ibc-go's order (04-channel/keeper/events.go, types/events.go), each
 * followed by `message{module=ibc_channel}`. Relayers find packets by these.
 */
const CATEGORY = "ibc_channel";

export type ChannelHandshakeEventType =
  | "channel_open_init"
  | "channel_open_try"
  | "channel_open_ack"
  | "channel_open_confirm"
  | "channel_close_init"
  | "channel_close_confirm";

export function channelHandshakeEvents(
  type: ChannelHandshakeEventType,
  portId: string,
  channelId: string,
  channel: Channel,
): IbcEvent[] {
  const attributes: [string, string][] = [
    ["port_id", portId],
    ["channel_id", channelId],
    ["counterparty_port_id", channel.counterparty.portId],
  ];
  // Init has no counterparty channel yet; ibc-go leaves the attribute out there.
  if (type !== "channel_open_init") attributes.push(["counterparty_channel_id", channel.counterparty.channelId]);
  attributes.push(["connection_id", channel.connectionHops[0]!]);
  // Only the two steps that choose a version report it.
  if (type === "channel_open_init" || type === "channel_open_try") attributes.push(["version", channel.version]);
  return [event(type, attributes), moduleEvent(CATEGORY)];
}

/** `channel_close`: an ordered channel closed because one of its packets timed out. */
export function channelClosedEvents(packet: Packet, channel: Channel): IbcEvent[] {
  return [
    event("channel_close", [
      ["port_id", packet.sourcePort],
      ["channel_id", packet.sourceChannel],
      ["counterparty_port_id", channel.counterparty.portId],
      ["counterparty_channel_id", channel.counterparty.channelId],
      ["connection_id", channel.connectionHops[0]!],
      ["packet_channel_ordering", orderName(channel.ordering)],
    ]),
    moduleEvent(CATEGORY),
  ];
}

function packetAttributes(packet: Packet): [string, string][] {
  return [
    ["packet_timeout_height", formatHeight(packet.timeoutHeight)],
    ["packet_timeout_timestamp", packet.timeoutTimestamp.toString()],
    ["packet_sequence", packet.sequence.toString()],
    ["packet_src_port", packet.sourcePort],
    ["packet_src_channel", packet.sourceChannel],
    ["packet_dst_port", packet.destinationPort],
    ["packet_dst_channel", packet.destinationChannel],
  ];
}

export type PacketEventType =
  "send_packet" | "recv_packet" | "write_acknowledgement" | "acknowledge_packet" | "timeout_packet";

/** Packet events; `ack` is required for write_acknowledgement (packet_ack_hex). */
export function packetEvents(type: PacketEventType, packet: Packet, channel: Channel, ack?: Uint8Array): IbcEvent[] {
  const connectionId = channel.connectionHops[0]!;
  const ordering = orderName(channel.ordering);
  const attributes: [string, string][] = [];
  if (type === "send_packet" || type === "recv_packet" || type === "write_acknowledgement") {
    attributes.push(["packet_data_hex", toHex(packet.data)]);
  }
  attributes.push(...packetAttributes(packet));
  if (type === "write_acknowledgement") attributes.push(["packet_ack_hex", toHex(ack ?? new Uint8Array())]);
  if (type === "timeout_packet") {
    attributes.push(["connection_id", connectionId], ["packet_channel_ordering", ordering]);
  } else {
    // ibc-go still emits the deprecated packet_connection next to connection_id.
    attributes.push(
      ["packet_channel_ordering", ordering],
      ["packet_connection", connectionId],
      ["connection_id", connectionId],
    );
  }
  return [event(type, attributes), moduleEvent(CATEGORY)];
}
