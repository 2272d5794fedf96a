import type { Packet } from "../../src/ibc/channel/types.js";
import type { IbcContext } from "../../src/ibc/context.js";
import type { IbcEvent } from "../../src/ibc/events.js";
import { utf8 } from "../../src/ibc/bytes.js";
import {
  type Acknowledgement,
  errorAcknowledgement,
  resultAcknowledgement,
} from "../../src/ibc/channel/acknowledgement.js";
import type { ChannelOpenInfo, IBCModule } from "../../src/ibc/port/module.js";
import type { ChainEndpoint, SubmitResult } from "../../src/relayer/chain.js";
import { MemoryChain, MemoryChainDisk, type MemoryChainOptions } from "../../src/relayer/memory_chain.js";
import { Relayer, type RelayerOptions } from "../../src/relayer/relayer.js";
import { Order } from "../../src/ibc/channel/types.js";
import { ed25519 } from "@noble/curves/ed25519.js";
import { Misbehaviour } from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { MISBEHAVIOUR_TYPE_URL } from "../../src/ibc/client/solomachine/client-state.js";
import { proofSignBytes } from "../../src/ibc/client/solomachine/proof.js";
import { encodeSingleSignature } from "../../src/ibc/client/solomachine/signature.js";
import { applyPrefix, encodeMerklePath } from "../../src/ibc/commitment/merkle.js";
import { soloMachineClientView } from "../../src/relayer/clients.js";
import { toAny } from "../../src/relayer/submit.js";

/** Two in-memory chains, "alpha-1" and "beta-1", each with ICS-20 on "transfer" and a `PingApp` on "ping". */
export function twoChains(options: Partial<MemoryChainOptions> = {}) {
  const make = (chainId: string, seed: number) =>
    new MemoryChain({
      chainId,
      nodeKey: new Uint8Array(32).fill(seed),
      bindPorts: (chain) => chain.router.addRoute("ping", new PingApp()),
      ...options,
    });
  const alpha = make("alpha-1", 1);
  const beta = make("beta-1", 2);
  return { alpha, beta, pingOn: (chain: MemoryChain) => new PingLog(chain) };
}

/** Two chains with an open unordered transfer channel between them, Alice funded on alpha and Bob on beta. */
export async function transferPath(relayerOptions: RelayerOptions = {}) {
  const { alpha, beta, pingOn } = twoChains();
  const relayer = new Relayer(alpha, beta, relayerOptions);
  const path = await relayer.createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  const alice = alpha.address("alice");
  const bob = beta.address("bob");
  alpha.mint(alice, [{ denom: "ugrid", amount: 1_000_000n }]);
  beta.mint(bob, [{ denom: "uwatt", amount: 1_000_000n }]);
  return {
    alpha,
    beta,
    pingOn,
    relayer,
    path,
    alice,
    bob,
    chA: path.channel.a.channelId,
    chB: path.channel.b.channelId,
  };
}

/**
 * A test application: OnRecvPacket answers by the data: "fail" → error ack, "async" → none yet (written later),
 * anything else → a result ack echoing the data; "bad-ack" makes OnAcknowledgementPacket throw. It records its
 * callbacks in the chain's state, so a callback of a transaction that failed leaves no record.
 */
export class PingApp implements IBCModule {
  private record(ctx: IbcContext, kind: string, channelId: string, sequence: bigint): void {
    const key = utf8(`ping/${kind}/${channelId}/${sequence.toString().padStart(20, "0")}`);
    const count = ctx.store.get(key)?.[0] ?? 0;
    ctx.store.set(key, new Uint8Array([count + 1]));
  }

  onChanOpenInit(_ctx: IbcContext, channel: ChannelOpenInfo & { version: string }): string {
    return channel.version;
  }
  onChanOpenTry(_ctx: IbcContext, channel: ChannelOpenInfo & { counterpartyVersion: string }): string {
    return channel.counterpartyVersion;
  }
  onChanOpenAck(): void {}
  onChanOpenConfirm(): void {}
  onChanCloseInit(ctx: IbcContext, { channelId }: { channelId: string }): void {
    this.record(ctx, "closeInit", channelId, 0n);
  }
  onChanCloseConfirm(ctx: IbcContext, { channelId }: { channelId: string }): void {
    this.record(ctx, "closeConfirm", channelId, 0n);
  }
  onRecvPacket(ctx: IbcContext, { packet }: { packet: Packet }): Acknowledgement | null {
    this.record(ctx, "recv", packet.destinationChannel, packet.sequence);
    const text = Buffer.from(packet.data).toString();
    if (text === "fail") return errorAcknowledgement("ping failed");
    if (text === "async") return null;
    return resultAcknowledgement(packet.data);
  }
  onAcknowledgementPacket(ctx: IbcContext, { packet }: { packet: Packet }): void {
    // A contract error in ibc_packet_ack fails the relayer's whole transaction (wasmd).
    if (Buffer.from(packet.data).toString() === "bad-ack") throw new Error("ping refuses this acknowledgement");
    this.record(ctx, "ack", packet.sourceChannel, packet.sequence);
  }
  onTimeoutPacket(ctx: IbcContext, { packet }: { packet: Packet }): void {
    this.record(ctx, "timeout", packet.sourceChannel, packet.sequence);
  }
}

