import { compare, isExact, toFloat, type Num } from "../core/num.js";
import { Rational } from "../core/rational.js";
import { GameError } from "../errors.js";

/**
 * The best-response polytope {z ≥ 0 : M z ≤ 1} (M with positive entries, so it is bounded and 0 is a vertex) as a
 * simplex tableau with integer pivoting (Edmonds/Bareiss, as in lrs): every entry stays an integer, each division
 * is exact, and the common value `det` of the basic columns is the determinant of the basis. Variables 0…d−1 are
 * z, variables d…d+k−1 the slacks of the k rows.
 */
export class IntegerTableau {
  private constructor(
    /** rows × (1 + d + k): column 0 is the right-hand side. */
    readonly rows: bigint[][],
    readonly basis: number[],
    readonly det: bigint,
    readonly dimension: number,
  ) {}

  static forPolytope(m: readonly (readonly bigint[])[]): IntegerTableau {
    const k = m.length;
    const d = m[0]!.length;
    const rows = m.map((row, r) => [1n, ...row, ...Array.from({ length: k }, (_, j) => (j === r ? 1n : 0n))]);
    return new IntegerTableau(
      rows,
      Array.from({ length: k }, (_, r) => d + r),
      1n,
      d,
    );
  }

  get variables(): number {
    return this.rows[0]!.length - 1;
  }

  isBasic(variable: number): boolean {
    return this.basis.includes(variable);
  }

  /** Pivots `variable` into the basis in place of row `row`'s basic variable; keeps det > 0. */
  pivot(row: number, variable: number): IntegerTableau {
    const col = variable + 1;
    const p = this.rows[row]![col]!;
    if (p === 0n) throw new GameError("solver.internal", "pivot on a zero element", { row, variable });
    const next = this.rows.map((r, i) => {
      if (i === row) return r.slice();
      const f = r[col]!;
      return r.map((v, j) => (v * p - f * this.rows[row]![j]!) / this.det);
    });
    const basis = this.basis.slice();
    basis[row] = variable;
    // Scaling every equation by −1 keeps the system and makes the determinant positive again.
    if (p < 0n) for (const r of next) for (let j = 0; j < r.length; j++) r[j] = -r[j]!;
    return new IntegerTableau(next, basis, p < 0n ? -p : p, this.dimension);
  }

  /** The value of every variable at this basis. */
  values(): Rational[] {
    const vals = Array.from({ length: this.variables }, () => Rational.ZERO);
    this.basis.forEach((v, i) => (vals[v] = Rational.of(this.rows[i]![0]!, this.det)));
    return vals;
  }

  /** Rows where the basic variable is 0 (degenerate rows). */
  zeroRows(): number[] {
    return this.rows.flatMap((r, i) => (r[0] === 0n ? [i] : []));
  }

  /**
   * The rows an entering `variable` may replace keeping the basis feasible: the minimum-ratio rows (positive
   * column entry), plus, at θ = 0, any degenerate row with a non-zero entry.
   */
  feasibleLeavingRows(variable: number): number[] {
    const col = variable + 1;
    let best: number[] = [];
    let bestNum = 0n;
    let bestDen = 1n;
    this.rows.forEach((r, i) => {
      const a = r[col]!;
      if (a <= 0n) return;
      if (best.length === 0) {
        best = [i];
        [bestNum, bestDen] = [r[0]!, a];
        return;
      }
      const cmp = r[0]! * bestDen - bestNum * a;
      if (cmp < 0n) {
        best = [i];
        [bestNum, bestDen] = [r[0]!, a];
      } else if (cmp === 0n) best.push(i);
    });
    if (best.length > 0 && bestNum !== 0n) return best;
    const degenerate = this.rows.flatMap((r, i) => (r[0] === 0n && r[col]! !== 0n ? [i] : []));
    return [...new Set([...best, ...degenerate])];
  }

  /**
   * The lexicographic minimum-ratio row for an entering variable (unique: ties broken by the columns of the
   * basis inverse, i.e. the slack columns), as Lemke–Howson needs under degeneracy. Undefined if unbounded.
   */
  lexicographicLeavingRow(variable: number): number | undefined {
    const col = variable + 1;
    const k = this.rows.length;
    const tieColumns = [0, ...Array.from({ length: k }, (_, j) => 1 + this.dimension + j)];
    let best: number | undefined;
    for (let i = 0; i < k; i++) {
      const a = this.rows[i]![col]!;
      if (a <= 0n) continue;
      if (best === undefined) {
        best = i;
        continue;
      }
      const b = this.rows[best]![col]!;
      for (const t of tieColumns) {
        const cmp = this.rows[i]![t]! * b - this.rows[best]![t]! * a;
        if (cmp < 0n) {
          best = i;
          break;
        }
        if (cmp > 0n) break;
      }
    }
    return best;
  }

  key(): string {
    return [...this.basis].sort((a, b) => a - b).join(",");
  }
}

/**
 * Payoff matrices turned into positive integer matrices with the same equilibria: exact values are shifted to be
 * ≥ 1 and scaled by the common denominator (positive affine maps of a player's payoffs keep best responses).
 */
export function positiveIntegerMatrix(matrix: readonly (readonly Num[])[]): bigint[][] {
  const exact = matrix.map((row) =>
    row.map((v) => {
      if (!isExact(v))
        throw new GameError("solver.not_exact", `exact methods need exact payoffs, found the float ${v}`, {
          value: toFloat(v),
        });
      return v;
    }),
  );
  let min = exact[0]![0]!;
  for (const row of exact) for (const v of row) if (compare(v, min) < 0) min = v;
  const shift = Rational.ONE.sub(min);
  const shifted = exact.map((row) => row.map((v) => v.add(shift)));
  let lcm = 1n;
  for (const row of shifted) for (const v of row) lcm = (lcm / gcd(lcm, v.den)) * v.den;
  return shifted.map((row) => row.map((v) => (v.num * lcm) / v.den));
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}
