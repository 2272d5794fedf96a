import { InvalidInputError, UnknownNameError } from "../errors.js";
import type { Price } from "../units/price.js";
import { fixedPrice } from "./fixed_price.js";
import { priceRamp } from "./price_ramp.js";
import { truthful } from "./truthful.js";

/**
 * A bidding strategy prices a participant's one order per slot, tick by tick. Strategies see only public facts of
 * the slot (the utility's prices, the tick) and their side; they never see other orders.
 */
export type StrategySpec =
  | {
      readonly kind: "price-ramp";
      /** Omitted rates follow the utility: buyers ramp feed-in → import price, sellers import price → feed-in. */
      readonly initialBuy?: Price;
      readonly finalBuy?: Price;
      readonly initialSell?: Price;
      readonly finalSell?: Price;
    }
  | { readonly kind: "truthful" }
  | { readonly kind: "fixed"; readonly bid?: Price; readonly offer?: Price }
  /** One strategy for the slots where the participant buys and another for those where it sells. */
  | { readonly kind: "sides"; readonly bid: StrategySpec; readonly offer: StrategySpec }
  /**
   * Chosen by the games engine before the market runs: the best response, over the horizon being simulated, to
   * everyone else's strategies (see market/game/best_response_strategy.ts). Never priced directly.
   */
  | { readonly kind: "best-response" };

export type StrategyKind = StrategySpec["kind"];
export const STRATEGY_KINDS: readonly StrategyKind[] = ["price-ramp", "truthful", "fixed", "sides", "best-response"];

export interface PricingContext {
  readonly side: "bid" | "offer";
  /** The utility's import price this slot: what a buyer pays without the market. */
  readonly importPrice: Price;
  /** The feed-in tariff this slot: what a seller gets without the market. */
  readonly feedIn: Price;
  readonly tick: number;
  readonly ticks: number;
}

export function orderPrice(strategy: StrategySpec, ctx: PricingContext): Price {
  switch (strategy.kind) {
    case "price-ramp":
      return priceRamp(strategy, ctx);
    case "truthful":
      return truthful(ctx);
    case "fixed":
      return fixedPrice(strategy, ctx);
    case "sides":
      return orderPrice(ctx.side === "bid" ? strategy.bid : strategy.offer, ctx);
    case "best-response":
      throw new InvalidInputError(
        "strategy_unresolved",
        "a best-response strategy must be chosen by the games engine before the market runs (prepareScenario and simulate do this)",
      );
    default:
      throw new UnknownNameError("strategy", (strategy as { kind: string }).kind, STRATEGY_KINDS);
  }
}

/** True when the strategy's price can change between ticks of a slot (the engine re-prices only then). */
export function changesWithinSlot(strategy: StrategySpec): boolean {
  if (strategy.kind === "sides") return changesWithinSlot(strategy.bid) || changesWithinSlot(strategy.offer);
  return strategy.kind === "price-ramp";
}
