import { Dist } from "../core/dist.js";
import { canonicalKey } from "../core/keys.js";
import type { PayoffVector } from "../core/payoff-vector.js";
import { GameError } from "../errors.js";
import type {
  AnyGame,
  Context,
  DecisionInfo,
  EvaluationEnv,
  LegsOf,
  OpenGame,
  Optic,
  PlayMode,
  Profile,
  ProfileOf,
} from "./game.js";

function joinDecisions(parts: readonly AnyGame[]): DecisionInfo[] {
  const seen = new Set<string>();
  const all: DecisionInfo[] = [];
  for (const part of parts)
    for (const d of part.decisions) {
      if (seen.has(d.id))
        throw new GameError("game.duplicate_decision", `decision id "${d.id}" is used twice in one game`, {
          decision: d.id,
        });
      seen.add(d.id);
      all.push(d);
    }
  return all;
}

/** A prior computed at most once, and only if some decision needs it. */
function lazy<T>(f: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value as T;
  };
}

type Continuation<Y, R> = Context<unknown, Y, R>["continuation"];

/**
 * Memoises an exact continuation by (hidden state, action); sampled and trembling continuations are never cached.
 * Hidden states are looked up by identity (distributions merge equal states into one object, and every decision
 * evaluated in the same context receives the same objects), so only the action needs a canonical key.
 */
function memoised<Y, R>(f: Continuation<Y, R>, env: EvaluationEnv): Continuation<Y, R> {
  if (!env.memoize) return f;
  type Table = Map<string, Dist<readonly [R, PayoffVector]>>;
  const byObject = new WeakMap<object, Table>();
  const byValue = new Map<unknown, Table>();
  const tableOf = (hidden: unknown): Table => {
    const isObject = typeof hidden === "object" && hidden !== null;
    let table = isObject ? byObject.get(hidden) : byValue.get(hidden);
    if (!table) {
      table = new Map();
      if (isObject) byObject.set(hidden, table);
      else byValue.set(hidden, table);
    }
    return table;
  };
  return (hidden, action, mode) => {
    if (mode.random || mode.tremble) return f(hidden, action, mode);
    const table = tableOf(hidden);
    const key = canonicalKey(action);
    let hit = table.get(key);
    if (!hit) table.set(key, (hit = f(hidden, action, mode)));
    return hit;
  };
}

class Sequential<X, S, Y, R, Z, Q> implements OpenGame<X, S, Z, Q> {
  readonly decisions: readonly DecisionInfo[];
  constructor(
    readonly first: OpenGame<X, S, Y, R>,
    readonly second: OpenGame<Y, R, Z, Q>,
  ) {
    this.decisions = joinDecisions([first, second]);
  }

  play(profile: Profile): Optic<X, S, Z, Q> {
    const g = this.first.play(profile);
    const h = this.second.play(profile);
    return {
      forward: (x, mode) =>
        g.forward(x, mode).bind(([r1, y]) => h.forward(y, mode).map(([r2, z]) => [[r1, r2] as const, z] as const)),
      backward: (residual, q, payoffs, mode) => {
        const [r1, r2] = residual as readonly [unknown, unknown];
        return h.backward(r2, q, payoffs, mode).bind(([r, p]) => g.backward(r1, r, p, mode));
      },
    };
  }

  evaluate(profile: Profile, context: Context<X, Z, Q>, env: EvaluationEnv): void {
    if (this.first.decisions.length > 0) {
      // The first game's future is the second game's play followed by the outer future.
      const h = this.second.play(profile);
      const continuation = memoised<Y, R>(
        (hidden, y, mode) =>
          h
            .forward(y, mode)
            .bind(([residual, z]) =>
              context.continuation(hidden, z, mode).bind(([q, payoffs]) => h.backward(residual, q, payoffs, mode)),
            ),
        env,
      );
      this.first.evaluate(profile, { prior: context.prior, continuation }, env);
    }
    if (this.second.decisions.length > 0) {
      // The second game's past is the outer past pushed forward through the first game's play.
      const g = this.first.play(profile);
      const prior = lazy(() =>
        context.prior().bind(([hidden, x]) => g.forward(x, env.priorMode).map(([, y]) => [hidden, y] as const)),
      );
      this.second.evaluate(profile, { prior, continuation: context.continuation }, env);
    }
  }
}

