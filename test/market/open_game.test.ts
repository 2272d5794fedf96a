import { test } from "node:test";
import assert from "node:assert/strict";
import { check, expectedPayoffs, toFloat } from "../../src/games/index.js";
import { playProfile, prepareScenario } from "../../src/market/analysis/market_game.js";
import { priceGrid } from "../../src/market/game/action_set.js";
import { checkEquilibrium } from "../../src/market/game/equilibrium.js";
import { buildMarketGame, DEFAULT_TOLERANCE } from "../../src/market/game/open_game.js";
import { bestResponsePlay, recommend } from "../../src/market/game/recommend.js";
import { composeStrategy, describeStrategySides, sideRuleOf, type SideRule } from "../../src/market/game/side_rules.js";
import { parseScenario } from "../../src/market/scenario/parse_scenario.js";
import type { Scenario } from "../../src/market/scenario/scenario.js";
import { withEveryone, withMechanism, withStrategy } from "../../src/market/scenario/scenario_variants.js";
import { simulate } from "../../src/market/simulation/simulate.js";
import { orderPrice } from "../../src/market/strategies/strategy.js";
import { small } from "./four_houses.js";

const payoffOf = (scenario: Scenario, name: string) =>
  simulate(scenario).participants.find((p) => p.totals.name === name)!.payoff;

test("side rules: a composed strategy prices each side exactly like its rule", () => {
  const rules: SideRule[] = [
    { kind: "truthful" },
    { kind: "price-ramp" },
    { kind: "price-ramp", from: 100_000, to: 250_000 },
    { kind: "fixed", price: 145_000 },
  ];
  for (const bid of rules)
    for (const offer of rules) {
      const strategy = composeStrategy(bid, offer);
      assert.deepEqual(sideRuleOf(strategy, "bid"), bid, JSON.stringify(strategy));
      assert.deepEqual(sideRuleOf(strategy, "offer"), offer, JSON.stringify(strategy));
      for (const [importPrice, feedIn] of [
        [340_000, 80_000],
        [260_000, 60_000],
      ] as const)
        for (let tick = 0; tick < 10; tick++)
          for (const side of ["bid", "offer"] as const) {
            const ctx = { side, importPrice, feedIn, tick, ticks: 10 };
            const alone =
              side === "bid"
                ? composeStrategy(bid, { kind: "truthful" })
                : composeStrategy({ kind: "truthful" }, offer);
            assert.equal(orderPrice(strategy, ctx), orderPrice(alone, ctx));
          }
    }
  assert.deepEqual(composeStrategy({ kind: "fixed", price: 1 }, { kind: "truthful" }), { kind: "fixed", bid: 1 });
  assert.equal(composeStrategy({ kind: "truthful" }, { kind: "price-ramp" }).kind, "sides");
  // A ramp that starts and ends at one price is that fixed price.
  assert.deepEqual(sideRuleOf({ kind: "price-ramp", initialBuy: 5, finalBuy: 5 }, "bid"), { kind: "fixed", price: 5 });
  assert.equal(
    describeStrategySides({ kind: "fixed", bid: 145_000 }),
    "buying: bid 0.1450; selling: truthful (offer at feed-in)",
  );
});

test("the open-game view agrees with direct computation: payoffs and every deviation gain", () => {
  const prepared = prepareScenario(small);
  const market = buildMarketGame(prepared);
  assert.deepEqual(
    market.decisions.map((d) => d.id),
    ["Pia/offer", "Raj/bid", "Raj/offer", "Sam/bid", "Tess/bid"],
  );
  // The grid: 5 prices from the feed-in tariff to the highest import price.
  assert.deepEqual(priceGrid(prepared, 5), [80_000, 145_000, 210_000, 275_000, 340_000]);
  // The game's payoffs under the current profile are the simulated payoffs.
  const fromGame = expectedPayoffs(market.game!, market.profile);
  const direct = playProfile(prepared);
  const simulated = simulate(small);
  for (const p of simulated.participants) {
    assert.equal(toFloat(fromGame.get(p.totals.name)!), direct[p.totals.name]);
    assert.equal(direct[p.totals.name], p.payoff);
  }
  // Every entry of every counterfactual table is a full re-simulation with that one side changed.
  const report = check(market.game!, market.profile);
  const result = checkEquilibrium(prepared);
  assert.equal(report.diagnostics.length, 5);
  for (const d of report.diagnostics) {
    const decision = market.decisions.find((x) => x.id === d.decision)!;
    const i = decision.index;
    const current = toFloat(d.currentPayoff);
    assert.equal(current, direct[decision.participant]);
    for (const alternative of d.alternatives) {
      const rule = alternative.action as SideRule;
      const strategy =
        decision.side === "bid"
          ? composeStrategy(rule, market.currentOffer[i]!)
          : composeStrategy(market.currentBid[i]!, rule);
      const resimulated = payoffOf(withStrategy(small, decision.participant, strategy), decision.participant);
      assert.equal(toFloat(alternative.payoff), resimulated, `${d.decision} ${JSON.stringify(rule)}`);
    }
    const side = result.participants[i]!.sides.find((s) => s.decision === d.decision)!;
    assert.equal(side.gain, toFloat(d.gain));
    assert.equal(side.bestResponding, d.equilibrium);
  }
  // A participant's gain is the sum of its sides' gains, and its best response, played directly, pays exactly that.
  for (const p of result.participants) {
    assert.equal(
      p.gain,
      p.sides.reduce((a, s) => a + s.gain, 0),
      p.participant,
    );
    assert.equal(playProfile(prepared, { [p.participant]: p.bestResponse })[p.participant], p.bestPayoff);
  }
});

