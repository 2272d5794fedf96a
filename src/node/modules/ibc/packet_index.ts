import type { Packet } from "../../../ibc/channel/types.js";
import type { KvStore } from "../../../store/kv.js";
import type { Event } from "../../events.js";
import { concat, encodeU64 } from "../../keys.js";

/**
 * The packets this node sent and the acknowledgements it wrote, by sequence, from the events of its committed
 * blocks. The state keeps only their commitments (hashes); relayers need the packets themselves, which Cosmos
 * relayers find by searching txs for `send_packet` / `write_acknowledgement` events. The node indexes them as each
 * block is committed (Module.indexBlock), so a lookup is a key read however long the chain.
 *
 *   send/<src port>/<src channel>/<be64 sequence>  → packet JSON
 *   ack/<dst port>/<dst channel>/<be64 sequence>   → {packet, acknowledgement} JSON
 */
export interface IndexedAcknowledgement {
  packet: Packet;
  acknowledgement: Uint8Array;
}

interface PacketJson {
  sequence: string;
  source_port: string;
  source_channel: string;
  destination_port: string;
  destination_channel: string;
  data: string;
  timeout_height: { revision_number: string; revision_height: string };
  timeout_timestamp: string;
}

const utf8 = new TextEncoder();
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);

function sendKey(portId: string, channelId: string, sequence: bigint): Uint8Array {
  return concat(`send/${portId}/${channelId}/`, encodeU64(sequence));
}

function ackKey(portId: string, channelId: string, sequence: bigint): Uint8Array {
  return concat(`ack/${portId}/${channelId}/`, encodeU64(sequence));
}

/** Indexes the `send_packet` and `write_acknowledgement` events of a block's successful txs. */
export function indexPacketEvents(index: KvStore, txEvents: readonly Event[][]): void {
  for (const events of txEvents) {
    for (const ev of events) {
      if (ev.type === "send_packet") {
        const packet = packetOfEvent(ev);
        index.set(sendKey(packet.sourcePort, packet.sourceChannel, packet.sequence), json(packetJson(packet)));
      } else if (ev.type === "write_acknowledgement") {
        const packet = packetOfEvent(ev);
        const ack = required(ev, "packet_ack_hex");
        index.set(
          ackKey(packet.destinationPort, packet.destinationChannel, packet.sequence),
          json({ packet: packetJson(packet), acknowledgement: ack }),
        );
      }
    }
  }
}

/** The packets sent on a channel at these sequences; sequences never seen are left out. */
export function sentPackets(index: KvStore, portId: string, channelId: string, sequences: readonly bigint[]): Packet[] {
  return sequences.flatMap((s) => {
    const bytes = index.get(sendKey(portId, channelId, s));
    return bytes === undefined ? [] : [packetOfJson(JSON.parse(fromUtf8(bytes)) as PacketJson)];
  });
}

/** The acknowledgements written on a receiving channel at these sequences. */
export function writtenAcknowledgements(
  index: KvStore,
  portId: string,
  channelId: string,
  sequences: readonly bigint[],
): IndexedAcknowledgement[] {
  return sequences.flatMap((s) => {
    const bytes = index.get(ackKey(portId, channelId, s));
    if (bytes === undefined) return [];
    const stored = JSON.parse(fromUtf8(bytes)) as { packet: PacketJson; acknowledgement: string };
    return [{ packet: packetOfJson(stored.packet), acknowledgement: Buffer.from(stored.acknowledgement, "hex") }];
  });
}

function required(ev: Event, key: string): string {
  const value = ev.attributes.find((a) => a.key === key)?.value;
  if (value === undefined) throw new TypeError(`${ev.type} event has no ${key} attribute`);
  return value;
}

/** ibc-go's packet event attributes (packet_timeout_height is "{revision}-{height}"). */
function packetOfEvent(ev: Event): Packet {
  const [revisionNumber, revisionHeight] = required(ev, "packet_timeout_height").split("-").map(BigInt);
  return {
    sequence: BigInt(required(ev, "packet_sequence")),
    sourcePort: required(ev, "packet_src_port"),
    sourceChannel: required(ev, "packet_src_channel"),
    destinationPort: required(ev, "packet_dst_port"),
    destinationChannel: required(ev, "packet_dst_channel"),
    data: Buffer.from(required(ev, "packet_data_hex"), "hex"),
    timeoutHeight: { revisionNumber: revisionNumber ?? 0n, revisionHeight: revisionHeight ?? 0n },
    timeoutTimestamp: BigInt(required(ev, "packet_timeout_timestamp")),
  };
}

function packetJson(p: Packet): PacketJson {
  return {
    sequence: p.sequence.toString(),
    source_port: p.sourcePort,
    source_channel: p.sourceChannel,
    destination_port: p.destinationPort,
    destination_channel: p.destinationChannel,
    data: Buffer.from(p.data).toString("base64"),
    timeout_height: {
      revision_number: p.timeoutHeight.revisionNumber.toString(),
      revision_height: p.timeoutHeight.revisionHeight.toString(),
    },
    timeout_timestamp: p.timeoutTimestamp.toString(),
  };
}

function packetOfJson(j: PacketJson): Packet {
  return {
    sequence: BigInt(j.sequence),
    sourcePort: j.source_port,
    sourceChannel: j.source_channel,
    destinationPort: j.destination_port,
    destinationChannel: j.destination_channel,
    data: Buffer.from(j.data, "base64"),
    timeoutHeight: {
      revisionNumber: BigInt(j.timeout_height.revision_number),
      revisionHeight: BigInt(j.timeout_height.revision_height),
    },
    timeoutTimestamp: BigInt(j.timeout_timestamp),
  };
}

function json(value: unknown): Uint8Array {
  return utf8.encode(JSON.stringify(value));
}
