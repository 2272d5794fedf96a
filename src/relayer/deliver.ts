import type { Any } from "cosmjs-types/google/protobuf/any";
import { PlurigridError } from "../errors.js";
import { timeoutElapsed, timeoutOf } from "../ibc/channel/timeout.js";
import { State } from "../ibc/channel/types.js";
import { height, revisionOfChainId } from "../ibc/client/height.js";
import { channelPath, packetAcknowledgementPath, packetCommitmentPath } from "../ibc/host/paths.js";
import type { ChainEndpoint } from "./chain.js";
import { readClient } from "./clients.js";
import { Prover } from "./prover.js";
import { isNoop, toAny } from "./submit.js";
import type { WorkItem } from "./work.js";

/**
 * Turns planned work into batched transactions on the host: proofs signed by the source at consecutive sequences
 * of the host's client, in message order, at most `maxMessagesPerTx` messages per transaction.
 *
 * A transaction is atomic, so a failure means nothing of it happened and the client is where it was. If the chain
 * moved on since planning (another relayer delivered some of the work, or proved to the client), the work still
 * pending is proven again and resubmitted. Otherwise, when the host names the failing message, that one item is set
 * aside (reported) and the rest is proven again from the client's sequence and resubmitted; items an ordered channel
 * cannot take without it wait for the next pass. When the host does not say which message failed, the chunk is
 * retried one message per transaction to find out.
 */
export interface FailedItem {
  item: WorkItem;
  error: { code: string; message: string };
}

export interface DeliveryReport {
  /** Applied by the host. */
  delivered: WorkItem[];
  /** Accepted as redundant (someone relayed them first): nothing changed. */
  redundant: WorkItem[];
  failed: FailedItem[];
}

export interface DeliveryOptions {
  maxMessagesPerTx: number;
}

const emptyReport = (): DeliveryReport => ({ delivered: [], redundant: [], failed: [] });

function merge(into: DeliveryReport, from: DeliveryReport): void {
  into.delivered.push(...from.delivered);
  into.redundant.push(...from.redundant);
  into.failed.push(...from.failed);
}

/** Delivers `items` to `host`, proven by `source` to the host's client `clientId`. */
export async function deliver(
  host: ChainEndpoint,
  source: ChainEndpoint,
  clientId: string,
  items: readonly WorkItem[],
  options: DeliveryOptions,
): Promise<DeliveryReport> {
  const report = emptyReport();
  for (let start = 0; start < items.length; start += options.maxMessagesPerTx) {
    merge(report, await deliverChunk(host, source, clientId, items.slice(start, start + options.maxMessagesPerTx)));
  }
  return report;
}

/** An ordered channel receives in sequence: once a receive is set aside, later ones on that channel must wait. */
function blockedBy(item: WorkItem, failed: WorkItem): boolean {
  return (
    item.kind === "recv" &&
    failed.kind === "recv" &&
    item.ordered &&
    item.packet.destinationPort === failed.packet.destinationPort &&
    item.packet.destinationChannel === failed.packet.destinationChannel &&
    item.packet.sequence > failed.packet.sequence
  );
}

async function deliverChunk(
  host: ChainEndpoint,
  source: ChainEndpoint,
  clientId: string,
  chunk: WorkItem[],
): Promise<DeliveryReport> {
  const report = emptyReport();
  let pending = chunk;
  // Each failed attempt sets an item aside or drops work that became stale, so this bound is never reached unless
  // another relayer keeps consuming the client's sequences; then the next pass takes over.
  for (let attempt = 0; pending.length > 0 && attempt <= chunk.length + 2; attempt++) {
    const built = await build(host, source, clientId, pending);
    report.failed.push(...built.refused);
    const proven = built.owners.filter((o): o is WorkItem => o !== undefined);
    if (proven.length === 0) break; // nothing left worth a transaction
    const result = await host.submit(built.messages);
    if (result.committed) {
      result.messages.forEach((message, i) => {
        const item = built.owners[i];
        if (item !== undefined) (isNoop(message) ? report.redundant : report.delivered).push(item);
      });
      break;
    }
    // Someone else relayed part of the work, or proved to this client, since it was planned: a redundant message
    // consumes no sequence, so every proof after it fails. Not this batch's fault: retry what is still pending.
    const stillPending = await filterPending(host, proven);
    const clientMoved = (await readClient(host, clientId)).sequence !== built.firstSequence;
    if (stillPending.length < proven.length || clientMoved) {
      pending = stillPending;
      continue;
    }
    const index = result.failedMessageIndex;
    const failed = index === undefined ? undefined : built.owners[index];
    if (failed === undefined) {
      if (index === undefined && proven.length > 1) {
        // The host did not say which message failed: one transaction per message finds it.
        for (const item of proven) merge(report, await deliverChunk(host, source, clientId, [item]));
      } else {
        // The failing message is the client update every timeout depends on, or the only one.
        for (const item of proven) report.failed.push({ item, error: result.error });
      }
      break;
    }
    report.failed.push({ item: failed, error: result.error });
    pending = proven.filter((o) => o !== failed && !blockedBy(o, failed));
  }
  return report;
}

