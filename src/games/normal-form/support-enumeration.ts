import { solveLinear } from "../core/linear.js";
import { Rational } from "../core/rational.js";
import { distinctEquilibria, withPayoffs, type MixedEquilibrium } from "./equilibrium.js";
import { positiveIntegerMatrix } from "./integer-tableau.js";
import { matrices, type StrategicGame } from "./strategic-game.js";

function subsetsOfSize(n: number, k: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, acc: number[]) => {
    if (acc.length === k) return void out.push(acc.slice());
    for (let i = start; i < n; i++) {
      acc.push(i);
      pick(i + 1, acc);
      acc.pop();
    }
  };
  pick(0, []);
  return out;
}

/**
 * The mixed strategy on `support` making the opponent indifferent across `opponentSupport` and no better off
 * elsewhere; `payoff(own, theirs)` is the opponent's payoff. Undefined if there is none.
 */
function indifferenceStrategy(
  payoff: (own: number, theirs: number) => Rational,
  size: number,
  support: readonly number[],
  opponentSupport: readonly number[],
  opponentSize: number,
): Rational[] | undefined {
  const k = support.length;
  // Unknowns: probabilities on the support, then the opponent's value v.
  const rows = opponentSupport.map((t) => [...support.map((s) => payoff(s, t)), Rational.ONE.neg()]);
  rows.push([...support.map(() => Rational.ONE), Rational.ZERO]);
  const rhs = [...opponentSupport.map(() => Rational.ZERO), Rational.ONE];
  const solution = solveLinear(rows, rhs);
  if (!solution || solution.slice(0, k).some((p) => p.sign() <= 0)) return undefined;
  const value = solution[k]!;
  for (let t = 0; t < opponentSize; t++) {
    if (opponentSupport.includes(t)) continue;
    const v = support.reduce((acc, s, i) => acc.add(solution[i]!.mul(payoff(s, t))), Rational.ZERO);
    if (v.compare(value) > 0) return undefined;
  }
  const x = Array.from({ length: size }, () => Rational.ZERO);
  support.forEach((s, i) => (x[s] = solution[i]!));
  return x;
}

/**
 * Naive support enumeration: for every pair of equal-size supports, solve the indifference equations. Complete for
 * non-degenerate games only (a degenerate game can have equilibria with supports of different sizes); kept as the
 * baseline the benchmark compares vertex enumeration against, and as an independent cross-check in tests.
 */
export function supportEnumeration(game: StrategicGame): MixedEquilibrium[] {
  const { a, b } = matrices(game);
  const m = a.length;
  const n = a[0]!.length;
  const A = positiveIntegerMatrix(a).map((r) => r.map((v) => Rational.of(v)));
  const B = positiveIntegerMatrix(b).map((r) => r.map((v) => Rational.of(v)));
  const found: MixedEquilibrium[] = [];
  for (let k = 1; k <= Math.min(m, n); k++)
    for (const I of subsetsOfSize(m, k))
      for (const J of subsetsOfSize(n, k)) {
        const x = indifferenceStrategy((i, j) => B[i]![j]!, m, I, J, n);
        if (!x) continue;
        const y = indifferenceStrategy((j, i) => A[i]![j]!, n, J, I, m);
        if (!y) continue;
        found.push(withPayoffs(game, [x, y]));
      }
  return distinctEquilibria(found);
}
