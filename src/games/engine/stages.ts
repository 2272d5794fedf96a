import type { Dist } from "../core/dist.js";
import { ZERO, type Numeric } from "../core/num.js";
import type { PlayerId } from "../core/payoff-vector.js";
import { GameError } from "../errors.js";
import { decision, discount, identity, lens, payoffs, stochastic } from "./atoms.js";
import { choice, parallel, sequence } from "./compose.js";
import type { AnyGame, OpenGame, Strategy } from "./game.js";
import type { SelectionFunction } from "./selection.js";

/** A decision inside a stage builder: who decides, what they see of the record so far, and what they may do. */
export interface StageDecision<Rec, X, Y> {
  /** Whose payoff the decision maximises (default: the decision's name). */
  readonly player?: PlayerId;
  /** What the decision sees of the record so far (default: nothing). Equal observations form one information set. */
  readonly observe?: (record: Rec) => X;
  readonly actions: readonly Y[] | ((observation: X) => readonly Y[]);
  readonly selection?: SelectionFunction;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStageDecision<Rec> = StageDecision<Rec, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ObservationOf<D> = D extends { readonly observe?: (record: any) => infer X }
  ? unknown extends X
    ? null
    : X
  : null;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ActionOf<D> = D extends StageDecision<any, any, infer Y> ? Y : never;
type Intersect<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;
type Flat<T> = { [K in keyof T]: T[K] } & {};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyStages = Stages<any, any, any>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RecordOf<S> = S extends Stages<any, infer R, any> ? R : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ProfileOf<S> = S extends Stages<any, any, infer P> ? P : never;

/**
 * A builder that reads like the game: a record of named values grows stage by stage (nature draws, decisions,
 * computed values); decisions see what their `observe` picks from it; payoffs are attributed by player id.
 * Each stage compiles to the engine's atoms and compositions, so checks and searches work on the result as on any
 * open game. Decision ids are the record names they fill.
 *
 * ```ts
 * const game = stages()
 *   .decide("proposer", { actions: [1, 2, 3] })
 *   .decide("responder", { observe: (r) => r.proposer, actions: ["accept", "reject"] })
 *   .payoff((r) => (r.responder === "accept" ? { proposer: 3 - r.proposer, responder: r.proposer } : {}))
 *   .build();
 * ```
 */
export class Stages<In, Rec extends object, P extends object> {
  private constructor(
    private readonly game: AnyGame,
    private readonly names: ReadonlySet<string>,
  ) {}

  /** A closed game: starts from nothing, with an empty record. */
  static start(): Stages<null, Record<never, never>, Record<never, never>> {
    return new Stages(
      lens<null, null, object, null>(
        () => ({}),
        () => null,
      ),
      new Set(),
    );
  }

  /** A builder continuing from a given record (the branches of `branch`). */
  static continuing<Rec extends object>(): Stages<Rec, Rec, Record<never, never>> {
    return new Stages(identity<Rec, null>(), new Set());
  }

  private then<Rec2 extends object, P2 extends object>(stage: AnyGame, added: readonly string[]): Stages<In, Rec2, P2> {
    const names = new Set(this.names);
    for (const name of added) {
      if (names.has(name))
        throw new GameError("game.duplicate_name", `the record already has a value named "${name}"`, { name });
      names.add(name);
    }
    return new Stages(sequence(this.game, stage), names);
  }

  /** Nature draws `name` from a distribution (which may depend on the record so far). */
  nature<K extends string, V>(
    name: K,
    draw: Dist<V> | ((record: Rec) => Dist<V>),
  ): Stages<In, Flat<Rec & Record<K, V>>, P> {
    const of = typeof draw === "function" ? draw : () => draw;
    return this.then(
      stochastic((rec: Rec) => of(rec).map((v) => ({ ...rec, [name]: v }))),
      [name],
    );
  }

  /** A value computed from the record (rules of the game, not a choice). */
  compute<K extends string, V>(name: K, f: (record: Rec) => V): Stages<In, Flat<Rec & Record<K, V>>, P> {
    return this.then(
      lens(
        (rec: Rec) => ({ ...rec, [name]: f(rec) }),
        () => null,
      ),
      [name],
    );
  }

  /** One decision; its action is recorded as `name`. */
  decide<K extends string, X = null, Y = unknown>(
    name: K,
    spec: StageDecision<Rec, X, Y>,
  ): Stages<In, Flat<Rec & Record<K, Y>>, Flat<P & Record<K, Strategy<X, Y>>>> {
    return this.simultaneously({ [name]: spec } as Record<K, StageDecision<Rec, X, Y>>) as never;
  }

