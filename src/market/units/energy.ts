import { formatFixed, parseFixed, toDecimalNumber } from "./fixed_point.js";

/** Energy in whole watt-hours. Inputs and outputs speak kWh; 1 Wh is the resolution. */
export type Energy = number;

export const WH_PER_KWH = 1000;
const DECIMALS = 3;

/** kWh (JSON number or decimal string) → Wh; refuses sub-Wh precision. */
export function energyFromKWh(value: unknown, what = "energy", context: Record<string, unknown> = {}): Energy {
  return parseFixed(value, DECIMALS, what, context);
}

/** Wh → kWh as a JSON number. */
export function energyToKWh(energy: Energy): number {
  return toDecimalNumber(energy, DECIMALS);
}

/** Wh → "12.345" (kWh with `digits` decimals). */
export function formatEnergy(energy: Energy, digits = 3): string {
  return formatFixed(energy, DECIMALS, digits);
}
