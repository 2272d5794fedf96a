import { toFloat } from "../core/num.js";
import type { MixedEquilibrium } from "./equilibrium.js";
import { contingencyIndex, type StrategicGame } from "./strategic-game.js";

/** Expected payoff of `player` with some players fixed to pure strategies and the others mixed (floats). */
function fixedValue(
  game: StrategicGame,
  u: number[][],
  sigma: number[][],
  player: number,
  fixed: ReadonlyMap<number, number>,
): number {
  const n = game.players.length;
  const profile = new Array<number>(n).fill(0);
  let total = 0;
  const walk = (p: number, weight: number) => {
    if (weight === 0) return;
    if (p === n) {
      total += weight * u[contingencyIndex(game, profile)]![player]!;
      return;
    }
    const f = fixed.get(p);
    if (f !== undefined) {
      profile[p] = f;
      return walk(p + 1, weight);
    }
    for (let s = 0; s < sigma[p]!.length; s++) {
      profile[p] = s;
      walk(p + 1, weight * sigma[p]![s]!);
    }
  };
  walk(0, 1);
  return total;
}

function solveDense(a: number[][], b: number[]): number[] | undefined {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (Math.abs(m[p]![c]!) < 1e-300) return undefined;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/**
 * Follows the principal branch of the logit quantal response equilibrium correspondence (McKelvey–Palfrey) from
 * the centroid at λ = 0 towards λ → ∞, where it converges to a Nash equilibrium (the logit solution, Gambit's
 * gambit-logit). Each point solves σ_ps ∝ exp(λ u_ps(σ)) by Newton's method in log-probabilities, with step
 * control on λ; payoffs are rescaled to [0, 1]. Stops when the largest regret is below `regret` (relative to the
 * payoff range). Floats throughout.
 */
export function logitEquilibrium(
  game: StrategicGame,
  options: { regret?: number; maxLambda?: number } = {},
): MixedEquilibrium {
  const raw = game.payoffs.map((row) => row.map(toFloat));
  const flat = raw.flat();
  const lo = Math.min(...flat);
  const range = Math.max(...flat) - lo || 1;
  const u = raw.map((row) => row.map((v) => (v - lo) / range));
  const sizes = game.strategies.map((s) => s.length);
  const offsets = sizes.map((_, p) => sizes.slice(0, p).reduce((a, b) => a + b, 0));
  const k = sizes.reduce((a, b) => a + b, 0);
  const toSigma = (w: number[]) =>
    sizes.map((size, p) => Array.from({ length: size }, (_, s) => Math.exp(w[offsets[p]! + s]!)));
  const values = (sigma: number[][]) =>
    sizes.map((size, p) => Array.from({ length: size }, (_, s) => fixedValue(game, u, sigma, p, new Map([[p, s]]))));
  const residual = (w: number[], lambda: number): number[] => {
    const sigma = toSigma(w);
    const v = values(sigma);
    const f: number[] = [];
    sizes.forEach((size, p) => {
      const o = offsets[p]!;
      f.push(sigma[p]!.reduce((a, b) => a + b, 0) - 1);
      for (let s = 1; s < size; s++) f.push(w[o + s]! - w[o]! - lambda * (v[p]![s]! - v[p]![0]!));
    });
    return f;
  };
  const jacobian = (w: number[], lambda: number): number[][] => {
    const sigma = toSigma(w);
    const j = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    sizes.forEach((size, p) => {
      const o = offsets[p]!;
      for (let t = 0; t < size; t++) j[o]![o + t] = sigma[p]![t]!;
      for (let s = 1; s < size; s++) {
        j[o + s]![o + s] = 1;
        j[o + s]![o] = -1;
        sizes.forEach((qsize, q) => {
          if (q === p) return;
          for (let t = 0; t < qsize; t++) {
            const d =
              fixedValue(
                game,
                u,
                sigma,
                p,
                new Map([
                  [p, s],
                  [q, t],
                ]),
              ) -
              fixedValue(
                game,
                u,
                sigma,
                p,
                new Map([
                  [p, 0],
                  [q, t],
                ]),
              );
            j[o + s]![offsets[q]! + t] = -lambda * d * sigma[q]![t]!;
          }
        });
      }
    });
    return j;
  };
  const correct = (start: number[], lambda: number): number[] | undefined => {
    let w = start.slice();
    for (let it = 0; it < 40; it++) {
      const f = residual(w, lambda);
      if (Math.max(...f.map(Math.abs)) < 1e-11) return w;
      const step = solveDense(
        jacobian(w, lambda),
        f.map((x) => -x),
      );
      if (!step || step.some((x) => !Number.isFinite(x))) return undefined;
      w = w.map((x, i) => x + step[i]!);
    }
    return Math.max(...residual(w, lambda).map(Math.abs)) < 1e-9 ? w : undefined;
  };
  const regretOf = (sigma: number[][]) => {
    const v = values(sigma);
    return Math.max(...v.map((vals, p) => Math.max(...vals) - vals.reduce((a, x, s) => a + x * sigma[p]![s]!, 0)));
  };
  const target = options.regret ?? 1e-8;
  const maxLambda = options.maxLambda ?? 1e9;
  let w = sizes.flatMap((size) => new Array<number>(size).fill(-Math.log(size)));
  let lambda = 0;
  let step = 0.5;
  let previous: { w: number[]; lambda: number } | undefined;
  while (regretOf(toSigma(w)) > target && lambda < maxLambda && step > 1e-9) {
    const next = lambda + step;
    // Secant predictor from the last two points, then Newton corrector.
    const guess = previous ? w.map((x, i) => x + ((x - previous!.w[i]!) * step) / (lambda - previous!.lambda || 1)) : w;
    const corrected = correct(guess, next) ?? correct(w, next);
    if (!corrected) {
      step /= 2;
      continue;
    }
    previous = { w, lambda };
    w = corrected;
    lambda = next;
    step = Math.min(step * 1.5, Math.max(1, lambda));
  }
  const sigma = toSigma(w).map((probs) => {
    const total = probs.reduce((a, b) => a + b, 0);
    // Probabilities below 1e-12 are numerically zero: report them as 0 so supports read cleanly.
    return probs.map((p) => (p / total < 1e-12 ? 0 : p / total));
  });
  const profile = sigma.map((probs) => {
    const total = probs.reduce((a, b) => a + b, 0);
    return probs.map((p) => p / total);
  });
  const payoffs = game.players.map((_, p) => fixedValue(game, raw, profile, p, new Map()));
  return { profile, payoffs };
}
