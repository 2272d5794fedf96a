import type { Order, OrderBook } from "../orders/order.js";
import type { ClearingResult } from "./clearing_result.js";
import { resultFromTrades } from "./clearing_result.js";
import { matchByPriority } from "./greedy_matching.js";
import { tradesFromFills } from "./trades_from_fills.js";

/**
 * McAfee-style trade reduction for divisible orders (the multi-unit form of Huang, Scheller-Wolf & Sycara):
 * find the efficient matching, then drop its marginal bid and marginal offer entirely. Their prices become the
 * prices: every remaining buyer pays the dropped bid's price, every remaining seller receives the dropped offer's
 * price. Whichever side then has more energy is rationed in proportion to its orders' matched energy (largest
 * remainder, ties by priority), which does not depend on anyone's price.
 *
 * Truthful in prices: no order's own price decides what it pays or receives, and reporting past the marginal order
 * only excludes oneself. The cost is efficiency (the marginal trade is lost) and the market keeps the difference
 * (budget surplus = volume × (bid price − offer price) of the dropped pair). Quantities are taken as reported.
 */
export function tradeReduction(book: OrderBook): ClearingResult {
  const m = matchByPriority(book);
  const boughtBy = new Float64Array(book.bids.length);
  const soldBy = new Float64Array(book.offers.length);
  for (const f of m.fills) {
    boughtBy[f.bid] += f.energy;
    soldBy[f.offer] += f.energy;
  }
  const acceptedBids = [...m.bidOrder].filter((i) => boughtBy[i]! > 0);
  const acceptedOffers = [...m.offerOrder].filter((j) => soldBy[j]! > 0);
  if (acceptedBids.length < 2 || acceptedOffers.length < 2) return resultFromTrades("trade-reduction", [], 0, null);
  const buyerPrice = book.bids[acceptedBids.pop()!]!.price;
  const sellerPrice = book.offers[acceptedOffers.pop()!]!.price;
  // Only possible when self-trade exclusion distorted the matching; no price then satisfies both sides.
  if (buyerPrice < sellerPrice) return resultFromTrades("trade-reduction", [], 0, null);

  const bidEnergy = acceptedBids.map((i) => boughtBy[i]!);
  const offerEnergy = acceptedOffers.map((j) => soldBy[j]!);
  const volume = Math.min(sum(bidEnergy), sum(offerEnergy));
  const rationedBids = ration(bidEnergy, volume);
  const rationedOffers = ration(offerEnergy, volume);

  // Re-pair the remaining orders at their rationed sizes; all of them cross at [sellerPrice, buyerPrice].
  const sub: { bids: Order[]; offers: Order[] } = {
    bids: acceptedBids.map((i, k) => ({ ...book.bids[i]!, energy: rationedBids[k]! })).filter((o) => o.energy > 0),
    offers: acceptedOffers
      .map((j, k) => ({ ...book.offers[j]!, energy: rationedOffers[k]! }))
      .filter((o) => o.energy > 0),
  };
  const pairing = matchByPriority(sub);
  const trades = tradesFromFills(sub, pairing.fills, () => ({ price: buyerPrice, sellerPrice }));
  return resultFromTrades("trade-reduction", trades, pairing.welfare, buyerPrice, sellerPrice);
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Splits `volume` over `sizes` in proportion (exact integers, largest remainder, earlier first on ties). */
function ration(sizes: readonly number[], volume: number): number[] {
  const total = sum(sizes);
  if (volume >= total) return [...sizes];
  const T = BigInt(total);
  const V = BigInt(volume);
  const shares = sizes.map((s) => (BigInt(s) * V) / T);
  const remainders = sizes.map((s, i) => ({ i, r: BigInt(s) * V - shares[i]! * T }));
  let left = volume - Number(shares.reduce((a, b) => a + b, 0n));
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const result = shares.map(Number);
  for (const { i } of remainders) {
    if (left === 0) break;
    result[i]! += 1;
    left--;
  }
  return result;
}
