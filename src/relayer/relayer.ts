import { setTimeout as sleep } from "node:timers/promises";
import { Order } from "../ibc/channel/types.js";
import type { ChainEndpoint } from "./chain.js";
import { clientsFollowing, createClient } from "./clients.js";
import { deliver, type DeliveryReport, type FailedItem } from "./deliver.js";
import { RelayerError } from "./errors.js";
import {
  type ChannelPair,
  type ChannelRequest,
  type ClientPair,
  type ConnectionPair,
  findOpenConnection,
  openChannel,
  openConnection,
} from "./handshake.js";
import { discoverLinks, type ChannelLink } from "./links.js";
import { describeItem, planLink, type WorkItem, type WorkKind } from "./work.js";

/**
 * A relayer between two chains, hermes-like: it creates the clients, connection and channels of a path, and moves
 * packets, acknowledgements, timeouts and channel closes between them. It keeps no state: each pass derives the
 * pending work from both chains, so passes are idempotent (a second pass over the same state does nothing) and a
 * relayer or node restarted at any point simply carries on.
 */
export interface RelayerOptions {
  /** Messages per transaction. Default 50. */
  maxMessagesPerTx?: number;
  /** Passes `clear` makes at most (each receive creates an ack the next pass relays). Default 6. */
  maxPasses?: number;
}

export interface RelayFailure {
  /** The chain that refused the message. */
  chainId: string;
  kind: WorkKind;
  portId: string;
  channelId: string;
  sequence?: bigint;
  error: { code: string; message: string };
}

/** What a pass or a clear did; messages found redundant (already relayed) are not counted. */
export interface RelaySummary {
  packets: number;
  acks: number;
  timeouts: number;
  /** Channel ends closed to follow their counterparty. */
  closes: number;
  failures: RelayFailure[];
}

export interface PathInfo {
  clients: ClientPair;
  connections: ConnectionPair;
}

export interface StartOptions {
  /** Pause between passes. Default 1000 ms. */
  intervalMs?: number;
  /** Stops the loop (after the current pass). */
  signal?: AbortSignal;
  /** Stops after this many passes (tests, one-shot runs). */
  maxPasses?: number;
  onPass?: (summary: RelaySummary, pass: number) => void;
  /** Errors of a pass (a node unreachable, a frozen client). Without it the first error ends the loop. */
  onError?: (error: unknown, pass: number) => void;
}

export function emptySummary(): RelaySummary {
  return { packets: 0, acks: 0, timeouts: 0, closes: 0, failures: [] };
}

/** Number of messages applied. */
export function relayedCount(s: RelaySummary): number {
  return s.packets + s.acks + s.timeouts + s.closes;
}

const COUNTER: Record<WorkKind, Exclude<keyof RelaySummary, "failures">> = {
  recv: "packets",
  ack: "acks",
  timeout: "timeouts",
  timeoutOnClose: "timeouts",
  closeConfirm: "closes",
};

function addInto(total: RelaySummary, s: RelaySummary): void {
  total.packets += s.packets;
  total.acks += s.acks;
  total.timeouts += s.timeouts;
  total.closes += s.closes;
  // The same item failing again in a later pass is reported once, with its latest error.
  for (const f of s.failures) {
    const same = (g: RelayFailure) =>
      g.chainId === f.chainId &&
      g.kind === f.kind &&
      g.portId === f.portId &&
      g.channelId === f.channelId &&
      g.sequence === f.sequence;
    const at = total.failures.findIndex(same);
    if (at >= 0) total.failures[at] = f;
    else total.failures.push(f);
  }
}

export class Relayer {
  private readonly maxMessagesPerTx: number;
  private readonly maxPasses: number;

  constructor(
    readonly a: ChainEndpoint,
    readonly b: ChainEndpoint,
    options: RelayerOptions = {},
  ) {
    if (a.chainId === b.chainId) {
      throw new RelayerError("relayer.same_chain", `both ends of the path are ${a.chainId}`, { chainId: a.chainId });
    }
    this.maxMessagesPerTx = positive(options.maxMessagesPerTx ?? 50, "maxMessagesPerTx");
    this.maxPasses = positive(options.maxPasses ?? 6, "maxPasses");
  }

  /** A client on each chain following the other: the oldest existing active one, else a new one. */
  async createClients(): Promise<ClientPair> {
    const [onA] = await clientsFollowing(this.a, this.b);
    const [onB] = await clientsFollowing(this.b, this.a);
    return { a: onA ?? (await createClient(this.a, this.b)), b: onB ?? (await createClient(this.b, this.a)) };
  }

  /** An OPEN connection between clients following each other: an existing one if any, else a new handshake. */
  async createConnection(): Promise<PathInfo> {
    const onA = await clientsFollowing(this.a, this.b);
    const onB = await clientsFollowing(this.b, this.a);
    for (const a of onA) {
      for (const b of onB) {
        const connections = await findOpenConnection(this.a, this.b, { a, b });
        if (connections !== undefined) return { clients: { a, b }, connections };
      }
    }
    const clients = await this.createClients();
    return { clients, connections: await openConnection(this.a, this.b, clients) };
  }

