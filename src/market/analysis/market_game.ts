import { InvalidInputError } from "../errors.js";
import type { Scenario } from "../scenario/scenario.js";
import { buildMarketTree, type MarketTree } from "../simulation/market_tree.js";
import { planDays, slotOrders } from "../simulation/physical_plan.js";
import { clearSlot, type SlotTrade } from "../simulation/slot_clearing.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Money } from "../units/money.js";

/**
 * The market as a game, ready for a game-theory layer (the open-games engine) to call.
 *
 * Households dispatch their assets without looking at prices, so a scenario fixes every participant's net
 * position in every slot. What remains strategic is each participant's bid choice per slot; the mechanism (and the
 * market tree with its fees and ticks) is the play; the payoff is utility:
 *
 *   payoff = value of the energy used (demand × the utility's import price)
 *            − payments (market purchases incl. fees, utility imports)
 *            + revenue (market sales, feed-in) − production cost (0 for PV and batteries at the margin)
 *
 * `prepareScenario` runs the physical plan once; `playSlot` and `playProfile` then replay only the markets, so
 * evaluating a deviation costs one slot clearing. Payoffs are exact money (nano-currency integers); summed over all
 * slots with the scenario's own strategies they equal `simulate(...).participants[i].payoff`.
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
}

/** A participant's bid choice for one slot: the strategy that prices its order ({kind: "fixed", bid} = "bid X"). */
export type BidChoice = StrategySpec;

/**
 * Choices by participant name: one choice for every slot, or an array with one choice per slot. Participants left
 * out keep the scenario's strategy.
 */
export type BidProfile = Readonly<Record<string, BidChoice | readonly BidChoice[]>>;

export interface SlotOutcome {
  /** Payoff of every participant in this slot, by name. */
  readonly payoffs: Readonly<Record<string, Money>>;
  readonly trades: readonly SlotTrade[];
}

export function prepareScenario(scenario: Scenario, options: { days?: number } = {}): PreparedScenario {
  const days = options.days ?? scenario.days;
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

function indexOf(prepared: PreparedScenario, name: string): number {
  const i = prepared.participants.indexOf(name);
  if (i < 0)
    throw new InvalidInputError("unknown_participant", `no participant "${name}" in ${prepared.scenario.name}`, {
      participant: name,
      known: prepared.participants,
    });
  return i;
}

/**
 * Plays slot `slot` with `choices` (by name; others keep their scenario strategy). With `members`, only those
 * participants (indices) trade: everyone else settles with the utility alone — the coalition's market.
 * Returns payoffs in `payoffs` (indexed by participant) and the trades.
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

function strategiesFor(prepared: PreparedScenario, choices: Readonly<Record<string, BidChoice>>): StrategySpec[] {
  const strategies = prepared.tree.participants.map((p) => p.strategy);
  for (const [name, choice] of Object.entries(choices)) strategies[indexOf(prepared, name)] = choice;
  return strategies;
}

/** One slot of the game: each named participant's bid choice → every participant's payoff. */
export function playSlot(
  prepared: PreparedScenario,
  slot: number,
  choices: Readonly<Record<string, BidChoice>> = {},
): SlotOutcome {
  if (!Number.isInteger(slot) || slot < 0 || slot >= prepared.slots)
    throw new InvalidInputError("slot_out_of_range", `slot ${slot} is outside 0..${prepared.slots - 1}`, { slot });
  const payoffs = new Float64Array(prepared.participants.length);
  const trades = playSlotIndexed(prepared, slot, strategiesFor(prepared, choices), payoffs);
  return { payoffs: Object.fromEntries(prepared.participants.map((p, i) => [p, payoffs[i]!])), trades };
}

/** The whole horizon: a profile of bid choices → each participant's total payoff. */
export function playProfile(prepared: PreparedScenario, profile: BidProfile = {}): Record<string, Money> {
  const n = prepared.participants.length;
  const base = prepared.tree.participants.map((p) => p.strategy);
  const perSlot: (readonly BidChoice[] | undefined)[] = new Array(n).fill(undefined);
  for (const [name, plan] of Object.entries(profile)) {
    const i = indexOf(prepared, name);
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

/** Each participant's payoff with the utility alone (no market): the base case every game is measured against. */
export function utilityOnlyPayoffs(prepared: PreparedScenario): Record<string, Money> {
  return Object.fromEntries(
    prepared.participants.map((p, i) => {
      let total = 0;
      for (let s = 0; s < prepared.slots; s++) total += utilityOnlySlotPayoff(prepared, i, s);
      return [p, total];
    }),
  );
}
