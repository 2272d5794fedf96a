import { MECHANISMS } from "../mechanisms/registry.js";
import type { Order } from "../orders/order.js";
import type { GridFee } from "../scenario/scenario.js";
import { orderPrice, changesWithinSlot, type StrategySpec } from "../strategies/strategy.js";
import type { Energy } from "../units/energy.js";
import type { Money } from "../units/money.js";
import type { Price } from "../units/price.js";
import { feePerKWh, priceInMarket } from "./grid_fees.js";
import { neighbours, type MarketTree } from "./market_tree.js";

/** A participant's one order for the slot: its net position after its own assets. */
export interface SlotOrder {
  readonly participant: number;
  readonly side: "bid" | "offer";
  readonly energy: Energy;
  readonly strategy: StrategySpec;
}

/**
 * One matched quantity, settled across every market on its route (seller's home market … the market where it
 * matched … buyer's home market): the buyer pays the matched price plus the fees of the markets its bid left, the
 * seller receives the matched price minus the fees its offer gathered, and each market keeps its own fee — one
 * trade per hop, in gsy-e's terms.
 */
export interface SlotTrade {
  readonly buyer: number;
  readonly seller: number;
  readonly market: number;
  readonly energy: Energy;
  readonly route: readonly number[];
  readonly buyerPays: Money;
  readonly sellerReceives: Money;
  readonly fees: readonly { readonly market: number; readonly amount: Money }[];
  /** What the mechanism itself keeps (trade reduction) or adds (VCG, negative). */
  readonly mechanismMargin: Money;
}

export interface SlotClearing {
  readonly trades: SlotTrade[];
  /** Per order (same index as the input): energy left for the utility at the end of the slot. */
  readonly unmatched: Float64Array;
}

export interface SlotSettings {
  readonly ticks: number;
  readonly forwardAfterTicks: number;
  readonly importPrice: Price;
  readonly feedIn: Price;
}

interface Presence {
  readonly order: number;
  readonly market: number;
  /** Markets from the order's home to here. */
  readonly path: readonly number[];
  age: number;
  forwarded: boolean;
}

/**
 * Clears one slot of the market tree in rounds ("ticks"). Each round, strategies re-price their orders, every
 * market (children first) clears the orders present in it with its own mechanism, and orders that have waited
 * `forwardAfterTicks` rounds in a market are forwarded to its parent and its other children, priced per the grid
 * fee rule. A forwarded order is one order: a match anywhere reduces it everywhere. Trades are cut where they would
 * exceed a market's import or export limit. What is left at the end goes to the utility.
 */
