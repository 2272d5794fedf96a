import type { GridFee } from "../scenario/scenario.js";
import { divideRounded } from "../units/fixed_point.js";
import { PPM, type Price } from "../units/price.js";

/**
 * Grid fees follow gsy-e's propagation rule, with percentages taken of the order's original price:
 * - an offer gains a market's fee when it enters that market (its home market included), so an offer's price in
 *   market X is original + Σ fees of the markets on its path up to and including X;
 * - a bid loses a market's fee when it leaves that market, so its price in X is original − Σ fees of the markets
 *   on its path before X.
 * A match in X therefore charges every market on the energy's route exactly once, the buyer never pays more than
 * its bid and the seller never receives less than its offer. E.g. a 0.10/kWh offer passing markets with constant
 * fees 0.01, 0.02 and 0.01 is priced 0.14 in the third.
 */
export function feePerKWh(fee: GridFee, originalPrice: Price): Price {
  return fee.constant + (fee.percent === 0 ? 0 : divideRounded(Math.max(originalPrice, 0) * fee.percent, PPM));
}

/** The price of an order in the last market of `path` (home first), per the rule above. */
export function priceInMarket(side: "bid" | "offer", originalPrice: Price, pathFees: readonly GridFee[]): Price {
  let price = originalPrice;
  if (side === "offer") for (const fee of pathFees) price += feePerKWh(fee, originalPrice);
  else for (let i = 0; i < pathFees.length - 1; i++) price -= feePerKWh(pathFees[i]!, originalPrice);
  return price;
}
