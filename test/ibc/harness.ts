import { toBech32 } from "@cosmjs/encoding";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { MemoryKv } from "../../src/store/memory.js";
import {
  errorAcknowledgement,
  resultAcknowledgement,
  type Acknowledgement,
} from "../../src/ibc/channel/acknowledgement.js";
import { Order, type Packet, State } from "../../src/ibc/channel/types.js";
import { type Height, ZERO_HEIGHT } from "../../src/ibc/client/height.js";
import { SoloMachineSigner } from "../../src/ibc/client/solomachine/signer.js";
import { commitmentPrefixBytes } from "../../src/ibc/commitment/merkle.js";
import { IbcCore, type IbcMessageResult } from "../../src/ibc/core.js";
import { type BlockContext, IbcContext } from "../../src/ibc/context.js";
import { attribute, type IbcEvent } from "../../src/ibc/events.js";
import { fromHex, utf8 } from "../../src/ibc/bytes.js";
import {
  channelPath,
  connectionPath,
  packetAcknowledgementPath,
  packetCommitmentPath,
} from "../../src/ibc/host/paths.js";
import type { IbcMessageInput } from "../../src/ibc/messages.js";
import type { ChannelOpenInfo, IBCModule } from "../../src/ibc/port/module.js";
import { PortRouter } from "../../src/ibc/port/router.js";
import { defaultVersion } from "../../src/ibc/connection/version.js";

/**
 * Two in-memory chains and a tiny relay that moves messages and solo-machine proofs between them, the way a
 * relayer would: it reads the destination's client of the source to know which sequence to ask the source to sign.
 */

export const BLOCK_TIME_NS = 5_000_000_000n;
export const GENESIS_TIME_NS = 1_700_000_000_000_000_000n;

export class TestChain {
  readonly store = new MemoryKv();
  readonly router = new PortRouter();
  readonly signer: SoloMachineSigner;
  readonly core: IbcCore;
  readonly relayer: string;
  block: BlockContext & { height: bigint };

  constructor(
    readonly chainId: string,
    seed: number,
  ) {
    this.signer = new SoloMachineSigner(new Uint8Array(32).fill(seed));
    this.core = new IbcCore({ router: this.router, signer: this.signer, addressPrefix: "plg" });
    this.relayer = toBech32("plg", new Uint8Array(20).fill(seed));
    this.block = { chainId, height: 1n, timeNs: GENESIS_TIME_NS };
  }

  /** A context over the committed state (queries, proofs, direct keeper calls in tests). */
  ctx(): IbcContext {
    return this.core.context(this.store, this.block);
  }

  deliver(input: IbcMessageInput): IbcMessageResult {
    return this.core.deliver(this.store, this.block, input);
  }

  /**
   * Runs `fn` like a transaction of this chain (an application sending a packet, a transfer): its writes are kept
   * only if it returns; returns its result and events.
   */
  run<T>(fn: (ctx: IbcContext) => T): { result: T; events: IbcEvent[] } {
    const { ctx, write } = this.ctx().branch();
    const result = fn(ctx);
    const events = [...ctx.events];
    write();
    return { result, events };
  }

  /** Sends `data` from `port`/`channel` as an application would; returns the packet. */
  send(
    port: string,
    channel: string,
    data: string | Uint8Array,
    timeout: { height?: Height; timestamp?: bigint } = {},
  ): Packet {
    const { events } = this.run((ctx) =>
      this.core.sendPacket(ctx, {
        sourcePort: port,
        sourceChannel: channel,
        timeoutHeight: timeout.height ?? ZERO_HEIGHT,
        timeoutTimestamp:
          timeout.timestamp ?? (timeout.height === undefined ? this.block.timeNs + 3_600_000_000_000n : 0n),
        data: typeof data === "string" ? utf8(data) : data,
      }),
    );
    return sentPacket(events);
  }

  advance(blocks = 1n): void {
    this.block = {
      ...this.block,
      height: this.block.height + blocks,
      timeNs: this.block.timeNs + blocks * BLOCK_TIME_NS,
    };
  }

  clientSequence(clientId: string): bigint {
    return this.core.clients.latestHeight(this.ctx(), clientId).revisionHeight;
  }
}

