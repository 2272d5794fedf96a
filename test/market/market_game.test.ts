import { test } from "node:test";
import assert from "node:assert/strict";
import { playProfile, playSlot, prepareScenario, utilityOnlyPayoffs } from "../../src/market/analysis/market_game.js";
import { simulate } from "../../src/market/simulation/simulate.js";
import { small } from "./four_houses.js";

test("the payoff hook: replaying the scenario's own bids gives exactly the simulated payoffs", () => {
  const prepared = prepareScenario(small);
  const simulated = simulate(small);
  const payoffs = playProfile(prepared);
  for (const p of simulated.participants) assert.equal(payoffs[p.totals.name], p.payoff, p.totals.name);
  // Against the utility-only payoffs, the difference is each household's savings.
  const base = utilityOnlyPayoffs(prepared);
  for (const p of simulated.participants)
    assert.equal(payoffs[p.totals.name]! - base[p.totals.name]!, p.bill.savings, p.totals.name);
  assert.equal(prepared.slots, 96);
});

test("the payoff hook: one participant's bid choice in one slot changes the slot's payoffs", () => {
  const prepared = prepareScenario(small);
  // Noon: the PV owners sell, Sam and Tess buy.
  const noon = 12 * 4;
  const asIs = playSlot(prepared, noon);
  assert.ok(asIs.trades.length > 0);
  const lowball = playSlot(prepared, noon, { Sam: { kind: "fixed", bid: 0 } });
  assert.ok(!lowball.trades.some((t) => prepared.participants[t.buyer] === "Sam"), "a zero bid never trades");
  const total = (o: typeof asIs) => Object.values(o.payoffs).reduce((a, b) => a + b, 0);
  assert.ok(total(lowball) <= total(asIs), "less trade, less welfare");
  // A per-slot plan: Sam bids 0 everywhere — Sam then saves nothing.
  const plan = Array.from({ length: prepared.slots }, () => ({ kind: "fixed" as const, bid: 0 }));
  assert.equal(playProfile(prepared, { Sam: plan }).Sam, utilityOnlyPayoffs(prepared).Sam);
  assert.throws(() => playSlot(prepared, 96), { code: "market.slot_out_of_range" });
  assert.throws(() => playSlot(prepared, 0, { Nobody: { kind: "truthful" } }), { code: "market.unknown_participant" });
  assert.throws(() => playProfile(prepared, { Sam: plan.slice(1) }), { code: "market.profile_invalid" });
});
