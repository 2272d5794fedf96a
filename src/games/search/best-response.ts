import { canonicalKey } from "../core/keys.js";
import { Dist } from "../core/dist.js";
import { check, type CheckOptions, type EquilibriumReport } from "../engine/equilibrium.js";
import type { OpenGame, Profile } from "../engine/game.js";
import { GameError } from "../errors.js";
import { profileFromSlots, strategySpace, type Slot } from "./strategy-space.js";

const distributionKey = (d: Dist<unknown>) => canonicalKey(d.outcomes.map((o) => [o.value, o.probability]));

export interface DynamicsResult {
  readonly profile: Profile;
  /** Whether the dynamics reached a profile every selection function accepts (verified by a final check). */
  readonly converged: boolean;
  readonly rounds: number;
  readonly report: EquilibriumReport;
}

export interface DynamicsOptions extends Pick<CheckOptions, "subgamePerfect"> {
  readonly initial?: Profile;
  readonly maxRounds?: number;
  /**
   * Which information sets the dynamics track. `reachable` (default) first finds every information set any
   * profile reaches, by evaluating the uniform profile — whose continuations multiply out everyone's actions, so it
   * does not scale to many simultaneous decisions. `visited` (needs `initial`) starts from the information sets the
   * initial profile reaches and adds those reached later; unvisited observations keep the initial strategy. The
   * fixed points are the same equilibria; only the bookkeeping differs.
   */
  readonly space?: "reachable" | "visited";
}

/**
 * Best-response dynamics: starting from `initial` (default: the first action everywhere), one decision at a time
 * switches, at every information set it is checked at, to what its selection function selects; stops at a fixed
 * point (an equilibrium) or after `maxRounds` sweeps (dynamics may cycle, e.g. in matching pennies).
 */
export function bestResponseDynamics<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  options: DynamicsOptions = {},
): DynamicsResult {
  const initial = options.initial;
  const visited = options.space === "visited";
  if (visited && !initial)
    throw new GameError(
      "game.bad_option",
      `best-response dynamics over visited information sets need an initial profile`,
      {},
    );
  const slots: Slot[] = visited ? [] : strategySpace(game);
  const choices: Dist<unknown>[] = slots.map((s) =>
    initial ? initial[s.decision.id]!(s.observation) : Dist.certain(s.actions[0]),
  );
  const byId = new Map(game.decisions.map((d) => [d.id, d]));
  const maxRounds = options.maxRounds ?? 100;
  const index = new Map(slots.map((s, i) => [s.decision.id + "\u0001" + s.key, i]));
  const profileNow = () => profileFromSlots(game.decisions, slots, choices, visited ? initial : undefined);
  const checkOptions = { subgamePerfect: options.subgamePerfect };
  for (let round = 1; round <= maxRounds; round++) {
    let changed = false;
    for (const decision of game.decisions) {
      const report = check(game, profileNow() as P, checkOptions);
      for (const d of report.diagnostics) {
        if (d.decision !== decision.id || d.equilibrium) continue;
        const id = d.decision + "\u0001" + d.informationSet;
        let i = index.get(id);
        if (i === undefined) {
          // Visited mode: an information set seen for the first time joins the table with its current strategy.
          i = slots.length;
          slots.push({
            decision: byId.get(d.decision)!,
            observation: d.observation,
            key: d.informationSet,
            actions: d.alternatives.map((a) => a.action),
          });
          choices.push(d.strategy);
          index.set(id, i);
        }
        const response = decision.selection.judge(d.alternatives, d.strategy, d.currentPayoff).response;
        if (distributionKey(response) !== distributionKey(choices[i]!)) {
          choices[i] = response;
          changed = true;
        }
      }
    }
    if (!changed) {
      const profile = profileNow();
      const report = check(game, profile as P, checkOptions);
      return { profile, converged: report.equilibrium, rounds: round, report };
    }
  }
  const profile = profileNow();
  const report = check(game, profile as P, checkOptions);
  return { profile, converged: report.equilibrium, rounds: maxRounds, report };
}