/** Sequential composition: the first game's action is the second game's observation; utility flows back. */
export function sequence<X, S, Y, R, Z, Q, P1 extends object, P2 extends object>(
  first: OpenGame<X, S, Y, R, P1>,
  second: OpenGame<Y, R, Z, Q, P2>,
): OpenGame<X, S, Z, Q, P1 & P2>;
export function sequence<X, S, Y, R, Z, Q, W, T, P1 extends object, P2 extends object, P3 extends object>(
  first: OpenGame<X, S, Y, R, P1>,
  second: OpenGame<Y, R, Z, Q, P2>,
  third: OpenGame<Z, Q, W, T, P3>,
): OpenGame<X, S, W, T, P1 & P2 & P3>;
export function sequence<
  X,
  S,
  Y,
  R,
  Z,
  Q,
  W,
  T,
  V,
  U,
  P1 extends object,
  P2 extends object,
  P3 extends object,
  P4 extends object,
>(
  first: OpenGame<X, S, Y, R, P1>,
  second: OpenGame<Y, R, Z, Q, P2>,
  third: OpenGame<Z, Q, W, T, P3>,
  fourth: OpenGame<W, T, V, U, P4>,
): OpenGame<X, S, V, U, P1 & P2 & P3 & P4>;
export function sequence(...games: AnyGame[]): AnyGame {
  return games.reduce((a, b) => new Sequential(a, b));
}

type Legs<G> = LegsOf<G>;
type ProfileShape<G> = ProfileOf<G>;
type Intersect<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

type XsOf<G extends readonly AnyGame[]> = { -readonly [K in keyof G]: Legs<G[K]>["x"] };
type SsOf<G extends readonly AnyGame[]> = { -readonly [K in keyof G]: Legs<G[K]>["s"] };
type YsOf<G extends readonly AnyGame[]> = { -readonly [K in keyof G]: Legs<G[K]>["y"] };
type RsOf<G extends readonly AnyGame[]> = { -readonly [K in keyof G]: Legs<G[K]>["r"] };
type ProfilesOf<G extends readonly AnyGame[]> = Intersect<ProfileShape<G[number]>> & object;

/** Product distribution of the components' forward plays. */
function forwardAll(
  optics: readonly Optic<unknown, unknown, unknown, unknown>[],
  xs: readonly unknown[],
  mode: PlayMode,
  skip = -1,
): Dist<readonly [readonly unknown[], readonly unknown[]]> {
  let acc: Dist<readonly [readonly unknown[], readonly unknown[]]> = Dist.certain([[], []] as const);
  optics.forEach((optic, i) => {
    if (i === skip) return;
    acc = acc.bind(([rs, ys]) =>
      optic.forward(xs[i], mode).map(
        ([r, y]) =>
          [
            [...rs, r],
            [...ys, y],
          ] as const,
      ),
    );
  });
  return acc;
}

class Parallel implements AnyGame {
  readonly decisions: readonly DecisionInfo[];
  constructor(readonly parts: readonly AnyGame[]) {
    this.decisions = joinDecisions(parts);
  }

  play(profile: Profile): Optic<readonly unknown[], unknown[], readonly unknown[], readonly unknown[]> {
    const optics = this.parts.map((p) => p.play(profile));
    return {
      forward: (xs, mode) => forwardAll(optics, xs, mode).map(([rs, ys]) => [rs, ys] as const),
      backward: (residual, rs, payoffs, mode) => {
        const residuals = residual as readonly unknown[];
        let acc: Dist<readonly [unknown[], PayoffVector]> = Dist.certain([[], payoffs] as const);
        optics.forEach((optic, i) => {
          acc = acc.bind(([ss, p]) =>
            optic.backward(residuals[i], rs[i], p, mode).map(([s, q]) => [[...ss, s], q] as const),
          );
        });
        return acc;
      },
    };
  }

