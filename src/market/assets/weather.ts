import { seededRandom } from "../random/seeded_random.js";

/**
 * Seeded cloud cover shared by every PV array of a scenario (neighbours see the same sky). Each day draws a sky
 * type — clear (40 %), broken cloud (35 %) or overcast (25 %) — setting its mean clearness, and each hour a dip
 * below it; factors are multiplied onto clear-sky irradiance.
 */
export interface DayWeather {
  /** Clearness factor in (0, 1] for each hour 0–24 (index 24 closes the last hour for interpolation). */
  readonly hourly: Float64Array;
}

export function dayWeather(seed: number, dayIndex: number): DayWeather {
  const rng = seededRandom(seed, `weather/${dayIndex}`);
  const sky = rng.next();
  const [low, high, variability] = sky < 0.4 ? [0.9, 1.0, 0.08] : sky < 0.75 ? [0.55, 0.9, 0.45] : [0.15, 0.45, 0.3];
  const mean = low + (high - low) * rng.next();
  const hourly = new Float64Array(25);
  for (let h = 0; h < 25; h++) hourly[h] = Math.max(0.05, mean * (1 - variability * rng.next()));
  return { hourly };
}

/** The clearness factor at `localHours` (0–24), interpolated between hourly draws. */
export function clearnessAt(weather: DayWeather, localHours: number): number {
  const h = Math.min(Math.max(localHours, 0), 24);
  const i = Math.min(Math.floor(h), 23);
  const f = h - i;
  return weather.hourly[i]! * (1 - f) + weather.hourly[i + 1]! * f;
}
