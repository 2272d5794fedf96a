import { GameError } from "../errors.js";
import type { MixedEquilibrium } from "./equilibrium.js";
import { lemkeHowsonReachable } from "./lemke-howson.js";
import { logitEquilibrium } from "./logit.js";
import { extremeEquilibria } from "./mixed-equilibria.js";
import { pureEquilibria } from "./pure-equilibria.js";
import type { StrategicGame } from "./strategic-game.js";

export type SolveMethod = "enumpure" | "enummixed" | "lcp" | "logit";
export const SOLVE_METHODS: readonly SolveMethod[] = ["enumpure", "enummixed", "lcp", "logit"];

export interface Solution {
  readonly method: SolveMethod;
  /** Exact methods return rationals; logit returns floats. */
  readonly exact: boolean;
  /** What the set of equilibria is: all pure ones, all extreme ones, those reachable by Lemke–Howson, one approximation. */
  readonly completeness: string;
  readonly equilibria: readonly MixedEquilibrium[];
}

/** Runs a method by name (Gambit's tool names). */
export function solve(game: StrategicGame, method: SolveMethod): Solution {
  switch (method) {
    case "enumpure":
      return { method, exact: true, completeness: "all pure-strategy equilibria", equilibria: pureEquilibria(game) };
    case "enummixed":
      return { method, exact: true, completeness: "all extreme equilibria", equilibria: extremeEquilibria(game) };
    case "lcp":
      return {
        method,
        exact: true,
        completeness: "the equilibria reachable by Lemke–Howson paths",
        equilibria: lemkeHowsonReachable(game),
      };
    case "logit":
      return {
        method,
        exact: false,
        completeness: "one approximate equilibrium at the end of the logit (quantal response) path",
        equilibria: [logitEquilibrium(game)],
      };
    default:
      throw new GameError("solver.unknown_method", `unknown method "${String(method)}"`, {
        method,
        methods: SOLVE_METHODS,
      });
  }
}
