import type { OrderBook } from "../orders/order.js";
import type { ClearingResult } from "./clearing_result.js";
import { resultFromTrades } from "./clearing_result.js";
import { matchByPriority } from "./greedy_matching.js";
import { tradesFromFills } from "./trades_from_fills.js";

/**
 * One-sided pay-as-offer (gsy-e's one-sided market): sellers post offers, buyers take the cheapest offers they can
 * afford and pay the offer's price. Bids here only say how much a buyer wants and the most it will pay; the most
 * eager buyer (highest limit) chooses first.
 */
export function payAsOffer(book: OrderBook): ClearingResult {
  const m = matchByPriority(book);
  const trades = tradesFromFills(book, m.fills, (f) => {
    const price = book.offers[f.offer]!.price;
    return { price, sellerPrice: price };
  });
  return resultFromTrades("pay-as-offer", trades, m.welfare, null);
}