  /** Several decisions taken at once, none seeing the others' actions. */
  simultaneously<D extends Record<string, AnyStageDecision<Rec>>>(
    specs: D,
  ): Stages<
    In,
    Flat<Rec & { [K in keyof D]: ActionOf<D[K]> }>,
    Flat<P & { [K in keyof D]: Strategy<ObservationOf<D[K]>, ActionOf<D[K]>> }>
  > {
    const names = Object.keys(specs);
    const views = names.map((n) => (specs[n]!.observe ?? (() => null)) as (rec: Rec) => unknown);
    const decisions = names.map((n) => {
      const s = specs[n]!;
      return decision(n, {
        actions: s.actions,
        ...(s.player !== undefined ? { player: s.player } : {}),
        ...(s.selection !== undefined ? { selection: s.selection } : {}),
      });
    });
    // rec → [rec, observations…]; the record rides alongside (in the decisions' hidden state) to the merge.
    const stage = sequence(
      lens(
        (rec: Rec) => [rec, ...views.map((v) => v(rec))],
        () => null,
      ),
      parallel(identity<Rec, null>(), ...decisions) as AnyGame,
      lens(
        ([rec, ...ys]: readonly unknown[]) =>
          Object.assign({}, rec, Object.fromEntries(names.map((n, i) => [n, ys[i]]))),
        // Decisions are paid through payoff attribution, so the utility flowing back to them is 0.
        () => [null, ...names.map(() => ZERO)],
      ),
    );
    return this.then(stage, names);
  }

  /** Pays each listed player the amount `f(record)` gives them (payoff attribution by player id). */
  payoff(f: (record: Rec) => Readonly<Record<PlayerId, Numeric>>): Stages<In, Rec, P> {
    return this.then(payoffs(f), []);
  }

  /** Multiplies every payoff `player` receives after this point by `factor`. */
  discount(player: PlayerId, factor: Numeric): Stages<In, Rec, P> {
    return this.then(discount<Rec>(player, factor), []);
  }

  /**
   * Branching: `select` names the branch the record goes down; each branch continues the builder. Every branch is
   * evaluated on the part of the distribution that reaches it (a branch may be unreachable).
   */
  branch<K extends string, B extends Record<K, (s: Stages<Rec, Rec, Record<never, never>>) => AnyStages>>(
    select: (record: Rec) => K,
    branches: B,
  ): Stages<In, RecordOf<ReturnType<B[K]>>, Flat<P & Intersect<ProfileOf<ReturnType<B[K]>>>>> {
    const games: Record<string, AnyGame> = {};
    const added = new Set<string>();
    for (const [tag, build] of Object.entries(branches) as [string, (s: AnyStages) => AnyStages][]) {
      const built = build(Stages.continuing<Rec>());
      games[tag] = built.game;
      for (const n of built.names) added.add(n);
    }
    const stage = sequence(
      lens(
        (rec: Rec) => ({ tag: select(rec), value: rec }),
        (_x, r: null) => r,
      ),
      choice(games) as AnyGame,
      lens(
        (t: { value: unknown }) => t.value,
        (_x, r: null) => r,
      ),
    );
    // Names added in different branches may coincide (they are alternatives), so check only against the trunk.
    for (const n of added)
      if (this.names.has(n))
        throw new GameError("game.duplicate_name", `the record already has a value named "${n}"`, { name: n });
    return new Stages(sequence(this.game, stage), new Set([...this.names, ...added]));
  }

  /** Embeds any open game fed with `observe(record)`; its output is recorded as `name`. */
  play<K extends string, X, Y, P2 extends object>(
    name: K,
    game: OpenGame<X, null, Y, null, P2>,
    observe: (record: Rec) => X,
  ): Stages<In, Flat<Rec & Record<K, Y>>, Flat<P & P2>> {
    const stage = sequence(
      lens(
        (rec: Rec) => [rec, observe(rec)],
        () => null,
      ),
      parallel(identity<Rec, null>(), game) as AnyGame,
      lens(
        ([rec, y]: readonly unknown[]) => ({ ...(rec as object), [name]: y }),
        () => [null, null],
      ),
    );
    return this.then(stage, [name]);
  }

  build(): OpenGame<In, null, Rec, null, P> {
    return this.game as OpenGame<In, null, Rec, null, P>;
  }
}

/** Starts a closed game built stage by stage. */
export function stages(): Stages<null, Record<never, never>, Record<never, never>> {
  return Stages.start();
}

/**
 * The beliefs of a decision built with `stages()` about the record it was taken in (hidden parts included):
 * the posterior over everything that happened before, given what the decision observed.
 */
export function recordBeliefs<Rec>(diagnostic: { readonly beliefs: Dist<unknown> }): Dist<Rec> {
  // Inside a stage the hidden state is [outer hidden state, [record, observations…]].
  return diagnostic.beliefs.map((hidden) => (hidden as readonly [unknown, readonly [Rec, ...unknown[]]])[1][0]);
}
