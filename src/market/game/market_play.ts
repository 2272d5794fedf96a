import { canonicalKey } from "../../games/index.js";
import { playSlotIndexed, utilityOnlySlotPayoff, type PreparedScenario } from "../analysis/prepared_scenario.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Money } from "../units/money.js";
import { sideStrategy, type SideRule } from "./side_rules.js";

/** Cached slot outcomes kept before the cache starts over (bounds memory on long horizons and many deviations). */
const CACHE_LIMIT = 200_000;

/**
 * The play of the market game: every participant's bid rule and offer rule → every participant's payoff over the
 * horizon, exactly `playProfile` with the strategies `composeStrategy(bid, offer)`.
 *
 * Slots are independent (net positions are fixed by the physical plan, and an order is priced only by its own
 * side's rule), so the payoff is a sum over slots, and a slot's outcome depends only on the rules of the sides
 * present in it. Slots where nobody could trade (no bid or no offer anywhere) are settled with the utility once;
 * the others are cleared on demand and cached by the rules that matter in them — so a deviation by one side of
 * one participant costs only the clearings of the slots where that side trades.
 */
export class MarketPlay {
  /** Slots with at least one bid and one offer somewhere in the tree. */
  readonly tradingSlots: readonly number[];
  /** Whether participant i bids / offers in some trading slot (its other side never matters). */
  readonly bids: readonly boolean[];
  readonly offers: readonly boolean[];
  /** Slot clearings computed so far (the cost of the analysis). */
  clearings = 0;
  private readonly active: readonly Int32Array[];
  private readonly baseline: Float64Array;
  private readonly cache = new Map<string, Float64Array>();
  private readonly ruleIds = new Map<string, number>();

  constructor(readonly prepared: PreparedScenario) {
    const n = prepared.participants.length;
    const trading: number[] = [];
    const active: Int32Array[] = [];
    const bids = new Array<boolean>(n).fill(false);
    const offers = new Array<boolean>(n).fill(false);
    this.baseline = new Float64Array(n);
    for (let s = 0; s < prepared.slots; s++) {
      const here: number[] = [];
      let hasBid = false;
      let hasOffer = false;
      for (let i = 0; i < n; i++) {
        const net = prepared.net[i]![s]!;
        if (net === 0) continue;
        here.push(i);
        if (net < 0) hasBid = true;
        else hasOffer = true;
      }
      if (hasBid && hasOffer) {
        trading.push(s);
        active.push(Int32Array.from(here));
        for (const i of here) (prepared.net[i]![s]! < 0 ? bids : offers)[i] = true;
      } else for (let i = 0; i < n; i++) this.baseline[i] += utilityOnlySlotPayoff(prepared, i, s);
    }
    this.tradingSlots = trading;
    this.active = active;
    this.bids = bids;
    this.offers = offers;
  }

  private idOf(rule: SideRule): number {
    const key = canonicalKey(rule);
    let id = this.ruleIds.get(key);
    if (id === undefined) this.ruleIds.set(key, (id = this.ruleIds.size));
    return id;
  }

  /** Every participant's payoff over the horizon (tree order) when participant i bids by `bid[i]`, offers by `offer[i]`. */
  payoffs(bid: readonly SideRule[], offer: readonly SideRule[]): Float64Array {
    const { prepared } = this;
    const n = prepared.participants.length;
    const bidIds = bid.map((r) => this.idOf(r));
    const offerIds = offer.map((r) => this.idOf(r));
    const totals = Float64Array.from(this.baseline);
    let strategies: StrategySpec[] | undefined;
    for (let t = 0; t < this.tradingSlots.length; t++) {
      const s = this.tradingSlots[t]!;
      const here = this.active[t]!;
      let key = String(s);
      for (const i of here) key += prepared.net[i]![s]! < 0 ? `,b${bidIds[i]}` : `,o${offerIds[i]}`;
      let outcome = this.cache.get(key);
      if (!outcome) {
        strategies ??= Array.from({ length: n }, (): StrategySpec => ({ kind: "truthful" }));
        for (const i of here)
          strategies[i] = prepared.net[i]![s]! < 0 ? sideStrategy(bid[i]!, "bid") : sideStrategy(offer[i]!, "offer");
        outcome = new Float64Array(n);
        playSlotIndexed(prepared, s, strategies, outcome);
        this.clearings++;
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(key, outcome);
      }
      for (let i = 0; i < n; i++) totals[i] += outcome[i]!;
    }
    return totals;
  }

  /** The same, by participant name. */
  payoffsByName(bid: readonly SideRule[], offer: readonly SideRule[]): Record<string, Money> {
    const totals = this.payoffs(bid, offer);
    return Object.fromEntries(this.prepared.participants.map((p, i) => [p, totals[i]!]));
  }
}
