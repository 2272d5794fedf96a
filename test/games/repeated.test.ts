import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNum } from "../../src/games/core/num.js";
import { check } from "../../src/games/engine/equilibrium.js";
import type { Profile } from "../../src/games/engine/game.js";
import { pure } from "../../src/games/engine/strategy.js";
import { repeatedPrisonersDilemma, titForTat } from "../../src/games/examples/repeated.js";

const everyRound = (rounds: number, row: Profile[string], col: Profile[string]): Profile =>
  Object.fromEntries(
    Array.from({ length: rounds }, (_, i) => [
      [`row${i + 1}`, row],
      [`col${i + 1}`, col],
    ]).flat(),
  );

test("repeated prisoner's dilemma: always defect is subgame perfect at every history", () => {
  const game = repeatedPrisonersDilemma(3, "1/2");
  const r = check(game, everyRound(3, pure("D"), pure("D")), { subgamePerfect: true });
  assert.equal(r.equilibrium, true);
  // Round 3 is reached after 4 × 4 histories of two rounds, for each of the two players.
  assert.equal(r.diagnostics.filter((d) => d.decision === "row3").length, 16);
  // At the start, defecting forever pays 1 + 1/2 + 1/4.
  assert.equal(formatNum(r.diagnostics.find((d) => d.decision === "row1")!.currentPayoff), "7/4");
});

test("tit for tat is not an equilibrium of the finite game: defecting in the last round pays", () => {
  const game = repeatedPrisonersDilemma(3, 1);
  const r = check(game, everyRound(3, titForTat(0), titForTat(1)));
  assert.equal(r.equilibrium, false);
  // On the path everybody cooperates (3 a round). By hand, for the row player with tit for tat later on:
  // round 3: defect 5 > 3. Round 2: defect 5, then the column punishes while row cooperates, 0: 5 < 3 + 3.
  // Round 1: defect 5, then (C, D) 0, then (D, C) 5: 10 > 9 — the echo of tit for tat makes it pay.
  assert.deepEqual(
    r.deviations.map((d) => [d.decision, formatNum(d.currentPayoff), formatNum(d.bestPayoff)]),
    [
      ["row1", "9", "10"],
      ["col1", "9", "10"],
      ["row3", "3", "5"],
      ["col3", "3", "5"],
    ],
  );
  const second = r.diagnostics.find((d) => d.decision === "row2")!;
  assert.deepEqual(
    second.alternatives.map((a) => [a.action, formatNum(a.payoff)]),
    [
      ["C", "6"],
      ["D", "5"],
    ],
  );
});
