import { compareResults, type Comparison } from "../results/comparison.js";
import type { Scenario } from "../scenario/scenario.js";
import { simulate, type SimulationResult } from "../simulation/simulate.js";

/**
 * Microworlds: named variants of a scenario (other assets, strategies, mechanism or tariff), each run forward over
 * the same horizon and compared side by side before anyone commits to a change in the real community.
 */
export interface Microworld {
  readonly name: string;
  readonly scenario: Scenario;
}

export interface MicroworldComparison {
  readonly days: number;
  readonly runs: readonly { name: string; result: SimulationResult }[];
  readonly comparison: Comparison;
}

export function compareMicroworlds(
  worlds: readonly Microworld[],
  options: { days?: number; onDay?: (world: number, done: number, total: number) => void } = {},
): MicroworldComparison {
  const days = options.days ?? worlds[0]?.scenario.days ?? 1;
  const runs = worlds.map((w, index) => ({
    name: w.name,
    result: simulate(w.scenario, {
      days,
      onDay: options.onDay && ((done, total) => options.onDay!(index, done, total)),
    }),
  }));
  return { days, runs, comparison: compareResults(runs) };
}
