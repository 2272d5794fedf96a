import { Dist, type Outcome } from "../core/dist.js";
import { canonicalKey } from "../core/keys.js";
import { add, compare, num, sub, sum, toFloat, ZERO, type Num, type Numeric } from "../core/num.js";
import { addPayoff, payoffOf, scalePayoff, type PayoffVector, type PlayerId } from "../core/payoff-vector.js";
import { Rational } from "../core/rational.js";
import { GameError } from "../errors.js";
import {
  EXACT,
  type Context,
  type DecisionInfo,
  type EvaluationEnv,
  type OpenGame,
  type Optic,
  type Profile,
  type Strategy,
} from "./game.js";
import { argmax, type ActionValue, type SelectionFunction } from "./selection.js";

/** Atoms without decisions: nothing to evaluate, play given by an optic. */
abstract class Mechanism<X, S, Y, R> implements OpenGame<X, S, Y, R, Record<never, never>> {
  readonly decisions: readonly DecisionInfo[] = [];
  abstract play(profile: Profile): Optic<X, S, Y, R>;
  evaluate(): void {}
}

const certainPair = <A, B>(a: A, b: B): Dist<readonly [A, B]> => Dist.certain([a, b] as const);

export interface DecisionSpec<X, Y> {
  /** Who is paid: the player id whose payoffs this decision maximises (default: the decision id). */
  readonly player?: PlayerId;
  /** The available actions, possibly depending on the observation. */
  readonly actions: readonly Y[] | ((observation: X) => readonly Y[]);
  /** Default: argmax (Nash). */
  readonly selection?: SelectionFunction;
}

class DecisionGame<Id extends string, X, Y> implements OpenGame<X, null, Y, Num, Record<Id, Strategy<X, Y>>> {
  readonly decisions: readonly DecisionInfo[];
  private readonly actionsOf: (x: X) => readonly Y[];

  constructor(
    readonly id: Id,
    readonly player: PlayerId,
    actions: readonly Y[] | ((observation: X) => readonly Y[]),
    readonly selection: SelectionFunction,
  ) {
    const fixed = typeof actions === "function" ? undefined : actions;
    this.actionsOf = fixed ? () => fixed : (actions as (x: X) => readonly Y[]);
    this.decisions = [{ id, player, selection, actionsAt: (x) => this.availableActions(x as X) }];
  }

  availableActions(x: X): readonly Y[] {
    const actions = this.actionsOf(x);
    if (actions.length === 0)
      throw new GameError("game.no_actions", `decision "${this.id}" has no actions at observation ${canonicalKey(x)}`, {
        decision: this.id,
        observation: canonicalKey(x),
      });
    return actions;
  }

  /** The profile's strategy for this decision, checked to play only available actions (once per observation). */
  strategyIn(profile: Profile): Strategy<X, Y> {
    const strategy = profile[this.id] as Strategy<X, Y> | undefined;
    if (typeof strategy !== "function")
      throw new GameError("profile.missing_strategy", `the profile has no strategy for decision "${this.id}"`, {
        decision: this.id,
        player: this.player,
      });
    const checked = new Map<string, Dist<Y>>();
    return (x: X) => {
      const key = canonicalKey(x);
      const hit = checked.get(key);
      if (hit) return hit;
      const played = strategy(x);
      if (!(played instanceof Dist))
        throw new GameError("profile.not_a_distribution", `the strategy of "${this.id}" must return a Dist`, {
          decision: this.id,
          observation: key,
        });
      const available = new Set(this.availableActions(x).map(canonicalKey));
      for (const a of played.support())
        if (!available.has(canonicalKey(a)))
          throw new GameError(
            "profile.action_not_available",
            `decision "${this.id}" plays ${canonicalKey(a)} at observation ${key}, which is not an available action`,
            { decision: this.id, observation: key, action: canonicalKey(a) },
          );
      checked.set(key, played);
      return played;
    };
  }

