import { CacheKv } from "../store/cache.js";
import type { KvStore } from "../store/kv.js";
import { PrefixKv } from "../store/prefix.js";
import { App, type AppOptions, indexPrefix, QUERY_GAS_LIMIT } from "./app.js";
import { nextAppHash, ZERO_HASH } from "./app_hash.js";
import { type Header, headerHash, hex, type SignedHeader } from "./block/header.js";
import type { NodeKey } from "./block/node_key.js";
import type { BlockContext, ExecContext } from "./context.js";
import { NodeError } from "./errors.js";
import type { Event } from "./events.js";
import { type Genesis, genesisHash, genesisTimeNs } from "./genesis.js";
import { concat, encodeU32, encodeU64 } from "./keys.js";
import { formatTime, parseTime } from "./time.js";
import { type TxResult, txResultsHash, txsHash } from "./tx/result.js";

/**
 * Key layout of the node's store. Only `s/` is state (what the app hash commits to); the rest is the chain's record
 * of itself, written in the same atomic commit as the block's state. Modules index blocks under `x/<module>/`; `j/` holds the node's journals.
 */
const STATE = "s/";
const HEADER = "b/h/"; // + be64(height) → SignedHeader JSON
const TX = "b/t/"; // + be64(height) + be32(index) → tx bytes
const RESULT = "b/r/"; // + be64(height) + be32(index) → TxResult JSON
const TX_BY_HASH = "b/x/"; // + hash → be64(height) + be32(index) of its first inclusion
const BLOCK_EVENTS = "b/e/"; // + be64(height) → events of the block's begin and end hooks (JSON)
const HEAD = "m/head"; // → ChainHead JSON
const GENESIS = "m/genesis_hash";

/** The latest committed block (height 0: the genesis). */
export interface ChainHead {
  height: number;
  timeNs: bigint;
  appHash: Uint8Array;
  blockHash: Uint8Array;
}

/** A block executed but not committed yet: its header and everything it will write. */
export interface PendingBlock {
  header: Header;
  hash: Uint8Array;
  txs: Uint8Array[];
  results: TxResult[];
  /** Events of the modules' begin-block and end-block hooks (not part of any tx). */
  blockEvents: { begin: Event[]; end: Event[] };
  branch: CacheKv;
}

export interface CommittedBlock {
  signed: SignedHeader;
  results: TxResult[];
}

const utf8 = new TextEncoder();
const fromUtf8 = (b: Uint8Array) => new TextDecoder().decode(b);

/**
 * The chain on one store: genesis, block execution (begin → txs, each on its own branch → end), and the atomic
 * commit of a block's state, header, txs, results and head in one store commit — so after a crash the store holds
 * the previous block or the new one, never half of it.
 */
export class Chain {
  readonly app: App;

  constructor(
    readonly store: KvStore,
    readonly genesis: Genesis,
    options: AppOptions = {},
  ) {
    this.app = new App(genesis, options);
    const stored = store.get(utf8.encode(GENESIS));
    if (stored && fromUtf8(stored) !== hex(genesisHash(genesis))) {
      throw new NodeError(
        "node.genesis_mismatch",
        "the genesis document does not match the one this store was created with",
        {
          stored: fromUtf8(stored),
          document: hex(genesisHash(genesis)),
        },
      );
    }
  }

  get initialized(): boolean {
    return this.store.has(utf8.encode(HEAD));
  }

  /** Writes the genesis state and the chain's head at height 0 (one commit). */
  initGenesis(): void {
    if (this.initialized) throw new NodeError("node.already_initialized", "this store already holds a chain");
    const branch = new CacheKv(this.store);
    const timeNs = genesisTimeNs(this.genesis);
    this.app.initGenesis(branch.prefix(STATE), { chainId: this.genesis.chain_id, height: 0, timeNs });
    const appHash = nextAppHash(ZERO_HASH, 0, branch.changes());
    branch.set(utf8.encode(GENESIS), utf8.encode(hex(genesisHash(this.genesis))));
    writeHead(branch, { height: 0, timeNs, appHash, blockHash: genesisHash(this.genesis) });
    this.store.commit(branch.changes());
  }