export function clearSlot(tree: MarketTree, orders: readonly SlotOrder[], settings: SlotSettings): SlotClearing {
  const n = orders.length;
  const marketCount = tree.nodes.length;
  const remaining = Float64Array.from(orders, (o) => o.energy);
  const price = new Float64Array(n);
  const present = new Uint8Array(n * marketCount);
  const byMarket: Presence[][] = tree.nodes.map(() => []);
  const dirty = new Uint8Array(marketCount);
  const importLeft = tree.nodes.map((m) => m.spec.importLimit ?? Infinity);
  const exportLeft = tree.nodes.map((m) => m.spec.exportLimit ?? Infinity);
  const fees: GridFee[] = tree.nodes.map((m) => m.spec.fee);
  const presences: Presence[][] = orders.map(() => []);
  const place = (order: number, market: number, path: readonly number[]) => {
    const p: Presence = { order, market, path, age: 0, forwarded: false };
    present[order * marketCount + market] = 1;
    byMarket[market]!.push(p);
    presences[order]!.push(p);
    dirty[market] = 1;
  };
  orders.forEach((o, i) => {
    const home = tree.home[o.participant]!;
    place(i, home, [home]);
  });
  const trades: SlotTrade[] = [];

  for (let tick = 0; tick < settings.ticks; tick++) {
    for (let i = 0; i < n; i++) {
      const o = orders[i]!;
      if (tick > 0 && !changesWithinSlot(o.strategy)) continue;
      const p = orderPrice(o.strategy, {
        side: o.side,
        importPrice: settings.importPrice,
        feedIn: settings.feedIn,
        tick,
        ticks: settings.ticks,
      });
      if (p !== price[i]) for (const at of presences[i]!) dirty[at.market] = 1;
      price[i] = p;
    }
    for (const x of tree.bottomUp) {
      if (dirty[x] === 0) continue;
      dirty[x] = 0;
      const here = byMarket[x]!.filter((p) => remaining[p.order]! > 0);
      // Price every order for this market first; most rounds of a price ramp have no crossing and stop here.
      const priceHere = new Float64Array(here.length);
      let highestBid = -Infinity;
      let lowestOffer = Infinity;
      for (let q = 0; q < here.length; q++) {
        const p = here[q]!;
        const side = orders[p.order]!.side;
        const pathFees = p.path.map((m) => fees[m]!);
        const value = priceInMarket(side, price[p.order]!, pathFees);
        priceHere[q] = value;
        if (side === "bid") highestBid = Math.max(highestBid, value);
        else lowestOffer = Math.min(lowestOffer, value);
      }
      if (highestBid < lowestOffer) continue;
      const bids: Order[] = [];
      const offers: Order[] = [];
      const pathOf = new Map<number, readonly number[]>();
      here.forEach((p, q) => {
        const o = orders[p.order]!;
        pathOf.set(p.order, p.path);
        (o.side === "bid" ? bids : offers).push({
          id: String(p.order),
          participant: tree.participants[o.participant]!.name,
          energy: remaining[p.order]!,
          price: priceHere[q]!,
        });
      });
      const spec = tree.nodes[x]!.spec;
      const result = MECHANISMS[spec.mechanism]({ bids, offers }, { k: spec.k });
      for (const t of result.trades) {
        const b = Number(t.bid);
        const s = Number(t.offer);
        const bidPath = pathOf.get(b)!;
        const offerPath = pathOf.get(s)!;
        const route = [...offerPath, ...bidPath.slice(0, -1).reverse()];
        // Along each edge of the route, energy leaves a child market upwards or enters one downwards.
        let energy = Math.min(t.energy, remaining[b]!, remaining[s]!);
        for (let k = 1; k < route.length; k++) {
          const [from, to] = [route[k - 1]!, route[k]!];
          energy = Math.min(energy, tree.nodes[from]!.parent === to ? exportLeft[from]! : importLeft[to]!);
        }
        if (energy <= 0) continue;
        remaining[b] -= energy;
        remaining[s] -= energy;
        for (let k = 1; k < route.length; k++) {
          const [from, to] = [route[k - 1]!, route[k]!];
          if (tree.nodes[from]!.parent === to) exportLeft[from] -= energy;
          else importLeft[to] -= energy;
        }

        // Fees, walked along the route independently of the prices above, so conservation checks mean something.
        const tradeFees: { market: number; amount: Money }[] = [];
        let supplyFee = 0;
        for (const m of offerPath) {
          const rate = feePerKWh(fees[m]!, price[s]!);
          supplyFee += rate;
          if (rate !== 0) tradeFees.push({ market: m, amount: rate * energy });
        }
        let demandFee = 0;
        for (let k = bidPath.length - 2; k >= 0; k--) {
          const rate = feePerKWh(fees[bidPath[k]!]!, price[b]!);
          demandFee += rate;
          if (rate !== 0) tradeFees.push({ market: bidPath[k]!, amount: rate * energy });
        }
        const buyerPays = energy * (t.price + demandFee);
        const sellerReceives = energy * (t.sellerPrice - supplyFee);
        trades.push({
          buyer: orders[b]!.participant,
          seller: orders[s]!.participant,
          market: x,
          energy,
          route,
          buyerPays,
          sellerReceives,
          fees: tradeFees,
          mechanismMargin: energy * (t.price - t.sellerPrice),
        });
      }
    }
    // Forward what has waited long enough to every neighbouring market it has not reached yet.
    for (let i = 0; i < n; i++) {
      if (remaining[i]! <= 0) continue;
      const known = presences[i]!;
      for (let q = 0, count = known.length; q < count; q++) {
        const p = known[q]!;
        p.age++;
        if (p.forwarded || p.age < settings.forwardAfterTicks) continue;
        p.forwarded = true;
        for (const next of neighbours(tree, p.market)) {
          if (present[i * marketCount + next] === 1) continue;
          // One-sided markets (gsy-e): buyers shop where they are, so bids never travel into a pay-as-offer market.
          if (orders[i]!.side === "bid" && tree.nodes[next]!.spec.mechanism === "pay-as-offer") continue;
          place(i, next, [...p.path, next]);
        }
      }
    }
  }
  return { trades, unmatched: remaining };
}
