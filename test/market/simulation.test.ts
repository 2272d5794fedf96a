import { test } from "node:test";
import assert from "node:assert/strict";
import { parseScenario } from "../../src/market/scenario/parse_scenario.js";
import { simulate } from "../../src/market/simulation/simulate.js";
import { priceRamp } from "../../src/market/strategies/price_ramp.js";
import { orderPrice } from "../../src/market/strategies/strategy.js";
import { example } from "./helpers.js";

const neighbourhood = parseScenario(example("neighbourhood.json"));

test("conservation on simulated days: energy per household and slot, market energy, money per trade", () => {
  const r = simulate(neighbourhood, { days: 2 });
  const slots = 2 * 96;
  assert.equal(r.conservation.balances, 8 * slots);
  assert.equal(r.conservation.slots, slots);
  assert.ok(r.conservation.trades > 50, "the neighbourhood trades");
  let bought = 0;
  let sold = 0;
  let spent = 0;
  let earned = 0;
  for (const { totals: p } of r.participants) {
    // Over the horizon: sources = sinks for every household.
    assert.equal(
      p.production + p.batteryOut + p.marketBought + p.gridImport,
      p.demand + p.batteryIn + p.marketSold + p.gridExport,
      p.name,
    );
    bought += p.marketBought;
    sold += p.marketSold;
    spent += p.marketSpent;
    earned += p.marketEarned;
  }
  assert.equal(bought, sold);
  const root = r.markets[0]!.totals;
  assert.equal(spent, earned + root.feesCollected + root.mechanismMargin);
  assert.equal(root.tradedInside, bought);
});

test("bills: savings are the utility-only bill minus the bill with the market, summed per community", () => {
  const r = simulate(neighbourhood, { days: 1 });
  let base = 0;
  let withMarket = 0;
  for (const p of r.participants) {
    assert.equal(p.bill.savings, p.bill.base - p.bill.withMarket);
    assert.equal(p.bill.withMarket, p.bill.marketSpent + p.bill.gridCost - p.bill.marketEarned - p.bill.feedInRevenue);
    // Payoff and bill move together: payoff = value of consumption − bill.
    assert.equal(p.payoff, p.totals.valueOfConsumption - p.bill.withMarket);
    base += p.bill.base;
    withMarket += p.bill.withMarket;
  }
  assert.equal(r.markets[0]!.bill.base, base);
  assert.equal(r.markets[0]!.bill.withMarket, withMarket);
  assert.ok(r.markets[0]!.bill.savings > 0, "a sunny June day: the market saves money");
});

test("KPIs: self-sufficiency and self-consumption within [0, 1]; the community counts its internal trades", () => {
  const r = simulate(neighbourhood, { days: 1 });
  for (const p of r.participants) {
    for (const k of [p.kpis.selfSufficiency, p.kpis.selfConsumption]) if (k !== null) assert.ok(k >= 0 && k <= 1);
    if (p.totals.production === 0) assert.equal(p.kpis.selfConsumption, null);
  }
  const community = r.markets[0]!;
  const own = r.participants.reduce((s, p) => s + p.totals.selfConsumed, 0);
  const demand = r.participants.reduce((s, p) => s + p.totals.demand, 0);
  assert.equal(community.kpis.selfSufficiency, (own + community.totals.tradedInside) / demand);
  assert.ok(community.kpis.peakImportKW > 0 && community.kpis.peakExportKW > 0);
});

test("simulations are deterministic and seeded", () => {
  const a = simulate(neighbourhood, { days: 1 });
  const b = simulate(neighbourhood, { days: 1 });
  assert.deepEqual(a, b);
  const other = simulate({ ...neighbourhood, seed: 7 }, { days: 1 });
  assert.notEqual(other.participants[0]!.totals.production, a.participants[0]!.totals.production);
});

test("strategies: gsy-e price ramps move linearly to the utility's prices; truthful bids the tariff", () => {
  const ctx = { importPrice: 300_000, feedIn: 80_000, ticks: 5 };
  const ramp = (side: "bid" | "offer", tick: number) => priceRamp({}, { ...ctx, side, tick });
  assert.deepEqual(
    [0, 1, 2, 3, 4].map((t) => ramp("bid", t)),
    [80_000, 135_000, 190_000, 245_000, 300_000],
  );
  assert.deepEqual(
    [0, 4].map((t) => ramp("offer", t)),
    [300_000, 80_000],
  );
  assert.equal(priceRamp({ initialBuy: 0, finalBuy: 100_000 }, { ...ctx, side: "bid", tick: 2 }), 50_000);
  assert.equal(orderPrice({ kind: "truthful" }, { ...ctx, side: "bid", tick: 0 }), 300_000);
  assert.equal(orderPrice({ kind: "truthful" }, { ...ctx, side: "offer", tick: 0 }), 80_000);
  assert.equal(orderPrice({ kind: "fixed", bid: 200_000 }, { ...ctx, side: "bid", tick: 3 }), 200_000);
  assert.equal(orderPrice({ kind: "fixed", bid: 200_000 }, { ...ctx, side: "offer", tick: 3 }), 80_000);
});

