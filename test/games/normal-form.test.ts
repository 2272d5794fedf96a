import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatNum, num, type Num } from "../../src/games/core/num.js";
import { Random } from "../../src/games/core/random.js";
import { parseNfg, writeNfg } from "../../src/games/formats/nfg.js";
import type { MixedEquilibrium } from "../../src/games/normal-form/equilibrium.js";
import { lemkeHowson, lemkeHowsonReachable } from "../../src/games/normal-form/lemke-howson.js";
import { equilibriumComponents } from "../../src/games/normal-form/components.js";
import { extremeEquilibria, polytopeVertices } from "../../src/games/normal-form/mixed-equilibria.js";
import { solveLinear } from "../../src/games/core/linear.js";
import { Rational } from "../../src/games/core/rational.js";
import { pureEquilibria } from "../../src/games/normal-form/pure-equilibria.js";
import { bimatrixGame, maxRegret, strategicGame } from "../../src/games/normal-form/strategic-game.js";
import { supportEnumeration } from "../../src/games/normal-form/support-enumeration.js";

const example = (name: string) =>
  parseNfg(readFileSync(fileURLToPath(new URL(`../../../examples/games/${name}`, import.meta.url)), "utf8"));
const show = (eqs: readonly MixedEquilibrium[]) => eqs.map((e) => e.profile.map((s) => s.map(formatNum).join(" ")));
const code = (c: string) => (e: Error & { code?: string }) => e.code === c;
const ints = (rows: number[][]) => rows.map((r) => r.map((v) => num(v)));

test("nfg: the payoff and outcome versions read the same game, contingencies with player 1 fastest", () => {
  const payoffVersion = parseNfg('NFG 1 R "t" { "A" "B" } { 3 2 }\n1 1 0 2 0 2 1 1 0 3 2 0');
  const outcomeVersion = parseNfg(`NFG 1 R "t" { "A" "B" }
{ { "1" "2" "3" } { "1" "2" } } ""
{ { "" 1, 1 } { "" 0, 2 } { "" 0, 2 } { "" 1, 1 } { "" 0, 3 } { "" 2, 0 } }
1 2 3 4 5 6`);
  assert.deepEqual(
    payoffVersion.payoffs.map((r) => r.map(formatNum)),
    outcomeVersion.payoffs.map((r) => r.map(formatNum)),
  );
  assert.deepEqual(payoffVersion.strategies, [
    ["1", "2", "3"],
    ["1", "2"],
  ]);
  // Second contingency: player 1 plays strategy 2, player 2 strategy 1.
  assert.deepEqual(payoffVersion.payoffs[1]!.map(formatNum), ["0", "2"]);
  // Decimals are exact; outcome 0 is all zeros; labels are normalised like Gambit's.
  const g = parseNfg('NFG 1 R "" { "" "" } { { "a" "a" } { "x" } } { { "" 0.1, 1/3 } } 1 0');
  assert.deepEqual(
    g.payoffs.map((r) => r.map(formatNum)),
    [
      ["1/10", "1/3"],
      ["0", "0"],
    ],
  );
  assert.deepEqual(g.players, ["_1", "_2"]);
  assert.deepEqual(g.strategies[0], ["a_1", "a_2"]);
  // Round trip through the writer.
  assert.deepEqual(parseNfg(writeNfg(g)).payoffs, g.payoffs);
});

test("nfg: malformed files are typed errors with a line and column", () => {
  assert.throws(() => parseNfg('EFG 2 R "x" { "1" }'), code("nfg.syntax"));
  assert.throws(
    () => parseNfg('NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3'),
    (e: Error & { code?: string }) => {
      return e.code === "nfg.syntax" && /line 2:\d+: expected payoff 2 of contingency 2 of 4/.test(e.message);
    },
  );
  assert.throws(() => parseNfg('NFG 1 R "t" { "A" } { { "a" } } { { "" 1 } } 2'), code("nfg.syntax"));
  assert.throws(() => parseNfg('NFG 1 R "t" { "A" } { 1 } 1 2'), code("nfg.syntax"));
  assert.throws(() => parseNfg('NFG 1 R "t" { "A" } { 1 } "unterminated'), code("nfg.syntax"));
});