/** What the ping app on a chain recorded: sequences by callback, ascending, once per call that took effect. */
export class PingLog {
  constructor(private readonly chain: MemoryChain) {}

  private read(kind: string): { channelId: string; sequence: bigint }[] {
    const prefix = `ping/${kind}/`;
    const out: { channelId: string; sequence: bigint }[] = [];
    for (const { key, value } of this.chain.disk.state.iterate(utf8(prefix), utf8(`ping/${kind}0`))) {
      const [channelId, sequence] = Buffer.from(key).toString().slice(prefix.length).split("/");
      for (let i = 0; i < value[0]!; i++) out.push({ channelId: channelId!, sequence: BigInt(sequence!) });
    }
    return out;
  }

  get received(): bigint[] {
    return this.read("recv").map((r) => r.sequence);
  }
  get acknowledged(): bigint[] {
    return this.read("ack").map((r) => r.sequence);
  }
  get timedOut(): bigint[] {
    return this.read("timeout").map((r) => r.sequence);
  }
  get closed(): string[] {
    return [
      ...this.read("closeInit").map((r) => `init:${r.channelId}`),
      ...this.read("closeConfirm").map((r) => `confirm:${r.channelId}`),
    ];
  }
}

/** Sends `data` from the ping port as an application would (in its own block); returns the packet. */
export function ping(
  chain: MemoryChain,
  channelId: string,
  data: string,
  timeout: { height?: bigint; timestamp?: bigint } = {},
): Packet {
  const counterpartyRevision = 1n; // both test chains are revision 1
  const sequence = chain.run((ctx) =>
    chain.core.sendPacket(ctx, {
      sourcePort: "ping",
      sourceChannel: channelId,
      timeoutHeight: {
        revisionNumber: timeout.height === undefined ? 0n : counterpartyRevision,
        revisionHeight: timeout.height ?? 0n,
      },
      timeoutTimestamp:
        timeout.timestamp ?? (timeout.height === undefined ? chain.head.timeNs + 3_600_000_000_000n : 0n),
      data: utf8(data),
    }),
  );
  return chain.querySentPackets("ping", channelId, [sequence])[0]!;
}

/** Events of every committed block of a chain, oldest first. */
export function allEvents(chain: MemoryChain): IbcEvent[] {
  return chain.disk.blocks.flatMap((b) => b.events);
}

/** How many times each packet sequence was received (recv_packet events) on a chain's channel. */
export function receiveCounts(chain: MemoryChain, channelId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ev of allEvents(chain)) {
    if (ev.type !== "recv_packet") continue;
    const get = (k: string) => ev.attributes.find((a) => a.key === k)?.value;
    if (get("packet_dst_channel") !== channelId) continue;
    const seq = get("packet_sequence")!;
    counts.set(seq, (counts.get(seq) ?? 0) + 1);
  }
  return counts;
}

/**
 * An endpoint that forwards to a chain but can be told how its next submit goes wrong: "deliver-half" submits the
 * first half of the messages as a transaction and then throws (the relayer dies with half a batch delivered),
 * "deliver-then-throw" submits everything and throws before answering, "throw" throws without submitting.
 */
export class FaultyEndpoint implements ChainEndpoint {
  nextFault: "deliver-half" | "deliver-then-throw" | "throw" | undefined;
  /** Answer failures without saying which message failed. */
  hideFailedIndex = false;
  /** Runs before each submit (e.g. another relayer racing this one). */
  beforeSubmit: (() => Promise<void>) | undefined;
  /** Message count of every submit, in order. */
  readonly submitted: number[] = [];

  constructor(readonly inner: MemoryChain) {}

