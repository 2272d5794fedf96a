import type { OrderBook } from "../orders/order.js";
import type { Price } from "../units/price.js";
import type { Trade } from "./clearing_result.js";
import type { Fill } from "./greedy_matching.js";

/** Turns matched quantities into trades priced by `priceOf` (buyer's and seller's price per kWh). */
export function tradesFromFills(
  book: OrderBook,
  fills: readonly Fill[],
  priceOf: (fill: Fill) => { price: Price; sellerPrice: Price },
): Trade[] {
  return fills.map((f) => {
    const bid = book.bids[f.bid]!;
    const offer = book.offers[f.offer]!;
    const { price, sellerPrice } = priceOf(f);
    return {
      bid: bid.id,
      offer: offer.id,
      buyer: bid.participant,
      seller: offer.participant,
      energy: f.energy,
      price,
      sellerPrice,
    };
  });
}