test("scenario errors name the offending field", () => {
  const base = example("neighbourhood.json") as { market: { members: Record<string, unknown>[] } };
  const broken = structuredClone(base);
  broken.market.members[1]!.battery = { capacityKWh: -3 };
  assert.throws(() => parseScenario(broken), {
    code: "market.scenario_invalid",
    message: /scenario\.market\.members\[1\]\.battery\.capacityKWh must be a positive number/,
  });
  const dup = structuredClone(base);
  dup.market.members[1]!.name = "Ana";
  assert.throws(() => parseScenario(dup), { message: /"Ana" is used twice/ });
  const mech = structuredClone(base) as unknown as { market: { mechanism: string } };
  mech.market.mechanism = "lottery";
  assert.throws(() => parseScenario(mech), { message: /"lottery" is not a mechanism/ });
  assert.throws(() => parseScenario({ ...base, slotMinutes: 7 }), { message: /slotMinutes must divide a day/ });
  assert.throws(() => parseScenario({ ...base, start: "June" }), { message: /start must be a date/ });
  assert.throws(() => parseScenario({ market: { name: "empty" } }), { message: /has no participants/ });
});

test("asset and market fields are checked with the path of the bad field", () => {
  const member = (extra: Record<string, unknown>) => ({ market: { name: "m", members: [{ name: "a", ...extra }] } });
  const cases: [Record<string, unknown>, RegExp][] = [
    [
      { ev: { energyKWh: 5, arrival: "08:00", departure: "08:00" } },
      /members\[0\]\.ev\.departure must differ from arrival/,
    ],
    [{ ev: { energyKWh: 5, arrival: "25:00" } }, /members\[0\]\.ev\.arrival must be a time "HH:MM"/],
    [{ ev: { energyKWh: 5, policy: "whenever" } }, /ev\.policy must be one of immediate, solar/],
    [
      { flexibleLoads: [{ energyKWh: 1, durationMinutes: 180, window: ["10:00", "12:00"] }] },
      /flexibleLoads\[0\]\.window is too short/,
    ],
    [{ battery: { capacityKWh: 5, minSoc: 0.8, maxSoc: 0.5 } }, /battery\.maxSoc must be above minSoc/],
    [{ load: { seriesKWh: [0.1, -0.2] } }, /load\.seriesKWh\[1\] must not be negative/],
    [{ strategy: { kind: "sniper" } }, /strategy\.kind must be one of price-ramp, truthful, fixed/],
    [{ strategy: { kind: "fixed", bid: "cheap" } }, /strategy\.bid must be a decimal number/],
  ];
  for (const [extra, message] of cases) assert.throws(() => parseScenario(member(extra)), { message }, String(message));
  const fee = { market: { name: "m", fee: { percent: 100 }, members: [{ name: "a" }] } };
  assert.throws(() => parseScenario(fee), { message: /fee\.percent must be below 100/ });
  const tariff = {
    tariff: { import: [{ from: "07:00", price: 0.3 }] },
    market: { name: "m", members: [{ name: "a" }] },
  };
  assert.throws(() => parseScenario(tariff), { message: /must have a band starting at "00:00"/ });
  const twice = {
    market: { name: "m", members: [{ name: "a" }], children: [{ name: "m", members: [{ name: "b" }] }] },
  };
  assert.throws(() => parseScenario(twice), { message: /market "m" is used twice/ });
});

test("a time-of-use battery without PV fills up at the cheap tariff and saves on the dear one", () => {
  const house = (battery?: Record<string, unknown>) =>
    parseScenario({
      start: "2024-01-15",
      days: 2,
      tariff: {
        import: [
          { from: "00:00", price: 0.2 },
          { from: "06:00", price: 0.4 },
        ],
        feedIn: 0.05,
      },
      market: { name: "m", members: [{ name: "a", load: { annualKWh: 4000 }, ...(battery ? { battery } : {}) }] },
    });
  const plain = simulate(house()).participants[0]!;
  const tou = simulate(house({ capacityKWh: 10, powerKW: 3, policy: "time-of-use" })).participants[0]!;
  assert.ok(tou.totals.batteryIn > 0 && tou.totals.batteryOut > 0);
  assert.ok(tou.bill.withMarket < plain.bill.withMarket, "shifting to the cheap band lowers the bill");
  assert.equal(tou.totals.selfConsumed, 0, "grid energy through the battery is not solar self-consumption");
  const solarOnly = simulate(house({ capacityKWh: 10, powerKW: 3, initialSoc: 0.1 })).participants[0]!;
  assert.equal(solarOnly.totals.batteryIn, 0, "a self-consumption battery without PV never charges");
  const flatTariff = { importBands: [{ from: 0, price: 300_000 }], feedInBands: [{ from: 0, price: 50_000 }] };
  const flat = simulate({ ...house({ capacityKWh: 10, policy: "time-of-use", initialSoc: 0.1 }), tariff: flatTariff });
  assert.equal(flat.participants[0]!.totals.batteryIn, 0, "on a flat tariff there is nothing to shift");
});
