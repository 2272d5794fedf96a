import { divideRounded } from "../units/fixed_point.js";
import type { Price } from "../units/price.js";
import type { PricingContext } from "./strategy.js";

/**
 * gsy-e's default trading strategy: a linear price ramp across the slot. A buyer starts low and raises its bid at
 * every tick until the final rate at the last tick; a seller starts high and lowers its offer. Rates left out
 * follow the utility (buy from feed-in up to the import price, sell from the import price down to feed-in), so by
 * the last tick everyone is as generous as the grid alternative allows.
 */
export function priceRamp(
  ramp: { initialBuy?: Price; finalBuy?: Price; initialSell?: Price; finalSell?: Price },
  ctx: PricingContext,
): Price {
  const bid = ctx.side === "bid";
  const from = bid ? (ramp.initialBuy ?? ctx.feedIn) : (ramp.initialSell ?? ctx.importPrice);
  const to = bid ? (ramp.finalBuy ?? ctx.importPrice) : (ramp.finalSell ?? ctx.feedIn);
  if (ctx.ticks <= 1) return to;
  return from + divideRounded((to - from) * ctx.tick, ctx.ticks - 1);
}
