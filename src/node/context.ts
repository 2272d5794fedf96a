import { CacheKv } from "../store/cache.js";
import type { KvStore } from "../store/kv.js";
import { PrefixKv } from "../store/prefix.js";
import { EventManager } from "./events.js";
import { GasMeter } from "./gas.js";
import { GasKv } from "./gas_kv.js";

/** What the state machine knows about the block it is executing: the only clock it has. */
export interface BlockContext {
  chainId: string;
  height: number;
  /** Block time in nanoseconds since the Unix epoch, from the header. */
  timeNs: bigint;
}

/**
 * Why a context exists: `deliver` executes a block, `check` admits a tx against committed state (ante only),
 * `simulate` estimates gas, `query` answers reads. Modules may behave differently only where the SDK does (e.g. no
 * state is ever kept from check/simulate/query).
 */
export type ExecMode = "deliver" | "check" | "simulate" | "query";

/** The transaction a context runs for. */
export interface TxInfo {
  /** Position in the block (env.transaction.index). */
  index: number;
  /** sha256 of the tx bytes (env.transaction.hash). */
  hash: Uint8Array;
  /**
   * Checksums of the contracts that already ran in this tx (wasmd's TxContracts): later calls pay the discounted
   * instance cost. Deliberately shared by all branches of the tx, as in wasmd, since it only affects gas.
   */
  contractsSeen: Set<string>;
}

/**
 * The execution context of module code (the Cosmos SDK's sdk.Context): block info, the state branch it works on,
 * the gas meter it charges and the events it emits. Contexts are cheap values; `branch()` makes a child with its
 * own cache branch and event manager, which the caller commits or drops.
 */
export class ExecContext {
  constructor(
    readonly block: BlockContext,
    /** The state (already inside the state namespace) this context reads and writes. */
    readonly store: KvStore,
    readonly gasMeter: GasMeter,
    readonly events: EventManager,
    readonly mode: ExecMode,
    /** The tx being executed, if any (none for queries and block hooks). */
    readonly tx: TxInfo | undefined = undefined,
    /** How deep contract calls are nested (wasmd's call depth) and how deep queries are nested. */
    readonly callDepth = 0,
    readonly queryDepth = 0,
  ) {}

  /** A child context on a new cache branch with a fresh event manager; `commit` writes the branch to this one. */
  branch(): { ctx: ExecContext; commit: () => void } {
    const cache = new CacheKv(this.store);
    const ctx = new ExecContext(
      this.block,
      cache,
      this.gasMeter,
      new EventManager(),
      this.mode,
      this.tx,
      this.callDepth,
      this.queryDepth,
    );
    return { ctx, commit: () => cache.write() };
  }

  /**
   * The same context over another view of the state, e.g. a cache branch another layer made (the IBC core branches
   * its own context for each message; application callbacks must run on that branch).
   */
  withStore(store: KvStore): ExecContext {
    return new ExecContext(
      this.block,
      store,
      this.gasMeter,
      this.events,
      this.mode,
      this.tx,
      this.callDepth,
      this.queryDepth,
    );
  }

  withGasMeter(gasMeter: GasMeter): ExecContext {
    return this.with({ gasMeter });
  }

  withEvents(events: EventManager): ExecContext {
    return this.with({ events });
  }

  withCallDepth(callDepth: number): ExecContext {
    return this.with({ callDepth });
  }

  withQueryDepth(queryDepth: number): ExecContext {
    return this.with({ queryDepth });
  }

  /** The state of one module, charged to this context's gas meter (gaskv under the module's prefix). */
  moduleStore(module: string): KvStore {
    return new PrefixKv(new GasKv(this.store, this.gasMeter), `${module}/`);
  }

  /** Uncharged access under a prefix: for state whose access the contract engine meters itself. */
  rawStore(prefix: Uint8Array | string): PrefixKv {
    return new PrefixKv(this.store, prefix);
  }

  private with(
    o: Partial<{ gasMeter: GasMeter; events: EventManager; callDepth: number; queryDepth: number }>,
  ): ExecContext {
    return new ExecContext(
      this.block,
      this.store,
      o.gasMeter ?? this.gasMeter,
      o.events ?? this.events,
      this.mode,
      this.tx,
      o.callDepth ?? this.callDepth,
      o.queryDepth ?? this.queryDepth,
    );
  }
}
