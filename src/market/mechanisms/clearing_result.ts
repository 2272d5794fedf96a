import type { Energy } from "../units/energy.js";
import type { Money } from "../units/money.js";
import type { Price } from "../units/price.js";

/** Energy moved from one offer to one bid, with what the buyer pays and the seller receives per kWh. */
export interface Trade {
  readonly bid: string;
  readonly offer: string;
  readonly buyer: string;
  readonly seller: string;
  readonly energy: Energy;
  /** Per kWh, paid by the buyer. */
  readonly price: Price;
  /** Per kWh, received by the seller; differs from `price` only where the mechanism keeps or adds money. */
  readonly sellerPrice: Price;
}

/** What one participant got out of a clearing, summed over its orders. */
export interface ParticipantOutcome {
  readonly participant: string;
  readonly bought: Energy;
  readonly sold: Energy;
  readonly paid: Money;
  readonly received: Money;
}

export interface ClearingResult {
  readonly mechanism: string;
  readonly trades: readonly Trade[];
  /** The uniform price buyers pay, where the mechanism has one (null for discriminatory pricing or no trade). */
  readonly clearingPrice: Price | null;
  /** The uniform price sellers receive; equals `clearingPrice` except under trade reduction. */
  readonly sellerClearingPrice: Price | null;
  readonly energy: Energy;
  /** Gains from trade at the declared prices: Σ energy · (bid price − offer price) over trades. */
  readonly welfare: Money;
  /** Money paid by buyers minus money received by sellers: > 0 the market keeps money, < 0 it runs a deficit. */
  readonly budgetSurplus: Money;
  readonly participants: readonly ParticipantOutcome[];
}

/** Per-participant totals from trades, listed in order of first appearance in the trades. */
export function outcomesFromTrades(trades: readonly Trade[]): ParticipantOutcome[] {
  const byName = new Map<
    string,
    { participant: string; bought: number; sold: number; paid: number; received: number }
  >();
  const get = (participant: string) => {
    let o = byName.get(participant);
    if (o === undefined) byName.set(participant, (o = { participant, bought: 0, sold: 0, paid: 0, received: 0 }));
    return o;
  };
  for (const t of trades) {
    const buyer = get(t.buyer);
    buyer.bought += t.energy;
    buyer.paid += t.energy * t.price;
    const seller = get(t.seller);
    seller.sold += t.energy;
    seller.received += t.energy * t.sellerPrice;
  }
  return [...byName.values()];
}

/** Assembles a result whose money flows are exactly those of its trades. */
export function resultFromTrades(
  mechanism: string,
  trades: readonly Trade[],
  welfare: Money,
  clearingPrice: Price | null,
  sellerClearingPrice: Price | null = clearingPrice,
): ClearingResult {
  let energy = 0;
  let budgetSurplus = 0;
  for (const t of trades) {
    energy += t.energy;
    budgetSurplus += t.energy * (t.price - t.sellerPrice);
  }
  return {
    mechanism,
    trades,
    clearingPrice,
    sellerClearingPrice,
    energy,
    welfare,
    budgetSurplus,
    participants: outcomesFromTrades(trades),
  };
}
