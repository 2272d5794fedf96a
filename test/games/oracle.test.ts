import { test } from "node:test";
import assert from "node:assert/strict";
import { Dist } from "../../src/games/core/dist.js";
import { formatNum } from "../../src/games/core/num.js";
import { check } from "../../src/games/engine/equilibrium.js";
import { mixed, pure, reactive } from "../../src/games/engine/strategy.js";
import {
  matchingPennies,
  meetingInNewYork,
  prisonersDilemma,
  singleDecision,
  ultimatum,
} from "../../src/games/examples/classic.js";

const fmt = formatNum;

test("oracle: single decision, payoff −(5−x)²: 4 is not optimal (−1 vs 0 at 5), 5 is", () => {
  const game = singleDecision(5);
  const at4 = check(game, { player1: pure(4) });
  assert.equal(at4.equilibrium, false);
  const [d] = at4.deviations;
  assert.ok(d);
  assert.equal(d.player, "player1");
  assert.equal(fmt(d.currentPayoff), "-1");
  assert.equal(fmt(d.bestPayoff), "0");
  assert.deepEqual(d.bestActions, [5]);
  assert.equal(fmt(d.gain), "1");
  // The counterfactual table: every action's payoff.
  assert.deepEqual(
    d.alternatives.map((a) => [a.action, fmt(a.payoff)]),
    [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((x) => [x, fmt(-((5 - x) ** 2))]),
  );
  assert.equal(check(game, { player1: pure(5) }).equilibrium, true);
});

test("oracle: prisoner's dilemma (C,C) is not an equilibrium for either player: 3 vs defect 5; (D,D) is", () => {
  const game = prisonersDilemma();
  const cc = check(game, { prisoner1: pure("C" as const), prisoner2: pure("C" as const) });
  assert.equal(cc.equilibrium, false);
  assert.deepEqual(
    cc.deviations.map((d) => [d.player, fmt(d.currentPayoff), d.bestActions, fmt(d.bestPayoff)]),
    [
      ["prisoner1", "3", ["D"], "5"],
      ["prisoner2", "3", ["D"], "5"],
    ],
  );
  const dd = check(game, { prisoner1: pure("D" as const), prisoner2: pure("D" as const) });
  assert.equal(dd.equilibrium, true);
  assert.equal(dd.diagnostics.length, 2);
  assert.deepEqual(
    dd.diagnostics.map((d) => fmt(d.currentPayoff)),
    ["1", "1"],
  );
});

test("oracle: meeting in New York: (ES,ES) and (GC,GC) are equilibria; (GC,ES) is not, 0 vs 1", () => {
  const game = meetingInNewYork();
  for (const place of ["ES", "GC"] as const)
    assert.equal(check(game, { alice: pure(place), bob: pure(place) }).equilibrium, true);
  const r = check(game, { alice: pure("GC" as const), bob: pure("ES" as const) });
  assert.equal(r.equilibrium, false);
  assert.equal(r.deviations.length, 2);
  for (const d of r.deviations) {
    assert.equal(fmt(d.currentPayoff), "0");
    assert.equal(fmt(d.bestPayoff), "1");
  }
});

test("oracle: matching pennies: (H,H) and (T,T) are not equilibria; both uniform is", () => {
  const game = matchingPennies();
  for (const side of ["H", "T"] as const)
    assert.equal(check(game, { matcher: pure(side), mismatcher: pure(side) }).equilibrium, false);
  const half = mixed([
    ["H", 1],
    ["T", 1],
  ] as const);
  const r = check(game, { matcher: half, mismatcher: half });
  assert.equal(r.equilibrium, true);
  for (const d of r.diagnostics) {
    assert.equal(fmt(d.currentPayoff), "0");
    assert.deepEqual(
      d.alternatives.map((a) => fmt(a.payoff)),
      ["0", "0"],
    );
  }
});

test("oracle: ultimatum game, pie 10: propose 1 and always accept is an equilibrium (and subgame perfect)", () => {
  const game = ultimatum(10);
  const profile = { proposer: pure(1), responder: pure("accept" as const) };
  const nash = check(game, profile);
  assert.equal(nash.equilibrium, true);
  const proposer = nash.diagnostics.find((d) => d.decision === "proposer")!;
  assert.equal(fmt(proposer.currentPayoff), "9");
  assert.equal(check(game, profile, { subgamePerfect: true }).equilibrium, true);
});

test("Nash versus subgame perfection: 'offer 5, reject anything below 5' is Nash but not subgame perfect", () => {
  const game = ultimatum(10);
  const profile = {
    proposer: pure(5),
    responder: reactive((offer: number) => (offer >= 5 ? ("accept" as const) : ("reject" as const))),
  };
  const nash = check(game, profile);
  assert.equal(nash.equilibrium, true);
  // Only the responder's on-path information set (offer 5) is checked for Nash.
  assert.deepEqual(
    nash.diagnostics.filter((d) => d.decision === "responder").map((d) => d.observation),
    [5],
  );
  const spe = check(game, profile, { subgamePerfect: true });
  assert.equal(spe.equilibrium, false);
  // Off the path, rejecting offers 1..4 forgoes the offer: the deviations name exactly those information sets.
  assert.deepEqual(
    spe.deviations.map((d) => [d.decision, d.observation, d.onPath, fmt(d.currentPayoff), fmt(d.bestPayoff)]),
    [1, 2, 3, 4].map((o) => ["responder", o, false, "0", String(o)]),
  );
  // The responder sees all ten offers in the subgame-perfect check.
  assert.equal(spe.diagnostics.filter((d) => d.decision === "responder").length, 10);
});

test("a strategy that plays an unavailable action, or a missing strategy, is a typed error", () => {
  const game = prisonersDilemma();
  assert.throws(
    () => check(game, { prisoner1: pure("X" as never), prisoner2: pure("C" as const) }),
    (e: Error & { code?: string }) => e.code === "profile.action_not_available" && /prisoner1/.test(e.message),
  );
  assert.throws(
    () => check(game, { prisoner1: pure("C" as const) } as never),
    (e: Error & { code?: string }) => e.code === "profile.missing_strategy" && /prisoner2/.test(e.message),
  );
  assert.throws(
    () => check(game, { prisoner1: () => "C" as never, prisoner2: pure("C" as const) }),
    (e: Error & { code?: string }) => e.code === "profile.not_a_distribution",
  );
  void Dist;
});
