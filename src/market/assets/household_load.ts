import { seededRandom } from "../random/seeded_random.js";
import type { CalendarDay, Clock } from "../scenario/clock.js";
import { calendarDay } from "../scenario/clock.js";
import { h25Dynamisation, h25HourlyValue } from "./h25_profile.js";

/**
 * A household's base load: either the H25 standard profile scaled to an annual consumption, with seeded
 * per-household variation (a daily time shift and per-slot noise, so neighbours do not all boil the kettle in the
 * same second), or a supplied series of kWh per slot (repeated if shorter than the horizon).
 */
export type LoadSpec =
  | {
      readonly kind: "standard-profile";
      readonly annualEnergy: number; // Wh per year
      /** Relative per-slot noise, 0 = the bare profile. */
      readonly variability: number;
      /** The daily random shift is uniform within ±shiftMinutes. */
      readonly shiftMinutes: number;
    }
  | { readonly kind: "series"; readonly energy: Int32Array };

const yearTotals = new Map<number, number>();

function dayType(day: CalendarDay): number {
  return day.weekday === 0 ? 2 : day.weekday === 6 ? 1 : 0;
}

/** The profile's total over a calendar year (about 1 GWh), so a household can be scaled to its own annual use. */
function profileYearTotal(year: number): number {
  let total = yearTotals.get(year);
  if (total !== undefined) return total;
  total = 0;
  const clock: Clock = { start: `${year}-01-01`, slotMinutes: 60, slotsPerDay: 24, timezoneOffsetHours: 0 };
  for (let d = 0; calendarDay(clock, d).year === year; d++) {
    const day = calendarDay(clock, d);
    let sum = 0;
    for (let h = 0; h < 24; h++) sum += h25HourlyValue(day.month, dayType(day), h);
    total += sum * h25Dynamisation(day.dayOfYear);
  }
  yearTotals.set(year, total);
  return total;
}

/** The profile's energy between two local minutes of a day (step function of hourly values, wrapping at midnight). */
function profileEnergy(day: CalendarDay, fromMinute: number, toMinute: number): number {
  let sum = 0;
  for (let m = fromMinute; m < toMinute;) {
    const wrapped = ((m % 1440) + 1440) % 1440;
    const hour = Math.floor(wrapped / 60);
    const next = Math.min(toMinute, m + (60 - (wrapped % 60)));
    sum += (h25HourlyValue(day.month, dayType(day), hour) * (next - m)) / 60;
    m = next;
  }
  return sum;
}

export function loadDayEnergy(
  load: LoadSpec,
  clock: Clock,
  day: CalendarDay,
  seed: number,
  participant: string,
): Int32Array {
  const out = new Int32Array(clock.slotsPerDay);
  if (load.kind === "series") {
    const n = load.energy.length;
    for (let k = 0; k < clock.slotsPerDay; k++) out[k] = load.energy[(day.index * clock.slotsPerDay + k) % n]!;
    return out;
  }
  const rng = seededRandom(seed, `load/${participant}/${day.index}`);
  const shift = Math.round((2 * rng.next() - 1) * load.shiftMinutes);
  const scale = (load.annualEnergy / profileYearTotal(day.year)) * h25Dynamisation(day.dayOfYear);
  for (let k = 0; k < clock.slotsPerDay; k++) {
    const from = k * clock.slotMinutes - shift;
    const noise = 1 + load.variability * (2 * rng.next() - 1);
    out[k] = Math.max(0, Math.round(profileEnergy(day, from, from + clock.slotMinutes) * scale * noise));
  }
  return out;
}
