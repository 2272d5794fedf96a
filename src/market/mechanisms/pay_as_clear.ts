import type { OrderBook } from "../orders/order.js";
import { PPM } from "../units/price.js";
import type { ClearingResult } from "./clearing_result.js";
import { kDouble } from "./k_double.js";

/**
 * Two-sided pay-as-clear: bids sorted high to low and offers low to high cross at the efficient quantity, and every
 * match trades at one clearing price. Which price inside the crossing interval [low, high]: the midpoint, rounded
 * half-even to the micro-unit — neither side is favoured. (This is the k-double auction at k = ½.) Ties among equal
 * prices are broken by book order: the earlier order trades first.
 */
export function payAsClear(book: OrderBook): ClearingResult {
  return kDouble(book, PPM / 2, "pay-as-clear");
}
