import type { Querier, QuerierResult } from "../../../vm/backend.js";
import { SDK_GAS_MULTIPLIER } from "../../../vm/gas.js";
import type { ExecContext } from "../../context.js";
import { AbciError } from "../../errors.js";
import { GasMeter, OutOfGas } from "../../gas.js";
import type { FaultLatch } from "./fault.js";

/**
 * Answers one variant of QueryRequest (`{"bank": …}`, `{"wasm": …}`, `{"ibc": …}`) with the JSON bytes of the
 * response. Errors are thrown: an AbciError becomes a contract-level error (redacted like wasmd), an AbciError with
 * a `systemError` becomes that SystemError. Modules plug in here the way they do for messages.
 */
export type ContractQueryHandler = (ctx: ExecContext, caller: string, body: unknown) => Uint8Array;

/** Thrown by a handler for a request this node does not serve: SystemError `unsupported_request`. */
export class UnsupportedQuery extends Error {
  constructor(readonly kind: string) {
    super(`unsupported query: ${kind}`);
  }
}

/** The query plugins by variant (wasmd's QueryPlugins). */
export class QueryPlugins {
  private readonly handlers = new Map<string, ContractQueryHandler>();

  register(variant: string, handler: ContractQueryHandler): void {
    this.handlers.set(variant, handler);
  }

  handle(ctx: ExecContext, caller: string, request: unknown): Uint8Array {
    if (request === null || typeof request !== "object" || Array.isArray(request)) {
      throw new UnsupportedQuery("Unknown Query variant");
    }
    const keys = Object.keys(request);
    if (keys.length !== 1) throw new UnsupportedQuery("Unknown Query variant");
    const handler = this.handlers.get(keys[0]);
    if (!handler) throw new UnsupportedQuery(keys[0]);
    return handler(ctx, caller, (request as Record<string, unknown>)[keys[0]]);
  }
}

/**
 * The engine's Querier for one contract call (wasmd's QueryHandler): each query runs on a throwaway branch with its
 * own gas meter, limited by what the calling contract has left; the gas it used is charged to the caller in VM
 * units. Errors are results, never successes. A failure that is not a query error (the store broke) is latched and
 * re-thrown after the call, because the engine would otherwise report it as an ordinary backend error.
 */
export class ContractQuerier implements Querier {
  constructor(
    private readonly plugins: QueryPlugins,
    private readonly ctx: ExecContext,
    private readonly caller: string,
    private readonly latch: FaultLatch,
  ) {}

  query(request: unknown, gasLimit: number): { result: QuerierResult; gasUsed: number } {
    const meter = new GasMeter(Math.floor(gasLimit / SDK_GAS_MULTIPLIER));
    const { ctx } = this.ctx.withGasMeter(meter).branch(); // never committed: queries do not write
    const gasUsed = () => meter.consumed * SDK_GAS_MULTIPLIER;
    try {
      const bytes = this.plugins.handle(ctx, this.caller, request);
      return { result: { ok: { ok: Buffer.from(bytes).toString("base64") } }, gasUsed: gasUsed() };
    } catch (err) {
      if (err instanceof OutOfGas && err.meter === meter) {
        // More than the caller has left: the engine fails the caller with out of gas.
        return { result: { ok: { error: "out of gas" } }, gasUsed: gasLimit + 1 };
      }
      if (err instanceof UnsupportedQuery) {
        return { result: { error: { unsupported_request: { kind: err.kind } } }, gasUsed: gasUsed() };
      }
      if (err instanceof AbciError) {
        if (err.systemError) return { result: { error: err.systemError }, gasUsed: gasUsed() };
        return { result: { ok: { error: err.redacted() } }, gasUsed: gasUsed() };
      }
      this.latch.record(err);
      throw err;
    }
  }
}
