import { Dist } from "../core/dist.js";
import { ZERO, type Num } from "../core/num.js";
import { decision, lens, payoffs } from "../engine/atoms.js";
import { parallel, sequence } from "../engine/compose.js";
import { check, type EquilibriumReport } from "../engine/equilibrium.js";
import type { AnyGame, OpenGame, Strategy } from "../engine/game.js";
import { contingencyIndex, type MixedProfile, type StrategicGame } from "./strategic-game.js";

/**
 * The open game of a strategic game: every player decides at once (one decision per player, id = player name,
 * actions = strategy labels), then the payoff table pays everyone by player id.
 */
export function strategicOpenGame(
  game: StrategicGame,
): OpenGame<null, null, string[], null, Record<string, Strategy<null, string>>> {
  const decisions = game.players.map((p, i) => decision(p, { actions: game.strategies[i]! }));
  const built = sequence(
    lens<null, null, null[], null[]>(
      () => game.players.map(() => null),
      () => null,
    ),
    parallel(...decisions) as AnyGame,
    lens<string[], Num[], string[], null>(
      (ys) => ys,
      () => game.players.map(() => ZERO),
    ),
    payoffs((ys: string[]) => {
      const row =
        game.payoffs[
          contingencyIndex(
            game,
            ys.map((y, i) => game.strategies[i]!.indexOf(y)),
          )
        ]!;
      return Object.fromEntries(game.players.map((p, i) => [p, row[i]!]));
    }),
  );
  return built as never;
}

/** The engine profile of a mixed profile of a strategic game. */
export function strategicStrategies(
  game: StrategicGame,
  profile: MixedProfile,
): Record<string, Strategy<null, string>> {
  return Object.fromEntries(
    game.players.map((p, i) => {
      const d = Dist.fromProbabilities(game.strategies[i]!.map((s, k) => [s, profile[i]![k]!] as const));
      return [p, () => d];
    }),
  );
}

/** Checks a mixed profile with the open-game engine: one diagnostic (counterfactual table) per player. */
export function checkStrategicProfile(game: StrategicGame, profile: MixedProfile): EquilibriumReport {
  return check(strategicOpenGame(game), strategicStrategies(game, profile));
}
