import type { Money } from "../units/money.js";
import { playSlotIndexed, utilityOnlySlotPayoff, type PreparedScenario } from "./market_game.js";
import { shapley, type ShapleyOptions, type ShapleyResult } from "./shapley.js";

/**
 * The value of a coalition of participants: the savings its members would make over the horizon if only they
 * traded with each other (everyone else settles with the utility alone), with the scenario's strategies and
 * mechanisms. A participant alone saves nothing, so v({i}) = 0 and the Shapley value splits the community's
 * savings by what each member's presence adds.
 */
export function coalitionValue(prepared: PreparedScenario, members: Uint8Array): Money {
  const n = prepared.participants.length;
  const strategies = prepared.tree.participants.map((p) => p.strategy);
  const payoffs = new Float64Array(n);
  let total = 0;
  for (let s = 0; s < prepared.slots; s++) {
    playSlotIndexed(prepared, s, strategies, payoffs, members);
    for (let i = 0; i < n; i++) {
      if (members[i] === 1) total += payoffs[i]! - utilityOnlySlotPayoff(prepared, i, s);
    }
  }
  return total;
}

export interface CoalitionPayouts extends ShapleyResult {
  readonly participants: readonly string[];
  /** v(all): the savings of the whole community, which the payouts add up to. */
  readonly grandCoalition: Money;
  /** What each participant actually saved in the market, for comparison with its Shapley payout. */
  readonly actualSavings: readonly Money[];
}

export function coalitionPayouts(prepared: PreparedScenario, options: ShapleyOptions = {}): CoalitionPayouts {
  const n = prepared.participants.length;
  const members = new Uint8Array(n);
  const value = (mask: number) => {
    for (let i = 0; i < n; i++) members[i] = (mask >> i) & 1;
    return coalitionValue(prepared, members);
  };
  const result = shapley(n, value, options);
  const all = new Uint8Array(n).fill(1);
  const strategies = prepared.tree.participants.map((p) => p.strategy);
  const payoffs = new Float64Array(n);
  const actualSavings = new Array<number>(n).fill(0);
  for (let s = 0; s < prepared.slots; s++) {
    playSlotIndexed(prepared, s, strategies, payoffs, all);
    for (let i = 0; i < n; i++) actualSavings[i]! += payoffs[i]! - utilityOnlySlotPayoff(prepared, i, s);
  }
  return { ...result, participants: prepared.participants, grandCoalition: value((1 << n) - 1), actualSavings };
}
