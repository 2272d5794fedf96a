import { sha256 } from "../crypto/index.js";
import { toBech32 } from "@cosmjs/encoding";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { PlurigridError } from "../errors.js";
import { utf8 } from "../ibc/bytes.js";
import type { Coin } from "../ibc/apps/transfer/bank.js";
import { TransferModule } from "../ibc/apps/transfer/module.js";
import type { Packet } from "../ibc/channel/types.js";
import { type Height, ZERO_HEIGHT } from "../ibc/client/height.js";
import { SoloMachineSigner } from "../ibc/client/solomachine/signer.js";
import type { BlockContext, IbcContext } from "../ibc/context.js";
import { IbcCore } from "../ibc/core.js";
import type { IbcEvent } from "../ibc/events.js";
import { PortRouter } from "../ibc/port/router.js";
import type { ProofRequest } from "../ibc/proofs.js";
import * as queries from "../ibc/queries.js";
import { CacheKv } from "../store/cache.js";
import { MemoryKv } from "../store/memory.js";
import type { ChainEndpoint, ChainStatus, MessageResult, SubmitResult } from "./chain.js";
import { PacketEventIndex } from "./events.js";
import { MemoryBank } from "./memory_bank.js";

/**
 * A chain in memory, the shape a node gives the relayer: IbcCore over a store, a bank with ICS-20 bound to
 * "transfer", blocks with their own height and time (one block per submitted tx, never the wall clock), and the
 * events of committed blocks indexed for packet lookups. It runs the relayer's tests and node-less demos.
 *
 * Everything a real node would keep on disk lives in a `MemoryChainDisk`; `restart()` builds a fresh chain (new
 * core, router, signer and index) over the same disk, as a node restarting on its home would.
 */
export interface MemoryBlock {
  height: bigint;
  timeNs: bigint;
  /** Events of the block's successful transactions, in order (failed txs leave none, as in the SDK). */
  events: IbcEvent[];
}

export class MemoryChainDisk {
  readonly state = new MemoryKv();
  readonly signerJournal = new MemoryKv();
  readonly blocks: MemoryBlock[] = [];
}

export interface MemoryChainOptions {
  /** With a revision suffix, e.g. `grid-1`. */
  chainId: string;
  /** The node's 32-byte ed25519 secret key: its solo-machine identity. */
  nodeKey: Uint8Array;
  /** Bech32 prefix of the chain's addresses. Default "plg". */
  addressPrefix?: string;
  /** The relayer's account on this chain; by default one derived from the chain id. */
  relayerAddress?: string;
  genesisTimeNs?: bigint;
  /** Time between blocks. Default 5 s. */
  blockTimeNs?: bigint;
  /** Binds further applications to ports ("transfer" is bound already); runs again on every restart. */
  bindPorts?: (chain: MemoryChain) => void;
}

export const DEFAULT_GENESIS_TIME_NS = 1_700_000_000_000_000_000n;
export const DEFAULT_BLOCK_TIME_NS = 5_000_000_000n;

export interface TransferArgs {
  sourceChannel: string;
  sender: string;
  receiver: string;
  denom: string;
  amount: bigint;
  /** On the receiving chain: (its revision, height). Zero: none. */
  timeoutHeight?: Height;
  /** Nanoseconds on the receiving chain's clock. Zero: none. Default (when no height either): one hour from now. */
  timeoutTimestamp?: bigint;
  memo?: string;
}

export class MemoryChain implements ChainEndpoint {
  readonly chainId: string;
  readonly signer: string;
  readonly addressPrefix: string;
  readonly router = new PortRouter();
  readonly core: IbcCore;
  readonly bank = new MemoryBank();
  readonly transferModule: TransferModule;
  private readonly blockTimeNs: bigint;
  private readonly index = new PacketEventIndex();

  constructor(
    private readonly options: MemoryChainOptions,
    readonly disk: MemoryChainDisk = new MemoryChainDisk(),
  ) {
    this.chainId = options.chainId;
    this.addressPrefix = options.addressPrefix ?? "plg";
    this.signer = options.relayerAddress ?? addressOf(this.addressPrefix, `relayer@${options.chainId}`);
    this.blockTimeNs = options.blockTimeNs ?? DEFAULT_BLOCK_TIME_NS;
    const signer = new SoloMachineSigner(options.nodeKey, disk.signerJournal);
    this.core = new IbcCore({ router: this.router, signer, addressPrefix: this.addressPrefix });
    this.transferModule = new TransferModule({ ics4: this.core, bank: this.bank, addressPrefix: this.addressPrefix });
    this.router.addRoute(this.transferModule.portId, this.transferModule);
    if (disk.blocks.length === 0) {
      disk.blocks.push({ height: 1n, timeNs: options.genesisTimeNs ?? DEFAULT_GENESIS_TIME_NS, events: [] });
    }
    for (const block of disk.blocks) this.index.add(block.events);
    options.bindPorts?.(this);
  }

  /** The same chain after a restart: everything in memory is rebuilt from the disk. */
  restart(): MemoryChain {
    return new MemoryChain(this.options, this.disk);
  }

  /** An account address on this chain derived from a name (deterministic; for tests and demos). */
  address(name: string): string {
    return addressOf(this.addressPrefix, name);
  }

  get head(): MemoryBlock {
    return this.disk.blocks[this.disk.blocks.length - 1]!;
  }

  private headContext(): BlockContext {
    return { chainId: this.chainId, height: this.head.height, timeNs: this.head.timeNs };
  }

