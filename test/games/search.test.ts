import { test } from "node:test";
import assert from "node:assert/strict";
import { compare, formatNum, num, type Num } from "../../src/games/core/num.js";
import { Random } from "../../src/games/core/random.js";
import { decision, lens, payoffs } from "../../src/games/engine/atoms.js";
import { parallel, sequence } from "../../src/games/engine/compose.js";
import { check } from "../../src/games/engine/equilibrium.js";
import { pure } from "../../src/games/engine/strategy.js";
import type { AnyGame, OpenGame, Profile } from "../../src/games/engine/game.js";
import { matchingPennies, meetingInNewYork, prisonersDilemma, ultimatum } from "../../src/games/examples/classic.js";
import type { ExtensiveGame, TreeNode } from "../../src/games/extensive-form/extensive-game.js";
import { treeOpenGame } from "../../src/games/extensive-form/open-game.js";
import { checkStrategicProfile, strategicOpenGame } from "../../src/games/normal-form/open-game.js";
import { pureEquilibria } from "../../src/games/normal-form/pure-equilibria.js";
import { maxRegret, strategicGame, type StrategicGame } from "../../src/games/normal-form/strategic-game.js";
import { bestResponseDynamics } from "../../src/games/search/best-response.js";
import { enumeratePureEquilibria } from "../../src/games/search/enumerate-pure.js";
import { logitDynamics } from "../../src/games/search/logit-dynamics.js";

const actionsOf = (r: { choices: readonly { action: unknown }[] }) => r.choices.map((c) => c.action);

test("enumeration: the classic games' pure equilibria, Nash and subgame perfect", () => {
  assert.deepEqual(enumeratePureEquilibria(prisonersDilemma()).equilibria.map(actionsOf), [["D", "D"]]);
  assert.deepEqual(enumeratePureEquilibria(meetingInNewYork()).equilibria.map(actionsOf).sort(), [
    ["ES", "ES"],
    ["GC", "GC"],
  ]);
  assert.deepEqual(enumeratePureEquilibria(matchingPennies()).equilibria, []);
  // Ultimatum over a pie of 4: the only subgame-perfect equilibrium offers 1 and accepts everything.
  const spe = enumeratePureEquilibria(ultimatum(4), { subgamePerfect: true });
  assert.deepEqual(spe.equilibria.map(actionsOf), [[1, "accept", "accept", "accept", "accept"]]);
  // Pruning checked far fewer than the 4 · 2^4 = 64 profiles.
  assert.equal(spe.profiles, 64);
  assert.ok(spe.checked < 64, `checked ${spe.checked}`);
  // Nash allows incredible threats: more equilibria.
  assert.ok(enumeratePureEquilibria(ultimatum(4)).equilibria.length > 1);
});

function randomGame(random: Random, sizes: number[], range: number): StrategicGame {
  const count = sizes.reduce((a, b) => a * b, 1);
  return strategicGame({
    players: sizes.map((_, p) => `p${p}`),
    strategies: sizes.map((k) => Array.from({ length: k }, (_, i) => `s${i}`)),
    payoffs: Array.from({ length: count }, () => sizes.map(() => num(random.int(range)))),
  });
}

test("property: on random small games the check misses no profitable deviation (brute force comparison)", () => {
  const random = new Random(2024);
  for (let trial = 0; trial < 60; trial++) {
    const sizes = [2 + random.int(2), 2 + random.int(2), 1 + random.int(2)];
    const game = randomGame(random, sizes, 4);
    // A random profile, pure or mixed with small denominators.
    const profile = sizes.map((k) => {
      if (random.next() < 0.5) {
        const s = random.int(k);
        return Array.from({ length: k }, (_, i) => num(i === s ? 1 : 0));
      }
      const w = Array.from({ length: k }, () => random.int(3));
      if (!w.some((x) => x > 0)) w[0] = 1;
      const total = w.reduce((a, b) => a + b, 0);
      return w.map((x) => num(`${x}/${total}`));
    });
    const bruteForce = formatNum(maxRegret(game, profile)) === "0";
    const report = checkStrategicProfile(game, profile);
    assert.equal(report.equilibrium, bruteForce, `trial ${trial}`);
  }
});

test("property: every equilibrium the search returns passes the check, and none is missed", () => {
  const random = new Random(7);
  for (let trial = 0; trial < 25; trial++) {
    const sizes = [2 + random.int(2), 2, 1 + random.int(3)];
    const game = randomGame(random, sizes, 3);
    const open = strategicOpenGame(game);
    const found = enumeratePureEquilibria(open);
    for (const e of found.equilibria) assert.equal(check(open, e.profile).equilibrium, true);
    const fromSearch = found.equilibria.map((e) => actionsOf(e).join(",")).sort();
    const fromTable = pureEquilibria(game)
      .map((e) => e.profile.map((s, p) => game.strategies[p]![s.findIndex((q) => formatNum(q) === "1")]).join(","))
      .sort();
    assert.deepEqual(fromSearch, fromTable, `trial ${trial}`);
  }
});

