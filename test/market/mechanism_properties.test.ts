import { test } from "node:test";
import assert from "node:assert/strict";
import { clearMarket, MECHANISM_NAMES } from "../../src/market/mechanisms/registry.js";
import type { ClearingResult } from "../../src/market/mechanisms/clearing_result.js";
import type { Order, OrderBook } from "../../src/market/orders/order.js";
import { seededRandom, type Random } from "../../src/market/random/seeded_random.js";

/** A random book: one order per participant, whole-kWh sizes, distinct prices on a 0.01 grid. */
function randomBook(rng: Random, maxPerSide = 5): OrderBook {
  const nb = 2 + rng.int(maxPerSide - 1);
  const no = 2 + rng.int(maxPerSide - 1);
  const grid = Array.from({ length: 50 }, (_, i) => (i + 1) * 10_000);
  for (let i = grid.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [grid[i], grid[j]] = [grid[j]!, grid[i]!];
  }
  const order = (id: string, k: number): Order => ({
    id,
    participant: id,
    energy: 1000 * (1 + rng.int(3)),
    price: grid[k]!,
  });
  return {
    bids: Array.from({ length: nb }, (_, i) => order(`b${i}`, i)),
    offers: Array.from({ length: no }, (_, i) => order(`o${i}`, nb + i)),
  };
}

/**
 * Independent efficient allocation: split every order into 1 kWh units, sort bid units high→low and offer units
 * low→high, and trade the k-th pair while its bid unit ≥ its offer unit. Returns total welfare and units per order.
 */
function unitAllocation(book: OrderBook, without?: string) {
  const units = (orders: readonly Order[]) =>
    orders.filter((o) => o.participant !== without).flatMap((o) => Array.from({ length: o.energy / 1000 }, () => o));
  const bidUnits = units(book.bids).sort((a, b) => b.price - a.price);
  const offerUnits = units(book.offers).sort((a, b) => a.price - b.price);
  let welfare = 0;
  const filled = new Map<string, number>();
  for (let k = 0; k < Math.min(bidUnits.length, offerUnits.length); k++) {
    const b = bidUnits[k]!;
    const o = offerUnits[k]!;
    if (b.price < o.price) break;
    welfare += 1000 * (b.price - o.price);
    filled.set(b.participant, (filled.get(b.participant) ?? 0) + 1000);
    filled.set(o.participant, (filled.get(o.participant) ?? 0) + 1000);
  }
  return { welfare, filled };
}

test("VCG payments equal the Clarke pivot computed independently (random small books)", () => {
  const rng = seededRandom(7, "vcg");
  for (let n = 0; n < 150; n++) {
    const b = randomBook(rng);
    const r = clearMarket(b, "vcg");
    const all = unitAllocation(b);
    assert.equal(r.welfare, all.welfare);
    let deficit = 0;
    for (const o of [...b.bids, ...b.offers]) {
      const isBid = b.bids.includes(o);
      const q = all.filled.get(o.participant) ?? 0;
      const ownValue = isBid ? q * o.price : -q * o.price;
      const clarke = unitAllocation(b, o.participant).welfare - (all.welfare - ownValue);
      const outcome = r.participants.find((p) => p.participant === o.participant);
      const payment = outcome ? outcome.paid - outcome.received : 0;
      assert.equal(payment, clarke, `book ${n}, ${o.id}`);
      // Individually rational at declared prices.
      if (isBid) assert.ok(payment <= q * o.price);
      else assert.ok(-payment >= q * o.price);
      deficit -= payment;
    }
    assert.ok(deficit >= 0, "VCG never runs a surplus in a double auction");
    assert.equal(r.budgetSurplus + deficit, 0);
  }
});

/** Utility of the participant owning `order` when its true price is `order.price`. */
function utility(r: ClearingResult, participant: string, truePrice: number, isBid: boolean): number {
  const p = r.participants.find((x) => x.participant === participant);
  if (!p) return 0;
  return isBid ? truePrice * p.bought - p.paid : p.received - truePrice * p.sold;
}

test("trade reduction is truthful: no misreported price pays on random books", () => {
  const rng = seededRandom(11, "truthful");
  const misreports = Array.from({ length: 14 }, (_, i) => i * 40_000);
  for (let n = 0; n < 60; n++) {
    const b = randomBook(rng, 4);
    const truth = clearMarket(b, "trade-reduction");
    for (const side of ["bids", "offers"] as const) {
      b[side].forEach((o, i) => {
        const honest = utility(truth, o.participant, o.price, side === "bids");
        const others = [...b.bids, ...b.offers].map((x) => x.price);
        for (const lie of [...misreports, ...others.flatMap((p) => [p - 1, p + 1])]) {
          const lied = { ...b, [side]: b[side].map((x, k) => (k === i ? { ...x, price: lie } : x)) };
          const gain = utility(clearMarket(lied, "trade-reduction"), o.participant, o.price, side === "bids") - honest;
          assert.ok(gain <= 0, `book ${n}: ${o.id} (true ${o.price}) gains ${gain} by reporting ${lie}`);
        }
      });
    }
  }
});

test("every mechanism conserves energy and money and is individually rational", () => {
  const rng = seededRandom(3, "conservation");
  for (let n = 0; n < 60; n++) {
    const b = randomBook(rng, 6);
    for (const name of MECHANISM_NAMES) {
      const r = clearMarket(b, name);
      const traded = new Map<string, number>();
      for (const t of r.trades) {
        traded.set(t.bid, (traded.get(t.bid) ?? 0) + t.energy);
        traded.set(t.offer, (traded.get(t.offer) ?? 0) + t.energy);
      }
      for (const o of [...b.bids, ...b.offers])
        assert.ok((traded.get(o.id) ?? 0) <= o.energy, `${name} overfills ${o.id}`);
      const paid = r.participants.reduce((s, p) => s + p.paid, 0);
      const received = r.participants.reduce((s, p) => s + p.received, 0);
      assert.equal(paid - received, r.budgetSurplus, name);
      const bought = r.participants.reduce((s, p) => s + p.bought, 0);
      const sold = r.participants.reduce((s, p) => s + p.sold, 0);
      assert.equal(bought, r.energy, name);
      assert.equal(sold, r.energy, name);
      if (name !== "vcg")
        for (const t of r.trades) {
          assert.ok(t.price <= b.bids.find((o) => o.id === t.bid)!.price, `${name}: buyer pays above its bid`);
          assert.ok(t.sellerPrice >= b.offers.find((o) => o.id === t.offer)!.price, `${name}: seller below its offer`);
        }
      if (name === "trade-reduction") assert.ok(r.budgetSurplus >= 0);
      else if (name !== "vcg") assert.equal(r.budgetSurplus, 0, name);
    }
  }
});
