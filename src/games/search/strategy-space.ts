import { Dist } from "../core/dist.js";
import { canonicalKey } from "../core/keys.js";
import { check } from "../engine/equilibrium.js";
import type { DecisionInfo, OpenGame, Profile, Strategy } from "../engine/game.js";
import { GameError } from "../errors.js";

/** One information set of one decision: a place where a pure strategy must name an action. */
export interface Slot {
  readonly decision: DecisionInfo;
  readonly observation: unknown;
  readonly key: string;
  readonly actions: readonly unknown[];
}

/** Plays every action with equal probability everywhere: reaches every information set that any profile reaches. */
export function uniformProfile(decisions: readonly DecisionInfo[]): Profile {
  return Object.fromEntries(decisions.map((d) => [d.id, (x: unknown) => Dist.uniform(d.actionsAt(x))]));
}

/**
 * The information sets of a closed game that some profile reaches (found by evaluating the uniform profile,
 * which reaches them all), in the order the game evaluates them.
 */
export function strategySpace<S, Y, P extends object>(game: OpenGame<null, S, Y, null, P>): Slot[] {
  const report = check(game, uniformProfile(game.decisions) as P, { subgamePerfect: true });
  const byId = new Map(game.decisions.map((d) => [d.id, d]));
  return report.diagnostics.map((d) => ({
    decision: byId.get(d.decision)!,
    observation: d.observation,
    key: d.informationSet,
    actions: d.alternatives.map((a) => a.action),
  }));
}

/**
 * A profile from per-slot distributions; observations outside the table fall back to `fallback`'s strategy, or
 * else to the first action.
 */
export function profileFromSlots(
  decisions: readonly DecisionInfo[],
  slots: readonly Slot[],
  choices: readonly Dist<unknown>[],
  fallback?: Profile,
): Profile {
  const tables = new Map<string, Map<string, Dist<unknown>>>(decisions.map((d) => [d.id, new Map()]));
  slots.forEach((s, i) => tables.get(s.decision.id)!.set(s.key, choices[i]!));
  return Object.fromEntries(
    decisions.map((d) => {
      const table = tables.get(d.id)!;
      const strategy: Strategy<unknown, unknown> = (x) => {
        const hit = table.get(canonicalKey(x));
        if (hit) return hit;
        const other = fallback?.[d.id];
        if (other) return other(x);
        const actions = d.actionsAt(x);
        if (actions.length === 0)
          throw new GameError("game.no_actions", `decision "${d.id}" has no actions`, { decision: d.id });
        return Dist.certain(actions[0]);
      };
      return [d.id, strategy];
    }),
  );
}