/** One relayed path between two chains: the clients each keeps of the other, then a connection and channels. */
export class Relay {
  clientOnA = "";
  clientOnB = "";
  connectionOnA = "";
  connectionOnB = "";

  constructor(
    readonly a: TestChain,
    readonly b: TestChain,
  ) {}

  /** The diversifier `src` signs with for its client on `dst`. */
  static diversifier(src: TestChain, dst: TestChain): string {
    return `${src.chainId}>${dst.chainId}`;
  }

  other(chain: TestChain): TestChain {
    return chain === this.a ? this.b : this.a;
  }

  /** The client id on `dst` that follows `src`. */
  clientOn(dst: TestChain): string {
    return dst === this.a ? this.clientOnA : this.clientOnB;
  }

  connectionOn(chain: TestChain): string {
    return chain === this.a ? this.connectionOnA : this.connectionOnB;
  }

  /**
   * The request `src` signs at: the sequence `dst`'s client of `src` is at now. This relay is sequential: when the
   * client is still at a sequence `src` already signed for, that signature was never delivered (a refused message),
   * so it may be replaced.
   */
  request(src: TestChain) {
    const dst = this.other(src);
    const sequence = dst.clientSequence(this.clientOn(dst));
    return { diversifier: Relay.diversifier(src, dst), sequence, replaceUndelivered: true };
  }

  proof(src: TestChain, path: string): { proof: Uint8Array; proofHeight: Height } {
    const { proof, proofHeight } = src.core.proveState(src.ctx(), path, this.request(src));
    return { proof, proofHeight };
  }

  createClients(): void {
    const create = (dst: TestChain, src: TestChain) => {
      const states = src.core.selfClientStates(src.ctx(), Relay.diversifier(src, dst));
      const result = dst.deliver({
        typeUrl: "/ibc.core.client.v1.MsgCreateClient",
        value: { clientState: states.clientState, consensusState: states.consensusState, signer: dst.relayer },
      });
      return result.clientId!;
    };
    this.clientOnA = create(this.a, this.b);
    this.clientOnB = create(this.b, this.a);
  }

  /** Moves the client on `dst` of `src` to `src`'s current block time with a header. */
  updateClient(src: TestChain): IbcMessageResult {
    const dst = this.other(src);
    const clientMessage: Any = src.core.signClientUpdate(src.ctx(), this.request(src));
    return dst.deliver({
      typeUrl: "/ibc.core.client.v1.MsgUpdateClient",
      value: { clientId: this.clientOn(dst), clientMessage, signer: dst.relayer },
    });
  }

  /** The full connection handshake, started on `init` (A by default). */
  connect(init: TestChain = this.a): void {
    const tryChain = this.other(init);
    const prefix = { keyPrefix: commitmentPrefixBytes() };
    const initId = init.deliver({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenInit",
      value: {
        clientId: this.clientOn(init),
        counterparty: { clientId: this.clientOn(tryChain), connectionId: "", prefix },
        version: undefined,
        delayPeriod: 0n,
        signer: init.relayer,
      },
    }).connectionId!;
    const initProof = this.proof(init, connectionPath(initId));
    const tryId = tryChain.deliver({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenTry",
      value: {
        clientId: this.clientOn(tryChain),
        previousConnectionId: "",
        clientState: undefined,
        counterparty: { clientId: this.clientOn(init), connectionId: initId, prefix },
        delayPeriod: 0n,
        counterpartyVersions: [defaultVersion()],
        proofHeight: initProof.proofHeight,
        proofInit: initProof.proof,
        proofClient: new Uint8Array(),
        proofConsensus: new Uint8Array(),
        consensusHeight: ZERO_HEIGHT,
        signer: tryChain.relayer,
        hostConsensusStateProof: new Uint8Array(),
      },
    }).connectionId!;
    const tryProof = this.proof(tryChain, connectionPath(tryId));
    init.deliver({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenAck",
      value: {
        connectionId: initId,
        counterpartyConnectionId: tryId,
        version: defaultVersion(),
        clientState: undefined,
        proofHeight: tryProof.proofHeight,
        proofTry: tryProof.proof,
        proofClient: new Uint8Array(),
        proofConsensus: new Uint8Array(),
        consensusHeight: ZERO_HEIGHT,
        signer: init.relayer,
        hostConsensusStateProof: new Uint8Array(),
      },
    });
    const ackProof = this.proof(init, connectionPath(initId));
    tryChain.deliver({
      typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenConfirm",
      value: {
        connectionId: tryId,
        proofAck: ackProof.proof,
        proofHeight: ackProof.proofHeight,
        signer: tryChain.relayer,
      },
    });
    if (init === this.a) [this.connectionOnA, this.connectionOnB] = [initId, tryId];
    else [this.connectionOnB, this.connectionOnA] = [initId, tryId];
  }

