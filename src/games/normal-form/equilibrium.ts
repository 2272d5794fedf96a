import { canonicalKey } from "../core/keys.js";
import { toFloat, type Num } from "../core/num.js";
import { expectedPayoffs, type MixedProfile, type StrategicGame } from "./strategic-game.js";

/** An equilibrium of a strategic game: a mixed profile and every player's expected payoff under it. */
export interface MixedEquilibrium {
  readonly profile: MixedProfile;
  readonly payoffs: readonly Num[];
}

export function withPayoffs(game: StrategicGame, profile: MixedProfile): MixedEquilibrium {
  return { profile, payoffs: expectedPayoffs(game, profile) };
}

/** Removes duplicates and orders equilibria deterministically (lexicographically by probabilities, descending). */
export function distinctEquilibria(list: readonly MixedEquilibrium[]): MixedEquilibrium[] {
  const seen = new Map<string, MixedEquilibrium>();
  for (const e of list) seen.set(canonicalKey(e.profile), e);
  return [...seen.values()].sort((a, b) => compareProfiles(a.profile, b.profile));
}

function compareProfiles(a: MixedProfile, b: MixedProfile): number {
  for (let p = 0; p < a.length; p++)
    for (let s = 0; s < a[p]!.length; s++) {
      const x = toFloat(a[p]![s]!);
      const y = toFloat(b[p]![s]!);
      if (x !== y) return y - x;
    }
  return 0;
}