  evaluate(
    profile: Profile,
    context: Context<readonly unknown[], readonly unknown[], readonly unknown[]>,
    env: EvaluationEnv,
  ) {
    const optics = this.parts.map((p) => p.play(profile));
    this.parts.forEach((part, i) => {
      if (part.decisions.length === 0) return;
      // Component i sees its own observation; the others' observations join the hidden state, and their play is
      // held fixed in its continuation.
      const prior = lazy(() => context.prior().map(([hidden, xs]) => [[hidden, xs], xs[i]] as const));
      const continuation: Continuation<unknown, unknown> = (state, y, mode) => {
        const [hidden, xs] = state as readonly [unknown, readonly unknown[]];
        return forwardAll(optics, xs, mode, i).bind(([, others]) => {
          const ys = [...others.slice(0, i), y, ...others.slice(i)];
          return context.continuation(hidden, ys, mode).map(([rs, payoffs]) => [rs[i], payoffs] as const);
        });
      };
      part.evaluate(profile, { prior, continuation }, env);
    });
  }
}

/** Parallel composition (simultaneous play): legs are tuples, each component evaluated with the others fixed. */
export function parallel<G extends readonly AnyGame[]>(
  ...games: G
): OpenGame<XsOf<G>, SsOf<G>, YsOf<G>, RsOf<G>, ProfilesOf<G>> {
  if (games.length === 0) throw new GameError("game.empty_parallel", "parallel composition needs a game", {});
  return new Parallel(games) as unknown as OpenGame<XsOf<G>, SsOf<G>, YsOf<G>, RsOf<G>, ProfilesOf<G>>;
}

/** A value tagged with the branch it belongs to. */
export interface Tagged<K extends string, V> {
  readonly tag: K;
  readonly value: V;
}
type BranchLegs<B extends Record<string, AnyGame>, leg extends "x" | "y"> = {
  [K in keyof B & string]: Tagged<K, Legs<B[K]>[leg]>;
}[keyof B & string];

class Choice implements AnyGame {
  readonly decisions: readonly DecisionInfo[];
  constructor(readonly branches: Readonly<Record<string, AnyGame>>) {
    this.decisions = joinDecisions(Object.values(branches));
  }

  private branch(tag: string): AnyGame {
    const b = this.branches[tag];
    if (!b)
      throw new GameError("game.unknown_branch", `no branch "${tag}" in this choice`, {
        branch: tag,
        branches: Object.keys(this.branches),
      });
    return b;
  }

  play(profile: Profile): Optic<Tagged<string, unknown>, unknown, Tagged<string, unknown>, unknown> {
    const optics = new Map<string, Optic<unknown, unknown, unknown, unknown>>();
    const opticOf = (tag: string) => {
      let o = optics.get(tag);
      if (!o) optics.set(tag, (o = this.branch(tag).play(profile)));
      return o;
    };
    return {
      forward: (x, mode) =>
        opticOf(x.tag)
          .forward(x.value, mode)
          .map(
            ([r, y]) =>
              [
                { tag: x.tag, residual: r },
                { tag: x.tag, value: y },
              ] as const,
          ),
      backward: (residual, r, payoffs, mode) => {
        const { tag, residual: inner } = residual as { tag: string; residual: unknown };
        return opticOf(tag).backward(inner, r, payoffs, mode);
      },
    };
  }

  evaluate(
    profile: Profile,
    context: Context<Tagged<string, unknown>, Tagged<string, unknown>, unknown>,
    env: EvaluationEnv,
  ) {
    for (const [tag, branch] of Object.entries(this.branches)) {
      if (branch.decisions.length === 0) continue;
      // The branch sees only its part of the prior (a sub-distribution; possibly only trembles, possibly nothing).
      const prior = lazy(() =>
        context
          .prior()
          .restrict(([, x]) => x.tag === tag)
          .map(([hidden, x]) => [hidden, x.value] as const),
      );
      if (prior().size === 0) continue;
      branch.evaluate(
        profile,
        {
          prior,
          continuation: (hidden: unknown, y: unknown, mode: PlayMode) =>
            context.continuation(hidden, { tag, value: y }, mode),
        },
        env,
      );
    }
  }
}

/**
 * Branching: the observation says which branch is played (`{ tag, value }`); each branch is evaluated on the part
 * of the prior that reaches it. All branches share the utility and coutility types.
 */
export function choice<B extends Record<string, AnyGame>>(
  branches: B,
): OpenGame<
  BranchLegs<B, "x">,
  Legs<B[keyof B]>["s"],
  BranchLegs<B, "y">,
  Legs<B[keyof B]>["r"],
  Intersect<ProfileShape<B[keyof B]>> & object
> {
  if (Object.keys(branches).length === 0) throw new GameError("game.empty_choice", "a choice needs a branch", {});
  return new Choice(branches) as never;
}
