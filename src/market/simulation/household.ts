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
 * missing (a time-of-use battery also fills up from outside in the day's cheapest slots and does not discharge
 * in them); the rest is the net position.
 */
export function createHousehold(spec: ParticipantSpec, clock: Clock, seed: number): Household {
  // With PV on the roof, energy in the battery at the start is taken to be solar (charged before the horizon).
  const battery: BatteryState | undefined = spec.battery
    ? { stored: spec.battery.initialEnergy, fromPv: spec.pv ? spec.battery.initialEnergy : 0 }
    : undefined;
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
      let cheapest = Infinity;
      let dearest = -Infinity;
      for (let k = 0; k < slots; k++) {
        cheapest = Math.min(cheapest, importPrice[k]!);
        dearest = Math.max(dearest, importPrice[k]!);
      }
      // On a flat tariff there is nothing to shift, so a time-of-use battery behaves like a solar one.
      const timeOfUse = spec.battery?.policy === "time-of-use" && dearest > cheapest;
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
        let solarFromBattery = 0;
        if (spec.battery && battery) {
          const cheapSlot = timeOfUse && importPrice[k] === cheapest;
          if (surplus > 0) {
            const c = charge(spec.battery, battery, surplus);
            surplus -= c.taken;
            battery.fromPv += c.stored;
            flows.batteryIn[k] = c.taken;
            flows.batteryLoss[k] = c.taken - c.stored;
          }
          if (cheapSlot) {
            // Fill up from outside at the cheapest tariff, within what the charger has left this slot.
            const g = charge(spec.battery, battery, spec.battery.maxChargePerSlot - flows.batteryIn[k]!);
            deficit += g.taken;
            flows.batteryIn[k] += g.taken;
            flows.batteryLoss[k] += g.taken - g.stored;
          } else if (deficit > 0) {
            const before = battery.stored;
            const d = discharge(spec.battery, battery, deficit);
            deficit -= d.delivered;
            if (d.drawn > 0) {
              const solarDrawn = Math.round((d.drawn * battery.fromPv) / before);
              battery.fromPv -= solarDrawn;
              solarFromBattery = Math.round((d.delivered * solarDrawn) / d.drawn);
            }
            flows.batteryOut[k] = d.delivered;
            flows.batteryLoss[k] += d.drawn - d.delivered;
          }
        }
        flows.selfConsumed[k] = direct + evFromSurplus + solarFromBattery;
        flows.net[k] = surplus - deficit;
      }
      return flows;
    },
  };
}
