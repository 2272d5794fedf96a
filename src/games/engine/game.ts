import type { Dist } from "../core/dist.js";
import type { Num } from "../core/num.js";
import type { PayoffVector, PlayerId } from "../core/payoff-vector.js";
import type { Random } from "../core/random.js";
import type { SelectionFunction } from "./selection.js";

/** A (behavioural) strategy of one decision: what it plays, possibly mixed, for each observation. */
export type Strategy<X, Y> = (observation: X) => Dist<Y>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStrategy = Strategy<any, any>;

/** A strategy for every decision of a game, by decision id. */
export type Profile = Readonly<Record<string, AnyStrategy>>;

/**
 * How a play is computed. `tremble` adds every unplayed action at tremble order 1 (to reach off-path information
 * sets in subgame-perfect checks); `random` samples one outcome at every step instead of computing the exact
 * distribution (Monte Carlo).
 */
export interface PlayMode {
  readonly tremble: boolean;
  readonly random?: Random;
}
export const EXACT: PlayMode = { tremble: false };
export const TREMBLING: PlayMode = { tremble: true };

/**
 * One play of a game under a fixed profile, as an optic: forward from observation X to action Y (keeping a
 * residual for the way back), backward from utility R (and the payoffs paid so far, by player) to coutility S.
 */
export interface Optic<X, S, Y, R> {
  forward(x: X, mode: PlayMode): Dist<readonly [unknown, Y]>;
  backward(residual: unknown, r: R, payoffs: PayoffVector, mode: PlayMode): Dist<readonly [S, PayoffVector]>;
}

/**
 * Where a game is played: a prior over (hidden state, observation) — the past — and a continuation that says what
 * happens after an action — the future, returning the utility that flows back and the payoffs paid after this
 * point. The hidden state is whatever the surrounding game knows that this game does not observe.
 */
export interface Context<X, Y, R> {
  prior(): Dist<readonly [unknown, X]>;
  continuation(hidden: unknown, action: Y, mode: PlayMode): Dist<readonly [R, PayoffVector]>;
}

/** Static facts about one decision atom inside a game. */
export interface DecisionInfo {
  readonly id: string;
  readonly player: PlayerId;
  readonly selection: SelectionFunction;
  /** The actions available at an observation. */
  actionsAt(observation: unknown): readonly unknown[];
}

/** The evaluation of one decision at one information set (one observation). */
export interface DecisionDiagnostic {
  readonly decision: string;
  readonly player: PlayerId;
  readonly observation: unknown;
  /** Canonical key of the observation: the identity of the information set. */
  readonly informationSet: string;
  /** Whether the information set is reached with positive probability under the profile. */
  readonly onPath: boolean;
  /** Probability of reaching it under the profile (0 off the path). */
  readonly reachProbability: Num;
  /** Posterior over the hidden state given the observation (trembling-hand limit off the path). */
  readonly beliefs: Dist<unknown>;
  readonly strategy: Dist<unknown>;
  readonly currentPayoff: Num;
  readonly bestActions: readonly unknown[];
  readonly bestPayoff: Num;
  /** bestPayoff − currentPayoff: what the player forgoes by following the strategy here. */
  readonly gain: Num;
  /** The counterfactual table: the expected payoff of every available action here. */
  readonly alternatives: readonly { readonly action: unknown; readonly payoff: Num }[];
  readonly selection: string;
  /** Whether the selection function accepts the strategy here. */
  readonly equilibrium: boolean;
}

export interface EvaluationEnv {
  /** How priors are pushed forward (trembling for subgame-perfect checks). */
  readonly priorMode: PlayMode;
  /** How continuations are played (exact, or sampled for Monte Carlo). */
  readonly continuationMode: PlayMode;
  /** Samples per action value in Monte Carlo mode. */
  readonly samples: number;
  /** Whether continuations are memoised by (hidden state, action). */
  readonly memoize: boolean;
  /** Whether off-path information sets are evaluated too. */
  readonly allInformationSets: boolean;
  readonly report: (d: DecisionDiagnostic) => void;
}

/**
 * An open game with legs X (observation in), S (coutility out), Y (action out), R (utility in); P is the shape of
 * its strategy profiles (decision id → strategy), used only for typing. Build games with the atoms and the
 * composition operators; evaluate them with the equilibrium checks.
 */
export interface OpenGame<X, S, Y, R, P extends object = object> {
  /** Phantom fields carrying the leg (invariantly) and profile types; never present at run time. */
  readonly __legs?: (legs: Legs<X, S, Y, R>) => Legs<X, S, Y, R>;
  readonly __profile?: P;
  readonly decisions: readonly DecisionInfo[];
  play(profile: Profile): Optic<X, S, Y, R>;
  evaluate(profile: Profile, context: Context<X, Y, R>, env: EvaluationEnv): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyGame = OpenGame<any, any, any, any, any>;

/** The four leg types of a game, as one record. */
export interface Legs<X, S, Y, R> {
  readonly x: X;
  readonly s: S;
  readonly y: Y;
  readonly r: R;
}

/** The leg types of a game. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LegsOf<G> = G extends { readonly __legs?: (legs: any) => infer L } ? L : never;

/** The profile type of a game: one strategy per decision id. */
export type ProfileOf<G> = G extends { readonly __profile?: infer P } ? NonNullable<P> : never;
