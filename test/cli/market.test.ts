import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const bin = fileURLToPath(new URL("../../src/cli/main.js", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "plurigrid-market-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, "market", ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

const orders = file("orders.json", {
  currency: "EUR",
  bids: [
    { id: "b1", participant: "P1", energy: 3, price: 0.3 },
    { id: "b2", participant: "P2", energy: 2, price: 0.25 },
  ],
  offers: [
    { id: "o1", participant: "S1", energy: 2, price: 0.1 },
    { id: "o2", participant: "S2", energy: 2, price: 0.2 },
  ],
});

test("market clear --json prints trades, clearing price and welfare", () => {
  const r = run("clear", orders, "--mechanism", "pay-as-clear", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.currency, "EUR");
  assert.equal(out.clearingPrice, 0.25);
  assert.deepEqual(out.trades[0], { bid: "b1", offer: "o1", buyer: "P1", seller: "S1", energy: 2, price: 0.25 });
  assert.equal(out.energy, 4);
  assert.equal(out.welfare, 0.55);
});

test("market clear --mechanism vcg reports each payment and the deficit", () => {
  const r = run("clear", orders, "--mechanism", "vcg", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.ok(out.deficit > 0);
  assert.deepEqual(
    out.participants.map((p: { participant: string }) => p.participant),
    ["P1", "P2", "S1", "S2"],
  );
  const human = run("clear", orders, "--mechanism", "vcg");
  assert.match(human.stdout, /deficit \(sellers receive more than buyers pay\): 0\.\d{4} EUR/);
});

test("market clear: human output names the mechanism and the price", () => {
  const r = run("clear", orders, "--mechanism", "k-double", "--k", "1");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /mechanism: k-double/);
  assert.match(r.stdout, /clearing price: 0\.2500 EUR\/kWh/);
});

test("market clear: bad input is a typed error with exit status 2", () => {
  const unknown = run("clear", orders, "--mechanism", "dutch");
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /error \[market\.unknown_mechanism\]/);
  const missing = run("clear", join(tmp, "nope.json"));
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /error \[file\.not_found\]/);
  const broken = run("clear", file("broken.json", "{"));
  assert.match(broken.stderr, /error \[market\.json_invalid\]/);
  const negative = run("clear", file("neg.json", { bids: [{ participant: "A", energy: -1, price: 0.1 }] }));
  assert.match(negative.stderr, /error \[market\.order_invalid\]/);
});

const example = fileURLToPath(new URL("../../../examples/neighbourhood.json", import.meta.url));

test("market simulate prints a community KPI and bill table a manager can read", () => {
  const r = run("simulate", example, "--days", "1");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Sunny Street neighbourhood — 1 day from 2024-06-03/);
  assert.match(r.stdout, /self-sufficiency/);
  assert.match(r.stdout, /utility only\s+with market\s+savings/);
  assert.match(r.stdout, /Ana\s+PV 7 kWp, battery 10 kWh, EV \(immediate\)/);
  assert.match(r.stdout, /all exact/);
  assert.equal(r.stderr, "", "short runs print no progress");
});

test("market simulate --json gives bills and KPIs per market and participant", () => {
  const r = run("simulate", example, "--days", "1", "--json");
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.days, 1);
  assert.equal(out.markets[0].name, "Sunny Street");
  assert.equal(out.participants.length, 8);
  const ana = out.participants[0];
  assert.ok(Math.abs(ana.bill.utilityOnly - ana.bill.withMarket - ana.bill.savings) < 1e-9);
  assert.ok(out.markets[0].kpis.selfSufficiency > 0);
  assert.equal(run("simulate", example, "--days", "0").status, 2);
  const bad = run("simulate", file("bad-scenario.json", { market: { name: "x", members: [{ name: "a", pv: {} }] } }));
  assert.match(
    bad.stderr,
    /error \[market\.scenario_invalid\]: scenario\.market\.members\[0\]\.pv\.kWp must be a number/,
  );
});

test("market what-if lines up the changes next to the scenario as is", () => {
  const r = run("what-if", example, "--participant", "Ben", "--add-battery", "10", "--bid", "0.2", "--days", "1");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /focus on Ben/);
  assert.match(r.stdout, /as is\s+\+ 10 kWh battery\s+bids 0\.200/);
  assert.match(r.stdout, /Ben: bill with the market \(EUR\)/);
  const none = run("what-if", example, "--participant", "Ben");
  assert.equal(none.status, 2);
  assert.match(none.stderr, /name at least one change/);
  const nobody = run("what-if", example, "--participant", "Zoe", "--mechanism", "vcg", "--days", "1");
  assert.match(nobody.stderr, /error \[market\.unknown_participant\]/);
});

const laneScenario = {
  name: "Lane",
  start: "2024-06-10",
  days: 1,
  market: {
    name: "Lane",
    members: [
      { name: "Pia", load: { annualKWh: 3000 }, pv: { kWp: 6 } },
      { name: "Sam", load: { annualKWh: 4000 }, strategy: "truthful" },
      { name: "Tess", load: { annualKWh: 3500 } },
    ],
  },
};
const lane = file("lane.json", laneScenario);

