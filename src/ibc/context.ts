import { CacheKv } from "../store/cache.js";
import type { KvStore } from "../store/kv.js";
import { height, revisionOfChainId, type Height } from "./client/height.js";
import type { IbcEvent } from "./events.js";
import { IbcStore } from "./host/store.js";

/**
 * What the node tells the IBC core about the block being executed. Time and height come from the block, never from
 * the wall clock; the revision number of this chain's heights comes from its chain id (`alpha-1` → 1), as in ibc-go.
 */
export interface BlockContext {
  chainId: string;
  /** The block height (the revision height of this chain's ICS-02 height); a number is accepted as the node keeps it. */
  height: bigint | number;
  /** Block time, nanoseconds since the Unix epoch. */
  timeNs: bigint;
}

/** Where the IBC core keeps its state inside the node's store unless told otherwise. */
export const DEFAULT_IBC_NAMESPACE = "ibc/";

/**
 * The context every IBC operation runs in, modelled on the Cosmos SDK's sdk.Context: the node's state (all of it, so
 * application callbacks reach their own modules' state), the IBC store inside it, the block, and the events emitted
 * so far. `branch()` is the SDK's CacheContext: writes and events stay pending until `write()`.
 */
export class IbcContext {
  readonly ibc: IbcStore;

  constructor(
    readonly store: KvStore,
    readonly block: BlockContext,
    readonly events: IbcEvent[] = [],
    readonly namespace: string = DEFAULT_IBC_NAMESPACE,
    /**
     * Whatever the embedding node attaches to the context (e.g. its own execution context, with the gas meter and
     * the transaction), so the applications it binds can reach it from a callback. The core never looks at it and
     * carries it into every branch.
     */
    readonly host: unknown = undefined,
    /**
     * How the embedding node charges the core's own reads and writes of IBC state (the Cosmos SDK meters every
     * module store with gaskv, ibc-go's included): a wrapper around the store the IBC paths are read through.
     * Applications reach their own state through `store` and `host`, metered as their node meters them.
     */
    readonly meter?: (store: KvStore) => KvStore,
  ) {
    this.ibc = new IbcStore(meter ? meter(store) : store, namespace);
  }

  /** This chain's ICS-02 height: (revision of the chain id, block height). */
  selfHeight(): Height {
    return height(revisionOfChainId(this.block.chainId), BigInt(this.block.height));
  }

  emit(...events: IbcEvent[]): void {
    this.events.push(...events);
  }

  /** A child context over a cache branch of this one; `write()` applies its writes and events here, in order. */
  branch(): { ctx: IbcContext; write(): void } {
    const cache = new CacheKv(this.store);
    const ctx = new IbcContext(cache, this.block, [], this.namespace, this.host, this.meter);
    return {
      ctx,
      write: () => {
        cache.write();
        this.events.push(...ctx.events);
        ctx.events.length = 0;
      },
    };
  }
}
