import { PrecisionError } from "../errors.js";
import { divideRounded, formatFixed, parseFixed, toDecimalNumber } from "./fixed_point.js";

/** A price per kWh in micro-currency units (0.25 €/kWh = 250 000). */
export type Price = number;

const DECIMALS = 6;
export const PRICE_UNITS_PER_CURRENCY = 1_000_000;
/** Prices must stay within ±PRICE_LIMIT (≈ ±1073 currency/kWh) so that packed sort keys stay exact. */
export const PRICE_LIMIT = 2 ** 30 - 1;

/** Currency per kWh (JSON number or decimal string) → micro-units; refuses more than 6 decimals. */
export function priceFromDecimal(value: unknown, what = "price", context: Record<string, unknown> = {}): Price {
  const price = parseFixed(value, DECIMALS, what, context);
  if (Math.abs(price) > PRICE_LIMIT)
    throw new PrecisionError(`${what} ${String(value)} is outside ±${formatPrice(PRICE_LIMIT, 2)} per kWh`, {
      ...context,
      value,
    });
  return price;
}

export function priceToDecimal(price: Price): number {
  return toDecimalNumber(price, DECIMALS);
}

/** "0.2500" — currency per kWh with `digits` decimals. */
export function formatPrice(price: Price, digits = 4): string {
  return formatFixed(price, DECIMALS, digits);
}

/** A ratio in parts per million (5 % = 50 000): used for percentage fees and the k of a k-double auction. */
export type PartsPerMillion = number;
export const PPM = 1_000_000;

/** Percent (e.g. 5 or "2.5") → parts per million; 4 decimals of a percent are exact. */
export function ppmFromPercent(value: unknown, what = "percent", context: Record<string, unknown> = {}) {
  return parseFixed(value, 4, what, context);
}

/** A fraction in [0, 1] (e.g. 0.5) → parts per million. */
export function ppmFromFraction(value: unknown, what = "fraction", context: Record<string, unknown> = {}) {
  const ppm = parseFixed(value, 6, what, context);
  if (ppm < 0 || ppm > PPM) throw new PrecisionError(`${what} must be between 0 and 1, got ${String(value)}`, context);
  return ppm;
}

/** price × ratio, rounded half-even to the micro-unit. */
export function scalePrice(price: Price, ratio: PartsPerMillion): Price {
  return divideRounded(price * ratio, PPM);
}