test("market compare, shapley and arena answer in JSON", () => {
  const compare = JSON.parse(run("compare", lane, "--mechanisms", "pay-as-clear,vcg", "--json").stdout);
  assert.deepEqual(
    compare.mechanisms.map((m: { mechanism: string }) => m.mechanism),
    ["pay-as-clear", "vcg"],
  );
  assert.equal(compare.mechanisms[1].misreport.profitable, 0);
  const arena = JSON.parse(run("arena", lane, "--json").stdout);
  assert.equal(arena.team_members.length, 3);
  assert.deepEqual(Object.keys(arena.team_members[0].tasks), ["done", "next", "upcoming"]);
  assert.equal(arena.equilibrium, false);
  assert.deepEqual(arena.team_members[1].other.equilibrium, {
    bestResponding: false,
    gain: arena.team_members[1].other.equilibrium.gain,
    bestResponse: "buying: bid 0.0800",
    strategy: { kind: "fixed", bid: 0.08 },
  });
  assert.match(
    run("arena", lane).stdout,
    /Sam .*\n {2}equilibrium: not best-responding — buying: bid 0\.0800 would gain/,
  );
  const shapley = run("shapley", lane);
  assert.equal(shapley.status, 0, shapley.stderr);
  assert.match(shapley.stdout, /exact over all 8 coalitions/);
});

test("market equilibrium: the verdict, who gains by deviating, by how much and with which rule", () => {
  const r = run("equilibrium", lane);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /Verdict: NOT an equilibrium — 3 of 3 participants gain by bidding differently/);
  assert.match(r.stdout, /Sam gains \+0\.\d{4} EUR by bidding differently/);
  assert.match(r.stdout, /when buying: bid 0\.0800 instead of truthful \(bid the import price\)/);
  const json = JSON.parse(run("equilibrium", lane, "--json").stdout);
  assert.equal(json.equilibrium, false);
  assert.deepEqual(json.deviators, ["Pia", "Sam", "Tess"]);
  const sam = json.participants[1];
  assert.equal(sam.name, "Sam");
  assert.deepEqual(sam.bestResponse, { kind: "fixed", bid: 0.08 });
  assert.ok(Math.abs(sam.bestPayoff - sam.payoff - sam.gain) < 1e-9);
  assert.equal(sam.decisions[0].side, "bid");
  assert.equal(sam.decisions[0].alternatives.length, 7);
  // Everyone truthful under VCG: an equilibrium, exit status 0.
  const vcg = file("lane-vcg.json", {
    ...laneScenario,
    defaultStrategy: "truthful",
    market: { ...laneScenario.market, mechanism: "vcg" },
  });
  const ok = run("equilibrium", vcg);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Verdict: an equilibrium/);
  const levels = run("equilibrium", lane, "--levels", "many");
  assert.equal(levels.status, 2);
  assert.match(levels.stderr, /error \[market\.option_invalid\]: --levels/);
});

test("market recommend: a participant's best response, re-simulated, with every alternative", () => {
  const r = run("recommend", lane, "--participant", "Sam");
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Recommended: buying: bid 0\.0800 — payoff \d\.\d{4} \(re-simulated\), \+0\.\d{4} EUR/);
  assert.match(r.stdout, /In the scenario file: "strategy": \{"kind":"fixed","bid":0\.08\}/);
  const json = JSON.parse(run("recommend", lane, "--participant", "Sam", "--json").stdout);
  assert.deepEqual(json.recommended, { kind: "fixed", bid: 0.08 });
  assert.ok(json.recommendedPayoff > json.payoff);
  const nobody = run("recommend", lane, "--participant", "Zoe");
  assert.equal(nobody.status, 2);
  assert.match(nobody.stderr, /error \[market\.unknown_participant\]: no participant "Zoe" in Lane/);
  assert.equal(run("recommend", lane).status, 2);
  const bad = run(
    "recommend",
    file("bad-strategy.json", { market: { name: "m", members: [{ name: "a", strategy: "bluff" }] } }),
    "--participant",
    "a",
  );
  assert.equal(bad.status, 2);
  assert.match(
    bad.stderr,
    /error \[market\.scenario_invalid\]: scenario\.market\.members\[0\]\.strategy\.kind must be one of/,
  );
});

test("market simulate names the strategies the games engine chose for best-response participants", () => {
  const members = laneScenario.market.members.map((m) => (m.name === "Sam" ? { ...m, strategy: "best-response" } : m));
  const r = run("simulate", file("lane-br.json", { ...laneScenario, market: { ...laneScenario.market, members } }));
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stdout,
    /Strategies chosen by the games engine .* settled after \d rounds?\):\n {2}Sam: buying: bid 0\.0800/,
  );
});