test("enummixed: hand-computed equilibria of the example games", () => {
  assert.deepEqual(show(extremeEquilibria(example("prisoners-dilemma.nfg"))), [["0 1", "0 1"]]);
  assert.deepEqual(show(extremeEquilibria(example("matching-pennies.nfg"))), [["1/2 1/2", "1/2 1/2"]]);
  // Battle of the sexes: two pure equilibria and the mixed one where each makes the other indifferent:
  // Alice plays opera with p: Bob indifferent when 2p = 3(1-p), p = 3/5; Bob opera with q: 3q = 2(1-q), q = 2/5.
  const bos = extremeEquilibria(example("battle-of-the-sexes.nfg"));
  assert.deepEqual(show(bos), [
    ["1 0", "1 0"],
    ["3/5 2/5", "2/5 3/5"],
    ["0 1", "0 1"],
  ]);
  assert.deepEqual(bos[1]!.payoffs.map(formatNum), ["6/5", "6/5"]);
});

test("enummixed: a degenerate game yields every extreme equilibrium of its continua (computed by hand)", () => {
  // See examples/games/degenerate.nfg for the derivation.
  assert.deepEqual(show(extremeEquilibria(example("degenerate.nfg"))), [
    ["1 0 0", "1 0"],
    ["1 0 0", "2/3 1/3"],
    ["0 1 0", "2/3 1/3"],
    ["0 1 0", "1/3 2/3"],
  ]);
  // Support enumeration (equal-size supports) misses the degenerate ones.
  assert.ok(supportEnumeration(example("degenerate.nfg")).length < 4);
  // All payoffs equal: every pure profile is an extreme equilibrium.
  const flat = bimatrixGame(
    ints([
      [1, 1],
      [1, 1],
    ]),
    ints([
      [1, 1],
      [1, 1],
    ]),
  );
  assert.deepEqual(show(extremeEquilibria(flat)), [
    ["1 0", "1 0"],
    ["1 0", "0 1"],
    ["0 1", "1 0"],
    ["0 1", "0 1"],
  ]);
});

test("enummixed: von Stengel's 6x6 game has exactly 75 equilibria (both published payoff versions)", () => {
  assert.equal(extremeEquilibria(example("stengel-6x6-75-equilibria.nfg")).length, 75);
  const original = example("stengel-6x6-75-equilibria-original.nfg");
  const eqs = extremeEquilibria(original);
  assert.equal(eqs.length, 75);
  const profiles = new Set(show(eqs).map((p) => p.join(" | ")));
  // Two of them as published with the game.
  assert.ok(profiles.has("275/427 110/427 5/61 1/61 0 0 | 0 0 5/61 1/61 275/427 110/427"));
  assert.ok(
    profiles.has("5775/9871 2640/9871 1050/9871 336/9871 70/9871 0 | 70/9871 0 1050/9871 336/9871 5775/9871 2640/9871"),
  );
  for (const e of eqs) assert.equal(formatNum(maxRegret(original, e.profile)), "0");
});

function randomBimatrix(random: Random, m: number, n: number, range: number) {
  const r = () => Array.from({ length: m }, () => Array.from({ length: n }, () => num(random.int(range) - 2)));
  return bimatrixGame(r(), r());
}

test("property: on random games every equilibrium found has zero regret, and the methods agree", () => {
  const random = new Random(42);
  for (let trial = 0; trial < 40; trial++) {
    const m = 2 + random.int(3);
    const n = 2 + random.int(3);
    // Small payoff ranges make many games degenerate; huge ones make degeneracy (almost surely) absent.
    const game = randomBimatrix(random, m, n, trial % 2 === 0 ? 4 : 1e9);
    const extreme = extremeEquilibria(game);
    assert.ok(extreme.length >= 1, "every finite game has an equilibrium");
    const keys = new Set(show(extreme).map((p) => p.join("|")));
    for (const e of extreme) assert.equal(formatNum(maxRegret(game, e.profile)), "0");
    // Pure equilibria are extreme equilibria.
    for (const p of show(pureEquilibria(game))) assert.ok(keys.has(p.join("|")));
    // Every Lemke–Howson end point is an extreme equilibrium.
    for (const p of show(lemkeHowsonReachable(game))) assert.ok(keys.has(p.join("|")), `LH found ${p}`);
    // In non-degenerate games support enumeration finds the same set.
    if (trial % 2 === 1) assert.deepEqual(show(supportEnumeration(game)), show(extreme));
  }
});

