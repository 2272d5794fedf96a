/**
 * `npm run bench:games` (issue 6): what the open-game engine's memoisation buys, and exact mixed-equilibrium
 * enumeration against a naive baseline, both measured in the same run.
 *
 * 1. Equilibrium check of an N-player game where every player has |A| actions (simultaneous decisions, then a
 *    payoff function): the number of payoff evaluations and the time of a check, relative to a single play of the
 *    same profile. A check needs every player's every alternative, so N·(|A|−1)+1 distinct plays are the floor; the
 *    engine should stay near N·|A|+1. The same check without memoisation (how the Haskell engine evaluates) is
 *    shown alongside.
 * 2. All mixed equilibria of random m×m games (exact rationals): vertex enumeration of the best-response polytopes
 *    (`enummixed`) against naive support enumeration, on the same games; both must find the same equilibria.
 *
 * Flags: --players 2,4,8 --actions 2,4,8 --sizes 4,6,8 --games N (random games per size) --seed N --sample-ms T
 * (minimum length of one timing sample) --json (append
 * one JSON object as the last line). Ratios are reported, never turned into a failing exit code.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { Dist } from "../src/games/core/dist.js";
import { canonicalKey } from "../src/games/core/keys.js";
import { num, ZERO, type Num } from "../src/games/core/num.js";
import { Random } from "../src/games/core/random.js";
import { decision, lens, payoffs } from "../src/games/engine/atoms.js";
import { parallel, sequence } from "../src/games/engine/compose.js";
import { check, expectedPayoffs } from "../src/games/engine/equilibrium.js";
import type { AnyGame, OpenGame, Profile } from "../src/games/engine/game.js";
import { extremeEquilibria } from "../src/games/normal-form/mixed-equilibria.js";
import { bimatrixGame } from "../src/games/normal-form/strategic-game.js";
import { supportEnumeration } from "../src/games/normal-form/support-enumeration.js";

export interface BenchOptions {
  readonly players: readonly number[];
  readonly actions: readonly number[];
  readonly sizes: readonly number[];
  readonly games: number;
  readonly seed: number;
  /** Minimum duration of one timing sample. */
  readonly sampleMs: number;
  readonly json: boolean;
}

const DEFAULTS: BenchOptions = {
  players: [2, 4, 8],
  actions: [2, 4, 8],
  sizes: [4, 6, 8],
  games: 3,
  seed: 1,
  sampleMs: 20,
  json: false,
};

/** An N-player game with a payoff function (no table: 8 players × 8 actions would need 16.7 million entries). */
export function countedGame(
  players: number,
  actions: number,
): { game: OpenGame<null, null, unknown, null>; calls: () => number } {
  let calls = 0;
  const ids = Array.from({ length: players }, (_, i) => `p${i}`);
  const range = Array.from({ length: actions }, (_, a) => a);
  const game = sequence(
    lens<null, null, null[], null[]>(
      () => ids.map(() => null),
      () => null,
    ),
    parallel(...ids.map((id) => decision(id, { actions: range }))) as AnyGame,
    lens<number[], Num[], number[], null>(
      (ys) => ys,
      () => ids.map(() => ZERO),
    ),
    payoffs((ys: number[]) => {
      calls++;
      const total = ys.reduce((a, b) => a + b, 0);
      // A public-goods flavour: everyone gains from the total, pays for their own contribution.
      return Object.fromEntries(ids.map((id, i) => [id, num(((total * 3) % 7) - ys[i]! * 2)]));
    }),
  );
  return { game: game as never, calls: () => calls };
}

/** Median wall time in ms of `f`, repeating it until each sample lasts ≥ `sampleMs`. */
function time(f: () => void, sampleMs: number, samples = 5): number {
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) f();
    if (performance.now() - t >= sampleMs) break;
    reps *= 2;
  }
  const results: number[] = [];
  for (let s = 0; s < samples; s++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) f();
    results.push((performance.now() - t) / reps);
  }
  return results.sort((a, b) => a - b)[Math.floor(samples / 2)]!;
}

export interface CheckRow {
  players: number;
  actions: number;
  floor: number;
  target: number;
  payoffCalls: number;
  payoffCallsWithoutMemo: number;
  playMs: number;
  checkMs: number;
  timeRatio: number;
  equilibrium: boolean;
}

export function benchCheck(players: number, actions: number, sampleMs = DEFAULTS.sampleMs): CheckRow {
  const { game, calls } = countedGame(players, actions);
  const profile: Profile = Object.fromEntries(
    Array.from({ length: players }, (_, i) => [`p${i}`, () => Dist.certain(0)]),
  );
  const before = calls();
  const report = check(game, profile);
  const payoffCalls = calls() - before;
  const before2 = calls();
  check(game, profile, { memoize: false });
  const payoffCallsWithoutMemo = calls() - before2;
  const playMs = time(() => expectedPayoffs(game, profile), sampleMs);
  const checkMs = time(() => check(game, profile), sampleMs);
  return {
    players,
    actions,
    floor: players * (actions - 1) + 1,
    target: players * actions + 1,
    payoffCalls,
    payoffCallsWithoutMemo,
    playMs,
    checkMs,
    timeRatio: checkMs / playMs,
    equilibrium: report.equilibrium,
  };
}

