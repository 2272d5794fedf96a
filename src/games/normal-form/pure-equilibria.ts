import { compare } from "../core/num.js";
import { distinctEquilibria, withPayoffs, type MixedEquilibrium } from "./equilibrium.js";
import { contingencyIndex, pureProfile, type StrategicGame } from "./strategic-game.js";

/**
 * All pure-strategy Nash equilibria. For each profile of the other players, the first player's best responses are
 * found with one scan; only those are checked for the others' deviations (with early exit), so most profiles cost
 * one payoff look-up instead of a full deviation check.
 */
export function pureEquilibria(game: StrategicGame): MixedEquilibrium[] {
  const n = game.players.length;
  const sizes = game.strategies.map((s) => s.length);
  const found: MixedEquilibrium[] = [];
  const profile: number[] = new Array(n).fill(0);
  const u = (p: number) => game.payoffs[contingencyIndex(game, profile)]![p]!;
  const isBestResponse = (p: number): boolean => {
    const own = profile[p]!;
    const value = u(p);
    for (let s = 0; s < sizes[p]!; s++) {
      if (s === own) continue;
      profile[p] = s;
      const better = compare(u(p), value) > 0;
      profile[p] = own;
      if (better) return false;
    }
    return true;
  };
  const others = (p: number) => {
    if (p === n) {
      // Player 0's best responses against this profile of the others.
      let best = game.payoffs[contingencyIndex(game, [0, ...profile.slice(1)])]![0]!;
      const candidates: number[] = [];
      for (let s = 0; s < sizes[0]!; s++) {
        profile[0] = s;
        const c = compare(u(0), best);
        if (c > 0) {
          best = u(0);
          candidates.length = 0;
        }
        if (c >= 0) candidates.push(s);
      }
      for (const s of candidates) {
        profile[0] = s;
        let ok = true;
        for (let q = 1; q < n && ok; q++) ok = isBestResponse(q);
        if (ok) found.push(withPayoffs(game, pureProfile(game, profile)));
      }
      return;
    }
    for (let s = 0; s < sizes[p]!; s++) {
      profile[p] = s;
      others(p + 1);
    }
  };
  others(1);
  return distinctEquilibria(found);
}