  /** A full channel handshake between `port` on `init` and `counterpartyPort` on the other chain. */
  openChannel(opts: {
    init?: TestChain;
    port: string;
    counterpartyPort: string;
    order: Order;
    version: string;
  }): ChannelPair {
    const init = opts.init ?? this.a;
    const tryChain = this.other(init);
    const initResult = init.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
      value: {
        portId: opts.port,
        channel: {
          state: State.STATE_INIT,
          ordering: opts.order,
          counterparty: { portId: opts.counterpartyPort, channelId: "" },
          connectionHops: [this.connectionOn(init)],
          version: opts.version,
        },
        signer: init.relayer,
      },
    });
    const initChannel = initResult.channelId!;
    const initProof = this.proof(init, channelPath(opts.port, initChannel));
    const tryResult = tryChain.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenTry",
      value: {
        portId: opts.counterpartyPort,
        previousChannelId: "",
        channel: {
          state: State.STATE_TRYOPEN,
          ordering: opts.order,
          counterparty: { portId: opts.port, channelId: initChannel },
          connectionHops: [this.connectionOn(tryChain)],
          version: "",
        },
        counterpartyVersion: initResult.version!,
        proofInit: initProof.proof,
        proofHeight: initProof.proofHeight,
        signer: tryChain.relayer,
      },
    });
    const tryChannel = tryResult.channelId!;
    const tryProof = this.proof(tryChain, channelPath(opts.counterpartyPort, tryChannel));
    init.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenAck",
      value: {
        portId: opts.port,
        channelId: initChannel,
        counterpartyChannelId: tryChannel,
        counterpartyVersion: tryResult.version!,
        proofTry: tryProof.proof,
        proofHeight: tryProof.proofHeight,
        signer: init.relayer,
      },
    });
    const ackProof = this.proof(init, channelPath(opts.port, initChannel));
    tryChain.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenConfirm",
      value: {
        portId: opts.counterpartyPort,
        channelId: tryChannel,
        proofAck: ackProof.proof,
        proofHeight: ackProof.proofHeight,
        signer: tryChain.relayer,
      },
    });
    const initEnd = { chain: init, port: opts.port, channel: initChannel };
    const tryEnd = { chain: tryChain, port: opts.counterpartyPort, channel: tryChannel };
    return init === this.a ? { a: initEnd, b: tryEnd } : { a: tryEnd, b: initEnd };
  }

  /** MsgRecvPacket on the packet's destination, with a proof of its commitment from the source. */
  recvPacket(src: TestChain, packet: Packet): IbcMessageResult {
    const dst = this.other(src);
    const { proof, proofHeight } = this.proof(
      src,
      packetCommitmentPath(packet.sourcePort, packet.sourceChannel, packet.sequence),
    );
    return dst.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgRecvPacket",
      value: { packet, proofCommitment: proof, proofHeight, signer: dst.relayer },
    });
  }

  /** MsgAcknowledgement back on the source, with a proof of the ack from the destination. */
  acknowledge(src: TestChain, packet: Packet, acknowledgement: Uint8Array): IbcMessageResult {
    const dst = this.other(src);
    const { proof, proofHeight } = this.proof(
      dst,
      packetAcknowledgementPath(packet.destinationPort, packet.destinationChannel, packet.sequence),
    );
    return src.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgAcknowledgement",
      value: { packet, acknowledgement, proofAcked: proof, proofHeight, signer: src.relayer },
    });
  }

  /** MsgTimeout on the source: first the destination's time reaches the client, then the unreceived proof. */
  timeout(src: TestChain, packet: Packet): IbcMessageResult {
    const dst = this.other(src);
    this.updateClient(dst);
    const unreceived = dst.core.proveUnreceivedPacket(dst.ctx(), packet, this.request(dst));
    return src.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgTimeout",
      value: {
        packet,
        proofUnreceived: unreceived.proof,
        proofHeight: unreceived.proofHeight,
        nextSequenceRecv: unreceived.nextSequenceRecv,
        signer: src.relayer,
      },
    });
  }
}

