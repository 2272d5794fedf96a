import { Dist } from "../core/dist.js";
import { toFloat, type Num } from "../core/num.js";
import { NO_PAYOFFS, payoffOf, type PayoffVector, type PlayerId } from "../core/payoff-vector.js";
import { Random } from "../core/random.js";
import { GameError } from "../errors.js";
import {
  EXACT,
  TREMBLING,
  type Context,
  type DecisionDiagnostic,
  type EvaluationEnv,
  type OpenGame,
  type Profile,
} from "./game.js";

export interface CheckOptions {
  /** Check every information set reachable under some profile, not only those on the path (default false). */
  readonly subgamePerfect?: boolean;
  /** Memoise continuations by (hidden state, action) (default true; false reproduces the naive cost). */
  readonly memoize?: boolean;
  /** Estimate action values by sampling the future instead of computing it exactly. */
  readonly monteCarlo?: { readonly samples: number; readonly seed: number };
}

export interface EquilibriumReport {
  readonly equilibrium: boolean;
  readonly solutionConcept: "nash" | "subgame-perfect";
  /** One entry per decision and information set, in the order the game evaluates them. */
  readonly diagnostics: readonly DecisionDiagnostic[];
  /** The entries the selection functions reject: where a player would rather do something else. */
  readonly deviations: readonly DecisionDiagnostic[];
}

/** The context of a closed game: nothing observed, nothing after. */
export function closedContext<Y>(): Context<null, Y, null> {
  const prior = Dist.certain([null, null] as const);
  const after = Dist.certain([null, NO_PAYOFFS] as const);
  return { prior: () => prior, continuation: () => after };
}

/**
 * Checks a profile in a context: evaluates every decision at every information set (on the path for Nash; also off
 * it for subgame perfection) and reports the counterfactual table of each.
 *
 * As in the open-games literature, each decision is judged against changes at one information set at a time (the
 * agent form). That is Nash equilibrium when every player decides once per play (normal-form and Bayesian games);
 * a player who decides several times along a path might gain only by changing several decisions at once, which
 * the subgame-perfect check (one-shot deviation principle) or, for trees, `checkBehaviourProfile` catches.
 * Decisions with the same player id pool their payoffs: give every player a unique id.
 */
export function checkIn<X, S, Y, R, P extends object>(
  game: OpenGame<X, S, Y, R, P>,
  profile: P,
  context: Context<X, Y, R>,
  options: CheckOptions = {},
): EquilibriumReport {
  const diagnostics: DecisionDiagnostic[] = [];
  const seen = new Set<string>();
  const mc = options.monteCarlo;
  if (mc && !(Number.isInteger(mc.samples) && mc.samples > 0))
    throw new GameError("game.bad_option", `Monte Carlo needs a positive whole number of samples`, {
      samples: mc.samples,
    });
  const env: EvaluationEnv = {
    priorMode: options.subgamePerfect ? TREMBLING : EXACT,
    continuationMode: mc ? { tremble: false, random: new Random(mc.seed) } : EXACT,
    samples: mc?.samples ?? 1,
    memoize: options.memoize ?? true,
    allInformationSets: options.subgamePerfect ?? false,
    report: (d) => {
      const id = d.decision + "\u0001" + d.informationSet;
      if (!seen.has(id)) {
        seen.add(id);
        diagnostics.push(d);
      }
    },
  };
  game.evaluate(profile as Profile, context, env);
  const deviations = diagnostics.filter((d) => !d.equilibrium);
  return {
    equilibrium: deviations.length === 0,
    solutionConcept: options.subgamePerfect ? "subgame-perfect" : "nash",
    diagnostics,
    deviations,
  };
}

/** Checks a profile of a closed game (no observation in, no utility from outside). */
export function check<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  profile: P,
  options: CheckOptions = {},
): EquilibriumReport {
  return checkIn(game, profile, closedContext<Y>(), options);
}

/** The distribution of (final output, payoffs by player) of a closed game under a profile. */
export function outcomes<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  profile: P,
): Dist<{ readonly output: Y; readonly payoffs: PayoffVector }> {
  const optic = game.play(profile as Profile);
  return optic
    .forward(null, EXACT)
    .bind(([residual, output]) =>
      optic.backward(residual, null, NO_PAYOFFS, EXACT).map(([, payoffs]) => ({ output, payoffs })),
    );
}

/** Expected payoff of each player under a profile (players that are never paid are absent). */
export function expectedPayoffs<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  profile: P,
): Map<PlayerId, Num> {
  const d = outcomes(game, profile);
  const players = new Set<PlayerId>();
  for (const o of d.outcomes) for (const p of o.value.payoffs.keys()) players.add(p);
  return new Map([...players].sort().map((p) => [p, d.expect((o) => payoffOf(o.payoffs, p))]));
}

/** Monte Carlo: average payoffs over `samples` sampled plays, reproducible from `seed`. */
export function simulate<S, Y, P extends object>(
  game: OpenGame<null, S, Y, null, P>,
  profile: P,
  options: { readonly samples: number; readonly seed: number },
): Map<PlayerId, number> {
  const random = new Random(options.seed);
  const mode = { tremble: false, random };
  const optic = game.play(profile as Profile);
  const totals = new Map<PlayerId, number>();
  for (let i = 0; i < options.samples; i++) {
    const [residual] = optic.forward(null, mode).sample(random);
    const [, payoffs] = optic.backward(residual, null, NO_PAYOFFS, mode).sample(random);
    for (const [p, v] of payoffs) totals.set(p, (totals.get(p) ?? 0) + toFloat(v));
  }
  return new Map([...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, v]) => [p, v / options.samples]));
}
