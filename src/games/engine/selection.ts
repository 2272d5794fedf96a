import { Dist } from "../core/dist.js";
import { canonicalKey } from "../core/keys.js";
import { compare, formatNum, isExact, max, num, sub, toFloat, type Num, type Numeric } from "../core/num.js";
import { GameError } from "../errors.js";

export interface ActionValue<Y> {
  readonly action: Y;
  readonly payoff: Num;
}

export interface Judgement<Y> {
  /** Whether the strategy at this information set is one the selection function selects. */
  readonly selected: boolean;
  /** What the selection function would play instead (used by best-response and logit dynamics). */
  readonly response: Dist<Y>;
}

/**
 * A selection function (Hedges; Capucci et al.): given the value of every action at an information set, which
 * strategies are acceptable. Argmax gives Nash equilibria; the others give bounded-rationality equilibria.
 */
export interface SelectionFunction {
  readonly name: string;
  judge<Y>(values: readonly ActionValue<Y>[], strategy: Dist<Y>, current: Num): Judgement<Y>;
}

function best<Y>(values: readonly ActionValue<Y>[]): Num {
  return values.map((v) => v.payoff).reduce(max);
}

/** Default float tolerance: relative 1e-9, so that rounding noise is not reported as a profitable deviation. */
function defaultTolerance(payoff: Num): Num {
  return isExact(payoff) ? 0 : 1e-9 * Math.max(1, Math.abs(toFloat(payoff)));
}

function argmaxWith(name: string, tolerance: Num | undefined): SelectionFunction {
  return {
    name,
    judge<Y>(values: readonly ActionValue<Y>[], strategy: Dist<Y>, current: Num): Judgement<Y> {
      const top = best(values);
      const tol = tolerance ?? defaultTolerance(top);
      const isBest = (p: Num) => compare(p, sub(top, tol)) >= 0;
      const selected = isBest(current);
      const bestKeys = new Set(values.filter((v) => isBest(v.payoff)).map((v) => canonicalKey(v.action)));
      // Keep the strategy when it only plays best actions (so dynamics settle); else switch to the first best.
      const keeps = strategy.support().every((a) => bestKeys.has(canonicalKey(a)));
      const firstBest = values.find((v) => compare(v.payoff, top) === 0)!.action;
      return { selected, response: keeps ? strategy : Dist.certain(firstBest) };
    },
  };
}

/** Best response: the strategy's payoff is maximal (up to `tolerance`; default exact, or 1e-9 relative for floats). */
export function argmax(options: { tolerance?: Numeric } = {}): SelectionFunction {
  return argmaxWith("argmax", options.tolerance === undefined ? undefined : num(options.tolerance));
}

/** ε-best response: the strategy's payoff is within ε of the best. */
export function epsilonArgmax(epsilon: Numeric): SelectionFunction {
  const e = num(epsilon);
  if (compare(e, 0) < 0) throw new GameError("game.bad_selection", `ε must be ≥ 0, got ${formatNum(e)}`, {});
  return argmaxWith(`ε-argmax(${formatNum(e)})`, e);
}

/** The logit (softmax) response with temperature τ: P(y) ∝ exp(u(y)/τ). Computed in floats. */
export function softmaxResponse<Y>(values: readonly ActionValue<Y>[], temperature: number): Dist<Y> {
  const us = values.map((v) => toFloat(v.payoff) / temperature);
  const top = Math.max(...us);
  const ws = us.map((u) => Math.exp(u - top));
  const total = ws.reduce((a, b) => a + b, 0);
  // Weights are floats by construction (a weight of exactly 1 would otherwise read as an exact integer).
  return Dist.unnormalised(values.map((v, i) => ({ value: v.action, probability: ws[i]! / total, order: 0 })));
}

/**
 * Quantal response: the strategy must equal the softmax of the action values with temperature τ, to within
 * `tolerance` per action. As τ → 0 this approaches argmax.
 */
export function softmax(temperature: number, options: { tolerance?: number } = {}): SelectionFunction {
  if (!(temperature > 0))
    throw new GameError("game.bad_selection", `temperature must be > 0, got ${temperature}`, { temperature });
  const tolerance = options.tolerance ?? 1e-6;
  return {
    name: `softmax(${temperature})`,
    judge<Y>(values: readonly ActionValue<Y>[], strategy: Dist<Y>): Judgement<Y> {
      const response = softmaxResponse(values, temperature);
      const selected = values.every(
        (v) =>
          Math.abs(toFloat(strategy.probabilityOf(v.action)) - toFloat(response.probabilityOf(v.action))) <= tolerance,
      );
      return { selected, response };
    },
  };
}

/** Satisficing: any strategy whose payoff reaches the aspiration level is acceptable. */
export function satisficing(aspiration: Numeric): SelectionFunction {
  const level = num(aspiration);
  return {
    name: `satisficing(${formatNum(level)})`,
    judge<Y>(values: readonly ActionValue<Y>[], strategy: Dist<Y>, current: Num): Judgement<Y> {
      const selected = compare(current, level) >= 0;
      const top = best(values);
      const firstBest = values.find((v) => compare(v.payoff, top) === 0)!.action;
      return { selected, response: selected ? strategy : Dist.certain(firstBest) };
    },
  };
}
