import { canonicalKey } from "../core/keys.js";
import type { Num } from "../core/num.js";
import type { MixedEquilibrium } from "./equilibrium.js";

/**
 * A maximal convex set of equilibria of a two-player game: every mixture of `rows` against every mixture of
 * `columns` is an equilibrium.
 */
export interface EquilibriumComponent {
  readonly rows: readonly (readonly Num[])[];
  readonly columns: readonly (readonly Num[])[];
}

/**
 * The maximal Nash subsets spanned by the extreme equilibria (Gambit's `enummixed -c`): the maximal bicliques of
 * the graph joining a row vertex and a column vertex when together they are an extreme equilibrium. The set of all
 * equilibria is the union of their convex hulls. Found by closing the column vertices' neighbourhoods under
 * intersection (formal concept analysis).
 */
export function equilibriumComponents(extreme: readonly MixedEquilibrium[]): EquilibriumComponent[] {
  const rows = new Map<string, readonly Num[]>();
  const cols = new Map<string, readonly Num[]>();
  const edges = new Set<string>();
  for (const e of extreme) {
    const [x, y] = [e.profile[0]!, e.profile[1]!];
    const [kx, ky] = [canonicalKey(x), canonicalKey(y)];
    rows.set(kx, x);
    cols.set(ky, y);
    edges.add(kx + "|" + ky);
  }
  const rowKeys = [...rows.keys()];
  const colKeys = [...cols.keys()];
  const neighbours = (ky: string) => rowKeys.filter((kx) => edges.has(kx + "|" + ky));
  const parts = new Map<string, string[]>();
  const add = (xs: string[]) => {
    if (xs.length > 0) parts.set(xs.join("\u0001"), xs);
  };
  colKeys.forEach((ky) => add(neighbours(ky)));
  for (let grew = true; grew;) {
    grew = false;
    const list = [...parts.values()];
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const both = list[i]!.filter((k) => list[j]!.includes(k));
        const key = both.join("\u0001");
        if (both.length > 0 && !parts.has(key)) {
          parts.set(key, both);
          grew = true;
        }
      }
  }
  return [...parts.values()].map((xs) => ({
    rows: xs.map((k) => rows.get(k)!),
    columns: colKeys.filter((ky) => xs.every((kx) => edges.has(kx + "|" + ky))).map((k) => cols.get(k)!),
  }));
}