/** A random perfect-information tree: players alternate, 2 actions per node, payoffs in 0..3. */
function randomTree(random: Random, depth: number): ExtensiveGame {
  const nodes: TreeNode[] = [];
  const infosets: ExtensiveGame["infosets"][number][] = [];
  const outcomes: { label: string; payoffs: Num[] }[] = [];
  const build = (level: number, parent: number | undefined): number => {
    const index = nodes.length;
    const terminal = level === depth || (level > 0 && random.next() < 0.25);
    const node = {
      index,
      label: "",
      kind: terminal ? "terminal" : "personal",
      children: [] as number[],
    } as TreeNode & { children: number[] };
    if (parent !== undefined) Object.assign(node, { parent });
    nodes.push(node);
    if (terminal) {
      Object.assign(node, { outcome: outcomes.length });
      outcomes.push({ label: "", payoffs: [num(random.int(4)), num(random.int(4))] });
      return index;
    }
    const player = level % 2;
    Object.assign(node, { player, infoset: infosets.length });
    infosets.push({
      index: infosets.length,
      player,
      number: infosets.length + 1,
      label: "",
      actions: ["a", "b"],
      nodes: [index],
    });
    for (let a = 0; a < 2; a++) node.children.push(build(level + 1, index));
    return index;
  };
  build(0, undefined);
  return { title: "", comment: "", players: ["1", "2"], nodes, infosets, outcomes };
}

/** Independent brute force: a pure profile is subgame perfect iff at every node the mover's choice is optimal. */
function subgamePerfect(game: ExtensiveGame, choice: ReadonlyMap<number, number>): boolean {
  const value = (i: number): Num[] => {
    const n = game.nodes[i]!;
    if (n.kind === "terminal") return [...game.outcomes[n.outcome!]!.payoffs];
    return value(n.children[choice.get(n.infoset!)!]!);
  };
  return game.nodes.every((n) => {
    if (n.kind !== "personal") return true;
    const chosen = value(n.children[choice.get(n.infoset!)!]!)[n.player!]!;
    return n.children.every((c) => compare(value(c)[n.player!]!, chosen) <= 0);
  });
}

test("property: subgame-perfect enumeration on random perfect-information trees equals brute force", () => {
  const random = new Random(99);
  for (let trial = 0; trial < 5; trial++) {
    const game = randomTree(random, 3);
    const tree = treeOpenGame(game);
    const found = enumeratePureEquilibria(tree.game, { subgamePerfect: true });
    const fromSearch = found.equilibria
      .map((e) =>
        game.infosets
          .map((i) => String(e.profile[tree.decisionOf.get(i.index)!]!(tree.observationOf.get(i.index)!).support()[0]))
          .join(""),
      )
      .sort();
    const all: string[] = [];
    const k = game.infosets.length;
    for (let mask = 0; mask < 1 << k; mask++) {
      const choice = new Map(game.infosets.map((i, j) => [i.index, (mask >> j) & 1]));
      if (subgamePerfect(game, choice)) all.push(game.infosets.map((i) => (choice.get(i.index) ? "b" : "a")).join(""));
    }
    assert.deepEqual(fromSearch, all.sort(), `trial ${trial}`);
  }
});

test("best-response dynamics settle in the prisoner's dilemma and cycle in matching pennies", () => {
  const pd = bestResponseDynamics(prisonersDilemma());
  assert.equal(pd.converged, true);
  assert.deepEqual(
    pd.report.diagnostics.map((d) => d.strategy.support()),
    [["D"], ["D"]],
  );
  const pennies = bestResponseDynamics(matchingPennies(), { maxRounds: 20 });
  assert.equal(pennies.converged, false);
  assert.equal(pennies.rounds, 20);
});

test("best-response dynamics over visited information sets scale to many simultaneous decisions", () => {
  // Twelve players choose 0..4 at once; each wants to hit its own target and is paid the others' sum besides
  // (which it cannot change). The uniform profile would multiply out 5^11 joint actions per continuation.
  const n = 12;
  const actions = [0, 1, 2, 3, 4];
  const players = Array.from({ length: n }, (_, i) => `p${i}`);
  const game = sequence(
    lens<null, null, null[], null[]>(
      () => players.map(() => null),
      () => null,
    ),
    parallel(...players.map((p) => decision(p, { actions }))) as AnyGame,
    lens<number[], Num[], number[], null>(
      (ys) => ys,
      () => players.map(() => num(0)),
    ),
    payoffs((ys: number[]) => {
      const total = ys.reduce((a, b) => a + b, 0);
      return Object.fromEntries(players.map((p, i) => [p, total - ys[i]! - (ys[i]! - (i % 5)) ** 2]));
    }),
  ) as unknown as OpenGame<null, null, null, null, object>;
  const initial = Object.fromEntries(players.map((p) => [p, pure(0)]));
  const r = bestResponseDynamics(game, { initial, space: "visited" });
  assert.equal(r.converged, true);
  assert.equal(r.rounds, 2);
  assert.deepEqual(
    r.report.diagnostics.map((d) => d.strategy.support()[0]),
    players.map((_, i) => i % 5),
  );
  // The same fixed point as the default bookkeeping on a small game, and `visited` needs a start.
  const pd = bestResponseDynamics(prisonersDilemma(), {
    initial: { prisoner1: pure("C"), prisoner2: pure("C") },
    space: "visited",
  });
  assert.deepEqual(
    pd.report.diagnostics.map((d) => d.strategy.support()),
    [["D"], ["D"]],
  );
  assert.throws(() => bestResponseDynamics(prisonersDilemma(), { space: "visited" }), { code: "game.bad_option" });
});

test("logit dynamics reach the quantal response equilibrium (uniform in matching pennies)", () => {
  const r = logitDynamics(matchingPennies(), { temperature: 0.5 });
  assert.ok(r.change < 1e-9);
  const strategies = (r.profile as Profile)["matcher"]!(null);
  assert.ok(Math.abs(Number(strategies.probabilityOf("H")) - 0.5) < 1e-6);
  // At low temperature in the prisoner's dilemma, defection dominates.
  const pd = logitDynamics(prisonersDilemma(), { temperature: 0.1 });
  assert.ok(Number((pd.profile as Profile)["prisoner1"]!(null).probabilityOf("D")) > 0.999);
});
