import type { IbcContext } from "../../../ibc/context.js";
import type { IbcCore } from "../../../ibc/core.js";
import type { ExecContext } from "../../context.js";
import { NodeError } from "../../errors.js";
import { EventManager } from "../../events.js";
import { GasKv } from "../../gas_kv.js";

/**
 * The bridge between the node's execution context and the IBC core's. An IBC message runs in an IbcContext over the
 * message's branch of the state, with the ExecContext attached as its `host`; the core branches it (per message,
 * per callback) and an application callback gets one of those branches. Module code (bank, contracts) then runs on
 * that branch, with the tx's gas meter, and its events join the IBC context's, so they are kept or dropped with its
 * writes.
 */

/**
 * The IBC context for running IBC operations in `ctx`: over its state, with `ctx` as the host, and the core's own
 * reads and writes of IBC state charged to its gas meter at the SDK's KV costs, as ibc-go's store is.
 */
export function ibcContextOf(core: IbcCore, ctx: ExecContext): IbcContext {
  return core.context(ctx.store, ctx.block, ctx, (store) => new GasKv(store, ctx.gasMeter));
}

/** The node's context a callback's IbcContext was made for; an IbcContext from anywhere else is a bug. */
export function hostOf(ctx: IbcContext): ExecContext {
  const host = ctx.host as ExecContext | undefined;
  if (host === undefined || typeof host !== "object" || !("gasMeter" in host)) {
    throw new NodeError("node.ibc_context", "an IBC callback ran without the node's execution context");
  }
  return host;
}

/** Runs module code on the IBC context's branch; the events it emits are appended to the IBC context's. */
export function onBranch<T>(ctx: IbcContext, body: (exec: ExecContext) => T): T {
  const events = new EventManager();
  const exec = hostOf(ctx).withStore(ctx.store).withEvents(events);
  try {
    return body(exec);
  } finally {
    ctx.emit(...events.events);
  }
}
