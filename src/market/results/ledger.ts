import { ConservationError } from "../errors.js";
import type { DayFlows } from "../simulation/household.js";
import type { MarketTree } from "../simulation/market_tree.js";
import type { SlotClearing, SlotOrder } from "../simulation/slot_clearing.js";
import type { Energy } from "../units/energy.js";
import type { Money } from "../units/money.js";
import type { Price } from "../units/price.js";

/** Everything a participant did over the horizon, in exact units (Wh, nano-currency). */
export interface ParticipantTotals {
  readonly name: string;
  readonly market: string;
  demand: Energy;
  load: Energy;
  ev: Energy;
  flexible: Energy;
  production: Energy;
  selfConsumed: Energy;
  batteryIn: Energy;
  batteryOut: Energy;
  batteryLoss: Energy;
  marketBought: Energy;
  marketSold: Energy;
  /** Paid for market energy, grid fees included. */
  marketSpent: Money;
  marketEarned: Money;
  /** The grid fees inside marketSpent (the buyer pays every fee on the route). */
  feesPaid: Money;
  gridImport: Energy;
  gridExport: Energy;
  gridCost: Money;
  feedInRevenue: Money;
  /** The bill with the utility alone: every kWh of need at the import price, every kWh of surplus at feed-in. */
  baseBill: Money;
  /** Demand valued at the import price: what the energy used is worth to the household. */
  valueOfConsumption: Money;
  /** Largest import / export in one slot. */
  peakImport: Energy;
  peakExport: Energy;
}

/** A market of the tree, with what crossed its boundary and what it collected. */
export interface MarketTotals {
  readonly name: string;
  readonly participants: readonly string[];
  /** Energy traded between two participants both inside this market's subtree. */
  tradedInside: Energy;
  /** Market energy bought by participants inside from sellers outside, and the reverse. */
  importedFromMarkets: Energy;
  exportedToMarkets: Energy;
  /** Energy matched in this market itself, and the fees it charged on routes through it. */
  matchedHere: Energy;
  feesCollected: Money;
  /** Money the mechanism kept (trade reduction) or added (VCG, negative) on trades matched here. */
  mechanismMargin: Money;
  /** Largest net import / export of the whole subtree in one slot (market and utility together). */
  peakImport: Energy;
  peakExport: Energy;
}

export interface ConservationCounts {
  /** Per-participant energy balances checked (one per participant per slot). */
  balances: number;
  /** Trades whose money split (buyer = seller + fees + mechanism margin) was checked. */
  trades: number;
  /** Slots where market energy bought equalled market energy sold. */
  slots: number;
}

/**
 * Accumulates slot outcomes into totals, checking the conservation laws as it goes: each participant's energy
 * balances every slot, market energy bought equals market energy sold every slot, and every trade's money splits
 * exactly into seller revenue, fees and the mechanism's margin. A violation is a bug and throws.
 */
export class Ledger {
  readonly participants: ParticipantTotals[];
  readonly markets: MarketTotals[];
  readonly conservation: ConservationCounts = { balances: 0, trades: 0, slots: 0 };
  private readonly inSubtree: Uint8Array[];

  constructor(private readonly tree: MarketTree) {
    this.participants = tree.participants.map((p, i) => ({
      name: p.name,
      market: tree.nodes[tree.home[i]!]!.spec.name,
      demand: 0,
      load: 0,
      ev: 0,
      flexible: 0,
      production: 0,
      selfConsumed: 0,
      batteryIn: 0,
      batteryOut: 0,
      batteryLoss: 0,
      marketBought: 0,
      marketSold: 0,
      marketSpent: 0,
      marketEarned: 0,
      feesPaid: 0,
      gridImport: 0,
      gridExport: 0,
      gridCost: 0,
      feedInRevenue: 0,
      baseBill: 0,
      valueOfConsumption: 0,
      peakImport: 0,
      peakExport: 0,
    }));
    this.markets = tree.nodes.map((m) => ({
      name: m.spec.name,
      participants: m.subtree.map((i) => tree.participants[i]!.name),
      tradedInside: 0,
      importedFromMarkets: 0,
      exportedToMarkets: 0,
      matchedHere: 0,
      feesCollected: 0,
      mechanismMargin: 0,
      peakImport: 0,
      peakExport: 0,
    }));
    this.inSubtree = tree.nodes.map((m) => {
      const mask = new Uint8Array(tree.participants.length);
      for (const i of m.subtree) mask[i] = 1;
      return mask;
    });
  }

