import { canonicalKey } from "../core/keys.js";
import { Dist } from "../core/dist.js";
import { check, type CheckOptions, type EquilibriumReport } from "../engine/equilibrium.js";
import type { OpenGame, Profile } from "../engine/game.js";
import { profileFromSlots, strategySpace } from "./strategy-space.js";

const distributionKey = (d: Dist<unknown>) => canonicalKey(d.outcomes.map((o) => [o.value, o.probability]));

export interface DynamicsResult {
  readonly profile: Profile;
  /** Whether the dynamics reached a profile every selection function accepts (verified by a final check). */
  readonly converged: boolean;
  readonly rounds: number;
  readonly report: EquilibriumReport;
}

/**
 * Best-response dynamics: starting from `initial` (default: the first action everywhere), one decision at a time
 * switches, at every information set it is checked at, to what its selection function selects; stops at a fixed
 * point (an equilibrium) or after `maxRounds` sweeps (dynamics may cycle, e.g. in matching pennies).
 */
export function bestResponseDynamics<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  options: Pick<CheckOptions, "subgamePerfect"> & { readonly initial?: Profile; readonly maxRounds?: number } = {},
): DynamicsResult {
  const slots = strategySpace(game);
  const initial = options.initial;
  const choices: Dist<unknown>[] = slots.map((s) =>
    initial ? initial[s.decision.id]!(s.observation) : Dist.certain(s.actions[0]),
  );
  const maxRounds = options.maxRounds ?? 100;
  const index = new Map(slots.map((s, i) => [s.decision.id + "\u0001" + s.key, i]));
  for (let round = 1; round <= maxRounds; round++) {
    let changed = false;
    for (const decision of game.decisions) {
      const report = check(game, profileFromSlots(game.decisions, slots, choices) as P, options);
      for (const d of report.diagnostics) {
        if (d.decision !== decision.id || d.equilibrium) continue;
        const i = index.get(d.decision + "\u0001" + d.informationSet)!;
        const response = decision.selection.judge(d.alternatives, d.strategy, d.currentPayoff).response;
        if (distributionKey(response) !== distributionKey(choices[i]!)) {
          choices[i] = response;
          changed = true;
        }
      }
    }
    if (!changed) {
      const profile = profileFromSlots(game.decisions, slots, choices);
      const report = check(game, profile as P, options);
      return { profile, converged: report.equilibrium, rounds: round, report };
    }
  }
  const profile = profileFromSlots(game.decisions, slots, choices);
  const report = check(game, profile as P, options);
  return { profile, converged: report.equilibrium, rounds: maxRounds, report };
}
