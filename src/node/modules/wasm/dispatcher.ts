import type { Event as ContractEvent, Reply, SubMsg, SubMsgResponse } from "../../../vm/types.js";
import type { ExecContext } from "../../context.js";
import { AbciError, sdkErrors, wasmErrors } from "../../errors.js";
import type { Event } from "../../events.js";
import { GasMeter, OutOfGas } from "../../gas.js";
import type { ContractCaller, DispatchResult, Messenger } from "./messenger.js";

const REPLY_ON = new Set(["always", "error", "success", "never"]);

/** Calls a contract's `reply` entry point in the given context; returns the data it set (null when none). */
export type Replier = (ctx: ExecContext, contract: string, reply: Reply) => Uint8Array | null;

/**
 * wasmd's MessageDispatcher: runs a contract's submessages in order, each in its own cache branch (kept on success,
 * dropped on failure, events likewise), optionally under its own gas limit, and calls `reply` in the parent context
 * as reply_on asks. Replies nest depth-first: S1, its replies and their submessages, then S2. The last non-null data
 * a reply returns replaces the contract's response data.
 */
export class Dispatcher {
  constructor(
    private readonly messenger: Messenger,
    private readonly replier: Replier,
  ) {}

  /** Returns the data of the last reply that set some, or null. */
  dispatchSubmessages(ctx: ExecContext, caller: ContractCaller, msgs: readonly SubMsg[]): Uint8Array | null {
    let data: Uint8Array | null = null;
    for (const msg of msgs) {
      if (!REPLY_ON.has(msg.reply_on)) throw wasmErrors.invalid.wrap("replyOn value");
      const { ctx: sub, commit } = ctx.branch();
      const remaining = ctx.gasMeter.limit - ctx.gasMeter.consumed;
      const limit = msg.gas_limit !== null && msg.gas_limit < remaining ? msg.gas_limit : undefined;

      let result: DispatchResult | undefined;
      let error: AbciError | undefined;
      try {
        result =
          limit === undefined
            ? this.messenger.dispatch(sub, caller, msg.msg)
            : this.dispatchWithGasLimit(ctx, sub, caller, msg.msg, limit);
      } catch (err) {
        if (!(err instanceof AbciError)) throw err;
        error = err;
      }

      let filtered: Event[] = [];
      if (result) {
        commit();
        filtered = filterEvents([...sub.events.events, ...result.events]);
        ctx.events.emit(...filtered);
        if (!("wasm" in msg.msg)) {
          filtered = [];
        } else {
          // wasmd sorts these attributes in place after emitting them, so the emitted events are sorted too.
          for (const e of filtered) e.attributes.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
        }
      }

      if (error && (msg.reply_on === "success" || msg.reply_on === "never")) throw error;
      if (msg.reply_on === "never" || (msg.reply_on === "error" && !error)) continue;

      const reply: Reply = {
        id: msg.id,
        payload: msg.payload ?? "",
        gas_used: 0, // wasmd does not fill it in
        result: result ? { ok: subMsgResponse(result, filtered) } : { error: error!.redacted() },
      };
      let replyData: Uint8Array | null;
      try {
        replyData = this.replier(ctx, caller.address, reply);
      } catch (err) {
        if (err instanceof AbciError) throw err.wrap("reply");
        throw err;
      }
      if (replyData !== null) data = replyData;
    }
    return data;
  }

  /**
   * Runs with a meter of its own. Running out of it is this submessage's failure (the parent pays the whole limit);
   * anything else that was spent is charged to the parent.
   */
  private dispatchWithGasLimit(
    parent: ExecContext,
    sub: ExecContext,
    caller: ContractCaller,
    msg: Record<string, unknown>,
    limit: number,
  ): DispatchResult {
    const meter = new GasMeter(limit);
    try {
      const result = this.messenger.dispatch(sub.withGasMeter(meter), caller, msg);
      parent.gasMeter.consume(meter.consumed, "From limited Sub-Message");
      return result;
    } catch (err) {
      if (err instanceof OutOfGas && err.meter === meter) {
        parent.gasMeter.consume(limit, "Sub-Message OutOfGas panic");
        throw sdkErrors.outOfGas.wrap("SubMsg hit gas limit");
      }
      parent.gasMeter.consume(meter.consumed, "From limited Sub-Message");
      throw err;
    }
  }
}

/** Drops `message` events: they describe the tx's own messages, not what a contract caused. */
function filterEvents(events: readonly Event[]): Event[] {
  return events.filter((e) => e.type !== "message");
}

function subMsgResponse(result: DispatchResult, events: readonly Event[]): SubMsgResponse {
  const first = result.data[0];
  return {
    events: events as ContractEvent[],
    data: first !== undefined && first.length > 0 ? Buffer.from(first).toString("base64") : null,
    msg_responses: result.msgResponses.flat().map((r) => ({
      type_url: r.typeUrl,
      value: Buffer.from(r.value).toString("base64"),
    })),
  };
}
