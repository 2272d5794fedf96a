import { Dist } from "../core/dist.js";
import { toFloat } from "../core/num.js";
import { check } from "../engine/equilibrium.js";
import type { OpenGame, Profile } from "../engine/game.js";
import { softmaxResponse } from "../engine/selection.js";
import { profileFromSlots, strategySpace } from "./strategy-space.js";

export interface LogitDynamicsResult {
  readonly profile: Profile;
  /** Largest change of any probability in the last round: small means a logit (quantal response) equilibrium. */
  readonly change: number;
  readonly rounds: number;
}

/**
 * Smoothed best-response (logit) dynamics for larger games: every round, each information set moves a fraction
 * `step` of the way to the softmax of its action values at `temperature`. A fixed point is a logit quantal
 * response equilibrium; lowering the temperature approaches a Nash equilibrium. Floats.
 */
export function logitDynamics<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  options: {
    readonly temperature: number;
    readonly step?: number;
    readonly maxRounds?: number;
    readonly tolerance?: number;
  },
): LogitDynamicsResult {
  const slots = strategySpace(game);
  const step = options.step ?? 0.5;
  const maxRounds = options.maxRounds ?? 1000;
  const tolerance = options.tolerance ?? 1e-9;
  let choices: Dist<unknown>[] = slots.map((s) => Dist.uniform(s.actions));
  const index = new Map(slots.map((s, i) => [s.decision.id + "\u0001" + s.key, i]));
  let change = Infinity;
  let rounds = 0;
  while (rounds < maxRounds && change > tolerance) {
    rounds++;
    const report = check(game, profileFromSlots(game.decisions, slots, choices) as P, { subgamePerfect: true });
    const next = choices.slice();
    change = 0;
    for (const d of report.diagnostics) {
      const i = index.get(d.decision + "\u0001" + d.informationSet)!;
      const target = softmaxResponse(d.alternatives, options.temperature);
      const current = choices[i]!;
      next[i] = Dist.unnormalised(
        slots[i]!.actions.map((a) => {
          const p = (1 - step) * toFloat(current.probabilityOf(a)) + step * toFloat(target.probabilityOf(a));
          change = Math.max(change, Math.abs(p - toFloat(current.probabilityOf(a))));
          return { value: a, probability: p, order: 0 };
        }),
      );
    }
    choices = next;
  }
  return { profile: profileFromSlots(game.decisions, slots, choices), change, rounds };
}
