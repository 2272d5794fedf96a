import type { Price } from "../units/price.js";
import type { PricingContext } from "./strategy.js";
import { truthful } from "./truthful.js";

/** Always the same limit price: "what if I had bid X". A side left out is priced truthfully. */
export function fixedPrice(fixed: { bid?: Price; offer?: Price }, ctx: PricingContext): Price {
  return (ctx.side === "bid" ? fixed.bid : fixed.offer) ?? truthful(ctx);
}
