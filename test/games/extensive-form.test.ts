import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { formatNum, num } from "../../src/games/core/num.js";
import { checkBehaviourProfile } from "../../src/games/extensive-form/check.js";
import { reducedStrategicForm } from "../../src/games/extensive-form/strategic-form.js";
import { parseEfg } from "../../src/games/formats/efg.js";
import { parseBehaviourProfile } from "../../src/games/formats/profile.js";
import { extremeEquilibria } from "../../src/games/normal-form/mixed-equilibria.js";
import { pureEquilibria } from "../../src/games/normal-form/pure-equilibria.js";

const example = (name: string) =>
  parseEfg(readFileSync(fileURLToPath(new URL(`../../../examples/games/${name}`, import.meta.url)), "utf8"));
const code = (c: string) => (e: Error & { code?: string }) => e.code === c;
const show = (profile: readonly (readonly unknown[])[]) =>
  profile.map((s) => s.map((x) => formatNum(x as never)).join(" "));

test("efg: the tree, information sets, chance probabilities and reused outcomes are read", () => {
  const poker = example("one-card-poker.efg");
  assert.deepEqual(poker.players, ["Fred", "Alice"]);
  assert.equal(poker.nodes.length, 11);
  const alice = poker.infosets.find((i) => i.player === 1)!;
  assert.equal(alice.nodes.length, 2, "Alice cannot tell the cards apart");
  assert.deepEqual(poker.infosets[0]!.probabilities!.map(formatNum), ["1/2", "1/2"]);
  assert.equal(poker.outcomes.length, 4);
});

test("efg: inconsistent or undefined references are typed errors with positions", () => {
  const head = 'EFG 2 R "g" { "A" "B" } ""\n';
  assert.throws(
    () => parseEfg(head + 'p "" 1 1 "" { "x" "y" } 0\nt "" 0\np "" 1 1 "" { "x" "z" } 0\nt "" 0\nt "" 0'),
    (e: Error & { code?: string }) =>
      e.code === "efg.syntax" && /information set 1 does not match/.test(e.message) && /line 4/.test(e.message),
  );
  assert.throws(() => parseEfg(head + 'p "" 1 1 0\nt "" 0'), code("efg.syntax"));
  assert.throws(() => parseEfg(head + 't "" 3'), code("efg.syntax"));
  assert.throws(() => parseEfg(head + 'p "" 3 1 "" { "x" } 0\nt "" 0'), code("efg.syntax"));
  assert.throws(() => parseEfg(head + 'c "" 1 "" { "x" 1/2 "y" 1/3 } 0\nt "" 0\nt "" 0'), code("efg.syntax"));
  assert.throws(() => parseEfg(head + 'p "" 1 1 "" { "x" } 0'), code("efg.syntax"));
});

test("reduced strategic form: Selten's horse and one-card poker give Gambit's published equilibria", () => {
  const horse = reducedStrategicForm(example("selten-horse.efg")).game;
  assert.deepEqual(horse.strategies, [
    ["R/*", "L/r", "L/l"],
    ["R", "L"],
  ]);
  assert.deepEqual(
    extremeEquilibria(horse).map((e) => show(e.profile)),
    [
      ["1 0 0", "1 0"],
      ["1 0 0", "1/2 1/2"],
    ],
  );
  assert.deepEqual(
    pureEquilibria(horse).map((e) => show(e.profile)),
    [["1 0 0", "1 0"]],
  );
  const poker = reducedStrategicForm(example("one-card-poker.efg")).game;
  assert.deepEqual(
    extremeEquilibria(poker).map((e) => [...show(e.profile), ...e.payoffs.map(formatNum)]),
    [["1/3 2/3 0 0", "2/3 1/3", "1/3", "-1/3"]],
  );
});

test("check: beliefs at an information set are Bayes' rule over its histories (hand-computed)", () => {
  const poker = example("one-card-poker.efg");
  const r = checkBehaviourProfile(poker, parseBehaviourProfile(poker, '[[[1,0],["1/3","2/3"]],[["2/3","1/3"]]]'));
  assert.equal(r.nash, true);
  const alice = r.informationSets.find((d) => d.player === "Alice")!;
  // P(red, raise) = 1/2, P(black, raise) = 1/2 · 1/3: posterior 3/4 red.
  assert.deepEqual(
    alice.histories.map((h) => [h.history, formatNum(h.probability)]),
    [
      ["Red → Raise", "3/4"],
      ["Black → Raise", "1/4"],
    ],
  );
  assert.equal(formatNum(alice.reachProbability), "2/3");
  // Meeting: 3/4·(−2) + 1/4·2 = −1; passing: −1. Alice is indifferent, as an equilibrium requires.
  assert.deepEqual(
    alice.alternatives.map((a) => [a.action, formatNum(a.payoff)]),
    [
      ["Meet", "-1"],
      ["Pass", "-1"],
    ],
  );
  // A profitable deviation: Alice always passes, so Fred should always raise.
  const bad = checkBehaviourProfile(poker, parseBehaviourProfile(poker, "Raise,Fold;Pass"));
  assert.equal(bad.nash, false);
  assert.equal(bad.players[0]!.bestStrategy, "Raise/Raise");
});

test("check: Nash catches deviations at several information sets at once; subgame perfection checks off the path", () => {
  const horse = example("selten-horse.efg");
  // Player 2 passes back (L); Player 1 stops (R) but would play r later: the agent form sees no single
  // profitable change, but L then l pays 2 > 1.
  const r = checkBehaviourProfile(horse, parseBehaviourProfile(horse, "R,r;L"), { subgamePerfect: true });
  assert.equal(r.nash, false);
  assert.equal(r.players[0]!.bestStrategy, "L/l");
  assert.equal(formatNum(r.players[0]!.gain), "1");
  assert.equal(r.sequentiallyRational, false);
  // (R, l; R) is Nash but not subgame perfect? No: with l, Player 2 prefers R (2 > 0): it is subgame perfect.
  const spe = checkBehaviourProfile(horse, parseBehaviourProfile(horse, "R,l;R"), { subgamePerfect: true });
  assert.equal(spe.nash, true);
  assert.equal(spe.sequentiallyRational, true);
  // (R, r; R): Nash (Player 2 is off the path) but Player 1's second move r is not sequentially rational.
  const nashOnly = checkBehaviourProfile(horse, parseBehaviourProfile(horse, "R,r;R"), { subgamePerfect: true });
  assert.equal(nashOnly.nash, true);
  assert.equal(nashOnly.sequentiallyRational, false);
  assert.throws(() => parseBehaviourProfile(horse, "R;L"), code("profile.shape"));
  assert.throws(() => parseBehaviourProfile(horse, "R,x;L"), code("profile.unknown_action"));
  void num;
});
