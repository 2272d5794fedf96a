import type { OrderBook } from "../orders/order.js";
import type { Price } from "../units/price.js";
import type { Matching } from "./greedy_matching.js";

/**
 * The interval of uniform prices that clear the market for the matched quantity: every accepted order is
 * willing to trade at any price in it, and no rejected order would want to. With `acceptedBid` the lowest
 * accepted bid, `acceptedOffer` the highest accepted offer, `rejectedBid` the highest bid with energy left and
 * `rejectedOffer` the lowest offer with energy left:
 *   low = max(acceptedOffer, rejectedBid), high = min(acceptedBid, rejectedOffer).
 * A partially filled order is both accepted and rejected, so it pins its side of the interval to its own price.
 * Null when nothing trades.
 */
export interface CrossingInterval {
  readonly low: Price;
  readonly high: Price;
}

export function crossingInterval(book: OrderBook, m: Matching): CrossingInterval | null {
  if (m.fills.length === 0) return null;
  let acceptedBid = Infinity;
  let acceptedOffer = -Infinity;
  for (const f of m.fills) {
    acceptedBid = Math.min(acceptedBid, book.bids[f.bid]!.price);
    acceptedOffer = Math.max(acceptedOffer, book.offers[f.offer]!.price);
  }
  let rejectedBid = -Infinity;
  for (let i = 0; i < book.bids.length; i++)
    if (m.bidRemaining[i]! > 0) rejectedBid = Math.max(rejectedBid, book.bids[i]!.price);
  let rejectedOffer = Infinity;
  for (let j = 0; j < book.offers.length; j++)
    if (m.offerRemaining[j]! > 0) rejectedOffer = Math.min(rejectedOffer, book.offers[j]!.price);
  const low = Math.max(acceptedOffer, rejectedBid);
  const high = Math.min(acceptedBid, rejectedOffer);
  // Only self-trade exclusion can leave a rejected pair that crosses; then fall back to the accepted orders' range.
  return low <= high ? { low, high } : { low: acceptedOffer, high: acceptedBid };
}
