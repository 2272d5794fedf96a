import { add, compare, formatNum, mul, sub, ZERO, ONE, isZero, sum, type Num } from "../core/num.js";
import { GameError } from "../errors.js";

/**
 * A finite game in strategic (normal) form. Payoffs are stored per contingency in Gambit's order: the first
 * player's strategy varies fastest.
 */
export interface StrategicGame {
  readonly title: string;
  readonly comment: string;
  readonly players: readonly string[];
  readonly strategies: readonly (readonly string[])[];
  /** payoffs[contingency][player] */
  readonly payoffs: readonly (readonly Num[])[];
}

/** A mixed strategy profile: for each player, a probability per strategy. */
export type MixedProfile = readonly (readonly Num[])[];

export function strategicGame(spec: {
  title?: string;
  comment?: string;
  players: readonly string[];
  strategies: readonly (readonly string[])[];
  payoffs: readonly (readonly Num[])[];
}): StrategicGame {
  const n = spec.players.length;
  if (n === 0) throw new GameError("game.no_players", "a strategic game needs at least one player", {});
  if (spec.strategies.length !== n)
    throw new GameError("game.shape", `${n} players but ${spec.strategies.length} strategy lists`, {});
  spec.strategies.forEach((s, p) => {
    if (s.length === 0)
      throw new GameError("game.no_actions", `player "${spec.players[p]}" has no strategies`, {
        player: spec.players[p],
      });
  });
  const size = spec.strategies.reduce((a, s) => a * s.length, 1);
  if (spec.payoffs.length !== size || spec.payoffs.some((row) => row.length !== n))
    throw new GameError("game.shape", `expected ${size} contingencies of ${n} payoffs`, {
      contingencies: spec.payoffs.length,
    });
  return {
    title: spec.title ?? "",
    comment: spec.comment ?? "",
    players: spec.players,
    strategies: spec.strategies,
    payoffs: spec.payoffs,
  };
}

/** Builds a two-player game from payoff matrices A (row player) and B (column player), A[i][j]. */
export function bimatrixGame(
  a: readonly (readonly Num[])[],
  b: readonly (readonly Num[])[],
  labels: { title?: string; players?: [string, string]; rows?: string[]; cols?: string[] } = {},
): StrategicGame {
  const m = a.length;
  const n = a[0]?.length ?? 0;
  const payoffs: Num[][] = [];
  for (let j = 0; j < n; j++) for (let i = 0; i < m; i++) payoffs.push([a[i]![j]!, b[i]![j]!]);
  return strategicGame({
    title: labels.title ?? "",
    players: labels.players ?? ["1", "2"],
    strategies: [
      labels.rows ?? Array.from({ length: m }, (_, i) => String(i + 1)),
      labels.cols ?? Array.from({ length: n }, (_, j) => String(j + 1)),
    ],
    payoffs,
  });
}

/** Index of a pure profile (one strategy index per player) in the payoff table. */
export function contingencyIndex(game: StrategicGame, profile: readonly number[]): number {
  let index = 0;
  let stride = 1;
  game.strategies.forEach((s, p) => {
    index += profile[p]! * stride;
    stride *= s.length;
  });
  return index;
}

export function purePayoff(game: StrategicGame, profile: readonly number[], player: number): Num {
  return game.payoffs[contingencyIndex(game, profile)]![player]!;
}

/** The payoff matrices of a two-player game: A[i][j] for the row player, B[i][j] for the column player. */
export function matrices(game: StrategicGame): { a: Num[][]; b: Num[][] } {
  if (game.players.length !== 2)
    throw new GameError("solver.not_two_player", `this method needs a two-player game, not ${game.players.length}`, {
      players: game.players.length,
    });
  const [m, n] = [game.strategies[0]!.length, game.strategies[1]!.length];
  const a: Num[][] = [];
  const b: Num[][] = [];
  for (let i = 0; i < m; i++) {
    a.push([]);
    b.push([]);
    for (let j = 0; j < n; j++) {
      const [u, v] = game.payoffs[contingencyIndex(game, [i, j])]!;
      a[i]!.push(u!);
      b[i]!.push(v!);
    }
  }
  return { a, b };
}

