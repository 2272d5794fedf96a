import { test } from "node:test";
import assert from "node:assert/strict";
import type { MarketSpec, ParticipantSpec } from "../../src/market/scenario/scenario.js";
import { feePerKWh, priceInMarket } from "../../src/market/simulation/grid_fees.js";
import { buildMarketTree } from "../../src/market/simulation/market_tree.js";
import { clearSlot, type SlotOrder } from "../../src/market/simulation/slot_clearing.js";
import { parseScenario } from "../../src/market/scenario/parse_scenario.js";
import { simulate } from "../../src/market/simulation/simulate.js";
import type { MechanismName } from "../../src/market/mechanisms/registry.js";
import { moneyToDecimal } from "../../src/market/units/money.js";
import { example } from "./helpers.js";

const person = (name: string, bid?: number, offer?: number): ParticipantSpec => ({
  name,
  strategy: { kind: "fixed", bid, offer },
  flexibleLoads: [],
});

function market(
  name: string,
  mechanism: MechanismName,
  fee: { constant?: number; percent?: number },
  members: ParticipantSpec[],
  children: MarketSpec[] = [],
  limits: { importLimit?: number; exportLimit?: number } = {},
): MarketSpec {
  return {
    name,
    mechanism,
    k: 500_000,
    fee: { constant: fee.constant ?? 0, percent: fee.percent ?? 0 },
    members,
    children,
    ...limits,
  };
}

/**
 * gsy-e's grid-fee walkthrough: Grid (fee 0.02/kWh) above Neighbourhood 1 and Neighbourhood 2 (0.01/kWh each);
 * a PV in N2 offers 1 kWh at 0.10; a load in N1 wants 1 kWh.
 */
function walkthrough(mechanism: MechanismName, fees: { n: object; grid: object }, loadBid: number) {
  const tree = buildMarketTree(
    market(
      "Grid",
      mechanism,
      fees.grid,
      [],
      [
        market("N1", mechanism, fees.n, [person("load", loadBid)]),
        market("N2", mechanism, fees.n, [person("pv", undefined, 100_000)]),
      ],
    ),
  );
  const orders: SlotOrder[] = [
    { participant: 0, side: "bid", energy: 1000, strategy: tree.participants[0]!.strategy },
    { participant: 1, side: "offer", energy: 1000, strategy: tree.participants[1]!.strategy },
  ];
  const names = tree.nodes.map((n) => n.spec.name);
  const r = clearSlot(tree, orders, { ticks: 8, forwardAfterTicks: 2, importPrice: 300_000, feedIn: 0 });
  assert.equal(r.trades.length, 1);
  const t = r.trades[0]!;
  return {
    matchedIn: names[t.market],
    route: t.route.map((m) => names[m]),
    buyerPays: moneyToDecimal(t.buyerPays),
    sellerReceives: moneyToDecimal(t.sellerReceives),
    fees: t.fees.map((f) => [names[f.market], moneyToDecimal(f.amount)]),
  };
}

test("fee rule: a 0.10/kWh offer crossing three markets with fees arrives at the documented price", () => {
  const n = { constant: 10_000, percent: 0 };
  const grid = { constant: 20_000, percent: 0 };
  // Path N2 → Grid → N1: 0.10 + 0.01 + 0.02 + 0.01 = 0.14 (gsy-e constant-fee example).
  assert.equal(priceInMarket("offer", 100_000, [n, grid, n]), 140_000);
  // Percentages of the original price: 0.10 × (1 + 5 % + 10 % + 5 %) = 0.12.
  const p5 = { constant: 0, percent: 50_000 };
  const p10 = { constant: 0, percent: 100_000 };
  assert.equal(priceInMarket("offer", 100_000, [p5, p10, p5]), 120_000);
  // A bid loses the fee of each market it leaves: 0.30 from N1 into Grid → 0.29; on into N2 → 0.27.
  assert.equal(priceInMarket("bid", 300_000, [n, grid]), 290_000);
  assert.equal(priceInMarket("bid", 300_000, [n, grid, n]), 270_000);
  assert.equal(feePerKWh(p10, 300_000), 30_000);
});