  /** Books one slot: flows[i] are participant i's day flows, k the slot of the day. */
  record(
    flows: readonly DayFlows[],
    k: number,
    orders: readonly SlotOrder[],
    clearing: SlotClearing,
    importPrice: Price,
    feedIn: Price,
  ): void {
    const n = this.participants.length;
    const bought = new Float64Array(n);
    const sold = new Float64Array(n);
    let boughtTotal = 0;
    let soldTotal = 0;
    for (const t of clearing.trades) {
      const feeSum = t.fees.reduce((s, f) => s + f.amount, 0);
      if (t.buyerPays !== t.sellerReceives + feeSum + t.mechanismMargin)
        throw new ConservationError("a trade's money does not split into revenue, fees and margin", { trade: t });
      this.conservation.trades++;
      bought[t.buyer] += t.energy;
      sold[t.seller] += t.energy;
      boughtTotal += t.energy;
      soldTotal += t.energy;
      const buyer = this.participants[t.buyer]!;
      const seller = this.participants[t.seller]!;
      buyer.marketBought += t.energy;
      buyer.marketSpent += t.buyerPays;
      buyer.feesPaid += feeSum;
      seller.marketSold += t.energy;
      seller.marketEarned += t.sellerReceives;
      for (const f of t.fees) this.markets[f.market]!.feesCollected += f.amount;
      const matched = this.markets[t.market]!;
      matched.matchedHere += t.energy;
      matched.mechanismMargin += t.mechanismMargin;
      this.markets.forEach((m, x) => {
        const b = this.inSubtree[x]![t.buyer] === 1;
        const s = this.inSubtree[x]![t.seller] === 1;
        if (b && s) m.tradedInside += t.energy;
        else if (b) m.importedFromMarkets += t.energy;
        else if (s) m.exportedToMarkets += t.energy;
      });
    }
    if (boughtTotal !== soldTotal)
      throw new ConservationError("market energy bought differs from energy sold in a slot", {
        boughtTotal,
        soldTotal,
      });
    this.conservation.slots++;

    const gridImport = new Float64Array(n);
    const gridExport = new Float64Array(n);
    orders.forEach((o, j) => {
      if (o.side === "bid") gridImport[o.participant] = clearing.unmatched[j]!;
      else gridExport[o.participant] = clearing.unmatched[j]!;
    });
    for (let i = 0; i < n; i++) {
      const f = flows[i]!;
      const p = this.participants[i]!;
      const demand = f.load[k]! + f.ev[k]! + f.flexible[k]!;
      const supply = f.pv[k]! + f.batteryOut[k]! + bought[i]! + gridImport[i]!;
      const use = demand + f.batteryIn[k]! + sold[i]! + gridExport[i]!;
      if (supply !== use || bought[i]! + gridImport[i]! - sold[i]! - gridExport[i]! !== -f.net[k]!)
        throw new ConservationError(`energy does not balance for ${p.name} in a slot`, {
          participant: p.name,
          supply,
          use,
        });
      this.conservation.balances++;
      p.demand += demand;
      p.load += f.load[k]!;
      p.ev += f.ev[k]!;
      p.flexible += f.flexible[k]!;
      p.production += f.pv[k]!;
      p.selfConsumed += f.selfConsumed[k]!;
      p.batteryIn += f.batteryIn[k]!;
      p.batteryOut += f.batteryOut[k]!;
      p.batteryLoss += f.batteryLoss[k]!;
      p.gridImport += gridImport[i]!;
      p.gridExport += gridExport[i]!;
      p.gridCost += gridImport[i]! * importPrice;
      p.feedInRevenue += gridExport[i]! * feedIn;
      const need = Math.max(0, -f.net[k]!);
      const surplus = Math.max(0, f.net[k]!);
      p.baseBill += need * importPrice - surplus * feedIn;
      p.valueOfConsumption += demand * importPrice;
      if (need > p.peakImport) p.peakImport = need;
      if (surplus > p.peakExport) p.peakExport = surplus;
    }
    this.tree.nodes.forEach((m, x) => {
      let net = 0;
      for (const i of m.subtree) net += flows[i]!.net[k]!;
      const totals = this.markets[x]!;
      if (-net > totals.peakImport) totals.peakImport = -net;
      if (net > totals.peakExport) totals.peakExport = net;
    });
  }
}