  head(): ChainHead {
    const bytes = this.store.get(utf8.encode(HEAD));
    if (!bytes) throw new NodeError("node.not_initialized", "the store holds no chain yet (run init)");
    const h = JSON.parse(fromUtf8(bytes)) as { height: number; time: string; app_hash: string; block_hash: string };
    return {
      height: h.height,
      timeNs: parseTime(h.time),
      appHash: Buffer.from(h.app_hash, "hex"),
      blockHash: Buffer.from(h.block_hash, "hex"),
    };
  }

  /** The block context the next block would have at `timeNs`. */
  nextBlock(timeNs: bigint): BlockContext {
    return { chainId: this.genesis.chain_id, height: this.head().height + 1, timeNs };
  }

  /** Executes a block on a branch of the committed state; nothing is written until `commit`. */
  execute(txs: Uint8Array[], timeNs: bigint): PendingBlock {
    const head = this.head();
    if (timeNs <= head.timeNs) {
      throw new NodeError(
        "node.block_time",
        `block time ${formatTime(timeNs)} is not after the previous block's ${formatTime(head.timeNs)}`,
        {
          time: formatTime(timeNs),
          previous: formatTime(head.timeNs),
        },
      );
    }
    const block: BlockContext = { chainId: this.genesis.chain_id, height: head.height + 1, timeNs };
    const branch = new CacheKv(this.store);
    const state = branch.prefix(STATE);
    const begin = this.app.beginBlock(state, block);
    const results = txs.map((tx, i) => this.app.deliverTx(state, block, i, tx));
    const end = this.app.endBlock(state, block);
    const appHash = nextAppHash(head.appHash, block.height, branch.changes());
    const header: Header = {
      chain_id: this.genesis.chain_id,
      height: block.height,
      time: formatTime(timeNs),
      last_block_hash: hex(head.blockHash),
      app_hash: hex(appHash),
      txs_hash: hex(txsHash(txs)),
      tx_results_hash: hex(txResultsHash(results)),
    };
    return { header, hash: headerHash(header), txs, results, blockEvents: { begin, end }, branch };
  }

  /** Commits an executed block with its header signature: state, header, txs, results and head in one write. */
  commit(pending: PendingBlock, signature: Uint8Array): CommittedBlock {
    const { header, branch } = pending;
    const height = header.height;
    if (height !== this.head().height + 1) {
      throw new NodeError("node.block_stale", `block ${height} no longer follows the head`, { height });
    }
    const signed: SignedHeader = {
      header,
      hash: hex(pending.hash),
      signature: Buffer.from(signature).toString("base64"),
    };
    branch.set(key(HEADER, encodeU64(height)), utf8.encode(JSON.stringify(signed)));
    if (pending.blockEvents.begin.length + pending.blockEvents.end.length > 0) {
      branch.set(key(BLOCK_EVENTS, encodeU64(height)), utf8.encode(JSON.stringify(pending.blockEvents)));
    }
    pending.txs.forEach((tx, i) => {
      const position = concat(encodeU64(height), encodeU32(i));
      branch.set(key(TX, position), tx);
      branch.set(key(RESULT, position), utf8.encode(JSON.stringify(pending.results[i])));
      const byHash = key(TX_BY_HASH, Buffer.from(pending.results[i].hash, "hex"));
      if (!branch.has(byHash)) branch.set(byHash, position);
    });
    this.app.indexBlock(branch, {
      height,
      txEvents: pending.results.filter((r) => r.code === 0).map((r) => r.events),
    });
    writeHead(branch, {
      height,
      timeNs: parseTime(header.time),
      appHash: Buffer.from(header.app_hash, "hex"),
      blockHash: pending.hash,
    });
    this.store.commit(branch.changes());
    return { signed, results: pending.results };
  }

  /** Executes, signs with the node key and commits one block. */
  produceBlock(txs: Uint8Array[], timeNs: bigint, key: NodeKey): CommittedBlock {
    const pending = this.execute(txs, timeNs);
    return this.commit(pending, key.signHeader(pending.hash));
  }

