import type { Energy } from "../units/energy.js";

/**
 * A shiftable appliance run once a day (washing machine, dishwasher, pool pump): `energy` spread evenly over
 * `durationSlots` consecutive slots, starting anywhere that ends within [windowStart, windowEnd) (local minutes).
 * Policies choose the start: "earliest"; "solar" — the most overlap with the day's forecast PV surplus; "cheapest"
 * — the lowest utility tariff. Ties go to the earliest start.
 */
export interface FlexibleLoadSpec {
  readonly name: string;
  readonly energy: Energy;
  readonly durationSlots: number;
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly policy: "earliest" | "solar" | "cheapest";
}

/** The per-slot energy of one run: `energy` split into `durationSlots` whole-Wh parts, larger parts first. */
function runProfile(load: FlexibleLoadSpec): number[] {
  const base = Math.floor(load.energy / load.durationSlots);
  const extra = load.energy - base * load.durationSlots;
  return Array.from({ length: load.durationSlots }, (_, i) => base + (i < extra ? 1 : 0));
}

/** The day's schedule (Wh per slot). `surplus[k]` is forecast PV minus base load, `importPrice[k]` the tariff. */
export function scheduleFlexibleLoad(
  load: FlexibleLoadSpec,
  slotMinutes: number,
  surplus: ArrayLike<number>,
  importPrice: ArrayLike<number>,
): Int32Array {
  const slots = surplus.length;
  const first = Math.ceil(load.windowStart / slotMinutes);
  const last = Math.floor(load.windowEnd / slotMinutes) - load.durationSlots;
  const run = runProfile(load);
  let best = first;
  let bestScore = -Infinity;
  for (let start = first; start <= last && load.policy !== "earliest"; start++) {
    let score = 0;
    for (let i = 0; i < run.length; i++) {
      const k = start + i;
      score += load.policy === "solar" ? Math.min(run[i]!, Math.max(0, surplus[k]!)) : -run[i]! * importPrice[k]!;
    }
    if (score > bestScore) {
      bestScore = score;
      best = start;
    }
  }
  const out = new Int32Array(slots);
  for (let i = 0; i < run.length; i++) out[best + i] = run[i]!;
  return out;
}
