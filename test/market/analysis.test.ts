import { test } from "node:test";
import assert from "node:assert/strict";
import { coalitionPayouts } from "../../src/market/analysis/coalitions.js";
import { whatIf } from "../../src/market/analysis/counterfactuals.js";
import { prepareScenario } from "../../src/market/analysis/market_game.js";
import { checkEquilibrium } from "../../src/market/game/equilibrium.js";
import { compareMechanisms } from "../../src/market/analysis/mechanism_comparison.js";
import { shapley } from "../../src/market/analysis/shapley.js";
import { buildArena } from "../../src/market/microworlds/arena.js";
import { compareMicroworlds } from "../../src/market/microworlds/microworlds.js";
import { mergeScenarioPatch } from "../../src/market/microworlds/scenario_patch.js";
import { parseBattery } from "../../src/market/scenario/parse_scenario.js";
import { withMechanism } from "../../src/market/scenario/scenario_variants.js";
import { simulate } from "../../src/market/simulation/simulate.js";
import { small } from "./four_houses.js";

test("counterfactuals: a 10 kWh battery, the community on VCG, and 'what if I had bid X'", () => {
  const battery = parseBattery({ capacityKWh: 10 }, "battery", { slotMinutes: 15 });
  const report = whatIf(small, "Raj", [
    { kind: "battery", battery },
    { kind: "mechanism", mechanism: "vcg" },
    { kind: "strategy", strategy: { kind: "fixed", offer: 350_000 } },
  ]);
  assert.deepEqual(report.comparison.columns, ["as is", "+ 10 kWh battery", "community uses vcg", "offers 0.350"]);
  const [asIs, withBattery, vcg, greedy] = report.runs.map((r) => r.result);
  const raj = (r: typeof asIs) => r!.participants.find((p) => p.totals.name === "Raj")!;
  assert.ok(raj(withBattery).totals.gridExport < raj(asIs).totals.gridExport, "the battery keeps PV at home");
  assert.ok(raj(withBattery).kpis.selfSufficiency! > raj(asIs).kpis.selfSufficiency!);
  assert.ok(vcg!.markets[0]!.totals.mechanismMargin < 0, "VCG runs a deficit");
  assert.equal(raj(greedy).totals.marketSold, 0, "an offer above the import price never sells");
  const row = report.comparison.rows.find((r) => r.metric === "Raj: bill with the market")!;
  assert.equal(row.values.length, 4);
});

test("mechanism comparison: VCG and trade reduction resist misreports; VCG pays in, trade reduction keeps", () => {
  const rows = compareMechanisms(small, { mechanisms: ["pay-as-bid", "trade-reduction", "vcg"], probeSlots: 8 });
  const by = Object.fromEntries(rows.map((r) => [r.mechanism, r]));
  assert.ok(by["pay-as-bid"]!.misreport.profitable > 0, "under pay-as-bid, shading the bid pays");
  assert.equal(by["vcg"]!.misreport.profitable, 0);
  assert.equal(by["trade-reduction"]!.misreport.profitable, 0);
  assert.ok(by["vcg"]!.budgetSurplus < 0);
  assert.ok(by["trade-reduction"]!.budgetSurplus >= 0);
  assert.equal(by["pay-as-bid"]!.budgetSurplus, 0);
  assert.ok(by["trade-reduction"]!.welfare <= by["pay-as-bid"]!.welfare);
  for (const r of rows) assert.equal(r.welfare, r.savings + r.fees + r.budgetSurplus);
  // The open-game view over the whole horizon agrees: truthful bidding is an equilibrium only where it should be.
  assert.equal(by["vcg"]!.truthfulEquilibrium.equilibrium, true);
  assert.equal(by["trade-reduction"]!.truthfulEquilibrium.equilibrium, true);
  assert.equal(by["pay-as-bid"]!.truthfulEquilibrium.equilibrium, false);
  assert.ok(by["pay-as-bid"]!.truthfulEquilibrium.largestGain > 0);
  assert.equal(by["vcg"]!.truthfulEquilibrium.largestGain, 0);
});

