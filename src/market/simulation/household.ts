import { charge, discharge, type BatteryState } from "../assets/battery.js";
import { evSlotBounds, initialEvState, type EvState } from "../assets/electric_vehicle.js";
import { scheduleFlexibleLoad } from "../assets/flexible_load.js";
import { loadDayEnergy } from "../assets/household_load.js";
import { pvDayEnergy } from "../assets/pv.js";
import type { DayWeather } from "../assets/weather.js";
import type { CalendarDay, Clock } from "../scenario/clock.js";
import type { ParticipantSpec } from "../scenario/scenario.js";

/**
 * The physical side of one participant for one day, Wh per slot. Positive `net` is surplus offered to the market,
 * negative is need bid for. The balance pv + batteryOut + import = load + ev + flexible + batteryIn + export holds
 * per slot once the market and the utility have covered `net`.
 */
export interface DayFlows {
  readonly pv: Int32Array;
  readonly load: Int32Array;
  readonly ev: Int32Array;
  readonly flexible: Int32Array;
  /** Taken by the battery at its terminals. */
  readonly batteryIn: Int32Array;
  /** Delivered by the battery at its terminals. */
  readonly batteryOut: Int32Array;
  /** Conversion losses inside the battery. */
  readonly batteryLoss: Int32Array;
  /** Own PV used on site: directly, by the EV, or via the battery. */
  readonly selfConsumed: Int32Array;
  readonly net: Int32Array;
}

export interface Household {
  readonly spec: ParticipantSpec;
  day(day: CalendarDay, weather: DayWeather, importPrice: Int32Array): DayFlows;
  readonly battery: BatteryState | undefined;
  readonly ev: EvState | undefined;
}

/**
 * Home energy management, independent of market prices (so each slot's market is a one-shot game over fixed net
 * positions): own PV first covers the base load, the flexible loads (scheduled once a day by their policy) and the
 * EV's due charging; a "solar" EV then soaks up surplus; the battery stores what is left and covers what is
 * missing; the rest is the net position.
 */
export function createHousehold(spec: ParticipantSpec, clock: Clock, seed: number): Household {
  const battery: BatteryState | undefined = spec.battery ? { stored: spec.battery.initialEnergy } : undefined;
  const ev = spec.ev ? initialEvState(spec.ev) : undefined;
  const slots = clock.slotsPerDay;
  return {
    spec,
    battery,
    ev,
    day(day, weather, importPrice) {
      const pv = spec.pv ? pvDayEnergy(spec.pv, clock, day, weather) : new Int32Array(slots);
      const load = spec.load ? loadDayEnergy(spec.load, clock, day, seed, spec.name) : new Int32Array(slots);
      const flexible = new Int32Array(slots);
      if (spec.flexibleLoads.length > 0) {
        const surplus = Int32Array.from(pv, (p, k) => p - load[k]!);
        for (const f of spec.flexibleLoads) {
          const run = scheduleFlexibleLoad(f, clock.slotMinutes, surplus, importPrice);
          for (let k = 0; k < slots; k++) {
            flexible[k] += run[k]!;
            surplus[k] -= run[k]!;
          }
        }
      }
      const flows: DayFlows = {
        pv,
        load,
        ev: new Int32Array(slots),
        flexible,
        batteryIn: new Int32Array(slots),
        batteryOut: new Int32Array(slots),
        batteryLoss: new Int32Array(slots),
        selfConsumed: new Int32Array(slots),
        net: new Int32Array(slots),
      };
      for (let k = 0; k < slots; k++) {
        const bounds = spec.ev && ev ? evSlotBounds(spec.ev, ev, k * clock.slotMinutes, clock.slotMinutes) : undefined;
        const mustCharge = bounds?.mustCharge ?? 0;
        const demand = load[k]! + flexible[k]! + mustCharge;
        const direct = Math.min(pv[k]!, demand);
        let surplus = pv[k]! - direct;
        let deficit = demand - direct;
        let evFromSurplus = 0;
        if (bounds && ev) {
          evFromSurplus = Math.min(surplus, bounds.canCharge - mustCharge);
          surplus -= evFromSurplus;
          flows.ev[k] = mustCharge + evFromSurplus;
          ev.needed -= flows.ev[k]!;
        }
        let fromBattery = 0;
        if (spec.battery && battery) {
          if (surplus > 0) {
            const c = charge(spec.battery, battery, surplus);
            surplus -= c.taken;
            flows.batteryIn[k] = c.taken;
            flows.batteryLoss[k] = c.taken - c.stored;
          }
          if (deficit > 0) {
            const d = discharge(spec.battery, battery, deficit);
            deficit -= d.delivered;
            fromBattery = d.delivered;
            flows.batteryOut[k] = d.delivered;
            flows.batteryLoss[k] += d.drawn - d.delivered;
          }
        }
        flows.selfConsumed[k] = direct + evFromSurplus + fromBattery;
        flows.net[k] = surplus - deficit;
      }
      return flows;
    },
  };
}