/**
 * The payoff `player` gets from each of their pure strategies against the others' mixed strategies, and the
 * expected payoff of every player under the profile.
 */
export function strategyValues(game: StrategicGame, profile: MixedProfile, player: number): Num[] {
  checkProfile(game, profile);
  const values: Num[] = game.strategies[player]!.map(() => ZERO);
  forEachContingency(game, profile, player, (contingency, weight) => {
    const own = contingency[player]!;
    values[own] = add(values[own]!, mul(weight, game.payoffs[contingencyIndex(game, contingency)]![player]!));
  });
  return values;
}

export function expectedPayoffs(game: StrategicGame, profile: MixedProfile): Num[] {
  checkProfile(game, profile);
  const totals: Num[] = game.players.map(() => ZERO);
  forEachContingency(game, profile, -1, (contingency, weight) => {
    const row = game.payoffs[contingencyIndex(game, contingency)]!;
    row.forEach((u, p) => (totals[p] = add(totals[p]!, mul(weight, u))));
  });
  return totals;
}

/** The largest gain any player could get by switching to a pure strategy (0 exactly at a Nash equilibrium). */
export function maxRegret(game: StrategicGame, profile: MixedProfile): Num {
  const payoffs = expectedPayoffs(game, profile);
  let worst: Num = ZERO;
  game.players.forEach((_, p) => {
    for (const v of strategyValues(game, profile, p)) {
      const gain = sub(v, payoffs[p]!);
      if (compare(gain, worst) > 0) worst = gain;
    }
  });
  return worst;
}

export function pureProfile(game: StrategicGame, profile: readonly number[]): MixedProfile {
  return game.strategies.map((s, p) => s.map((_, i) => (i === profile[p] ? ONE : ZERO)));
}

function checkProfile(game: StrategicGame, profile: MixedProfile): void {
  if (profile.length !== game.players.length)
    throw new GameError(
      "profile.shape",
      `the profile has ${profile.length} players, the game ${game.players.length}`,
      {},
    );
  profile.forEach((probs, p) => {
    const expected = game.strategies[p]!.length;
    if (probs.length !== expected)
      throw new GameError(
        "profile.shape",
        `player "${game.players[p]}" has ${expected} strategies but the profile gives ${probs.length} probabilities`,
        { player: game.players[p] },
      );
    if (probs.some((q) => compare(q, ZERO) < 0))
      throw new GameError("profile.negative_probability", `player "${game.players[p]}" has a negative probability`, {
        player: game.players[p],
      });
    const total = sum(probs);
    const off = typeof total === "number" ? Math.abs(total - 1) > 1e-9 : compare(total, ONE) !== 0;
    if (off)
      throw new GameError(
        "profile.not_normalised",
        `the probabilities of player "${game.players[p]}" sum to ${formatNum(total)}, not 1`,
        { player: game.players[p], total: formatNum(total) },
      );
  });
}

/** Visits the contingencies with positive probability (with `free` iterated over all its strategies, weight 1). */
function forEachContingency(
  game: StrategicGame,
  profile: MixedProfile,
  free: number,
  visit: (contingency: readonly number[], weight: Num) => void,
): void {
  const n = game.players.length;
  const current: number[] = new Array(n).fill(0);
  const walk = (p: number, weight: Num) => {
    if (p === n) return visit(current, weight);
    game.strategies[p]!.forEach((_, s) => {
      const q = p === free ? ONE : profile[p]![s]!;
      if (isZero(q)) return;
      current[p] = s;
      walk(p + 1, mul(weight, q));
    });
  };
  walk(0, ONE);
}
