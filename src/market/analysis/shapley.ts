import { InvalidInputError } from "../errors.js";
import { seededRandom } from "../random/seeded_random.js";

/**
 * Shapley values of a cooperative game: each player's average marginal contribution over all orders in which the
 * coalition could form. Exact (over all 2^n coalitions) up to `exactUpTo` players; beyond that, estimated from
 * seeded random permutations, with a Hoeffding bound: with probability ≥ 1 − δ every estimate is within `bound` of
 * the true value, bound = R · √(ln(2n/δ) / (2m)) for m permutations and R the observed range of marginal
 * contributions (a union bound over the n players). Both ways the values add up exactly to v(all).
 */
export interface ShapleyResult {
  readonly values: readonly number[];
  readonly method: "exact" | "sampled";
  /** Sampled only: permutations drawn, the error bound, its confidence 1 − δ. */
  readonly permutations?: number;
  readonly bound?: number;
  readonly confidence?: number;
  /** Coalition values computed (the cost). */
  readonly evaluations: number;
}

export interface ShapleyOptions {
  readonly exactUpTo?: number;
  readonly permutations?: number;
  readonly seed?: number;
  readonly delta?: number;
}

/** `value(mask)` is v of the coalition whose members are the set bits of `mask` (player i ↔ bit i). */
export function shapley(players: number, value: (mask: number) => number, options: ShapleyOptions = {}): ShapleyResult {
  if (!Number.isInteger(players) || players < 1 || players > 30)
    throw new InvalidInputError("shapley_invalid", `Shapley values need 1 to 30 players, got ${players}`, { players });
  const memo = new Map<number, number>();
  const v = (mask: number) => {
    let x = memo.get(mask);
    if (x === undefined) memo.set(mask, (x = mask === 0 ? 0 : value(mask)));
    return x;
  };
  if (players <= (options.exactUpTo ?? 10)) {
    // φ_i = Σ_{S ∌ i} |S|! (n − |S| − 1)! / n! · (v(S ∪ i) − v(S)).
    const factorial = [1];
    for (let k = 1; k <= players; k++) factorial.push(factorial[k - 1]! * k);
    const values = new Array<number>(players).fill(0);
    for (let mask = 0; mask < 1 << players; mask++) {
      const size = popcount(mask);
      const weight = (factorial[size]! * factorial[players - size - 1]!) / factorial[players]!;
      for (let i = 0; i < players; i++)
        if ((mask & (1 << i)) === 0) values[i]! += weight * (v(mask | (1 << i)) - v(mask));
    }
    return { values, method: "exact", evaluations: memo.size };
  }
  const m = options.permutations ?? 200;
  const delta = options.delta ?? 0.05;
  const rng = seededRandom(options.seed ?? 1, "shapley");
  const sums = new Array<number>(players).fill(0);
  let lo = Infinity;
  let hi = -Infinity;
  const order = Array.from({ length: players }, (_, i) => i);
  for (let r = 0; r < m; r++) {
    for (let i = players - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let mask = 0;
    let before = 0;
    for (const i of order) {
      mask |= 1 << i;
      const after = v(mask);
      const marginal = after - before;
      sums[i]! += marginal;
      lo = Math.min(lo, marginal);
      hi = Math.max(hi, marginal);
      before = after;
    }
  }
  const bound = (hi - lo) * Math.sqrt(Math.log((2 * players) / delta) / (2 * m));
  return {
    values: sums.map((s) => s / m),
    method: "sampled",
    permutations: m,
    bound,
    confidence: 1 - delta,
    evaluations: memo.size,
  };
}

function popcount(x: number): number {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}
