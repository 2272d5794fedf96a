import type { OrderBook } from "../orders/order.js";
import { divideRounded } from "../units/fixed_point.js";
import { PPM, type PartsPerMillion, type Price } from "../units/price.js";
import type { ClearingResult } from "./clearing_result.js";
import { resultFromTrades } from "./clearing_result.js";
import { crossingInterval } from "./crossing_interval.js";
import { matchByPriority } from "./greedy_matching.js";
import { tradesFromFills } from "./trades_from_fills.js";

/**
 * The multi-unit k-double auction (Satterthwaite & Williams): trade the efficient quantity at one uniform price
 * p = low + k · (high − low) inside the crossing interval [low, high] (see crossing_interval.ts). k = 0 gives the
 * buyers every gain the interval allows, k = 1 the sellers; the price is rounded half-even to the micro-unit.
 */
export function kDouble(book: OrderBook, k: PartsPerMillion = PPM / 2, name = "k-double"): ClearingResult {
  const m = matchByPriority(book);
  const interval = crossingInterval(book, m);
  if (interval === null) return resultFromTrades(name, [], 0, null);
  const price: Price = interval.low + divideRounded((interval.high - interval.low) * k, PPM);
  const trades = tradesFromFills(book, m.fills, () => ({ price, sellerPrice: price }));
  return resultFromTrades(name, trades, m.welfare, price);
}
