import { Dist } from "../core/dist.js";
import { canonicalKey } from "../core/keys.js";
import { check, type CheckOptions } from "../engine/equilibrium.js";
import type { OpenGame, Profile } from "../engine/game.js";
import { profileFromSlots, strategySpace, type Slot } from "./strategy-space.js";

export interface PureEquilibrium {
  readonly profile: Profile;
  /** The action at every information set, readable. */
  readonly choices: readonly { readonly decision: string; readonly observation: unknown; readonly action: unknown }[];
}

export interface EnumerationResult {
  readonly equilibria: readonly PureEquilibrium[];
  /** Pure profiles that exist, and those that were actually checked after pruning. */
  readonly profiles: number;
  readonly checked: number;
}

/**
 * Every pure equilibrium of a closed open game (Nash, or subgame perfect with `subgamePerfect`), by enumerating
 * pure profiles over all reachable information sets. Pruning: one decision (the one with the most profiles) is not
 * enumerated blindly — its action values at an information set do not depend on its own strategy, so for each
 * profile of the others it is evaluated once and only its best actions are tried where it is checked.
 */
export function enumeratePureEquilibria<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  options: Pick<CheckOptions, "subgamePerfect"> & { readonly limit?: number } = {},
): EnumerationResult {
  const slots = strategySpace(game);
  const limit = options.limit ?? Infinity;
  const countOf = (id: string) => slots.filter((s) => s.decision.id === id).reduce((a, s) => a * s.actions.length, 1);
  const pruned = [...game.decisions].sort((a, b) => countOf(b.id) - countOf(a.id))[0];
  const free = slots.filter((s) => s.decision.id !== pruned?.id);
  const own = slots.filter((s) => s.decision.id === pruned?.id);
  const order = [...free, ...own];
  const choice: number[] = new Array(order.length).fill(0);
  const profileOf = () =>
    profileFromSlots(
      game.decisions,
      order,
      choice.map((c, i) => Dist.certain(order[i]!.actions[c])),
    );
  const equilibria: PureEquilibrium[] = [];
  let checked = 0;
  const visitOwn = (i: number, allowed: readonly (readonly number[])[]) => {
    if (equilibria.length >= limit) return;
    if (i === own.length) {
      checked++;
      const profile = profileOf();
      if (check(game, profile as P, options).equilibrium)
        equilibria.push({
          profile,
          // Reported in the game's own order of information sets.
          choices: slots.map((s) => ({
            decision: s.decision.id,
            observation: s.observation,
            action: s.actions[choice[order.indexOf(s)]!],
          })),
        });
      return;
    }
    for (const c of allowed[i]!) {
      choice[free.length + i] = c;
      visitOwn(i + 1, allowed);
    }
  };
  const visitFree = (i: number) => {
    if (equilibria.length >= limit) return;
    if (i < free.length) {
      for (let c = 0; c < free[i]!.actions.length; c++) {
        choice[i] = c;
        visitFree(i + 1);
      }
      return;
    }
    if (own.length === 0) return visitOwn(0, []);
    // The pruned decision's values given the others: its checked information sets may only play best actions.
    for (let k = 0; k < own.length; k++) choice[free.length + k] = 0;
    const report = check(game, profileOf() as P, options);
    const byKey = new Map(
      report.diagnostics.filter((d) => d.decision === pruned!.id).map((d) => [d.informationSet, d]),
    );
    const allowed = own.map((s: Slot) => {
      const d = byKey.get(s.key);
      if (!d) return s.actions.map((_, c) => c);
      const best = new Set(d.bestActions.map(canonicalKey));
      return s.actions.flatMap((a, c) => (best.has(canonicalKey(a)) ? [c] : []));
    });
    visitOwn(0, allowed);
  };
  visitFree(0);
  return { equilibria, profiles: slots.reduce((a, s) => a * s.actions.length, 1), checked };
}
