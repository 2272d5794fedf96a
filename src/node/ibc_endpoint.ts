import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { secp256k1CompressedPublicKey } from "../crypto/index.js";
import type { Packet } from "../ibc/channel/types.js";
import { SoloMachineSigner } from "../ibc/client/solomachine/signer.js";
import type { IbcContext } from "../ibc/context.js";
import {
  type ProofRequest,
  proveState,
  proveUnreceivedPacket,
  selfClientStates,
  signClientUpdate,
  type StateProof,
  type UnreceivedProof,
} from "../ibc/proofs.js";
import * as queries from "../ibc/queries.js";
import type { ChainEndpoint, ChainStatus, MessageResult, SubmitResult } from "../relayer/chain.js";
import type { NodeKey } from "./block/node_key.js";
import type { Chain } from "./chain.js";
import { blockTimeFor, TxClient } from "./client.js";
import { NodeError } from "./errors.js";
import type { Event } from "./events.js";
import type { NodeHome } from "./home.js";
import { sentPackets, writtenAcknowledgements } from "./modules/ibc/packet_index.js";
import { msToNs } from "./time.js";
import { MAX_TX_GAS } from "./tx/ante.js";
import type { TxResult } from "./tx/result.js";
import type { Vm } from "../vm/vm.js";

/** Where the node's solo-machine signer keeps its journal (Chain.journal): what it signed, per diversifier. */
export const SIGNER_JOURNAL = "ibc-solomachine";

export interface NodeEndpointOptions {
  chain: Chain;
  /** The node key: it signs the blocks the endpoint produces and, as the node's solo machine, its state proofs. */
  nodeKey: NodeKey;
  /** The account that signs the relayer's txs (it must exist on the chain; fees are not charged). */
  relayer: { address: string; privateKey: Uint8Array };
  /**
   * The clock block times come from, in ns since the epoch; by default the wall clock. A block is never before its
   * parent: when the clock lags, the block is 1 ns after the head.
   */
  clock?: () => bigint;
  /** Called by `close()` (an endpoint opened on a home releases the store). */
  onClose?: () => void;
}

/**
 * A node as the relayer sees it (ChainEndpoint), in process: queries read the committed state at the head, proofs
 * are signed with the node key as an ibc-go solo machine (its journal kept in the node's store, so a restarted node
 * never signs two different things at one sequence), and `submit` signs ONE tx with the relayer's account key,
 * executes it as the next block and commits it. Packets and acknowledgements come from the node's packet index.
 */
export class NodeEndpoint implements ChainEndpoint {
  readonly chainId: string;
  readonly signer: string;
  private readonly soloMachine: SoloMachineSigner;
  private readonly client: TxClient;
  private readonly clock: () => bigint;
  private readonly relayerPublicKey: Uint8Array;

  constructor(private readonly options: NodeEndpointOptions) {
    const { chain } = options;
    this.chainId = chain.genesis.chain_id;
    this.signer = options.relayer.address;
    this.relayerPublicKey = secp256k1CompressedPublicKey(options.relayer.privateKey);
    this.soloMachine = new SoloMachineSigner(options.nodeKey.secretKey(), chain.journal(SIGNER_JOURNAL));
    this.client = new TxClient(chain, options.nodeKey);
    this.clock = options.clock ?? (() => msToNs(Date.now()));
  }

  get chain(): Chain {
    return this.options.chain;
  }

  /** Releases what the endpoint holds (the store of a home it opened). */
  close(): void {
    this.options.onClose?.();
  }

  /** An IBC context on the committed state at the head. */
  private context(): IbcContext {
    const ctx = this.chain.queryContext();
    return this.chain.app.ibc.core.context(ctx.store, ctx.block, ctx);
  }

