import type { Clock, CalendarDay } from "../scenario/clock.js";
import { clearSkyIrradiance, cosSolarZenith } from "./solar_position.js";
import { clearnessAt, type DayWeather } from "./weather.js";

/** A rooftop PV array: peak power and the performance ratio (inverter, temperature and wiring losses). */
export interface PvSpec {
  readonly kWp: number;
  /** Typically 0.75–0.85. */
  readonly performanceRatio: number;
  readonly latitude: number;
  readonly longitude: number;
}

/**
 * Energy (Wh) per slot for one day: kWp × GHI/1000 × performance ratio × clearness, with GHI from the Haurwitz
 * clear-sky model at the sun's position, averaged over five-minute samples inside each slot. Horizontal modules:
 * no tilt or orientation gain, a conservative yield.
 */
export function pvDayEnergy(pv: PvSpec, clock: Clock, day: CalendarDay, weather: DayWeather): Int32Array {
  const out = new Int32Array(clock.slotsPerDay);
  const samples = Math.max(1, Math.round(clock.slotMinutes / 5));
  const slotHours = clock.slotMinutes / 60;
  for (let k = 0; k < clock.slotsPerDay; k++) {
    let power = 0; // kW, averaged over the slot
    for (let s = 0; s < samples; s++) {
      const localHours = (k * clock.slotMinutes + ((s + 0.5) * clock.slotMinutes) / samples) / 60;
      const cosZ = cosSolarZenith(pv.latitude, pv.longitude, day.dayOfYear, localHours - clock.timezoneOffsetHours);
      if (cosZ <= 0) continue;
      power += ((pv.kWp * clearSkyIrradiance(cosZ)) / 1000) * pv.performanceRatio * clearnessAt(weather, localHours);
    }
    out[k] = Math.round((power / samples) * slotHours * 1000);
  }
  return out;
}
