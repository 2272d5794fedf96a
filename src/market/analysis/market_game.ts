import { InvalidInputError } from "../errors.js";
import type { Scenario } from "../scenario/scenario.js";
import type { SlotTrade } from "../simulation/slot_clearing.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Money } from "../units/money.js";
import {
  participantIndex,
  planScenario,
  playSlotIndexed,
  utilityOnlySlotPayoff,
  type PreparedScenario,
} from "./prepared_scenario.js";

export { playSlotIndexed, utilityOnlySlotPayoff, type PreparedScenario } from "./prepared_scenario.js";

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

/** A participant's bid choice for one slot: the strategy that prices its order ({kind: "fixed", bid} = "bid X"). */
export type BidChoice = StrategySpec;

/**
 * Choices by participant name: one choice for every slot, or an array with one choice per slot. Participants left
 * out keep the scenario's strategy.
 */
export type BidProfile = Readonly<Record<string, BidChoice | readonly BidChoice[]>>;

export interface SlotOutcome {
  /** Payoff of every participant in this slot, by name. */
  readonly payoffs: Readonly<Record<string, Money>>;
  readonly trades: readonly SlotTrade[];
}

export function prepareScenario(scenario: Scenario, options: { days?: number } = {}): PreparedScenario {
  return planScenario(scenario, options.days ?? scenario.days);
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

/** The whole horizon: a profile of bid choices → each participant's total payoff. */
export function playProfile(prepared: PreparedScenario, profile: BidProfile = {}): Record<string, Money> {
  const n = prepared.participants.length;
  const base = prepared.tree.participants.map((p) => p.strategy);
  const perSlot: (readonly BidChoice[] | undefined)[] = new Array(n).fill(undefined);
  for (const [name, plan] of Object.entries(profile)) {
    const i = participantIndex(prepared, name);
    if (Array.isArray(plan)) {
      if (plan.length !== prepared.slots)
        throw new InvalidInputError(
          "profile_invalid",
          `${name}'s plan has ${plan.length} choices for ${prepared.slots} slots`,
          {
            participant: name,
          },
        );
      perSlot[i] = plan;
    } else base[i] = plan as BidChoice;
  }
  const totals = new Float64Array(n);
  const payoffs = new Float64Array(n);
  const strategies = [...base];
  for (let s = 0; s < prepared.slots; s++) {
    for (let i = 0; i < n; i++) if (perSlot[i]) strategies[i] = perSlot[i]![s]!;
    playSlotIndexed(prepared, s, strategies, payoffs);
    for (let i = 0; i < n; i++) totals[i] += payoffs[i]!;
  }
  return Object.fromEntries(prepared.participants.map((p, i) => [p, totals[i]!]));
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
