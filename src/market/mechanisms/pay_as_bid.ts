import type { OrderBook } from "../orders/order.js";
import type { ClearingResult } from "./clearing_result.js";
import { resultFromTrades } from "./clearing_result.js";
import { matchByPriority } from "./greedy_matching.js";
import { tradesFromFills } from "./trades_from_fills.js";

/**
 * Two-sided pay-as-bid (gsy-e's default two-sided market): an offer matches a bid when offer price ≤ bid price;
 * the highest bids meet the cheapest offers, and each trade is priced at the bid. Partial fills are allowed.
 */
export function payAsBid(book: OrderBook): ClearingResult {
  const m = matchByPriority(book);
  const trades = tradesFromFills(book, m.fills, (f) => {
    const price = book.bids[f.bid]!.price;
    return { price, sellerPrice: price };
  });
  return resultFromTrades("pay-as-bid", trades, m.welfare, null);
}
