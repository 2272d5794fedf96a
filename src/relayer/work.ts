import { Order, type Packet, State } from "../ibc/channel/types.js";
import { timeoutElapsed, timeoutOf } from "../ibc/channel/timeout.js";
import { height, type Height, revisionOfChainId } from "../ibc/client/height.js";
import type { ChainEndpoint, ChainStatus } from "./chain.js";
import type { OrientedLink } from "./links.js";

/**
 * What is pending on a link, derived from both chains' state alone (commitments, receipts, acks, channel states),
 * never from memory of earlier passes: that is what makes the relayer idempotent and resumable. Work is planned
 * per host, the chain the messages go to; every proof comes from the other chain (the source).
 *
 * On the host, in this order (so no message undoes a precondition of a later one):
 * 1. recv: packets the source sent that the host can still receive;
 * 2. ack: acknowledgements the source wrote for packets the host sent;
 * 3. timeout / timeoutOnClose: packets the host sent that the source can no longer receive (an ordered channel
 *    closes on its first timeout, after which acks would be refused: hence after 2);
 * 4. closeConfirm: the source closed its end; the host's end follows.
 */
export type WorkItem =
  | { kind: "recv"; packet: Packet; ordered: boolean }
  | { kind: "ack"; packet: Packet; acknowledgement: Uint8Array }
  | { kind: "timeout"; packet: Packet }
  | { kind: "timeoutOnClose"; packet: Packet }
  | { kind: "closeConfirm"; portId: string; channelId: string; sourcePortId: string; sourceChannelId: string };

export type WorkKind = WorkItem["kind"];

/** The host's end of the channel an item is about, and the packet sequence if any (for reports). */
export function describeItem(item: WorkItem): { portId: string; channelId: string; sequence?: bigint } {
  switch (item.kind) {
    case "recv":
      return {
        portId: item.packet.destinationPort,
        channelId: item.packet.destinationChannel,
        sequence: item.packet.sequence,
      };
    case "ack":
    case "timeout":
    case "timeoutOnClose":
      return { portId: item.packet.sourcePort, channelId: item.packet.sourceChannel, sequence: item.packet.sequence };
    case "closeConfirm":
      return { portId: item.portId, channelId: item.channelId };
  }
}

function chainHeight(chainId: string, status: ChainStatus): Height {
  return height(revisionOfChainId(chainId), status.height);
}

const bySequence = (x: Packet, y: Packet) => (x.sequence < y.sequence ? -1 : x.sequence > y.sequence ? 1 : 0);

/**
 * The work for `host` on one link. `hostStatus` and `sourceStatus` are the chains' latest blocks, read once per
 * plan so every decision of the pass is judged at the same point.
 */
export async function planLink(
  host: ChainEndpoint,
  source: ChainEndpoint,
  link: OrientedLink,
  hostStatus: ChainStatus,
  sourceStatus: ChainStatus,
): Promise<WorkItem[]> {
  const { host: hostEnd, source: sourceEnd } = link;
  const ordered = hostEnd.ordering === Order.ORDER_ORDERED;
  const sourceClosed = sourceEnd.state === State.STATE_CLOSED;
  const hostOpen = hostEnd.state === State.STATE_OPEN;
  const items: WorkItem[] = [];

  // 1. Receives. Not once the source closed its end: the packets are then timed out on close instead, so a
  // receive could never be acknowledged. A packet that will have timed out by the host's next block is left to
  // the timeout rule (the next block's time is unknown, so the timestamp is judged at the host's current time).
  if (hostOpen && !sourceClosed) {
    const committed = await source.queryPacketCommitments(sourceEnd.portId, sourceEnd.channelId);
    const unreceived =
      committed.length === 0 ? [] : await host.queryUnreceivedPackets(hostEnd.portId, hostEnd.channelId, committed);
    const packets =
      unreceived.length === 0 ? [] : await source.querySentPackets(sourceEnd.portId, sourceEnd.channelId, unreceived);
    const nextHeight = chainHeight(host.chainId, { ...hostStatus, height: hostStatus.height + 1n });
    for (const packet of [...packets].sort(bySequence)) {
      if (timeoutElapsed(timeoutOf(packet), nextHeight, hostStatus.timeNs)) {
        if (ordered) break; // nothing behind it can be received before it
        continue;
      }
      items.push({ kind: "recv", packet, ordered });
    }
  }

  // The host's packets still awaiting an acknowledgement or a timeout: what steps 2 and 3 are about. Asking the
  // source about these (never about every acknowledgement it ever wrote, which it keeps forever) keeps a pass
  // proportional to the pending work, not to the channel's history.
  const sent = await host.queryPacketCommitments(hostEnd.portId, hostEnd.channelId);

  // 2. Acknowledgements, while the host's end is open (acknowledging requires it).
  if (hostOpen && sent.length > 0) {
    const acked = await source.queryPacketAcknowledgements(sourceEnd.portId, sourceEnd.channelId, sent);
    const written =
      acked.length === 0 ? [] : await source.queryWrittenAcknowledgements(sourceEnd.portId, sourceEnd.channelId, acked);
    for (const { packet, acknowledgement } of [...written].sort((x, y) => bySequence(x.packet, y.packet))) {
      items.push({ kind: "ack", packet, acknowledgement });
    }
  }

  // 3. Timeouts of the host's packets the source never received and never will.
  const unreceivedOnSource =
    sent.length === 0 ? [] : await source.queryUnreceivedPackets(sourceEnd.portId, sourceEnd.channelId, sent);
  if (unreceivedOnSource.length > 0) {
    const packets = await host.querySentPackets(hostEnd.portId, hostEnd.channelId, unreceivedOnSource);
    const sourceHeight = chainHeight(source.chainId, sourceStatus);
    for (const packet of [...packets].sort(bySequence)) {
      if (sourceClosed) items.push({ kind: "timeoutOnClose", packet });
      else if (timeoutElapsed(timeoutOf(packet), sourceHeight, sourceStatus.timeNs)) {
        items.push({ kind: "timeout", packet });
      }
    }
  }

  // 4. The source closed its end (an application, or an ordered channel's timeout): confirm on the host.
  if (sourceClosed && hostEnd.state !== State.STATE_CLOSED) {
    items.push({
      kind: "closeConfirm",
      portId: hostEnd.portId,
      channelId: hostEnd.channelId,
      sourcePortId: sourceEnd.portId,
      sourceChannelId: sourceEnd.channelId,
    });
  }
  return items;
}
