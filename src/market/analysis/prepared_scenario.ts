import { InvalidInputError } from "../errors.js";
import type { Scenario } from "../scenario/scenario.js";
import { buildMarketTree, type MarketTree } from "../simulation/market_tree.js";
import { planDays, slotOrders } from "../simulation/physical_plan.js";
import { clearSlot, type SlotTrade } from "../simulation/slot_clearing.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Money } from "../units/money.js";

/**
 * A scenario's physical plan, fixed once: households dispatch their assets without looking at prices, so every
 * participant's net position in every slot is known before any market runs, and the markets can be replayed alone
 * (see market_game.ts for the public hook, market/game/ for the open game built on it).
 */
export interface PreparedScenario {
  readonly scenario: Scenario;
  readonly tree: MarketTree;
  /** Participant names in tree order; indices below refer to this order. */
  readonly participants: readonly string[];
  readonly slots: number;
  /** Per participant, Wh per slot: positive = surplus it offers, negative = need it bids for. */
  readonly net: readonly Int32Array[];
  /** Per participant, Wh used per slot (load, EV, flexible loads). */
  readonly demand: readonly Int32Array[];
  /** Per slot, the utility's prices (micro-currency per kWh). */
  readonly importPrice: Int32Array;
  readonly feedIn: Int32Array;
  /** The strategies the games engine chose for the scenario's best-response participants (if any). */
  readonly bestResponses?: readonly ChosenStrategy[];
}

/** A best-response participant's strategy as the games engine chose it (market/game/best_response_strategy.ts). */
export interface ChosenStrategy {
  readonly participant: string;
  readonly strategy: StrategySpec;
  /** Whether the best-response dynamics among the best-response participants reached an equilibrium. */
  readonly converged: boolean;
  readonly rounds: number;
}

/** Runs the physical plan of `days` days; strategies are taken as they are (none is priced here). */
export function planScenario(scenario: Scenario, days: number): PreparedScenario {
  const tree = buildMarketTree(scenario.market);
  const perDay = scenario.clock.slotsPerDay;
  const slots = days * perDay;
  const n = tree.participants.length;
  const net = Array.from({ length: n }, () => new Int32Array(slots));
  const demand = Array.from({ length: n }, () => new Int32Array(slots));
  const importPrice = new Int32Array(slots);
  const feedIn = new Int32Array(slots);
  planDays(scenario, tree, days, (day) => {
    const offset = day.index * perDay;
    importPrice.set(day.importPrice, offset);
    feedIn.set(day.feedIn, offset);
    day.flows.forEach((f, i) => {
      net[i]!.set(f.net, offset);
      for (let k = 0; k < perDay; k++) demand[i]![offset + k] = f.load[k]! + f.ev[k]! + f.flexible[k]!;
    });
  });
  return {
    scenario,
    tree,
    participants: tree.participants.map((p) => p.name),
    slots,
    net,
    demand,
    importPrice,
    feedIn,
  };
}

/** The index of a participant by name; an unknown name is a typed error listing the known ones. */
export function participantIndex(prepared: PreparedScenario, name: string): number {
  const i = prepared.participants.indexOf(name);
  if (i < 0)
    throw new InvalidInputError("unknown_participant", `no participant "${name}" in ${prepared.scenario.name}`, {
      participant: name,
      known: prepared.participants,
    });
  return i;
}

/**
 * Plays slot `slot` with one strategy per participant (tree order). With `members`, only those participants
 * (indices) trade: everyone else settles with the utility alone — the coalition's market. Writes payoffs into
 * `payoffs` (indexed by participant) and returns the trades.
 */
export function playSlotIndexed(
  prepared: PreparedScenario,
  slot: number,
  strategies: readonly StrategySpec[],
  payoffs: Float64Array,
  members?: Uint8Array,
): readonly SlotTrade[] {
  const { tree, scenario } = prepared;
  const n = prepared.participants.length;
  const importPrice = prepared.importPrice[slot]!;
  const feedIn = prepared.feedIn[slot]!;
  const orders = slotOrders(
    (i) => (members === undefined || members[i] === 1 ? prepared.net[i]![slot]! : 0),
    n,
    (i) => strategies[i]!,
  );
  const clearing = clearSlot(tree, orders, {
    ticks: scenario.ticksPerSlot,
    forwardAfterTicks: scenario.forwardAfterTicks,
    importPrice,
    feedIn,
  });
  // Everyone starts from the utility-only outcome; market trades then replace utility energy.
  for (let i = 0; i < n; i++) payoffs[i] = utilityOnlySlotPayoff(prepared, i, slot);
  for (const t of clearing.trades) {
    payoffs[t.buyer] += t.energy * importPrice - t.buyerPays;
    payoffs[t.seller] += t.sellerReceives - t.energy * feedIn;
  }
  return clearing.trades;
}

/** A participant's bid choice for one slot: the strategy that prices its order ({kind: "fixed", bid} = "bid X"). */
export type BidChoice = StrategySpec;

/**
 * Choices by participant name: one choice for every slot, or an array with one choice per slot. Participants left
 * out keep the scenario's strategy.
 */
export type BidProfile = Readonly<Record<string, BidChoice | readonly BidChoice[]>>;

/** The whole horizon: a profile of bid choices → each participant's total payoff. */
export function playProfile(prepared: PreparedScenario, profile: BidProfile = {}): Record<string, Money> {
  const n = prepared.participants.length;
  const base = prepared.tree.participants.map((p) => p.strategy);
  const perSlot: (readonly BidChoice[] | undefined)[] = new Array(n).fill(undefined);
  for (const [name, plan] of Object.entries(profile)) {
    const i = participantIndex(prepared, name);
    if (Array.isArray(plan)) {
      if (plan.length !== prepared.slots)
        throw new InvalidInputError(
          "profile_invalid",
          `${name}'s plan has ${plan.length} choices for ${prepared.slots} slots`,
          {
            participant: name,
          },
        );
      perSlot[i] = plan;
    } else base[i] = plan as BidChoice;
  }
  const totals = new Float64Array(n);
  const payoffs = new Float64Array(n);
  const strategies = [...base];
  for (let s = 0; s < prepared.slots; s++) {
    for (let i = 0; i < n; i++) if (perSlot[i]) strategies[i] = perSlot[i]![s]!;
    playSlotIndexed(prepared, s, strategies, payoffs);
    for (let i = 0; i < n; i++) totals[i] += payoffs[i]!;
  }
  return Object.fromEntries(prepared.participants.map((p, i) => [p, totals[i]!]));
}

/** Participant i's payoff in slot s with the utility alone: need bought at the import price, surplus fed in. */
export function utilityOnlySlotPayoff(prepared: PreparedScenario, i: number, s: number): Money {
  const net = prepared.net[i]![s]!;
  const importPrice = prepared.importPrice[s]!;
  return prepared.demand[i]![s]! * importPrice + (net > 0 ? net * prepared.feedIn[s]! : net * importPrice);
}