export interface MixedRow {
  size: number;
  games: number;
  equilibria: number;
  vertexMs: number;
  supportMs: number;
  speedup: number;
  agree: boolean;
}

export function benchMixed(size: number, games: number, random: Random): MixedRow {
  const list = Array.from({ length: games }, () => {
    const r = () => Array.from({ length: size }, () => Array.from({ length: size }, () => num(random.int(1_000_000))));
    return bimatrixGame(r(), r());
  });
  let vertexMs = 0;
  let supportMs = 0;
  let equilibria = 0;
  let agree = true;
  for (const g of list) {
    let t = performance.now();
    const v = extremeEquilibria(g);
    vertexMs += performance.now() - t;
    t = performance.now();
    const s = supportEnumeration(g);
    supportMs += performance.now() - t;
    equilibria += v.length;
    agree &&= canonicalKey(v.map((e) => e.profile)) === canonicalKey(s.map((e) => e.profile));
  }
  return { size, games, equilibria, vertexMs, supportMs, speedup: supportMs / vertexMs, agree };
}

function list(raw: string | undefined, fallback: readonly number[], name: string): number[] {
  if (raw === undefined) return [...fallback];
  const values = raw.split(",").map(Number);
  if (values.some((v) => !Number.isSafeInteger(v) || v < 1)) throw new Error(`--${name} must list integers ≥ 1`);
  return values;
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      players: { type: "string" },
      actions: { type: "string" },
      sizes: { type: "string" },
      games: { type: "string" },
      seed: { type: "string" },
      "sample-ms": { type: "string" },
      json: { type: "boolean" },
    },
    strict: true,
  });
  const games = values.games === undefined ? DEFAULTS.games : Number(values.games);
  const seed = values.seed === undefined ? DEFAULTS.seed : Number(values.seed);
  if (!Number.isSafeInteger(games) || games < 1) throw new Error("--games must be an integer ≥ 1");
  if (!Number.isSafeInteger(seed)) throw new Error("--seed must be an integer");
  const sampleMs = values["sample-ms"] === undefined ? DEFAULTS.sampleMs : Number(values["sample-ms"]);
  if (!(sampleMs > 0)) throw new Error("--sample-ms must be a positive number");
  return {
    players: list(values.players, DEFAULTS.players, "players"),
    actions: list(values.actions, DEFAULTS.actions, "actions"),
    sizes: list(values.sizes, DEFAULTS.sizes, "sizes"),
    games,
    seed,
    sampleMs,
    json: values.json ?? false,
  };
}

export function runBench(
  options: BenchOptions,
  write: (line: string) => void,
): { checks: CheckRow[]; mixed: MixedRow[] } {
  write("Equilibrium check cost relative to one play (pure profile, N players × |A| actions)");
  write("   N  |A|  floor N(|A|-1)+1  target N|A|+1  payoff evals  without memo  play ms   check ms  time ratio");
  const checks: CheckRow[] = [];
  for (const n of options.players)
    for (const a of options.actions) {
      const row = benchCheck(n, a, options.sampleMs);
      checks.push(row);
      write(
        `${String(n).padStart(4)} ${String(a).padStart(4)} ${String(row.floor).padStart(17)} ${String(row.target).padStart(14)} ${String(row.payoffCalls).padStart(13)} ${String(row.payoffCallsWithoutMemo).padStart(13)} ${row.playMs.toFixed(4).padStart(8)} ${row.checkMs.toFixed(4).padStart(10)} ${row.timeRatio.toFixed(1).padStart(11)}`,
      );
    }
  write("");
  write(
    `All mixed equilibria of random m×m games (${options.games} per size, exact): vertex enumeration vs naive support enumeration`,
  );
  write("   m  equilibria  vertex ms  support ms  speed-up  same set");
  const random = new Random(options.seed);
  const mixed = options.sizes.map((m) => {
    const row = benchMixed(m, options.games, random);
    write(
      `${String(m).padStart(4)} ${String(row.equilibria).padStart(11)} ${row.vertexMs.toFixed(1).padStart(10)} ${row.supportMs.toFixed(1).padStart(11)} ${row.speedup.toFixed(1).padStart(9)}  ${row.agree ? "yes" : "NO"}`,
    );
    return row;
  });
  if (options.json) write(JSON.stringify({ bench: "games", checks, mixed }));
  return { checks, mixed };
}

export function main(
  argv: readonly string[],
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): number {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (err) {
    process.stderr.write(`bench:games: ${(err as Error).message}\n`);
    process.stderr.write(
      "usage: npm run bench:games -- [--players 2,4,8] [--actions 2,4,8] [--sizes 4,6,8] [--games N] [--seed N] [--json]\n",
    );
    return 2;
  }
  runBench(options, write);
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