test("one-sided pay-as-offer: the offer travels N2 → Grid → N1 and the load pays 0.14 (gsy-e walkthrough)", () => {
  const r = walkthrough("pay-as-offer", { n: { constant: 10_000 }, grid: { constant: 20_000 } }, 500_000);
  assert.deepEqual(r, {
    matchedIn: "N1",
    route: ["N2", "Grid", "N1"],
    buyerPays: 0.14,
    sellerReceives: 0.1,
    fees: [
      ["N2", 0.01],
      ["Grid", 0.02],
      ["N1", 0.01],
    ],
  });
  const pct = walkthrough("pay-as-offer", { n: { percent: 50_000 }, grid: { percent: 100_000 } }, 500_000);
  assert.equal(pct.buyerPays, 0.12);
  assert.equal(pct.sellerReceives, 0.1);
});

test("two-sided pay-as-bid: bid and offer meet in the Grid market; the load pays 0.30, the PV gets 0.26", () => {
  // The bid enters Grid at 0.29 (N1's fee left behind), the offer at 0.13; pay-as-bid clears at 0.29.
  const r = walkthrough("pay-as-bid", { n: { constant: 10_000 }, grid: { constant: 20_000 } }, 300_000);
  assert.deepEqual(r, {
    matchedIn: "Grid",
    route: ["N2", "Grid", "N1"],
    buyerPays: 0.3,
    sellerReceives: 0.26,
    fees: [
      ["N2", 0.01],
      ["Grid", 0.02],
      ["N1", 0.01],
    ],
  });
});

test("local trades first: a neighbour's bid wins over a remote bid that only arrives after forwarding", () => {
  const tree = buildMarketTree(
    market(
      "Region",
      "pay-as-bid",
      {},
      [],
      [
        market("A", "pay-as-bid", {}, [person("seller", undefined, 100_000), person("neighbour", 200_000)]),
        market("B", "pay-as-bid", {}, [person("remote", 400_000)]),
      ],
    ),
  );
  const orders: SlotOrder[] = tree.participants.map((p, i) => ({
    participant: i,
    side: i === 0 ? "offer" : "bid",
    energy: 1000,
    strategy: p.strategy,
  }));
  const r = clearSlot(tree, orders, { ticks: 6, forwardAfterTicks: 2, importPrice: 300_000, feedIn: 0 });
  assert.deepEqual(
    r.trades.map((t) => [tree.participants[t.seller]!.name, tree.participants[t.buyer]!.name, t.energy]),
    [["seller", "neighbour", 1000]],
  );
  assert.equal(r.unmatched[2], 1000, "the remote bid goes to the utility");
});

test("import and export limits cut what crosses a market's boundary", () => {
  const tree = buildMarketTree(
    market(
      "Region",
      "pay-as-clear",
      {},
      [],
      [
        market("A", "pay-as-clear", {}, [person("pv", undefined, 100_000)], [], { exportLimit: 1000 }),
        market("B", "pay-as-clear", {}, [person("load", 300_000)]),
      ],
    ),
  );
  const orders: SlotOrder[] = [
    { participant: 0, side: "offer", energy: 3000, strategy: tree.participants[0]!.strategy },
    { participant: 1, side: "bid", energy: 5000, strategy: tree.participants[1]!.strategy },
  ];
  const r = clearSlot(tree, orders, { ticks: 6, forwardAfterTicks: 2, importPrice: 300_000, feedIn: 0 });
  assert.equal(
    r.trades.reduce((s, t) => s + t.energy, 0),
    1000,
  );
  assert.deepEqual([...r.unmatched], [2000, 4000]);
});

test("a community nested in a region: trades cross communities, fees reach every market on the route", () => {
  const scenario = parseScenario(example("community_in_region.json"));
  const r = simulate(scenario, { days: 2 });
  const [region, ...communities] = r.markets;
  assert.equal(region!.totals.name, "Dreisam Valley region");
  assert.ok(region!.totals.matchedHere > 0, "some energy matches in the region market");
  assert.ok(region!.totals.feesCollected > 0);
  for (const c of communities) assert.ok(c.totals.importedFromMarkets + c.totals.exportedToMarkets > 0, c.totals.name);
  // Money: buyers' payments = sellers' revenue + every market's fees + mechanism margins.
  const spent = r.participants.reduce((s, p) => s + p.totals.marketSpent, 0);
  const earned = r.participants.reduce((s, p) => s + p.totals.marketEarned, 0);
  const fees = r.markets.reduce((s, m) => s + m.totals.feesCollected, 0);
  const margins = r.markets.reduce((s, m) => s + m.totals.mechanismMargin, 0);
  assert.equal(spent, earned + fees + margins);
  assert.equal(r.conservation.balances, r.participants.length * 2 * 96);
});
