import type { BatterySpec } from "../assets/battery.js";
import type { PvSpec } from "../assets/pv.js";
import type { MechanismName } from "../mechanisms/registry.js";
import { compareResults, type Comparison } from "../results/comparison.js";
import { InvalidInputError } from "../errors.js";
import { allParticipants, type Scenario } from "../scenario/scenario.js";
import {
  withBattery,
  withEvPolicy,
  withFlexiblePolicy,
  withMechanism,
  withPv,
  withStrategy,
} from "../scenario/scenario_variants.js";
import { simulate, type SimulationResult } from "../simulation/simulate.js";
import type { StrategySpec } from "../strategies/strategy.js";
import { energyToKWh } from "../units/energy.js";
import { formatPrice } from "../units/price.js";

/**
 * "What would have happened otherwise", answered by re-simulating the same horizon with one thing changed — the
 * weather, loads and everyone else's behaviour stay exactly as they were (same seed).
 */
export type WhatIf =
  | { readonly kind: "battery"; readonly battery: BatterySpec }
  | { readonly kind: "pv"; readonly pv: PvSpec }
  | { readonly kind: "strategy"; readonly strategy: StrategySpec }
  | { readonly kind: "mechanism"; readonly mechanism: MechanismName }
  | { readonly kind: "ev-policy"; readonly policy: "immediate" | "solar" }
  | { readonly kind: "flexible-policy"; readonly policy: "earliest" | "solar" | "cheapest" };

function describeStrategy(s: StrategySpec): string {
  if (s.kind === "fixed") {
    const parts = [];
    if (s.bid !== undefined) parts.push(`bids ${formatPrice(s.bid, 3)}`);
    if (s.offer !== undefined) parts.push(`offers ${formatPrice(s.offer, 3)}`);
    return parts.join(", ") || "bids truthfully";
  }
  if (s.kind === "sides") return `${describeStrategy(s.bid)} when buying; ${describeStrategy(s.offer)} when selling`;
  if (s.kind === "best-response") return "best-responds (games engine)";
  return s.kind === "truthful" ? "bids truthfully" : "bids on a price ramp";
}

/** A short column label: "+ 10 kWh battery", "community uses vcg", "bids 0.200". */
export function describeWhatIf(w: WhatIf): string {
  switch (w.kind) {
    case "battery":
      return `+ ${energyToKWh(w.battery.capacity)} kWh battery${w.battery.policy === "time-of-use" ? " (time-of-use)" : ""}`;
    case "pv":
      return `+ ${w.pv.kWp} kWp PV`;
    case "strategy":
      return describeStrategy(w.strategy);
    case "mechanism":
      return `community uses ${w.mechanism}`;
    case "ev-policy":
      return w.policy === "solar" ? "EV charges on sunshine" : "EV charges on arrival";
    case "flexible-policy":
      return `appliances run ${w.policy === "earliest" ? "early" : w.policy === "solar" ? "on sunshine" : "when cheapest"}`;
  }
}

/** The scenario with one change made for `participant` (mechanism changes apply to every market). */
export function applyWhatIf(scenario: Scenario, participant: string, w: WhatIf): Scenario {
  switch (w.kind) {
    case "battery":
      return withBattery(scenario, participant, w.battery);
    case "pv":
      return withPv(scenario, participant, w.pv);
    case "strategy":
      return withStrategy(scenario, participant, w.strategy);
    case "mechanism":
      return withMechanism(scenario, w.mechanism);
    case "ev-policy":
      return withEvPolicy(scenario, participant, w.policy);
    case "flexible-policy":
      return withFlexiblePolicy(scenario, participant, w.policy);
  }
}

export interface WhatIfReport {
  readonly participant: string;
  readonly runs: readonly { name: string; result: SimulationResult }[];
  /** "as is" first, then one column per change. */
  readonly comparison: Comparison;
}

/** Runs the scenario as is and once per change, and lines them up for `participant`. */
export function whatIf(
  scenario: Scenario,
  participant: string,
  changes: readonly WhatIf[],
  options: { days?: number; onRun?: (done: number, total: number, name: string) => void } = {},
): WhatIfReport {
  const names = allParticipants(scenario.market).map((p) => p.name);
  if (!names.includes(participant))
    throw new InvalidInputError("unknown_participant", `no participant "${participant}" in ${scenario.name}`, {
      participant,
      known: names,
    });
  const variants = [
    { name: "as is", scenario },
    ...changes.map((w) => ({ name: describeWhatIf(w), scenario: applyWhatIf(scenario, participant, w) })),
  ];
  const runs = variants.map((v, i) => {
    const result = simulate(v.scenario, { days: options.days });
    options.onRun?.(i + 1, variants.length, v.name);
    return { name: v.name, result };
  });
  return { participant, runs, comparison: compareResults(runs, participant) };
}