  play(profile: Profile): Optic<X, null, Y, Num> {
    const strategy = this.strategyIn(profile);
    const player = this.player;
    return {
      forward: (x, mode) => {
        const played = strategy(x);
        if (mode.random) return certainPair(null, played.sample(mode.random));
        const moves = played.map((y) => [null, y] as const);
        if (!mode.tremble) return moves;
        // Every unplayed action becomes reachable at tremble order 1, uniformly.
        const actions = this.availableActions(x);
        const played_ = new Set(played.support().map(canonicalKey));
        const trembles: Outcome<readonly [null, Y]>[] = actions
          .filter((a) => !played_.has(canonicalKey(a)))
          .map((a) => ({ value: [null, a] as const, probability: Rational.of(1, actions.length), order: 1 }));
        return trembles.length === 0 ? moves : Dist.unnormalised([...moves.outcomes, ...trembles]);
      },
      backward: (_residual, r, payoffs) => certainPair(null, addPayoff(payoffs, player, r)),
    };
  }

  evaluate(profile: Profile, context: Context<X, Y, Num>, env: EvaluationEnv): void {
    const strategy = this.strategyIn(profile);
    // Group the prior by observation: each distinct observation is one information set of this decision.
    const sets = new Map<string, { observation: X; outcomes: Outcome<readonly [unknown, X]>[] }>();
    for (const o of context.prior().outcomes) {
      const key = canonicalKey(o.value[1]);
      let set = sets.get(key);
      if (!set) sets.set(key, (set = { observation: o.value[1], outcomes: [] }));
      set.outcomes.push(o);
    }
    for (const [key, { observation, outcomes }] of sets) {
      const reachProbability = sum(outcomes.filter((o) => o.order === 0).map((o) => o.probability));
      const onPath = compare(reachProbability, ZERO) > 0;
      if (!onPath && !env.allInformationSets) continue;
      const beliefs = Dist.unnormalised(outcomes)
        .condition(() => true)!
        .map(([hidden]) => hidden);
      const values: ActionValue<Y>[] = this.availableActions(observation).map((action) => ({
        action,
        payoff: beliefs.expect((hidden) => this.valueOf(context, hidden, action, env)),
      }));
      const byAction = new Map(values.map((v) => [canonicalKey(v.action), v.payoff]));
      const played = strategy(observation);
      const current = played.expect((a) => byAction.get(canonicalKey(a))!);
      const judgement = this.selection.judge(values, played, current);
      const bestPayoff = values.map((v) => v.payoff).reduce((a, b) => (compare(a, b) >= 0 ? a : b));
      env.report({
        decision: this.id,
        player: this.player,
        observation,
        informationSet: key,
        onPath,
        reachProbability,
        beliefs,
        strategy: played,
        currentPayoff: current,
        bestActions: values.filter((v) => compare(v.payoff, bestPayoff) === 0).map((v) => v.action),
        bestPayoff,
        gain: sub(bestPayoff, current),
        alternatives: values,
        selection: this.selection.name,
        equilibrium: judgement.selected,
      });
    }
  }

  /** What this decision's player gets, from here on, by playing `action` when the hidden state is `hidden`. */
  private valueOf(context: Context<X, Y, Num>, hidden: unknown, action: Y, env: EvaluationEnv): Num {
    const value = ([r, payoffs]: readonly [Num, PayoffVector]) => add(r, payoffOf(payoffs, this.player));
    if (!env.continuationMode.random) return context.continuation(hidden, action, EXACT).expect(value);
    let total = 0;
    for (let i = 0; i < env.samples; i++)
      total += toFloat(context.continuation(hidden, action, env.continuationMode).expect(value));
    return total / env.samples;
  }
}

/**
 * A decision: player `spec.player` (default: the id) observes X and chooses an action Y; the utility R that flows
 * back is added to the player's payoffs. The id names the decision in profiles and diagnostics.
 */
export function decision<Id extends string, X = null, Y = unknown>(
  id: Id,
  spec: DecisionSpec<X, Y>,
): OpenGame<X, null, Y, Num, Record<Id, Strategy<X, Y>>> {
  if (id.length === 0) throw new GameError("game.bad_decision", "a decision needs a non-empty id", {});
  return new DecisionGame(id, spec.player ?? id, spec.actions, spec.selection ?? argmax());
}

