import type { OrderBook } from "../orders/order.js";
import { priorityOrder } from "../orders/price_priority.js";

/** One matched quantity: `energy` Wh from offer #offer to bid #bid (indices into the book). */
export interface Fill {
  readonly bid: number;
  readonly offer: number;
  readonly energy: number;
}

/** The outcome of matching, with what is left of every order so crossing prices can be read off. */
export interface Matching {
  readonly fills: Fill[];
  readonly bidOrder: Int32Array;
  readonly offerOrder: Int32Array;
  readonly bidRemaining: Float64Array;
  readonly offerRemaining: Float64Array;
  /** Gains from trade at declared prices, Σ energy · (bid − offer), in money units. */
  readonly welfare: number;
}

/**
 * Price–priority matching: the highest bid takes the cheapest offers it can afford, then the next bid, and so on,
 * splitting orders as needed (partial fills). With no participant on both sides this is the welfare-maximising
 * allocation (welfare depends only on how much of each order fills, and the merge fills the best orders first).
 * A participant never trades with itself: its own offers are skipped and stay available to others.
 *
 * `exclude`, when given, removes every order of that participant first (used for VCG's "world without i").
 */
export function matchByPriority(
  book: OrderBook,
  orders?: { bidOrder: Int32Array; offerOrder: Int32Array },
  exclude?: string,
): Matching {
  const { bids, offers } = book;
  const bidOrder = orders?.bidOrder ?? priorityOrder(bids, "bid");
  const offerOrder = orders?.offerOrder ?? priorityOrder(offers, "offer");
  const bidRemaining = new Float64Array(bids.length);
  const offerRemaining = new Float64Array(offers.length);
  for (let i = 0; i < bids.length; i++) bidRemaining[i] = exclude === bids[i]!.participant ? 0 : bids[i]!.energy;
  for (let j = 0; j < offers.length; j++)
    offerRemaining[j] = exclude === offers[j]!.participant ? 0 : offers[j]!.energy;

  // The merge walks offers in priority order; copying their prices into that order keeps the hot loop on
  // contiguous memory instead of chasing order objects.
  const m = offerOrder.length;
  const sortedPrice = new Float64Array(m);
  for (let oi = 0; oi < m; oi++) sortedPrice[oi] = offers[offerOrder[oi]!]!.price;

  const fills: Fill[] = [];
  let welfare = 0;
  let first = 0; // position in offerOrder of the cheapest offer that still has energy
  const skipExhausted = () => {
    while (first < m && offerRemaining[offerOrder[first]!] === 0) first++;
  };
  skipExhausted();
  for (let bi = 0; bi < bidOrder.length && first < m; bi++) {
    const b = bidOrder[bi]!;
    let want = bidRemaining[b]!;
    if (want === 0) continue;
    const bid = bids[b]!;
    const limit = bid.price;
    // Offers are sorted cheapest first and bids dearest first: once the cheapest offer is too dear, stop.
    if (sortedPrice[first]! > limit) break;
    for (let oi = first; oi < m && want > 0; oi++) {
      if (sortedPrice[oi]! > limit) break;
      const o = offerOrder[oi]!;
      const have = offerRemaining[o]!;
      if (have === 0) continue;
      if (offers[o]!.participant === bid.participant) continue;
      const energy = have < want ? have : want;
      fills.push({ bid: b, offer: o, energy });
      welfare += energy * (limit - sortedPrice[oi]!);
      want -= energy;
      offerRemaining[o] = have - energy;
    }
    bidRemaining[b] = want;
    skipExhausted();
  }
  return { fills, bidOrder, offerOrder, bidRemaining, offerRemaining, welfare };
}
