import { test } from "node:test";
import assert from "node:assert/strict";
import { formatNum } from "../../src/games/core/num.js";
import { check } from "../../src/games/engine/equilibrium.js";
import { recordBeliefs } from "../../src/games/engine/stages.js";
import { reactive } from "../../src/games/engine/strategy.js";
import { sealedBidAuction } from "../../src/games/examples/auctions.js";
import { investmentWithSignal, type Signal } from "../../src/games/examples/bayesian.js";

test("Bayesian game: posteriors and action values match the hand computation", () => {
  // P(good) = 1/3, signal right with 3/4.
  // P(good | high) = (1/3·3/4) / (1/3·3/4 + 2/3·1/4) = 3/5; investing is worth 3/5·10 − 2/5·6 = 18/5.
  // P(good | low)  = (1/3·1/4) / (1/3·1/4 + 2/3·3/4) = 1/7; investing is worth 10/7 − 36/7 = −26/7.
  const game = investmentWithSignal();
  const follow = reactive((s: Signal) => (s === "high" ? ("invest" as const) : ("wait" as const)));
  const r = check(game, { investor: follow });
  assert.equal(r.equilibrium, true);
  const bySignal = new Map(r.diagnostics.map((d) => [d.observation as Signal, d]));
  assert.equal(r.diagnostics.length, 2, "one information set per signal");
  const high = bySignal.get("high")!;
  const low = bySignal.get("low")!;
  assert.equal(
    formatNum(
      recordBeliefs<{ state: string }>(high)
        .map((rec) => rec.state)
        .probabilityOf("good"),
    ),
    "3/5",
  );
  assert.equal(
    formatNum(
      recordBeliefs<{ state: string }>(low)
        .map((rec) => rec.state)
        .probabilityOf("good"),
    ),
    "1/7",
  );
  assert.deepEqual(
    high.alternatives.map((a) => [a.action, formatNum(a.payoff)]),
    [
      ["invest", "18/5"],
      ["wait", "0"],
    ],
  );
  assert.deepEqual(
    low.alternatives.map((a) => [a.action, formatNum(a.payoff)]),
    [
      ["invest", "-26/7"],
      ["wait", "0"],
    ],
  );
  // P(high) = 1/3·3/4 + 2/3·1/4 = 5/12.
  assert.equal(formatNum(high.reachProbability), "5/12");
  // Investing on a low signal is the mistake the check reports, with its counterfactual.
  const always = check(game, { investor: reactive(() => "invest" as const) });
  assert.deepEqual(
    always.deviations.map((d) => [d.observation, formatNum(d.currentPayoff), d.bestActions, formatNum(d.gain)]),
    [["low", "-26/7", ["wait"], "26/7"]],
  );
});

const truthful = reactive((value: number) => value);

test("second-price auction: truthful bidding is an equilibrium", () => {
  const r = check(sealedBidAuction("second-price"), { bid1: truthful, bid2: truthful });
  assert.equal(r.equilibrium, true);
  // Every bidder, at every value, is checked: 2 bidders × 4 values.
  assert.equal(r.diagnostics.length, 8);
  // A bidder with value 3 facing a truthful rival (value uniform on 0..3) expects (3+2+1)/4 + half a tie at 3 → 3/2.
  const top = r.diagnostics.find((d) => d.decision === "bid1" && d.observation === 3)!;
  assert.equal(formatNum(top.currentPayoff), "3/2");
});

test("first-price auction: truthful bidding is not an equilibrium (shading pays)", () => {
  const r = check(sealedBidAuction("first-price"), { bid1: truthful, bid2: truthful });
  assert.equal(r.equilibrium, false);
  // Bidding one's value gains nothing. With value 3, bidding b wins with P(rival < b) + ½·P(rival = b):
  // b = 0: 3·1/8 = 3/8, b = 1: 2·3/8 = 3/4, b = 2: 1·5/8 = 5/8, b = 3: 0. Shading to 1 is best.
  const top = r.deviations.find((d) => d.decision === "bid1" && d.observation === 3)!;
  assert.equal(formatNum(top.currentPayoff), "0");
  assert.deepEqual(top.bestActions, [1]);
  assert.equal(formatNum(top.bestPayoff), "3/4");
  assert.deepEqual(
    top.alternatives.map((a) => formatNum(a.payoff)),
    ["3/8", "3/4", "5/8", "0"],
  );
  // Only value 0 cannot gain (every bid ≥ 0 pays at most 0); value 1 gains 1/8 by bidding 0.
  assert.deepEqual(r.deviations.map((d) => [d.decision, d.observation]).sort(), [
    ["bid1", 1],
    ["bid1", 2],
    ["bid1", 3],
    ["bid2", 1],
    ["bid2", 2],
    ["bid2", 3],
  ]);
});
