import { test } from "node:test";
import assert from "node:assert/strict";
import { clearMarket, MECHANISM_NAMES } from "../../src/market/mechanisms/registry.js";
import { kDouble } from "../../src/market/mechanisms/k_double.js";
import { MarketError } from "../../src/market/errors.js";
import { book, money, payments, tradeRows } from "./helpers.js";

// The worked book: bids 3 kWh @0.30, 2 @0.25, 2 @0.15; offers 2 @0.10, 2 @0.20, 3 @0.28.
// Matching: b1 takes o1 (2) and 1 of o2; b2 takes the other 1 of o2; o3 (0.28) is dearer than what is left.
const worked = book(
  [
    ["b1", "P1", 3, 0.3],
    ["b2", "P2", 2, 0.25],
    ["b3", "P3", 2, 0.15],
  ],
  [
    ["o1", "S1", 2, 0.1],
    ["o2", "S2", 2, 0.2],
    ["o3", "S3", 3, 0.28],
  ],
);

test("pay-as-bid: highest bids meet cheapest offers, each trade at the bid", () => {
  const r = clearMarket(worked, "pay-as-bid");
  assert.deepEqual(tradeRows(r), [
    ["b1", "o1", 2, 0.3, 0.3],
    ["b1", "o2", 1, 0.3, 0.3],
    ["b2", "o2", 1, 0.25, 0.25],
  ]);
  assert.equal(r.clearingPrice, null);
  assert.equal(money(r.welfare), 0.55);
  assert.equal(r.budgetSurplus, 0);
});

test("pay-as-offer: same matches, each trade at the offer", () => {
  const r = clearMarket(worked, "pay-as-offer");
  assert.deepEqual(
    tradeRows(r).map((t) => t[3]),
    [0.1, 0.2, 0.2],
  );
  assert.equal(money(r.welfare), 0.55);
});

test("pay-as-clear: one price, the midpoint of the crossing interval", () => {
  // Accepted: lowest bid 0.25 (b2, partly filled so also rejected), highest offer 0.20; lowest rejected offer 0.28.
  // Interval [max(0.20, 0.25), min(0.25, 0.28)] = [0.25, 0.25].
  const r = clearMarket(worked, "pay-as-clear");
  assert.equal(r.clearingPrice, 250_000);
  assert.deepEqual(
    tradeRows(r).map((t) => [t[2], t[3], t[4]]),
    [
      [2, 0.25, 0.25],
      [1, 0.25, 0.25],
      [1, 0.25, 0.25],
    ],
  );
  // A wide interval: bid 0.30 for 1 kWh against offer 0.10 for 1 kWh → [0.10, 0.30], midpoint 0.20.
  const wide = book([["b", "B", 1, 0.3]], [["o", "S", 1, 0.1]]);
  assert.equal(clearMarket(wide, "pay-as-clear").clearingPrice, 200_000);
  // Rejected orders narrow it: a rejected bid at 0.18 and a rejected offer at 0.22 → [0.18, 0.22] → 0.20.
  const narrowed = book(
    [
      ["b", "B", 1, 0.3],
      ["b2", "B2", 1, 0.18],
    ],
    [
      ["o", "S", 1, 0.1],
      ["o2", "S2", 1, 0.22],
    ],
  );
  const n = clearMarket(narrowed, "pay-as-clear");
  assert.equal(n.clearingPrice, 200_000);
  assert.equal(n.energy, 1000);
});

test("k-double: k picks the price inside the crossing interval", () => {
  const wide = book([["b", "B", 1, 0.3]], [["o", "S", 1, 0.1]]);
  assert.equal(kDouble(wide, 0).clearingPrice, 100_000);
  assert.equal(kDouble(wide, 1_000_000).clearingPrice, 300_000);
  assert.equal(clearMarket(wide, "k-double", { k: 250_000 }).clearingPrice, 150_000);
  // Half a micro-unit rounds half-even: [0.100000, 0.100001] at k = ½ → 0.100000.
  const odd = book([["b", "B", 1, 0.100001]], [["o", "S", 1, 0.1]]);
  assert.equal(clearMarket(odd, "pay-as-clear").clearingPrice, 100_000);
});

test("trade reduction: the marginal pair is dropped and sets the prices", () => {
  const r = clearMarket(worked, "trade-reduction");
  // Marginal bid b2 (0.25) and marginal offer o2 (0.20) leave; b1's 3 kWh vs o1's 2 kWh → ration b1 to 2.
  assert.deepEqual(tradeRows(r), [["b1", "o1", 2, 0.25, 0.2]]);
  assert.equal(r.clearingPrice, 250_000);
  assert.equal(r.sellerClearingPrice, 200_000);
  assert.equal(money(r.budgetSurplus), 0.1);
  assert.equal(money(r.welfare), 0.4);
});