  /** A context over the committed state at the head (queries and proofs; nothing is written through it). */
  context(): IbcContext {
    return this.core.context(this.disk.state, this.headContext());
  }

  /**
   * Produces the next block with one transaction: `execute` runs on a branch of the state that is written only if
   * it returns. The block exists either way (a failed tx is recorded, its effects and events are not).
   */
  private block<T>(execute: (ctx: IbcContext) => T): T {
    const block: BlockContext = {
      chainId: this.chainId,
      height: this.head.height + 1n,
      timeNs: this.head.timeNs + this.blockTimeNs,
    };
    const branch = new CacheKv(this.disk.state);
    const ctx = this.core.context(branch, block);
    const record: MemoryBlock = { height: BigInt(block.height), timeNs: block.timeNs, events: [] };
    try {
      const result = execute(ctx);
      branch.write();
      record.events = [...ctx.events];
      this.index.add(record.events);
      return result;
    } finally {
      this.disk.blocks.push(record);
    }
  }

  /** Runs application code (a contract call, an async acknowledgement) as a transaction in the next block. */
  run<T>(fn: (ctx: IbcContext) => T): T {
    return this.block(fn);
  }

  /** Empty blocks: time and height pass (timeouts). */
  advance(blocks = 1): void {
    for (let i = 0; i < blocks; i++) this.block(() => undefined);
  }

  /** Credits coins (a genesis allocation, a faucet) in the next block. */
  mint(address: string, coins: Coin[]): void {
    this.block((ctx) => this.bank.mint(ctx, address, coins));
  }

  balance(address: string, denom: string): bigint {
    return this.bank.balance(this.context(), address, denom);
  }

  /** ICS-20 MsgTransfer from the "transfer" port in the next block; returns the packet's sequence. */
  transfer(args: TransferArgs): bigint {
    const timeoutHeight = args.timeoutHeight ?? ZERO_HEIGHT;
    const timeoutTimestamp =
      args.timeoutTimestamp ?? (args.timeoutHeight === undefined ? this.head.timeNs + 3_600_000_000_000n : 0n);
    return this.block(
      (ctx) =>
        this.transferModule.msgTransfer(ctx, {
          sourcePort: this.transferModule.portId,
          sourceChannel: args.sourceChannel,
          token: { denom: args.denom, amount: args.amount.toString() },
          sender: args.sender,
          receiver: args.receiver,
          timeoutHeight,
          timeoutTimestamp,
          memo: args.memo ?? "",
          encoding: "",
        }).sequence,
    );
  }

  // --- ChainEndpoint ---

  status(): ChainStatus {
    return { chainId: this.chainId, height: this.head.height, timeNs: this.head.timeNs };
  }

  queryClientStates() {
    return queries.queryClientStates(this.context());
  }

  queryClientState(clientId: string) {
    return queries.queryClientState(this.context(), clientId);
  }

  queryConnections() {
    return queries.queryConnections(this.context());
  }

  queryChannels() {
    return queries.queryChannels(this.context());
  }

  queryPacketCommitments(portId: string, channelId: string): bigint[] {
    return queries.queryPacketCommitments(this.context(), portId, channelId).map((c) => c.sequence);
  }

  queryPacketAcknowledgements(portId: string, channelId: string, sequences?: bigint[]): bigint[] {
    return queries.queryPacketAcknowledgements(this.context(), portId, channelId, sequences).map((c) => c.sequence);
  }

  queryUnreceivedPackets(portId: string, channelId: string, sequences: bigint[]): bigint[] {
    return queries.queryUnreceivedPackets(this.context(), portId, channelId, sequences);
  }

  queryUnreceivedAcks(portId: string, channelId: string, sequences: bigint[]): bigint[] {
    return queries.queryUnreceivedAcks(this.context(), portId, channelId, sequences);
  }

  querySentPackets(portId: string, channelId: string, sequences: bigint[]) {
    return this.index.sentPackets(portId, channelId, sequences);
  }

  queryWrittenAcknowledgements(portId: string, channelId: string, sequences: bigint[]) {
    return this.index.writtenAcknowledgements(portId, channelId, sequences);
  }

  selfClientStates(diversifier: string) {
    return this.core.selfClientStates(this.context(), diversifier);
  }

  proveState(path: string, request: ProofRequest) {
    return this.core.proveState(this.context(), path, request);
  }

  proveUnreceivedPacket(packet: Packet, request: ProofRequest) {
    return this.core.proveUnreceivedPacket(this.context(), packet, request);
  }

  signClientUpdate(request: ProofRequest): Any {
    return this.core.signClientUpdate(this.context(), request);
  }

  submit(messages: Any[]): SubmitResult {
    let failedMessageIndex = 0;
    try {
      const results = this.block((ctx) =>
        messages.map((message, i): MessageResult => {
          failedMessageIndex = i;
          const { typeUrl, response, events } = this.core.execute(ctx, message);
          return { typeUrl, response, events };
        }),
      );
      return { committed: true, height: this.head.height, messages: results };
    } catch (error) {
      const code = error instanceof PlurigridError ? error.code : "internal";
      return {
        committed: false,
        height: this.head.height,
        error: { code, message: error instanceof Error ? error.message : String(error) },
        failedMessageIndex,
      };
    }
  }
}

function addressOf(prefix: string, name: string): string {
  return toBech32(prefix, sha256(utf8(name)).subarray(0, 20));
}
