/** Sealed-bid auctions with discrete private values: each bidder knows only their own value. */
import { Dist } from "../core/dist.js";
import { stages } from "../engine/stages.js";

export type Pricing = "first-price" | "second-price";

/**
 * Two bidders with independent values uniform on `values`; each bids from `bids` knowing their own value; the
 * higher bid wins (a fair coin breaks ties) and pays its own bid (first price) or the other bid (second price).
 */
export function sealedBidAuction(
  pricing: Pricing,
  values: readonly number[] = [0, 1, 2, 3],
  bids: readonly number[] = values,
) {
  return stages()
    .nature("value1", Dist.uniform(values))
    .nature("value2", Dist.uniform(values))
    .simultaneously({
      bid1: { player: "bidder1", observe: (r) => r.value1, actions: bids },
      bid2: { player: "bidder2", observe: (r) => r.value2, actions: bids },
    })
    .nature("winner", (r) =>
      r.bid1 === r.bid2 ? Dist.uniform([1, 2] as const) : Dist.certain(r.bid1 > r.bid2 ? (1 as const) : (2 as const)),
    )
    .payoff((r) => {
      const [winnerValue, winnerBid, loserBid] =
        r.winner === 1 ? [r.value1, r.bid1, r.bid2] : [r.value2, r.bid2, r.bid1];
      const price = pricing === "first-price" ? winnerBid : loserBid;
      return r.winner === 1
        ? { bidder1: winnerValue - price, bidder2: 0 }
        : { bidder1: 0, bidder2: winnerValue - price };
    })
    .build();
}
