import { Rational } from "./rational.js";

/**
 * Solves the square system M v = rhs exactly by Gaussian elimination; undefined when M is singular.
 */
export function solveLinear(m: readonly (readonly Rational[])[], rhs: readonly Rational[]): Rational[] | undefined {
  const n = m.length;
  const a = m.map((row, i) => [...row, rhs[i]!]);
  for (let col = 0; col < n; col++) {
    const pivot = a.findIndex((row, i) => i >= col && !row[col]!.isZero());
    if (pivot < 0) return undefined;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    for (let j = col; j <= n; j++) a[col]![j] = a[col]![j]!.div(p);
    for (let i = 0; i < n; i++) {
      if (i === col) continue;
      const f = a[i]![col]!;
      if (f.isZero()) continue;
      for (let j = col; j <= n; j++) a[i]![j] = a[i]![j]!.sub(f.mul(a[col]![j]!));
    }
  }
  return a.map((row) => row[n]!);
}