/** The items whose work the host still needs (checked on its state after a failed transaction). */
async function filterPending(host: ChainEndpoint, items: WorkItem[]): Promise<WorkItem[]> {
  const out: WorkItem[] = [];
  let channels: Awaited<ReturnType<ChainEndpoint["queryChannels"]>> | undefined;
  for (const item of items) {
    let pending: boolean;
    if (item.kind === "recv") {
      const { destinationPort, destinationChannel, sequence } = item.packet;
      pending = (await host.queryUnreceivedPackets(destinationPort, destinationChannel, [sequence])).length > 0;
    } else if (item.kind === "closeConfirm") {
      channels ??= await host.queryChannels();
      const end = channels.find((c) => c.portId === item.portId && c.channelId === item.channelId);
      pending = end !== undefined && end.state !== State.STATE_CLOSED;
    } else {
      // Acks and timeouts are pending while the host still holds the packet's commitment.
      const { sourcePort, sourceChannel, sequence } = item.packet;
      pending = (await host.queryUnreceivedAcks(sourcePort, sourceChannel, [sequence])).length > 0;
    }
    if (pending) out.push(item);
  }
  return out;
}

interface Built {
  /** The client's sequence the first proof was signed at. */
  firstSequence: bigint;
  messages: Any[];
  /** The item behind each message; undefined for the client update. */
  owners: (WorkItem | undefined)[];
  /** Items whose proof the source refused (its state moved on since planning). */
  refused: FailedItem[];
}

/** Proves every item, in order, from the host's client's current sequence. */
async function build(host: ChainEndpoint, source: ChainEndpoint, clientId: string, items: WorkItem[]): Promise<Built> {
  const prover = await Prover.open(source, host, clientId);
  const built: Built = { firstSequence: prover.client.sequence, messages: [], owners: [], refused: [] };
  // A timeout by timestamp is judged against the time the client knows of the source, read before the timeout's
  // own proof: a header carries the source's current time there first.
  const status = await source.status();
  const sourceHeight = height(revisionOfChainId(source.chainId), status.height);
  const needsHeader = items.some(
    (i) => i.kind === "timeout" && !timeoutElapsed(timeoutOf(i.packet), sourceHeight, prover.client.timestampNs),
  );
  if (needsHeader) {
    const clientMessage = await prover.header();
    built.messages.push(
      toAny({
        typeUrl: "/ibc.core.client.v1.MsgUpdateClient",
        value: { clientId, clientMessage, signer: host.signer },
      }),
    );
    built.owners.push(undefined);
  }
  for (const item of items) {
    const mark = prover.mark();
    try {
      built.messages.push(await messageFor(item, prover, host.signer));
      built.owners.push(item);
    } catch (error) {
      // Only the source refusing this proof is this item's problem; anything else (a transport) ends the pass.
      if (!(error instanceof PlurigridError)) throw error;
      prover.rewind(mark);
      built.refused.push({ item, error: { code: error.code, message: error.message } });
    }
  }
  return built;
}

async function messageFor(item: WorkItem, prover: Prover, signer: string): Promise<Any> {
  switch (item.kind) {
    case "recv": {
      const { packet } = item;
      const { proof, proofHeight } = await prover.proveState(
        packetCommitmentPath(packet.sourcePort, packet.sourceChannel, packet.sequence),
      );
      return toAny({
        typeUrl: "/ibc.core.channel.v1.MsgRecvPacket",
        value: { packet, proofCommitment: proof, proofHeight, signer },
      });
    }
    case "ack": {
      const { packet, acknowledgement } = item;
      const { proof, proofHeight } = await prover.proveState(
        packetAcknowledgementPath(packet.destinationPort, packet.destinationChannel, packet.sequence),
      );
      return toAny({
        typeUrl: "/ibc.core.channel.v1.MsgAcknowledgement",
        value: { packet, acknowledgement, proofAcked: proof, proofHeight, signer },
      });
    }
    case "timeout": {
      const { packet } = item;
      const unreceived = await prover.proveUnreceived(packet);
      return toAny({
        typeUrl: "/ibc.core.channel.v1.MsgTimeout",
        value: {
          packet,
          proofUnreceived: unreceived.proof,
          proofHeight: unreceived.proofHeight,
          nextSequenceRecv: unreceived.nextSequenceRecv,
          signer,
        },
      });
    }
    case "timeoutOnClose": {
      const { packet } = item;
      // The host checks the closed channel end first, then the absence: sign in that order.
      const closed = await prover.proveState(channelPath(packet.destinationPort, packet.destinationChannel));
      const unreceived = await prover.proveUnreceived(packet);
      return toAny({
        typeUrl: "/ibc.core.channel.v1.MsgTimeoutOnClose",
        value: {
          packet,
          proofUnreceived: unreceived.proof,
          proofClose: closed.proof,
          proofHeight: unreceived.proofHeight,
          nextSequenceRecv: unreceived.nextSequenceRecv,
          signer,
        },
      });
    }
    case "closeConfirm": {
      const { proof, proofHeight } = await prover.proveState(channelPath(item.sourcePortId, item.sourceChannelId));
      return toAny({
        typeUrl: "/ibc.core.channel.v1.MsgChannelCloseConfirm",
        value: { portId: item.portId, channelId: item.channelId, proofInit: proof, proofHeight, signer },
      });
    }
  }
}