test("Shapley: exact on the glove game, efficient, and sampling stays within its bound", () => {
  // Player 0 holds a left glove, players 1 and 2 right gloves; a pair is worth 1.
  const glove = (mask: number) => ((mask & 1) !== 0 && (mask & 6) !== 0 ? 1 : 0);
  const exact = shapley(3, glove);
  assert.equal(exact.method, "exact");
  assert.deepEqual(
    exact.values.map((v) => Math.round(v * 1e9) / 1e9),
    [2 / 3, 1 / 6, 1 / 6].map((v) => Math.round(v * 1e9) / 1e9),
  );
  // 12 players: v(S) = Σ weights + a synergy for each adjacent pair present.
  const n = 12;
  const v = (mask: number) => {
    let x = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) x += i + 1 + ((mask & (1 << ((i + 1) % n))) !== 0 ? 5 : 0);
    return x;
  };
  const truth = shapley(n, v, { exactUpTo: 12 });
  const sampled = shapley(n, v, { permutations: 400, seed: 9 });
  assert.equal(sampled.method, "sampled");
  assert.ok(sampled.bound! > 0);
  sampled.values.forEach((x, i) => assert.ok(Math.abs(x - truth.values[i]!) <= sampled.bound!, `player ${i}`));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(sum(sampled.values) - v((1 << n) - 1)) < 1e-9);
  assert.ok(Math.abs(sum(truth.values) - v((1 << n) - 1)) < 1e-9);
  assert.throws(() => shapley(0, v), { code: "market.shapley_invalid" });
});

test("coalition payouts split exactly the community's savings", () => {
  const prepared = prepareScenario(small);
  const r = coalitionPayouts(prepared);
  assert.equal(r.method, "exact");
  assert.equal(r.evaluations, 16);
  const community = simulate(small).markets[0]!.bill.savings;
  assert.equal(r.grandCoalition, community);
  assert.ok(Math.abs(r.values.reduce((a, b) => a + b, 0) - community) < 1);
  assert.equal(
    r.actualSavings.reduce((a, b) => a + b, 0),
    community,
  );
});

test("arena: Plurigrid's {name, tasks:{done,next,upcoming}} shape with priced suggestions", () => {
  const arena = buildArena(small, { evaluate: true });
  assert.equal(arena.community, "Lane");
  const by = Object.fromEntries(arena.team_members.map((m) => [m.name, m]));
  // The games engine's equilibrium status, per participant, agrees with the equilibrium check.
  const check = checkEquilibrium(prepareScenario(small));
  assert.equal(arena.equilibrium, check.equilibrium);
  for (const m of arena.team_members) {
    assert.deepEqual(Object.keys(m.tasks), ["done", "next", "upcoming"]);
    const d = check.participants.find((p) => p.participant === m.name)!;
    assert.equal(m.other.equilibrium!.bestResponding, d.bestResponding);
  }
  assert.ok(by.Pia!.tasks.done.some((t) => t.startsWith("PV installed")));
  // Sam bids truthfully under pay-as-clear: his next step is the engine's best response, with its gain.
  assert.equal(by.Sam!.other.equilibrium!.bestResponding, false);
  assert.ok(by.Sam!.other.equilibrium!.gain > 0);
  assert.ok(
    by.Sam!.tasks.next.some((t) => /^bid differently — buying: .* \(best response to the others: gains ≈/.test(t)),
    JSON.stringify(by.Sam!.tasks),
  );
  // Without the check, the rule of thumb stands in for it.
  const unchecked = buildArena(small, { equilibrium: false });
  const sam = unchecked.team_members.find((m) => m.name === "Sam")!;
  assert.equal(sam.other.equilibrium, null);
  assert.equal(unchecked.equilibrium, null);
  assert.ok(sam.tasks.next.some((t) => t.startsWith("bid on a price ramp")));
  assert.ok(
    by.Tess!.tasks.upcoming.some((t) => /install .* kWp of PV \(saves ≈/.test(t)),
    JSON.stringify(by.Tess!.tasks),
  );
});

test("microworlds: variants run over the same horizon, side by side; patches merge lists by name", () => {
  const base = { market: { name: "Lane", members: [{ name: "A", pv: { kWp: 3 } }, { name: "B" }] }, days: 3 };
  const patched = mergeScenarioPatch(base, {
    name: "variant",
    market: {
      members: [{ name: "A", pv: { kWp: 5 }, battery: { capacityKWh: 4 } }, { name: "B", remove: true }, { name: "C" }],
    },
  });
  assert.deepEqual(patched, {
    name: "variant",
    days: 3,
    market: { name: "Lane", members: [{ name: "A", pv: { kWp: 5 }, battery: { capacityKWh: 4 } }, { name: "C" }] },
  });
  assert.deepEqual(mergeScenarioPatch({ a: 1, b: { c: 2 } }, { b: null }), { a: 1 });
  const worlds = [
    { name: "as is", scenario: small },
    { name: "on VCG", scenario: withMechanism(small, "vcg") },
  ];
  const c = compareMicroworlds(worlds);
  assert.deepEqual(c.comparison.columns, ["as is", "on VCG"]);
  const fromGrid = c.comparison.rows.find((r) => r.metric === "from the grid")!;
  assert.equal(fromGrid.values.length, 2);
  assert.equal(c.days, 1);
});
