import type { Money } from "../units/money.js";
import type { ParticipantTotals } from "./ledger.js";

/**
 * A bill over the horizon (positive = the participant pays, negative = it is paid), next to the base case: the
 * same energy flows settled with the utility alone (need at the import tariff, surplus at feed-in).
 */
export interface Bill {
  readonly base: Money;
  readonly withMarket: Money;
  /** base − withMarket: what the local market saved (negative: it cost). */
  readonly savings: Money;
  /** Savings as a share of the base bill; null when the base bill is not a cost (≤ 0). */
  readonly savingsShare: number | null;
  readonly marketSpent: Money;
  readonly marketEarned: Money;
  readonly fees: Money;
  readonly gridCost: Money;
  readonly feedInRevenue: Money;
}

export function billOf(p: ParticipantTotals): Bill {
  const withMarket = p.marketSpent + p.gridCost - p.marketEarned - p.feedInRevenue;
  const savings = p.baseBill - withMarket;
  return {
    base: p.baseBill,
    withMarket,
    savings,
    savingsShare: p.baseBill > 0 ? savings / p.baseBill : null,
    marketSpent: p.marketSpent,
    marketEarned: p.marketEarned,
    fees: p.feesPaid,
    gridCost: p.gridCost,
    feedInRevenue: p.feedInRevenue,
  };
}

/** The bills of a group of participants added up. */
export function sumBills(bills: readonly Bill[]): Bill {
  const total = (key: keyof Omit<Bill, "savingsShare">) => bills.reduce((s, b) => s + b[key], 0);
  const base = total("base");
  const savings = total("savings");
  return {
    base,
    withMarket: total("withMarket"),
    savings,
    savingsShare: base > 0 ? savings / base : null,
    marketSpent: total("marketSpent"),
    marketEarned: total("marketEarned"),
    fees: total("fees"),
    gridCost: total("gridCost"),
    feedInRevenue: total("feedInRevenue"),
  };
}

/**
 * A participant's payoff (its utility in the market game): the value of the energy it used, at the import price,
 * minus everything it paid, plus everything it earned; PV and battery energy cost nothing at the margin.
 * Differences in payoff between two runs equal differences in bills.
 */
export function payoffOf(p: ParticipantTotals): Money {
  return p.valueOfConsumption - p.marketSpent - p.gridCost + p.marketEarned + p.feedInRevenue;
}
