import { GameError } from "../errors.js";
import { Rational } from "./rational.js";

/**
 * A payoff or probability. A `Rational` is exact; a JS `number` inside the engine is a float. Arithmetic is
 * contagious: exact with exact stays exact, anything with a float becomes a float. So a game whose payoffs and
 * probabilities are exact is computed exactly, and a game with a float anywhere is computed in floats.
 */
export type Num = Rational | number;

/** What users may write where a number is expected: integers are exact, other doubles are floats. */
export type Numeric = Num | bigint | string;

/** Normalises user input: safe integers, bigints and numeric strings ("1/3", "0.1") become exact. */
export function num(x: Numeric): Num {
  if (x instanceof Rational) return x;
  if (typeof x === "bigint") return Rational.of(x);
  if (typeof x === "string") return Rational.parse(x);
  if (!Number.isFinite(x)) throw new GameError("number.not_finite", `${x} is not a finite number`, { value: x });
  return Number.isSafeInteger(x) ? Rational.of(x) : x;
}

export const ZERO: Num = Rational.ZERO;
export const ONE: Num = Rational.ONE;

export const isExact = (x: Num): x is Rational => x instanceof Rational;
export const toFloat = (x: Num): number => (x instanceof Rational ? x.toNumber() : x);

export function add(a: Num, b: Num): Num {
  return a instanceof Rational && b instanceof Rational ? a.add(b) : toFloat(a) + toFloat(b);
}
export function sub(a: Num, b: Num): Num {
  return a instanceof Rational && b instanceof Rational ? a.sub(b) : toFloat(a) - toFloat(b);
}
export function mul(a: Num, b: Num): Num {
  return a instanceof Rational && b instanceof Rational ? a.mul(b) : toFloat(a) * toFloat(b);
}
export function div(a: Num, b: Num): Num {
  if (a instanceof Rational && b instanceof Rational) return a.div(b);
  return toFloat(a) / toFloat(b);
}
export function neg(a: Num): Num {
  return a instanceof Rational ? a.neg() : -a;
}
export function compare(a: Num, b: Num): -1 | 0 | 1 {
  if (a instanceof Rational && b instanceof Rational) return a.compare(b);
  const x = toFloat(a);
  const y = toFloat(b);
  return x === y ? 0 : x < y ? -1 : 1;
}
export const isZero = (a: Num): boolean => (a instanceof Rational ? a.isZero() : a === 0);
export const max = (a: Num, b: Num): Num => (compare(a, b) >= 0 ? a : b);
export function sum(xs: Iterable<Num>): Num {
  let s: Num = ZERO;
  for (const x of xs) s = add(s, x);
  return s;
}

/** "1/2" for exact values, the shortest round-trip decimal for floats. */
export function formatNum(x: Num): string {
  return x instanceof Rational ? x.toString() : String(Object.is(x, -0) ? 0 : x);
}
