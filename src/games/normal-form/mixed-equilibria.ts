import { Rational } from "../core/rational.js";
import { distinctEquilibria, withPayoffs, type MixedEquilibrium } from "./equilibrium.js";
import { IntegerTableau, positiveIntegerMatrix } from "./integer-tableau.js";
import { matrices, type StrategicGame } from "./strategic-game.js";

/** A vertex of a best-response polytope with the set of its labels (as a bit mask over all m + n labels). */
export interface LabelledVertex {
  readonly point: readonly Rational[];
  readonly labels: bigint;
}

/**
 * All vertices of {z ≥ 0 : M z ≤ 1} (M positive), by a search over feasible bases connected by pivots —
 * including every basis of a degenerate vertex, so degenerate games lose no vertex. `labelOf(v)` maps a variable
 * (z first, then slacks) to its label.
 */
export function polytopeVertices(
  m: readonly (readonly bigint[])[],
  labelOf: (variable: number) => number,
): LabelledVertex[] {
  const start = IntegerTableau.forPolytope(m);
  const seenBases = new Set([start.key()]);
  const vertices = new Map<string, LabelledVertex>();
  const queue = [start];
  while (queue.length > 0) {
    const t = queue.pop()!;
    const values = t.values();
    const point = values.slice(0, t.dimension);
    const key = point.join(",");
    if (!vertices.has(key)) {
      let labels = 0n;
      values.forEach((v, i) => {
        if (v.isZero()) labels |= 1n << BigInt(labelOf(i));
      });
      vertices.set(key, { point, labels });
    }
    for (let v = 0; v < t.variables; v++) {
      if (t.isBasic(v)) continue;
      for (const row of t.feasibleLeavingRows(v)) {
        const next = t.pivot(row, v);
        const k = next.key();
        if (seenBases.has(k)) continue;
        seenBases.add(k);
        queue.push(next);
      }
    }
  }
  return [...vertices.values()];
}

function normalised(point: readonly Rational[]): Rational[] {
  const total = point.reduce((a, b) => a.add(b), Rational.ZERO);
  return point.map((v) => v.div(total));
}

/**
 * Every extreme Nash equilibrium of a two-player game, exactly (Gambit's enummixed): the completely labelled pairs
 * of vertices of the two best-response polytopes (Mangasarian; Avis–Rosenberg–Savani–von Stengel). Handles
 * degenerate games: every vertex is found, and every equilibrium of the game is a convex combination of extreme
 * ones within a clique.
 */
export function extremeEquilibria(game: StrategicGame): MixedEquilibrium[] {
  const { a, b } = matrices(game);
  const m = a.length;
  const n = a[0]!.length;
  const A = positiveIntegerMatrix(a);
  const B = positiveIntegerMatrix(b);
  const Bt = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => B[i]![j]!));
  // P = {x : Bᵀx ≤ 1, x ≥ 0}: x_i = 0 has label i, slack j has label m + j.
  const xs = polytopeVertices(Bt, (v) => v).filter((v) => v.point.some((q) => !q.isZero()));
  // Q = {y : Ay ≤ 1, y ≥ 0}: y_j = 0 has label m + j, slack i has label i.
  const ys = polytopeVertices(A, (v) => (v < n ? m + v : v - n)).filter((v) => v.point.some((q) => !q.isZero()));
  const all = (1n << BigInt(m + n)) - 1n;
  const found: MixedEquilibrium[] = [];
  for (const x of xs)
    for (const y of ys)
      if ((x.labels | y.labels) === all) found.push(withPayoffs(game, [normalised(x.point), normalised(y.point)]));
  return distinctEquilibria(found);
}
