import type { Price } from "../units/price.js";
import type { PricingContext } from "./strategy.js";

/**
 * Bid your marginal value, offer your marginal cost. For a household whose consumption is fixed, a kWh from the
 * market is worth exactly what the utility would charge for it; a kWh exported is worth the feed-in it forgoes.
 * Under truthful mechanisms (VCG, trade reduction) this is a dominant strategy.
 */
export function truthful(ctx: PricingContext): Price {
  return ctx.side === "bid" ? ctx.importPrice : ctx.feedIn;
}
