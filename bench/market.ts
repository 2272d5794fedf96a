/**
 * `npm run bench:market [-- --json] [-- --quick]`: the market library against its lower bounds, in one run.
 *
 * 1. Clearing: pay-as-clear and pay-as-bid on 10^4, 10^5 and 10^6 random orders (half bids, half offers), each
 *    timed against sorting the same prices as Float64Arrays — no price-priority mechanism can beat the sort, so
 *    the ratio is the mechanism's overhead over the floor.
 * 2. A community-year: 100 seeded households (PV, batteries, EVs, shiftable loads) in one pay-as-clear market,
 *    35,040 fifteen-minute slots end to end, next to the physical plan alone (assets without any market).
 * With --json the last line of output is one JSON object with every figure.
 */
import { prepareScenario } from "../src/market/analysis/market_game.js";
import { payAsBid } from "../src/market/mechanisms/pay_as_bid.js";
import { payAsClear } from "../src/market/mechanisms/pay_as_clear.js";
import type { Order, OrderBook } from "../src/market/orders/order.js";
import { seededRandom } from "../src/market/random/seeded_random.js";
import { parseScenario } from "../src/market/scenario/parse_scenario.js";
import { simulate } from "../src/market/simulation/simulate.js";

const json = process.argv.includes("--json");
const quick = process.argv.includes("--quick");
const log = (line: string) => process.stdout.write(line + "\n");

function randomBook(n: number, seed: number): OrderBook {
  const rng = seededRandom(seed, `book/${n}`);
  const order = (i: number, side: string, centre: number): Order => ({
    id: `${side}${i}`,
    participant: `p${i % 997}${side}`,
    energy: 100 + rng.int(5000),
    price: centre + rng.int(200_000) - 100_000,
  });
  const half = n / 2;
  return {
    bids: Array.from({ length: half }, (_, i) => order(i, "b", 220_000)),
    offers: Array.from({ length: half }, (_, i) => order(i, "o", 180_000)),
  };
}

/** Median wall time of `runs` calls, in milliseconds. */
function time(runs: number, f: () => void): number {
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

const clearing: Record<string, unknown>[] = [];
log("Clearing random books (median ms; ratio = mechanism / sorting the same prices)");
for (const n of quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]) {
  const book = randomBook(n, 1);
  const runs = n >= 1_000_000 ? 3 : n >= 100_000 ? 11 : 31;
  const bidPrices = Float64Array.from(book.bids, (o) => o.price);
  const offerPrices = Float64Array.from(book.offers, (o) => o.price);
  // Warm up until both mechanisms run optimised code, so the first one timed is not penalised.
  for (let w = 0; w < (n >= 1_000_000 ? 1 : 5); w++) {
    payAsClear(book);
    payAsBid(book);
  }
  const sort = time(runs, () => {
    bidPrices.slice().sort();
    offerPrices.slice().sort();
  });
  const clear = time(runs, () => payAsClear(book));
  const bid = time(runs, () => payAsBid(book));
  const trades = payAsClear(book).trades.length;
  log(
    `  ${n.toLocaleString("en-US").padStart(9)} orders: sort ${sort.toFixed(1)} ms | pay-as-clear ${clear.toFixed(1)} ms ` +
      `(${(clear / sort).toFixed(1)}×) | pay-as-bid ${bid.toFixed(1)} ms (${(bid / sort).toFixed(1)}×) | ${trades.toLocaleString("en-US")} trades`,
  );
  clearing.push({
    orders: n,
    sortMs: sort,
    payAsClearMs: clear,
    payAsBidMs: bid,
    payAsClearRatio: clear / sort,
    payAsBidRatio: bid / sort,
    trades,
  });
}

/** 100 households with a seeded mix of assets in one community market. */
function communityYear(households: number) {
  const rng = seededRandom(2024, "community");
  const members = Array.from({ length: households }, (_, i) => {
    const m: Record<string, unknown> = {
      name: `house-${String(i + 1).padStart(3, "0")}`,
      load: { annualKWh: 2000 + rng.int(4000) },
    };
    if (rng.next() < 0.45) m.pv = { kWp: 3 + rng.int(8) };
    if (m.pv && rng.next() < 0.4) m.battery = { capacityKWh: 5 + rng.int(11), powerKW: 3 + rng.int(3) };
    if (rng.next() < 0.25)
      m.ev = {
        arrival: "18:00",
        departure: "07:30",
        energyKWh: 6 + rng.int(10),
        chargerKW: 11,
        policy: rng.next() < 0.5 ? "immediate" : "solar",
      };
    if (rng.next() < 0.3)
      m.flexibleLoads = [
        { name: "washing machine", energyKWh: 1.2, durationMinutes: 120, window: ["07:00", "22:00"], policy: "solar" },
      ];
    return m;
  });
  return parseScenario({
    name: `community of ${households}`,
    seed: 2024,
    start: "2023-01-01",
    days: 365,
    timezoneOffsetHours: 1,
    location: { latitude: 50.1, longitude: 8.7 },
    tariff: {
      import: [
        { from: "00:00", price: 0.26 },
        { from: "07:00", price: 0.34 },
        { from: "20:00", price: 0.3 },
      ],
      feedIn: 0.08,
    },
    market: { name: "community", mechanism: "pay-as-clear", members },
  });
}

const days = quick ? 30 : 365;
const scenario = communityYear(100);
log(
  `Community: 100 households, ${days} days × 96 slots = ${(days * 96).toLocaleString("en-US")} slots, pay-as-clear, 10 ticks per slot`,
);
const planStart = performance.now();
prepareScenario(scenario, { days });
const planMs = performance.now() - planStart;
const simStart = performance.now();
const result = simulate(scenario, {
  days,
  onDay: json ? undefined : (d, total) => d % 73 === 0 && d < total && process.stderr.write(`  … ${d}/${total} days\n`),
});
const simMs = performance.now() - simStart;
const root = result.markets[0]!;
log(
  `  physical plan alone ${(planMs / 1000).toFixed(2)} s | full simulation ${(simMs / 1000).toFixed(2)} s ` +
    `(${Math.round((days * 96) / (simMs / 1000)).toLocaleString("en-US")} slots/s, markets ${(((simMs - planMs) / simMs) * 100).toFixed(0)} % of the time)`,
);
log(
  `  ${result.conservation.trades.toLocaleString("en-US")} trades; self-sufficiency ${((root.kpis.selfSufficiency ?? 0) * 100).toFixed(1)} %, ` +
    `savings ${((root.bill.savingsShare ?? 0) * 100).toFixed(1)} % of the utility-only bill; all balances exact`,
);
if (json)
  log(
    JSON.stringify({
      clearing,
      communityYear: {
        households: 100,
        days,
        slots: days * 96,
        physicalPlanMs: planMs,
        simulationMs: simMs,
        slotsPerSecond: (days * 96) / (simMs / 1000),
        trades: result.conservation.trades,
        selfSufficiency: root.kpis.selfSufficiency,
        savingsShare: root.bill.savingsShare,
      },
    }),
  );