test("pure equilibria: N players, ties included, checked against brute force", () => {
  const random = new Random(9);
  for (let trial = 0; trial < 30; trial++) {
    const sizes = [2 + random.int(2), 2 + random.int(2), 1 + random.int(3)];
    const count = sizes.reduce((a, b) => a * b, 1);
    const payoffs: Num[][] = Array.from({ length: count }, () => sizes.map(() => num(random.int(3))));
    const game = strategicGame({
      players: ["a", "b", "c"],
      strategies: sizes.map((k) => Array.from({ length: k }, (_, i) => `s${i}`)),
      payoffs,
    });
    const brute: string[] = [];
    for (let c = 0; c < count; c++) {
      const profile = [c % sizes[0]!, Math.floor(c / sizes[0]!) % sizes[1]!, Math.floor(c / (sizes[0]! * sizes[1]!))];
      const mixed = sizes.map((k, p) => Array.from({ length: k }, (_, i) => num(i === profile[p] ? 1 : 0)));
      if (formatNum(maxRegret(game, mixed)) === "0") brute.push(mixed.map((s) => s.map(formatNum).join(" ")).join("|"));
    }
    assert.deepEqual(
      show(pureEquilibria(game))
        .map((p) => p.join("|"))
        .sort(),
      brute.sort(),
    );
  }
});

test("Lemke–Howson from each label finds an equilibrium; bad inputs are typed errors", () => {
  const bos = example("battle-of-the-sexes.nfg");
  for (let label = 0; label < 4; label++) assert.equal(formatNum(maxRegret(bos, lemkeHowson(bos, label).profile)), "0");
  assert.throws(() => lemkeHowson(bos, 4), code("solver.bad_label"));
  const three = strategicGame({
    players: ["a", "b", "c"],
    strategies: [["x"], ["y"], ["z"]],
    payoffs: [[num(1), num(1), num(1)]],
  });
  assert.throws(() => extremeEquilibria(three), code("solver.not_two_player"));
  const floats = bimatrixGame(
    [[0.5, 1]].map((r) => r.map(num)),
    [[1, 2]].map((r) => r.map(num)),
  );
  assert.throws(() => extremeEquilibria(floats), code("solver.not_exact"));
});

test("vertex enumeration finds every vertex of degenerate polytopes (brute force over all bases)", () => {
  const random = new Random(3);
  for (let trial = 0; trial < 25; trial++) {
    const k = 2 + random.int(3);
    const d = 2 + random.int(2);
    // Entries from a tiny range make ties, hence degenerate vertices.
    const m = Array.from({ length: k }, () => Array.from({ length: d }, () => BigInt(1 + random.int(3))));
    const found = new Set(polytopeVertices(m, (v) => v).map((v) => v.point.join(",")));
    // Brute force: every choice of d tight constraints among the k rows and d bounds.
    const expected = new Set<string>();
    const constraints = [
      ...m.map((row) => ({ coeffs: row.map((v) => Rational.of(v)), rhs: Rational.ONE })),
      ...Array.from({ length: d }, (_, j) => ({
        coeffs: Array.from({ length: d }, (_, c) => (c === j ? Rational.ONE : Rational.ZERO)),
        rhs: Rational.ZERO,
      })),
    ];
    const choose = (start: number, picked: number[]) => {
      if (picked.length === d) {
        const z = solveLinear(
          picked.map((i) => constraints[i]!.coeffs),
          picked.map((i) => constraints[i]!.rhs),
        );
        if (!z || z.some((v) => v.sign() < 0)) return;
        const feasible = m.every(
          (row) =>
            row.reduce((acc, v, c) => acc.add(Rational.of(v).mul(z[c]!)), Rational.ZERO).compare(Rational.ONE) <= 0,
        );
        if (feasible) expected.add(z.join(","));
        return;
      }
      for (let i = start; i < constraints.length; i++) choose(i + 1, [...picked, i]);
    };
    choose(0, []);
    assert.deepEqual([...found].sort(), [...expected].sort(), `trial ${trial}`);
  }
});

test("components: the degenerate game's continua are the maximal convex sets found by hand", () => {
  const components = equilibriumComponents(extremeEquilibria(example("degenerate.nfg"))).map((c) => [
    c.rows.map((x) => x.map(formatNum).join(" ")),
    c.columns.map((y) => y.map(formatNum).join(" ")),
  ]);
  assert.deepEqual(components.sort(), [
    [["0 1 0"], ["2/3 1/3", "1/3 2/3"]],
    [["1 0 0", "0 1 0"], ["2/3 1/3"]],
    [["1 0 0"], ["1 0", "2/3 1/3"]],
  ]);
  // A non-degenerate game's extreme equilibria are isolated.
  assert.equal(equilibriumComponents(extremeEquilibria(example("battle-of-the-sexes.nfg"))).length, 3);
});
