import { fromHex } from "../ibc/bytes.js";
import type { Packet } from "../ibc/channel/types.js";
import { attribute, type IbcEvent } from "../ibc/events.js";
import type { WrittenAcknowledgement } from "./chain.js";

/**
 * Reading packets and acknowledgements back from ibc-go's events. The store keeps only their hashes, so a node's
 * endpoint answers `querySentPackets` / `queryWrittenAcknowledgements` from the events of its committed blocks, as
 * Cosmos relayers search txs; both the node and the in-memory chain use these parsers.
 */

function required(ev: IbcEvent, key: string): string {
  const value = attribute(ev, key);
  if (value === undefined) throw new TypeError(`${ev.type} event has no ${key} attribute`);
  return value;
}

/** The packet of a `send_packet`, `recv_packet` or `write_acknowledgement` event (they carry packet_data_hex). */
export function packetOfEvent(ev: IbcEvent): Packet {
  // packet_timeout_height is "{revision}-{height}".
  const [revisionNumber, revisionHeight] = required(ev, "packet_timeout_height").split("-").map(BigInt);
  return {
    sequence: BigInt(required(ev, "packet_sequence")),
    sourcePort: required(ev, "packet_src_port"),
    sourceChannel: required(ev, "packet_src_channel"),
    destinationPort: required(ev, "packet_dst_port"),
    destinationChannel: required(ev, "packet_dst_channel"),
    data: fromHex(required(ev, "packet_data_hex")),
    timeoutHeight: { revisionNumber: revisionNumber!, revisionHeight: revisionHeight! },
    timeoutTimestamp: BigInt(required(ev, "packet_timeout_timestamp")),
  };
}

/** The packet and acknowledgement of a `write_acknowledgement` event. */
export function acknowledgementOfEvent(ev: IbcEvent): WrittenAcknowledgement {
  return { packet: packetOfEvent(ev), acknowledgement: fromHex(required(ev, "packet_ack_hex")) };
}

/** A map key for a packet end: its port, channel and sequence. */
export function packetKey(portId: string, channelId: string, sequence: bigint): string {
  return `${portId}/${channelId}/${sequence}`;
}

/**
 * An index of the packets sent and the acknowledgements written on a chain, fed with the events of its committed
 * blocks in order. Sent packets are keyed by their source end, acknowledgements by their destination end.
 */
export class PacketEventIndex {
  private readonly sent = new Map<string, Packet>();
  private readonly acks = new Map<string, WrittenAcknowledgement>();

  add(events: readonly IbcEvent[]): void {
    for (const ev of events) {
      if (ev.type === "send_packet") {
        const packet = packetOfEvent(ev);
        this.sent.set(packetKey(packet.sourcePort, packet.sourceChannel, packet.sequence), packet);
      } else if (ev.type === "write_acknowledgement") {
        const written = acknowledgementOfEvent(ev);
        const { packet } = written;
        this.acks.set(packetKey(packet.destinationPort, packet.destinationChannel, packet.sequence), written);
      }
    }
  }

  sentPackets(portId: string, channelId: string, sequences: readonly bigint[]): Packet[] {
    return sequences.flatMap((s) => this.sent.get(packetKey(portId, channelId, s)) ?? []);
  }

  writtenAcknowledgements(portId: string, channelId: string, sequences: readonly bigint[]): WrittenAcknowledgement[] {
    return sequences.flatMap((s) => this.acks.get(packetKey(portId, channelId, s)) ?? []);
  }
}

/** The value of `key` in the first event of `type` (ids a handshake step reports only in its events). */
export function eventAttribute(events: readonly IbcEvent[], type: string, key: string): string | undefined {
  const ev = events.find((e) => e.type === type);
  return ev === undefined ? undefined : attribute(ev, key);
}
