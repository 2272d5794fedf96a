import { canonicalKey } from "../../games/index.js";
import { InvalidInputError } from "../errors.js";
import type { PreparedScenario } from "../analysis/prepared_scenario.js";
import type { Price } from "../units/price.js";
import { TRUTHFUL_RULE, type SideRule } from "./side_rules.js";

/**
 * The finite action set of one side decision — the bidding rules a participant is assumed to consider:
 *
 *   1. truthful (bid the import price / offer at feed-in);
 *   2. gsy-e's price ramp (buyers feed-in → import price, sellers import price → feed-in);
 *   3. a fixed price at each of `levels` evenly spaced prices from the horizon's lowest feed-in tariff to its
 *      highest import price, both included (5 levels for 0.08 … 0.34: 0.08, 0.145, 0.21, 0.275, 0.34);
 *   4. the participant's current rule, if it is none of these (a custom ramp or price), so that "stay as you are"
 *      is always an option and the check compares like with like.
 *
 * Prices outside [feed-in, import price] are left out on purpose: a bid below feed-in or an offer above the import
 * price only trades with someone who misprices, and a bid above the import price pays more than the utility.
 */
export interface ActionSetOptions {
  /** Fixed prices on the grid (default 5; 2 to 41). */
  readonly levels?: number;
}

export const DEFAULT_LEVELS = 5;

export function checkLevels(levels: number | undefined): number {
  const n = levels ?? DEFAULT_LEVELS;
  if (!Number.isInteger(n) || n < 2 || n > 41)
    throw new InvalidInputError("option_invalid", `levels must be a whole number from 2 to 41, got ${n}`, {
      levels: n,
    });
  return n;
}

/** The grid of fixed prices: `levels` prices from the lowest feed-in to the highest import price of the horizon. */
export function priceGrid(prepared: PreparedScenario, levels: number): Price[] {
  let low = Infinity;
  let high = -Infinity;
  for (let s = 0; s < prepared.slots; s++) {
    low = Math.min(low, prepared.feedIn[s]!);
    high = Math.max(high, prepared.importPrice[s]!);
  }
  if (!(high > low)) return [low];
  return Array.from({ length: levels }, (_, j) => low + Math.round(((high - low) * j) / (levels - 1)));
}

/** The rules one side decision chooses from (the same for bids and offers), in a fixed order; ties go to the earlier. */
export function actionSet(grid: readonly Price[], current: SideRule): SideRule[] {
  const actions: SideRule[] = [
    TRUTHFUL_RULE,
    { kind: "price-ramp" },
    ...grid.map((price): SideRule => ({ kind: "fixed", price })),
  ];
  const key = canonicalKey(current);
  if (!actions.some((a) => canonicalKey(a) === key)) actions.push(current);
  return actions;
}