  status(): ChainStatus {
    const head = this.chain.head();
    return { chainId: this.chainId, height: BigInt(head.height), timeNs: head.timeNs };
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

  querySentPackets(portId: string, channelId: string, sequences: bigint[]): Packet[] {
    return sentPackets(this.chain.index("ibc"), portId, channelId, sequences);
  }

  queryWrittenAcknowledgements(portId: string, channelId: string, sequences: bigint[]) {
    return writtenAcknowledgements(this.chain.index("ibc"), portId, channelId, sequences);
  }

  selfClientStates(diversifier: string) {
    return selfClientStates(this.context(), this.soloMachine, diversifier);
  }

  proveState(path: string, request: ProofRequest): StateProof {
    return proveState(this.context(), this.soloMachine, path, request);
  }

  proveUnreceivedPacket(packet: Packet, request: ProofRequest): UnreceivedProof {
    return proveUnreceivedPacket(this.context(), this.soloMachine, packet, request);
  }

  signClientUpdate(request: ProofRequest): Any {
    return signClientUpdate(this.context(), this.soloMachine, request);
  }

  /** One tx signed by the relayer's account, executed and committed as the next block. */
  submit(messages: Any[]): SubmitResult {
    const clock = blockTimeFor(this.chain, this.clock());
    let result: TxResult;
    try {
      const tx = this.client.sign(
        { messages, gas: MAX_TX_GAS },
        this.options.relayer.privateKey,
        this.options.relayer.address,
        clock,
        this.relayerPublicKey,
      );
      result = this.client.broadcast(tx, clock).result;
    } catch (err) {
      // Refused before reaching a block (CheckTx, an unknown account): nothing happened on the chain.
      if (err instanceof NodeError) {
        return { committed: false, error: { code: err.code, message: err.message } };
      }
      throw err;
    }
    const height = BigInt(result.height);
    if (result.code !== 0) {
      const index = /message index: (\d+)/.exec(result.log);
      return {
        committed: false,
        height,
        error: { code: `abci.${result.codespace}.${result.code}`, message: result.log },
        ...(index === null ? {} : { failedMessageIndex: Number(index[1]) }),
      };
    }
    return { committed: true, height, messages: splitResults(messages, result) };
  }
}

/** The tx's events and responses per message: baseapp tags each message's events with `msg_index`. */
function splitResults(messages: Any[], result: TxResult): MessageResult[] {
  const responses = TxMsgData.decode(Buffer.from(result.data, "base64")).msgResponses;
  // One pass over the events (a relay tx of many packets has thousands), each to the message it names.
  const eventsOf: Event[][] = messages.map(() => []);
  for (const e of result.events) {
    const index = e.attributes.find((a) => a.key === "msg_index")?.value;
    const list = index === undefined ? undefined : eventsOf[Number(index)];
    if (list !== undefined) list.push({ type: e.type, attributes: e.attributes.filter((a) => a.key !== "msg_index") });
  }
  return messages.map((message, i) => ({
    typeUrl: message.typeUrl,
    response: responses[i] ?? { typeUrl: "", value: new Uint8Array() },
    events: eventsOf[i]!,
  }));
}

export interface OpenEndpointOptions {
  /** The keyring key that signs the relayer's txs; by default `relayer` when the home has one, else `operator`. */
  key?: string;
  clock?: () => bigint;
  /** Wait this long for another process to release the home's store (default: fail at once). */
  lockTimeoutMs?: number;
  /** The contract engine to run on (one kept across openings keeps its compiled contracts); by default a new one. */
  vm?: Vm;
}

/** Opens a node home in process as a ChainEndpoint; the endpoint owns the store until `close()`. */
export async function openNodeEndpoint(home: NodeHome, options: OpenEndpointOptions = {}): Promise<NodeEndpoint> {
  const node = home.open({ lockTimeoutMs: options.lockTimeoutMs, vm: options.vm });
  try {
    const keyring = home.keyring(node.genesis);
    const name = options.key ?? (keyring.has("relayer") ? "relayer" : "operator");
    const key = keyring.resolve(name);
    const privateKey = await keyring.privateKey(key.name);
    return new NodeEndpoint({
      chain: node.chain,
      nodeKey: home.readNodeKey(),
      relayer: { address: key.address, privateKey },
      clock: options.clock,
      onClose: () => node.close(),
    });
  } catch (err) {
    node.close();
    throw err;
  }
}