test("truthful bidding is not an equilibrium under pay-as-clear; the best response pays more when re-simulated", () => {
  const truthful = withEveryone(small, { kind: "truthful" });
  const prepared = prepareScenario(truthful);
  const result = checkEquilibrium(prepared);
  assert.equal(result.equilibrium, false);
  assert.ok(result.deviators.includes("Tess"));
  const tess = recommend(prepared, "Tess");
  assert.equal(tess.bestResponding, false);
  assert.notDeepEqual(tess.recommended, { kind: "truthful" });
  assert.ok(tess.gain > DEFAULT_TOLERANCE);
  // Verified by a full simulation of the scenario with Tess's recommended strategy, everyone else unchanged.
  const before = payoffOf(truthful, "Tess");
  const after = payoffOf(withStrategy(truthful, "Tess", tess.recommended), "Tess");
  assert.ok(after > before);
  assert.equal(after - before, tess.gain);
  assert.equal(tess.recommendedPayoff, after);
  assert.equal(tess.payoff, before);
  // Her table: truthful is her current rule, with gain 0.
  const bid = tess.sides.find((s) => s.side === "bid")!;
  assert.equal(bid.alternatives.find((a) => a.rule.kind === "truthful")!.gain, 0);
  assert.ok(bid.alternatives.length >= 7);
});

test("under truthful mechanisms, truthful strategies pass the equilibrium check", () => {
  for (const mechanism of ["vcg", "trade-reduction"] as const) {
    const scenario = withMechanism(withEveryone(small, { kind: "truthful" }), mechanism);
    const result = checkEquilibrium(prepareScenario(scenario));
    assert.equal(result.equilibrium, true, `${mechanism}: ${result.deviators.join(", ")}`);
    assert.deepEqual(result.deviators, []);
    for (const p of result.participants)
      for (const s of p.sides) for (const a of s.alternatives) assert.ok(a.gain <= DEFAULT_TOLERANCE, mechanism);
  }
});

test("best-response dynamics settle pay-as-clear bidders into an equilibrium the check confirms", () => {
  const truthful = withEveryone(small, { kind: "truthful" });
  const play = bestResponsePlay(prepareScenario(truthful));
  assert.equal(play.converged, true);
  let settled = truthful;
  for (const [name, strategy] of Object.entries(play.strategies)) settled = withStrategy(settled, name, strategy);
  assert.equal(checkEquilibrium(prepareScenario(settled)).equilibrium, true);
});

test("a best-response strategy in a scenario is chosen by the games engine against the others", () => {
  const scenario = withStrategy(small, "Tess", { kind: "best-response" });
  const prepared = prepareScenario(scenario);
  assert.equal(prepared.bestResponses?.length, 1);
  const chosen = prepared.bestResponses![0]!;
  assert.equal(chosen.participant, "Tess");
  assert.equal(chosen.converged, true);
  assert.notEqual(chosen.strategy.kind, "best-response");
  // The simulation runs with the chosen strategy and says so; its payoffs are the prepared game's.
  const result = simulate(scenario);
  assert.deepEqual(result.bestResponses, prepared.bestResponses);
  const direct = playProfile(prepared);
  for (const p of result.participants) assert.equal(p.payoff, direct[p.totals.name]);
  // Tess is now best-responding; and she earns what her recommendation against the scenario as is promised.
  const check = checkEquilibrium(prepared);
  assert.equal(check.participants.find((p) => p.participant === "Tess")!.bestResponding, true);
  const asIs = recommend(prepareScenario(small), "Tess");
  assert.equal(direct["Tess"], asIs.recommendedPayoff);
  // Several best-responders play the engine's dynamics among themselves; the others' strategies stay.
  const two = prepareScenario(withStrategy(scenario, "Sam", { kind: "best-response" }));
  assert.deepEqual(
    two.bestResponses!.map((b) => b.participant),
    ["Sam", "Tess"],
  );
  assert.deepEqual(two.tree.participants[0]!.strategy, small.market.members[0]!.strategy);
  assert.equal(
    parseScenario({ market: { name: "m", members: [{ name: "a", strategy: "best-response" }] } }).market.members[0]!
      .strategy.kind,
    "best-response",
  );
});

test("failure paths: unknown participant, bad options, unresolved and misplaced best-response strategies", () => {
  const prepared = prepareScenario(small);
  assert.throws(() => recommend(prepared, "Zoe"), { code: "market.unknown_participant" });
  assert.throws(() => checkEquilibrium(prepared, { players: ["Zoe"] }), { code: "market.unknown_participant" });
  assert.throws(() => checkEquilibrium(prepared, { levels: 1 }), { code: "market.option_invalid" });
  assert.throws(() => checkEquilibrium(prepared, { levels: 2.5 }), { code: "market.option_invalid" });
  assert.throws(
    () => orderPrice({ kind: "best-response" }, { side: "bid", importPrice: 1, feedIn: 0, tick: 0, ticks: 1 }),
    { code: "market.strategy_unresolved" },
  );
  assert.throws(
    () =>
      parseScenario({
        market: { name: "m", members: [{ name: "a", strategy: { kind: "sides", bid: "best-response" } }] },
      }),
    { code: "market.scenario_invalid", message: /members\[0\]\.strategy\.bid\.kind best-response chooses both sides/ },
  );
  assert.throws(() => parseScenario({ market: { name: "m", members: [{ name: "a", strategy: "bluff" }] } }), {
    code: "market.scenario_invalid",
  });
});