  get chainId() {
    return this.inner.chainId;
  }
  get signer() {
    return this.inner.signer;
  }
  status() {
    return this.inner.status();
  }
  queryClientStates() {
    return this.inner.queryClientStates();
  }
  queryClientState(clientId: string) {
    return this.inner.queryClientState(clientId);
  }
  queryConnections() {
    return this.inner.queryConnections();
  }
  queryChannels() {
    return this.inner.queryChannels();
  }
  queryPacketCommitments(portId: string, channelId: string) {
    return this.inner.queryPacketCommitments(portId, channelId);
  }
  queryPacketAcknowledgements(portId: string, channelId: string, sequences?: bigint[]) {
    return this.inner.queryPacketAcknowledgements(portId, channelId, sequences);
  }
  queryUnreceivedPackets(portId: string, channelId: string, sequences: bigint[]) {
    return this.inner.queryUnreceivedPackets(portId, channelId, sequences);
  }
  queryUnreceivedAcks(portId: string, channelId: string, sequences: bigint[]) {
    return this.inner.queryUnreceivedAcks(portId, channelId, sequences);
  }
  querySentPackets(portId: string, channelId: string, sequences: bigint[]) {
    return this.inner.querySentPackets(portId, channelId, sequences);
  }
  queryWrittenAcknowledgements(portId: string, channelId: string, sequences: bigint[]) {
    return this.inner.queryWrittenAcknowledgements(portId, channelId, sequences);
  }
  selfClientStates(diversifier: string) {
    return this.inner.selfClientStates(diversifier);
  }
  proveState(...args: Parameters<MemoryChain["proveState"]>) {
    return this.inner.proveState(...args);
  }
  proveUnreceivedPacket(...args: Parameters<MemoryChain["proveUnreceivedPacket"]>) {
    return this.inner.proveUnreceivedPacket(...args);
  }
  signClientUpdate(...args: Parameters<MemoryChain["signClientUpdate"]>) {
    return this.inner.signClientUpdate(...args);
  }
  async submit(messages: Parameters<MemoryChain["submit"]>[0]): Promise<SubmitResult> {
    const fault = this.nextFault;
    this.nextFault = undefined;
    const hook = this.beforeSubmit;
    this.beforeSubmit = undefined;
    await hook?.();
    this.submitted.push(messages.length);
    if (fault === "throw") throw new Error("connection reset (injected)");
    if (fault === "deliver-half") {
      const result = this.inner.submit(messages.slice(0, Math.floor(messages.length / 2)));
      if (!result.committed) throw new Error(`half batch failed: ${result.error.message}`);
      throw new Error("relayer crashed after half a batch (injected)");
    }
    const result = this.inner.submit(messages);
    if (fault === "deliver-then-throw") throw new Error("relayer crashed before reading the result (injected)");
    if (!result.committed && this.hideFailedIndex) return { ...result, failedMessageIndex: undefined };
    return result;
  }
}

/**
 * Freezes `host`'s client `clientId` with misbehaviour: two different messages signed at its sequence with the
 * source's key (`sourceSeed` fills the 32-byte key, as in `twoChains`).
 */
export function freezeClient(host: MemoryChain, clientId: string, sourceSeed: number): void {
  const view = soloMachineClientView(clientId, host.queryClientState(clientId)!)!;
  const secret = new Uint8Array(32).fill(sourceSeed);
  const sign = (data: string) => {
    const path = encodeMerklePath(applyPrefix(utf8("ibc"), utf8("clients/x/clientState")));
    const timestamp = view.timestampNs;
    const bytes = proofSignBytes({
      sequence: view.sequence,
      timestamp,
      diversifier: view.diversifier,
      key: path,
      data: utf8(data),
    });
    return { signature: encodeSingleSignature(ed25519.sign(bytes, secret)), path, data: utf8(data), timestamp };
  };
  const misbehaviour = { sequence: view.sequence, signatureOne: sign("one"), signatureTwo: sign("two") };
  const result = host.submit([
    toAny({
      typeUrl: "/ibc.core.client.v1.MsgSubmitMisbehaviour",
      value: {
        clientId,
        misbehaviour: { typeUrl: MISBEHAVIOUR_TYPE_URL, value: Misbehaviour.encode(misbehaviour).finish() },
        signer: host.signer,
      },
    }),
  ]);
  if (!result.committed) throw new Error(result.error.message);
}

export { MemoryChain, MemoryChainDisk, Order, Relayer };
