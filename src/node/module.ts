import type { KvStore } from "../store/kv.js";
import type { ExecContext } from "./context.js";
import type { Event } from "./events.js";
import type { Genesis } from "./genesis.js";
import type { MsgRoute } from "./router.js";

/**
 * A module of the state machine. The app registers its routes with the router (that is how txs and contract
 * submessages reach it), runs its genesis once, and calls its block hooks around the txs of every block. Modules
 * that serve contracts also register with the wasm module's messenger and query plugins by variant name.
 */
export interface Module {
  readonly name: string;
  routes(): MsgRoute<unknown>[];
  initGenesis?(ctx: ExecContext, genesis: Genesis): void;
  /** Before the block's txs, on the block's state (e.g. IBC: record the block's own consensus state). */
  beginBlock?(ctx: ExecContext): void;
  /** After the block's txs. */
  endBlock?(ctx: ExecContext): void;
  /**
   * Indexes a block as it is committed, in the same atomic write: `index` is the module's own area of the chain's
   * record (not state: outside the app hash, like the tx index), for lookups clients need and the state does not
   * keep — e.g. IBC packets by sequence for relayers. Only what the block's successful txs emitted is passed.
   */
  indexBlock?(index: KvStore, block: IndexedBlock): void;
}

/** What a module indexes: the block's height and the events of its successful txs, tx by tx. */
export interface IndexedBlock {
  height: number;
  txEvents: Event[][];
}
