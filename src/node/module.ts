import type { ExecContext } from "./context.js";
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
}