  /** Admission check of a tx against the committed state (nothing is written). */
  checkTx(tx: Uint8Array, timeNs: bigint): TxResult {
    return this.app.checkTx(this.committedState(), this.nextBlock(timeNs), tx);
  }

  /** Runs a tx against the committed state without keeping anything: its gas use and outcome. */
  simulateTx(tx: Uint8Array, timeNs: bigint): TxResult {
    return this.app.simulateTx(this.committedState(), this.nextBlock(timeNs), tx);
  }

  /** A read-only context on the committed state at the head (queries). Writes go to a branch that is dropped. */
  queryContext(gasLimit = QUERY_GAS_LIMIT): ExecContext {
    const head = this.head();
    return this.app.context(
      new CacheKv(this.committedState()),
      { chainId: this.genesis.chain_id, height: head.height, timeNs: head.timeNs },
      "query",
      gasLimit,
    );
  }

  header(height: number): SignedHeader | undefined {
    const bytes = this.store.get(key(HEADER, encodeU64(height)));
    return bytes ? (JSON.parse(fromUtf8(bytes)) as SignedHeader) : undefined;
  }

  /** The txs of a block, in order. */
  blockTxs(height: number): Uint8Array[] {
    const prefix = key(TX, encodeU64(height));
    const out: Uint8Array[] = [];
    for (const { value } of this.store.iterate(prefix, key(TX, encodeU64(height + 1)))) out.push(value);
    return out;
  }

  /** Events the modules' block hooks emitted at `height`. */
  blockEvents(height: number): { begin: Event[]; end: Event[] } {
    const bytes = this.store.get(key(BLOCK_EVENTS, encodeU64(height)));
    return bytes ? (JSON.parse(fromUtf8(bytes)) as { begin: Event[]; end: Event[] }) : { begin: [], end: [] };
  }

  blockResults(height: number): TxResult[] {
    const out: TxResult[] = [];
    for (const { value } of this.store.iterate(key(RESULT, encodeU64(height)), key(RESULT, encodeU64(height + 1)))) {
      out.push(JSON.parse(fromUtf8(value)) as TxResult);
    }
    return out;
  }

  /** A tx's result by its hash (its first inclusion), with the tx bytes. */
  txByHash(hash: string): { result: TxResult; tx: Uint8Array } | undefined {
    if (!/^[0-9a-fA-F]{64}$/.test(hash)) return undefined;
    const position = this.store.get(key(TX_BY_HASH, Buffer.from(hash, "hex")));
    if (!position) return undefined;
    const result = this.store.get(key(RESULT, position));
    const tx = this.store.get(key(TX, position));
    if (!result || !tx)
      throw new NodeError("node.store_inconsistent", `tx ${hash} is indexed but not stored`, { hash });
    return { result: JSON.parse(fromUtf8(result)) as TxResult, tx };
  }

  /** A module's index of the committed blocks (Module.indexBlock), read-only by convention. */
  index(module: string): KvStore {
    return new PrefixKv(this.store, indexPrefix(module));
  }

  /**
   * A durable key-value area of this node outside the blocks (`j/<name>/`): every `set` is committed at once. For
   * what the node must never forget even if no block follows, e.g. what its IBC solo-machine key has signed.
   */
  journal(name: string): Pick<KvStore, "get" | "set"> {
    const prefix = `j/${name}/`;
    return {
      get: (k) => this.store.get(concat(prefix, k)),
      set: (k, v) => this.store.commit([{ key: concat(prefix, k), value: v }]),
    };
  }

  private committedState(): KvStore {
    return new PrefixKv(this.store, STATE);
  }
}

function key(prefix: string, suffix: Uint8Array): Uint8Array {
  return concat(prefix, suffix);
}

function writeHead(store: KvStore, head: ChainHead): void {
  store.set(
    utf8.encode(HEAD),
    utf8.encode(
      JSON.stringify({
        height: head.height,
        time: formatTime(head.timeNs),
        app_hash: hex(head.appHash),
        block_hash: hex(head.blockHash),
      }),
    ),
  );
}
