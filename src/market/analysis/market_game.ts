import { InvalidInputError } from "../errors.js";
import type { Scenario } from "../scenario/scenario.js";
import type { SlotTrade } from "../simulation/slot_clearing.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Money } from "../units/money.js";
import { resolveBestResponses } from "../game/best_response_strategy.js";
import {
  participantIndex,
  planScenario,
  playSlotIndexed,
  utilityOnlySlotPayoff,
  type BidChoice,
  type PreparedScenario,
} from "./prepared_scenario.js";

export {
  playProfile,
  playSlotIndexed,
  utilityOnlySlotPayoff,
  type BidChoice,
  type BidProfile,
  type ChosenStrategy,
  type PreparedScenario,
} from "./prepared_scenario.js";

/**
 * The market as a game, ready for a game-theory layer (the open-games engine) to call.
 *
 * Households dispatch their assets without looking at prices, so a scenario fixes every participant's net
 * position in every slot. What remains strategic is each participant's bid choice per slot; the mechanism (and the
 * market tree with its fees and ticks) is the play; the payoff is utility:
 *
 *   payoff = value of the energy used (demand × the utility's import price)
 *            − payments (market purchases incl. fees, utility imports)
 *            + revenue (market sales, feed-in) − production cost (0 for PV and batteries at the margin)
 *
 * `prepareScenario` runs the physical plan once; `playSlot` and `playProfile` then replay only the markets, so
 * evaluating a deviation costs one slot clearing. Payoffs are exact money (nano-currency integers); summed over all
 * slots with the scenario's own strategies they equal `simulate(...).participants[i].payoff`.
 *
 * The open game built on this hook — equilibrium check, best responses — is in market/game/.
 */

export interface SlotOutcome {
  /** Payoff of every participant in this slot, by name. */
  readonly payoffs: Readonly<Record<string, Money>>;
  readonly trades: readonly SlotTrade[];
}

/**
 * Runs the physical plan of `days` days (default: the scenario's). Participants with the `best-response` strategy
 * get the strategy the games engine chooses for them over this horizon (see market/game/best_response_strategy.ts).
 */
export function prepareScenario(scenario: Scenario, options: { days?: number } = {}): PreparedScenario {
  const days = options.days ?? scenario.days;
  const resolved = resolveBestResponses(scenario, { days });
  return resolved.prepared ?? planScenario(resolved.scenario, days);
}

function strategiesFor(prepared: PreparedScenario, choices: Readonly<Record<string, BidChoice>>): StrategySpec[] {
  const strategies = prepared.tree.participants.map((p) => p.strategy);
  for (const [name, choice] of Object.entries(choices)) strategies[participantIndex(prepared, name)] = choice;
  return strategies;
}

/** One slot of the game: each named participant's bid choice → every participant's payoff. */
export function playSlot(
  prepared: PreparedScenario,
  slot: number,
  choices: Readonly<Record<string, BidChoice>> = {},
): SlotOutcome {
  if (!Number.isInteger(slot) || slot < 0 || slot >= prepared.slots)
    throw new InvalidInputError("slot_out_of_range", `slot ${slot} is outside 0..${prepared.slots - 1}`, { slot });
  const payoffs = new Float64Array(prepared.participants.length);
  const trades = playSlotIndexed(prepared, slot, strategiesFor(prepared, choices), payoffs);
  return { payoffs: Object.fromEntries(prepared.participants.map((p, i) => [p, payoffs[i]!])), trades };
}

/** Each participant's payoff with the utility alone (no market): the base case every game is measured against. */
export function utilityOnlyPayoffs(prepared: PreparedScenario): Record<string, Money> {
  return Object.fromEntries(
    prepared.participants.map((p, i) => {
      let total = 0;
      for (let s = 0; s < prepared.slots; s++) total += utilityOnlySlotPayoff(prepared, i, s);
      return [p, total];
    }),
  );
}