  /** A new channel between `portA` on a and `portB` on b, creating clients and a connection if none exist. */
  async createChannel(request: {
    portA: string;
    portB: string;
    version: string;
    order?: Order;
  }): Promise<PathInfo & { channel: ChannelPair }> {
    const path = await this.createConnection();
    const full: ChannelRequest = { ...request, order: request.order ?? Order.ORDER_UNORDERED };
    const channel = await openChannel(this.a, this.b, path.clients, path.connections, full);
    return { ...path, channel };
  }

  /** The channels this relayer serves, as found on both chains. */
  links(): Promise<ChannelLink[]> {
    return discoverLinks(this.a, this.b);
  }

  /**
   * One pass: the work for b (from a's proofs) is planned and delivered, then the work for a, planned after b's
   * transaction so a's pass already carries the acks b just wrote.
   */
  async relayOnce(): Promise<RelaySummary> {
    const summary = emptySummary();
    addInto(summary, await this.relayTo(this.b, this.a, "b"));
    addInto(summary, await this.relayTo(this.a, this.b, "a"));
    return summary;
  }

  /** Passes until nothing is left to relay (at most `maxPasses`): everything pending is relayed once. */
  async clear(): Promise<RelaySummary> {
    const total = emptySummary();
    for (let pass = 0; pass < this.maxPasses; pass++) {
      const summary = await this.relayOnce();
      addInto(total, summary);
      if (relayedCount(summary) === 0) break;
    }
    return total;
  }

  /** Keeps clearing every `intervalMs` until `signal` aborts or `maxPasses` passes ran; returns the totals. */
  start(options: StartOptions = {}): Promise<RelaySummary> {
    return relayContinuously(() => this.clear(), options);
  }

  private async relayTo(host: ChainEndpoint, source: ChainEndpoint, side: "a" | "b"): Promise<RelaySummary> {
    const summary = emptySummary();
    const links = await this.links();
    if (links.length === 0) return summary;
    const [hostStatus, sourceStatus] = await Promise.all([host.status(), source.status()]);
    // Proofs for a link's host end are checked by that end's client: group the work by client.
    const byClient = new Map<string, WorkItem[]>();
    for (const link of links) {
      const oriented = side === "a" ? { host: link.a, source: link.b } : { host: link.b, source: link.a };
      const items = await planLink(host, source, oriented, hostStatus, sourceStatus);
      const list = byClient.get(oriented.host.clientId) ?? [];
      list.push(...items);
      byClient.set(oriented.host.clientId, list);
    }
    for (const [clientId, items] of byClient) {
      if (items.length === 0) continue;
      let report: DeliveryReport;
      try {
        report = await deliver(host, source, clientId, items, { maxMessagesPerTx: this.maxMessagesPerTx });
      } catch (error) {
        // A frozen client fails every item proven to it, and nothing else: other clients' links carry on.
        if (!(error instanceof RelayerError && error.code === "relayer.client_frozen")) throw error;
        const reason = { code: error.code, message: error.message };
        report = { delivered: [], redundant: [], failed: items.map((item) => ({ item, error: reason })) };
      }
      for (const item of report.delivered) summary[COUNTER[item.kind]]++;
      summary.failures.push(...report.failed.map((f) => failure(host, f)));
    }
    return summary;
  }
}

/**
 * Runs `clear` (one clear of a path: `Relayer.clear`, or one made on endpoints opened just for it) every
 * `intervalMs` until `signal` aborts or `maxPasses` passes ran; returns the totals. A pass that throws goes to
 * `onError` (or ends the loop when there is none).
 */
export async function relayContinuously(
  clear: () => Promise<RelaySummary>,
  options: StartOptions = {},
): Promise<RelaySummary> {
  const total = emptySummary();
  const intervalMs = options.intervalMs ?? 1000;
  for (let pass = 1; options.maxPasses === undefined || pass <= options.maxPasses; pass++) {
    if (options.signal?.aborted) break;
    try {
      const summary = await clear();
      addInto(total, summary);
      options.onPass?.(summary, pass);
    } catch (error) {
      if (options.onError === undefined) throw error;
      options.onError(error, pass);
    }
    if (options.maxPasses !== undefined && pass >= options.maxPasses) break;
    try {
      await sleep(intervalMs, undefined, { signal: options.signal });
    } catch (error) {
      if ((error as Error).name === "AbortError") break;
      throw error;
    }
  }
  return total;
}

function failure(host: ChainEndpoint, { item, error }: FailedItem): RelayFailure {
  return { chainId: host.chainId, kind: item.kind, ...describeItem(item), error };
}

function positive(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1) {
    throw new RelayerError("relayer.invalid_argument", `${name} must be a positive integer, got ${n}`, { [name]: n });
  }
  return n;
}