test("trade reduction rations the long side in proportion to matched energy", () => {
  const b = book(
    [
      ["b1", "B1", 3, 0.5],
      ["b2", "B2", 1, 0.45],
      ["b3", "B3", 1, 0.4],
    ],
    [
      ["o1", "S1", 1, 0.1],
      ["o2", "S2", 1, 0.11],
      ["o3", "S3", 3, 0.12],
    ],
  );
  // Efficient: b1 3 (o1, o2, 1 of o3), b2 1 (o3), b3 1 (o3). Marginal b3 and o3 drop: bids 3 + 1 vs offers 1 + 1.
  const r = clearMarket(b, "trade-reduction");
  const bought = Object.fromEntries(r.participants.map((p) => [p.participant, p.bought]));
  assert.deepEqual(bought, { B1: 1500, S1: 0, S2: 0, B2: 500 });
  assert.equal(r.energy, 2000);
  assert.equal(r.clearingPrice, 400_000);
  assert.equal(r.sellerClearingPrice, 120_000);
});

test("VCG: Clarke pivot payments and the deficit on the worked book", () => {
  const r = clearMarket(worked, "vcg");
  // P1 absent: b2 takes 2 of o1 → W = 0.30; others' welfare with P1 = 0.55 − 0.90 = −0.35 → P1 pays 0.65.
  // P2 absent: W = 0.50; with P2 others have 0.30 → P2 pays 0.20.
  // S1 absent: W = 0.22; others have 0.75 → S1 receives 0.53. S2 absent: W = 0.42; others 0.95 → receives 0.53.
  assert.deepEqual(payments(r), { P1: [0.65, 0], P2: [0.2, 0], S1: [0, 0.53], S2: [0, 0.53] });
  assert.equal(money(-r.budgetSurplus), 0.21);
  assert.equal(money(r.welfare), 0.55);
});

test("ties go to the earlier order, on both sides", () => {
  const bidsTie = book(
    [
      ["first", "B1", 1, 0.2],
      ["second", "B2", 1, 0.2],
    ],
    [["o", "S1", 1, 0.1]],
  );
  const offersTie = book(
    [["b", "B", 1, 0.2]],
    [
      ["first", "S1", 1, 0.1],
      ["second", "S2", 1, 0.1],
    ],
  );
  for (const name of MECHANISM_NAMES.filter((n) => n !== "trade-reduction")) {
    assert.deepEqual(
      clearMarket(bidsTie, name).trades.map((t) => t.bid),
      ["first"],
      name,
    );
    assert.deepEqual(
      clearMarket(offersTie, name).trades.map((t) => t.offer),
      ["first"],
      name,
    );
  }
});

test("partial fills: one bid spans offers and one offer spans bids", () => {
  const b = book(
    [
      ["big", "B1", 5, 0.3],
      ["small", "B2", 0.5, 0.29],
    ],
    [
      ["o1", "S1", 2, 0.1],
      ["o2", "S2", 3.5, 0.2],
    ],
  );
  const r = clearMarket(b, "pay-as-bid");
  assert.deepEqual(tradeRows(r), [
    ["big", "o1", 2, 0.3, 0.3],
    ["big", "o2", 3, 0.3, 0.3],
    ["small", "o2", 0.5, 0.29, 0.29],
  ]);
});

test("no crossing: nothing trades under any mechanism", () => {
  const b = book(
    [["b", "B", 1, 0.1]],
    [
      ["o", "S", 1, 0.2],
      ["o2", "S2", 1, 0.3],
    ],
  );
  for (const name of MECHANISM_NAMES) {
    const r = clearMarket(b, name);
    assert.equal(r.trades.length, 0, name);
    assert.equal(r.clearingPrice, null, name);
    assert.equal(r.welfare, 0, name);
    assert.equal(r.budgetSurplus, 0, name);
  }
  assert.equal(clearMarket({ bids: [], offers: [] }, "vcg").trades.length, 0);
});

test("a participant never trades with itself", () => {
  const b = book(
    [
      ["p-buy", "P", 1, 0.3],
      ["q-buy", "Q", 1, 0.25],
    ],
    [
      ["p-sell", "P", 1, 0.1],
      ["r-sell", "R", 1, 0.2],
    ],
  );
  for (const name of MECHANISM_NAMES) {
    const r = clearMarket(b, name);
    for (const t of r.trades) assert.notEqual(t.buyer, t.seller, name);
  }
  assert.deepEqual(
    clearMarket(b, "pay-as-bid").trades.map((t) => [t.bid, t.offer]),
    [
      ["p-buy", "r-sell"],
      ["q-buy", "p-sell"],
    ],
  );
});

test("bad books and names are typed errors", () => {
  assert.throws(() => book([["x", "A", 1, 0.1]], [["x", "B", 1, 0.1]]), { code: "market.duplicate_order_id" });
  assert.throws(() => book([["a", "A", 0, 0.1]], []), { code: "market.order_invalid" });
  assert.throws(() => book([["a", "A", -1, 0.1]], []), { code: "market.order_invalid" });
  assert.throws(() => book([["a", "A", 0.0005, 0.1]], []), { code: "market.precision" });
  assert.throws(() => book([["a", "A", 1, 0.1234567]], []), { code: "market.precision" });
  assert.throws(() => book([["a", "A", 1, 5000]], []), { code: "market.precision" });
  assert.throws(
    () => clearMarket(worked, "second-price"),
    (e: unknown) => {
      assert.ok(e instanceof MarketError);
      assert.equal(e.code, "market.unknown_mechanism");
      assert.match(e.message, /pay-as-bid/);
      return true;
    },
  );
});
