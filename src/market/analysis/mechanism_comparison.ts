import { checkEquilibrium } from "../game/equilibrium.js";
import { MECHANISM_NAMES, type MechanismName } from "../mechanisms/registry.js";
import type { Scenario } from "../scenario/scenario.js";
import { withEveryone, withMechanism } from "../scenario/scenario_variants.js";
import { simulate } from "../simulation/simulate.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Energy } from "../units/energy.js";
import type { Money } from "../units/money.js";
import { playSlotIndexed, prepareScenario, type PreparedScenario } from "./market_game.js";

/**
 * Mechanisms compared on the same scenario, on the three properties that matter when choosing one:
 * - welfare: the gains from trading locally over the utility-only base case — participants' savings plus the
 *   market operators' fees and the mechanism's own surplus (a VCG deficit counts against it); measured with the
 *   strategies the scenario says people use;
 * - budget balance: what the mechanism itself keeps (trade reduction) or must pay in (VCG);
 * - truthfulness: with everyone else bidding truthfully, how much any one participant could gain in a slot by
 *   misreporting its price instead (searched over a price grid between and beyond the utility's prices); and the
 *   open-game view over the whole horizon (market/game/): is everyone bidding truthfully an equilibrium, when each
 *   could instead use any rule of the game's action set — fixed prices, but also gsy-e's ramp, which re-prices
 *   between the ticks of a slot and so can exploit a mechanism that is truthful in a single round.
 */
export interface MechanismAssessment {
  readonly mechanism: MechanismName;
  readonly welfare: Money;
  readonly savings: Money;
  readonly fees: Money;
  readonly budgetSurplus: Money;
  readonly energyTradedLocally: Energy;
  readonly misreport: {
    /** (slot, participant) situations examined. */
    readonly situations: number;
    /** Situations where some misreport paid more than truthful bidding. */
    readonly profitable: number;
    readonly largestGain: Money;
    readonly totalGain: Money;
  };
  readonly truthfulEquilibrium: {
    /** Whether everyone bidding truthfully is an equilibrium of the market's open game over the horizon. */
    readonly equilibrium: boolean;
    /** Participants who would gain by another rule, out of all participants. */
    readonly deviators: number;
    readonly participants: number;
    readonly largestGain: Money;
  };
}

export interface ComparisonOptions {
  readonly days?: number;
  readonly mechanisms?: readonly MechanismName[];
  /** How many slots with trading to probe for misreports (spread over the horizon); default 24. */
  readonly probeSlots?: number;
  readonly onMechanism?: (done: number, total: number, mechanism: MechanismName) => void;
}

const TRUTHFUL: StrategySpec = { kind: "truthful" };
/** Gains below a thousandth of a cent are rounding, not incentives. */
const TOLERANCE: Money = 10_000;

function probeMisreports(prepared: PreparedScenario, probeSlots: number) {
  const n = prepared.participants.length;
  const truthful = new Array<StrategySpec>(n).fill(TRUTHFUL);
  const payoffs = new Float64Array(n);
  const deviated = new Float64Array(n);
  const trading: number[] = [];
  for (let s = 0; s < prepared.slots; s++) {
    let bids = 0;
    let offers = 0;
    for (let i = 0; i < n; i++) {
      const net = prepared.net[i]![s]!;
      if (net < 0) bids++;
      else if (net > 0) offers++;
    }
    if (bids > 0 && offers > 0) trading.push(s);
  }
  const step = Math.max(1, Math.floor(trading.length / probeSlots));
  let situations = 0;
  let profitable = 0;
  let largestGain = 0;
  let totalGain = 0;
  for (let t = 0; t < trading.length; t += step) {
    const s = trading[t]!;
    playSlotIndexed(prepared, s, truthful, payoffs);
    const low = prepared.feedIn[s]!;
    const high = prepared.importPrice[s]!;
    const grid = [
      0,
      ...Array.from({ length: 9 }, (_, j) => low + Math.round(((high - low) * j) / 8)),
      high + (high - low),
    ];
    for (let i = 0; i < n; i++) {
      const net = prepared.net[i]![s]!;
      if (net === 0) continue;
      situations++;
      let best = 0;
      for (const price of grid) {
        const profile = [...truthful];
        profile[i] = net < 0 ? { kind: "fixed", bid: price } : { kind: "fixed", offer: price };
        playSlotIndexed(prepared, s, profile, deviated);
        best = Math.max(best, deviated[i]! - payoffs[i]!);
      }
      if (best > TOLERANCE) {
        profitable++;
        totalGain += best;
        largestGain = Math.max(largestGain, best);
      }
    }
  }
  return { situations, profitable, largestGain, totalGain };
}

export function compareMechanisms(scenario: Scenario, options: ComparisonOptions = {}): MechanismAssessment[] {
  const mechanisms = options.mechanisms ?? MECHANISM_NAMES;
  return mechanisms.map((mechanism, index) => {
    const variant = withMechanism(scenario, mechanism);
    const result = simulate(variant, { days: options.days });
    const root = result.markets[0]!;
    const fees = result.markets.reduce((s, m) => s + m.totals.feesCollected, 0);
    const budgetSurplus = result.markets.reduce((s, m) => s + m.totals.mechanismMargin, 0);
    const truthful = prepareScenario(withEveryone(variant, TRUTHFUL), { days: options.days });
    const misreport = probeMisreports(truthful, options.probeSlots ?? 24);
    const check = checkEquilibrium(truthful);
    options.onMechanism?.(index + 1, mechanisms.length, mechanism);
    return {
      mechanism,
      welfare: root.bill.savings + fees + budgetSurplus,
      savings: root.bill.savings,
      fees,
      budgetSurplus,
      energyTradedLocally: result.markets.reduce((s, m) => s + m.totals.matchedHere, 0),
      misreport,
      truthfulEquilibrium: {
        equilibrium: check.equilibrium,
        deviators: check.deviators.length,
        participants: check.participants.length,
        largestGain: Math.max(0, ...check.participants.map((p) => p.gain)),
      },
    };
  });
}