export interface ChannelEnd {
  chain: TestChain;
  port: string;
  channel: string;
}

export interface ChannelPair {
  a: ChannelEnd;
  b: ChannelEnd;
}

/** Two chains with clients of each other and an open connection. */
export function connectedChains(): { alpha: TestChain; beta: TestChain; relay: Relay } {
  const alpha = new TestChain("alpha-1", 1);
  const beta = new TestChain("beta-1", 2);
  const relay = new Relay(alpha, beta);
  relay.createClients();
  relay.connect();
  return { alpha, beta, relay };
}

/** The packet of the last send_packet event. */
export function sentPacket(events: IbcEvent[]): Packet {
  const ev = [...events].reverse().find((e) => e.type === "send_packet");
  if (ev === undefined) throw new Error("no send_packet event");
  const get = (key: string) => attribute(ev, key)!;
  const [revisionNumber, revisionHeight] = get("packet_timeout_height").split("-").map(BigInt) as [bigint, bigint];
  return {
    sequence: BigInt(get("packet_sequence")),
    sourcePort: get("packet_src_port"),
    sourceChannel: get("packet_src_channel"),
    destinationPort: get("packet_dst_port"),
    destinationChannel: get("packet_dst_channel"),
    data: fromHex(get("packet_data_hex")),
    timeoutHeight: { revisionNumber, revisionHeight },
    timeoutTimestamp: BigInt(get("packet_timeout_timestamp")),
  };
}

/** The ack of the write_acknowledgement event, if any. */
export function writtenAck(events: IbcEvent[]): Uint8Array | undefined {
  const ev = events.find((e) => e.type === "write_acknowledgement");
  return ev === undefined ? undefined : fromHex(attribute(ev, "packet_ack_hex")!);
}

/**
 * A test application: records every callback; OnRecvPacket writes `app/recv/{seq}` and answers by the data:
 * "fail" → error ack, "async" → null, "throw" → throws, anything else → result ack echoing the data.
 */
export class RecordingApp implements IBCModule {
  readonly calls: string[] = [];
  refuse = new Set<string>();

  private check(name: string): void {
    this.calls.push(name);
    if (this.refuse.has(name)) throw new Error(`app refuses ${name}`);
  }

  onChanOpenInit(_ctx: IbcContext, channel: ChannelOpenInfo & { version: string }): string {
    this.check("openInit");
    return channel.version;
  }
  onChanOpenTry(_ctx: IbcContext, channel: ChannelOpenInfo & { counterpartyVersion: string }): string {
    this.check("openTry");
    return channel.counterpartyVersion;
  }
  onChanOpenAck(): void {
    this.check("openAck");
  }
  onChanOpenConfirm(): void {
    this.check("openConfirm");
  }
  onChanCloseInit(): void {
    this.check("closeInit");
  }
  onChanCloseConfirm(): void {
    this.check("closeConfirm");
  }
  onRecvPacket(ctx: IbcContext, { packet }: { packet: Packet }): Acknowledgement | null {
    this.calls.push(`recv:${packet.sequence}`);
    ctx.store.set(utf8(`app/recv/${packet.sequence}`), packet.data);
    ctx.emit({ type: "app_recv", attributes: [{ key: "sequence", value: packet.sequence.toString() }] });
    const text = Buffer.from(packet.data).toString();
    if (text === "fail") return errorAcknowledgement("app failed");
    if (text === "async") return null;
    if (text === "throw") throw new Error("app crashed");
    return resultAcknowledgement(packet.data);
  }
  onAcknowledgementPacket(ctx: IbcContext, { packet }: { packet: Packet }): void {
    this.check(`ack:${packet.sequence}`);
    ctx.store.set(utf8(`app/ack/${packet.sequence}`), new Uint8Array([1]));
  }
  onTimeoutPacket(ctx: IbcContext, { packet }: { packet: Packet }): void {
    this.check(`timeout:${packet.sequence}`);
    ctx.store.set(utf8(`app/timeout/${packet.sequence}`), new Uint8Array([1]));
  }
}

export { Order, State };
