import { Rational } from "../core/rational.js";
import { GameError } from "../errors.js";
import { distinctEquilibria, withPayoffs, type MixedEquilibrium } from "./equilibrium.js";
import { IntegerTableau, positiveIntegerMatrix } from "./integer-tableau.js";
import { matrices, type StrategicGame } from "./strategic-game.js";

/**
 * The pair of tableaux Lemke–Howson pivots on: P for x (Bᵀx + s = 1; x_i has label i, s_j label m + j) and Q for
 * y (Ay + r = 1; r_i has label i, y_j label m + j).
 */
interface LhState {
  readonly p: IntegerTableau;
  readonly q: IntegerTableau;
}

function variableWithLabel(label: number, m: number, n: number): { side: "p" | "q"; variable: number }[] {
  // Label i < m: x_i in P, r_i in Q. Label m + j: s_j in P, y_j in Q.
  return label < m
    ? [
        { side: "p", variable: label },
        { side: "q", variable: n + label },
      ]
    : [
        { side: "p", variable: m + (label - m) },
        { side: "q", variable: label - m },
      ];
}

function labelOf(side: "p" | "q", variable: number, m: number, n: number): number {
  if (side === "p") return variable;
  return variable < n ? m + variable : variable - n;
}

/**
 * Follows the Lemke–Howson path that drops `label` from a completely labelled point, with lexicographic pivoting
 * (so degenerate games do not cycle). Returns the completely labelled point at the other end.
 */
function followPath(state: LhState, label: number, m: number, n: number): LhState {
  let { p, q } = state;
  // Enter the variable carrying the label where it is non-basic (zero).
  let entering = variableWithLabel(label, m, n).find((c) => !(c.side === "p" ? p : q).isBasic(c.variable));
  if (!entering) throw new GameError("solver.internal", "label is not present", { label });
  for (let steps = 0; steps < 100000; steps++) {
    const t = entering.side === "p" ? p : q;
    const row = t.lexicographicLeavingRow(entering.variable);
    if (row === undefined) throw new GameError("solver.internal", "unbounded Lemke–Howson ray", { label });
    const leaving = t.basis[row]!;
    const next = t.pivot(row, entering.variable);
    if (entering.side === "p") p = next;
    else q = next;
    const dropped = labelOf(entering.side, leaving, m, n);
    if (dropped === label) return { p, q };
    const other: "p" | "q" = entering.side === "p" ? "q" : "p";
    entering = variableWithLabel(dropped, m, n).find((c) => c.side === other)!;
  }
  throw new GameError("solver.internal", "Lemke–Howson did not terminate", { label });
}

function pointOf(state: LhState, m: number, n: number): [Rational[], Rational[]] | undefined {
  const x = state.p.values().slice(0, m);
  const y = state.q.values().slice(0, n);
  const sx = x.reduce((a, b) => a.add(b), Rational.ZERO);
  const sy = y.reduce((a, b) => a.add(b), Rational.ZERO);
  if (sx.isZero() || sy.isZero()) return undefined;
  return [x.map((v) => v.div(sx)), y.map((v) => v.div(sy))];
}

/**
 * Lemke–Howson from the artificial equilibrium, dropping one label (0-based: the row player's strategies first,
 * then the column player's). Exact; finds one equilibrium.
 */
export function lemkeHowson(game: StrategicGame, label = 0): MixedEquilibrium {
  const { a, b } = matrices(game);
  const m = a.length;
  const n = a[0]!.length;
  if (!Number.isInteger(label) || label < 0 || label >= m + n)
    throw new GameError("solver.bad_label", `label must be 0…${m + n - 1}`, { label });
  const start = initial(a, b);
  const end = followPath(start, label, m, n);
  return withPayoffs(game, pointOf(end, m, n)!);
}

function initial(a: ReturnType<typeof matrices>["a"], b: ReturnType<typeof matrices>["b"]): LhState {
  const m = a.length;
  const n = a[0]!.length;
  const A = positiveIntegerMatrix(a);
  const B = positiveIntegerMatrix(b);
  const Bt = Array.from({ length: n }, (_, j) => Array.from({ length: m }, (_, i) => B[i]![j]!));
  return { p: IntegerTableau.forPolytope(Bt), q: IntegerTableau.forPolytope(A) };
}

/**
 * Every equilibrium reachable by Lemke–Howson paths from the artificial equilibrium, following paths from each
 * equilibrium found with every label in turn (Gambit's lcp on strategic games). Not necessarily all equilibria.
 */
export function lemkeHowsonReachable(
  game: StrategicGame,
  options: { maxEquilibria?: number } = {},
): MixedEquilibrium[] {
  const { a, b } = matrices(game);
  const m = a.length;
  const n = a[0]!.length;
  const limit = options.maxEquilibria ?? Infinity;
  const seen = new Set<string>(["artificial"]);
  const found: MixedEquilibrium[] = [];
  const queue: LhState[] = [initial(a, b)];
  while (queue.length > 0 && found.length < limit) {
    const state = queue.shift()!;
    for (let label = 0; label < m + n && found.length < limit; label++) {
      const end = followPath(state, label, m, n);
      const point = pointOf(end, m, n);
      const key = point ? point.map((s) => s.join(",")).join(";") : "artificial";
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(end);
      found.push(withPayoffs(game, point!));
    }
  }
  return distinctEquilibria(found);
}
