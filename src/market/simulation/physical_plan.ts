import { tariffForDay } from "../assets/utility_tariff.js";
import { dayWeather } from "../assets/weather.js";
import { calendarDay } from "../scenario/clock.js";
import type { Scenario } from "../scenario/scenario.js";
import type { StrategySpec } from "../strategies/strategy.js";
import { createHousehold, type DayFlows, type Household } from "./household.js";
import type { MarketTree } from "./market_tree.js";
import type { SlotOrder } from "./slot_clearing.js";

export interface PlannedDay {
  readonly index: number;
  /** Per participant (tree order). */
  readonly flows: readonly DayFlows[];
  readonly importPrice: Int32Array;
  readonly feedIn: Int32Array;
}

/**
 * Walks the horizon day by day: shared weather, the day's tariff, and every household's dispatch. Market outcomes
 * never feed back into the physical plan, which is what lets counterfactuals and games replay the markets alone.
 */
export function planDays(
  scenario: Scenario,
  tree: MarketTree,
  days: number,
  onDay: (day: PlannedDay) => void,
): readonly Household[] {
  const clock = scenario.clock;
  const households = tree.participants.map((p) => createHousehold(p, clock, scenario.seed));
  for (let d = 0; d < days; d++) {
    const tariff = tariffForDay(scenario.tariff, clock.slotMinutes, clock.slotsPerDay);
    const weather = dayWeather(scenario.seed, d);
    const day = calendarDay(clock, d);
    onDay({ index: d, flows: households.map((h) => h.day(day, weather, tariff.importPrice)), ...tariff });
  }
  return households;
}

/** The slot's orders: one per participant with a non-zero net position, priced by `strategyOf`. */
export function slotOrders(
  net: (participant: number) => number,
  count: number,
  strategyOf: (participant: number) => StrategySpec,
): SlotOrder[] {
  const orders: SlotOrder[] = [];
  for (let i = 0; i < count; i++) {
    const energy = net(i);
    if (energy !== 0)
      orders.push({
        participant: i,
        side: energy > 0 ? "offer" : "bid",
        energy: Math.abs(energy),
        strategy: strategyOf(i),
      });
  }
  return orders;
}