class NatureGame<X, Y> extends Mechanism<X, null, Y, null> {
  constructor(private readonly draw: (x: X) => Dist<Y>) {
    super();
  }
  play(): Optic<X, null, Y, null> {
    return {
      forward: (x, mode) => {
        const d = this.draw(x);
        return mode.random ? certainPair(null, d.sample(mode.random)) : d.map((y) => [null, y] as const);
      },
      backward: (_residual, _r, payoffs) => certainPair(null, payoffs),
    };
  }
}

/** Nature: draws Y from a fixed distribution. */
export function nature<Y>(distribution: Dist<Y>): OpenGame<null, null, Y, null> {
  return new NatureGame<null, Y>(() => distribution);
}

/** A random function of the observation (e.g. a noisy signal of a hidden state). */
export function stochastic<X, Y>(f: (x: X) => Dist<Y>): OpenGame<X, null, Y, null> {
  return new NatureGame(f);
}

class LensGame<X, S, Y, R> extends Mechanism<X, S, Y, R> {
  constructor(
    private readonly view: (x: X) => Y,
    private readonly update: (x: X, r: R) => S,
  ) {
    super();
  }
  play(): Optic<X, S, Y, R> {
    return {
      forward: (x) => certainPair(x, this.view(x)),
      backward: (residual, r, payoffs) => certainPair(this.update(residual as X, r), payoffs),
    };
  }
}

/** A deterministic lens: forward `view`, backward `update(observation, utility)`; no decisions. */
export function lens<X, S, Y, R>(view: (x: X) => Y, update: (x: X, r: R) => S): OpenGame<X, S, Y, R> {
  return new LensGame(view, update);
}

/** A forward function and an independent backward function. */
export function fromFunctions<X, S, Y, R>(forward: (x: X) => Y, backward: (r: R) => S): OpenGame<X, S, Y, R> {
  return new LensGame<X, S, Y, R>(forward, (_x, r) => backward(r));
}

/** Passes observations forward and utilities back unchanged. */
export function identity<X, R = null>(): OpenGame<X, R, X, R> {
  return new LensGame<X, R, X, R>(
    (x) => x,
    (_x, r) => r,
  );
}

/**
 * Turns an outcome into a utility flowing back to the decision that produced it: forward nothing, backward
 * `utility(x)`. The usual way to close a single decision: `sequence(decision(...), utility(f))`.
 */
export function utility<X>(f: (x: X) => Numeric): OpenGame<X, Num, null, null> {
  return new LensGame<X, Num, null, null>(
    () => null,
    (x) => num(f(x)),
  );
}

class PayoffGame<X> extends Mechanism<X, null, X, null> {
  constructor(private readonly update: (x: X, payoffs: PayoffVector) => PayoffVector) {
    super();
  }
  play(): Optic<X, null, X, null> {
    return {
      forward: (x) => certainPair(x, x),
      backward: (residual, _r, payoffs) => certainPair(null, this.update(residual as X, payoffs)),
    };
  }
}

/** Payoff attribution by player id: passes X through and pays `f(x)[player]` to each listed player. */
export function payoffs<X>(f: (x: X) => Readonly<Record<PlayerId, Numeric>>): OpenGame<X, null, X, null> {
  return new PayoffGame<X>((x, vector) => {
    let v = vector;
    for (const [player, amount] of Object.entries(f(x))) v = addPayoff(v, player, num(amount));
    return v;
  });
}

/**
 * Discounting: passes X through and multiplies what `player` is paid after this point by `factor` (so placing it
 * between stages discounts every later stage once more).
 */
export function discount<X = null>(player: PlayerId, factor: Numeric): OpenGame<X, null, X, null> {
  const f = num(factor);
  if (compare(f, ZERO) < 0) throw new GameError("game.bad_discount", `discount factor must be ≥ 0`, { player });
  return new PayoffGame<X>((_x, vector) => scalePayoff(vector, player, f));
}
