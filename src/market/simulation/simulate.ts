import type { ChosenStrategy } from "../analysis/prepared_scenario.js";
import { resolveBestResponses } from "../game/best_response_strategy.js";
import { billOf, payoffOf, sumBills, type Bill } from "../results/bills.js";
import { communityKpis, participantKpis, type Kpis } from "../results/kpis.js";
import { Ledger, type ConservationCounts, type MarketTotals, type ParticipantTotals } from "../results/ledger.js";
import type { Scenario } from "../scenario/scenario.js";
import type { Money } from "../units/money.js";
import { buildMarketTree } from "./market_tree.js";
import { planDays, slotOrders } from "./physical_plan.js";
import { clearSlot } from "./slot_clearing.js";

export interface ParticipantReport {
  readonly totals: ParticipantTotals;
  readonly bill: Bill;
  readonly kpis: Kpis;
  readonly payoff: Money;
  /** Energy the EV still lacked at its departures (0 when it always left charged). */
  readonly evUnmet: number;
}

export interface MarketReport {
  readonly totals: MarketTotals;
  readonly mechanism: string;
  readonly bill: Bill;
  readonly kpis: Kpis;
}

export interface SimulationResult {
  readonly scenario: string;
  readonly currency: string;
  readonly start: string;
  readonly days: number;
  readonly slotMinutes: number;
  readonly participants: readonly ParticipantReport[];
  /** Pre-order: the root market first. */
  readonly markets: readonly MarketReport[];
  readonly conservation: ConservationCounts;
  /** Strategies the games engine chose for best-response participants (absent when there are none). */
  readonly bestResponses?: readonly ChosenStrategy[];
}

export interface SimulateOptions {
  /** Overrides the scenario's horizon. */
  readonly days?: number;
  /** Called after each simulated day (for progress on long runs). */
  readonly onDay?: (done: number, total: number) => void;
}

/**
 * Runs a scenario forward (after the games engine has chosen the strategies of best-response participants, see
 * market/game/best_response_strategy.ts): every slot, each household's assets settle into a net position, the market tree clears
 * the resulting orders, and the utility takes the rest. Deterministic: the same scenario (seed included) always
 * gives the same result.
 */
export function simulate(input: Scenario, options: SimulateOptions = {}): SimulationResult {
  const days = options.days ?? input.days;
  // Best-response participants first get the strategy the games engine chooses for this horizon.
  const { scenario, chosen } = resolveBestResponses(input, { days });
  const clock = scenario.clock;
  const tree = buildMarketTree(scenario.market);
  const ledger = new Ledger(tree);
  const strategyOf = (i: number) => tree.participants[i]!.strategy;
  const households = planDays(scenario, tree, days, ({ index, flows, importPrice, feedIn }) => {
    for (let k = 0; k < clock.slotsPerDay; k++) {
      const orders = slotOrders((i) => flows[i]!.net[k]!, flows.length, strategyOf);
      const clearing = clearSlot(tree, orders, {
        ticks: scenario.ticksPerSlot,
        forwardAfterTicks: scenario.forwardAfterTicks,
        importPrice: importPrice[k]!,
        feedIn: feedIn[k]!,
      });
      ledger.record(flows, k, orders, clearing, importPrice[k]!, feedIn[k]!);
    }
    options.onDay?.(index + 1, days);
  });
  const participants = ledger.participants.map((totals, i) => ({
    totals,
    bill: billOf(totals),
    kpis: participantKpis(totals, clock.slotMinutes),
    payoff: payoffOf(totals),
    evUnmet: households[i]!.ev?.unmet ?? 0,
  }));
  const markets = ledger.markets.map((totals, x) => {
    const members = tree.nodes[x]!.subtree.map((i) => participants[i]!);
    return {
      totals,
      mechanism: tree.nodes[x]!.spec.mechanism,
      bill: sumBills(members.map((m) => m.bill)),
      kpis: communityKpis(
        totals,
        members.map((m) => m.totals),
        clock.slotMinutes,
      ),
    };
  });
  return {
    scenario: scenario.name,
    currency: scenario.currency,
    start: clock.start,
    days,
    slotMinutes: clock.slotMinutes,
    participants,
    markets,
    conservation: ledger.conservation,
    ...(chosen.length > 0 ? { bestResponses: chosen } : {}),
  };
}
