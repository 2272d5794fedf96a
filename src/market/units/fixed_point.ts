import { PrecisionError } from "../errors.js";

/**
 * Exact decimal ↔ integer conversion. Every quantity in the market library is an integer count of a small unit
 * (Wh, micro-currency per kWh, nano-currency), so sums over a year of slots never drift.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses `value` (a JSON number or a decimal string) into an integer count of 10^-decimals units. Refuses values
 * that need more than `decimals` fractional digits or exceed the safe-integer range, instead of rounding silently.
 */
export function parseFixed(value: unknown, decimals: number, what: string, context: Record<string, unknown> = {}) {
  const text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  const m = typeof text === "string" ? DECIMAL.exec(text.trim()) : null;
  if (m === null || (m[2] === "" && (m[3] ?? "") === ""))
    throw new PrecisionError(`${what} must be a decimal number, got ${JSON.stringify(value)}`, { ...context, value });
  const [, sign, whole = "", fraction = "", exponent = "0"] = m;
  // Shift the decimal point by the exponent, then by `decimals`: digits × 10^(shift).
  let digits = (whole + fraction).replace(/^0+(?=\d)/, "");
  let shift = Number(exponent) - fraction.length + decimals;
  if (shift < 0) {
    const dropped = digits.slice(Math.max(0, digits.length + shift));
    if (/[1-9]/.test(dropped))
      throw new PrecisionError(`${what} ${text} has more than ${decimals} decimal places`, {
        ...context,
        value,
        decimals,
      });
    digits = digits.slice(0, Math.max(0, digits.length + shift)) || "0";
    shift = 0;
  }
  if (digits.replace(/^0+/, "").length + shift > 16)
    throw new PrecisionError(`${what} ${text} is out of range`, { ...context, value });
  const n = Number(digits + "0".repeat(shift));
  if (!Number.isSafeInteger(n)) throw new PrecisionError(`${what} ${text} is out of range`, { ...context, value });
  return sign === "-" && n !== 0 ? -n : n;
}

/** Formats an integer count of 10^-decimals units as a decimal string with exactly `shown` fractional digits. */
export function formatFixed(units: number, decimals: number, shown = decimals): string {
  const scaled = shown >= decimals ? units * 10 ** (shown - decimals) : divideRounded(units, 10 ** (decimals - shown));
  const negative = scaled < 0;
  const digits = String(Math.abs(scaled)).padStart(shown + 1, "0");
  const text = shown === 0 ? digits : `${digits.slice(0, -shown)}.${digits.slice(-shown)}`;
  return negative ? `-${text}` : text;
}

/** The JSON number for an integer count of 10^-decimals units (shortest round-trip decimal). */
export function toDecimalNumber(units: number, decimals: number): number {
  return Number(formatFixed(units, decimals));
}

/**
 * n / d rounded to the nearest integer, ties to even (banker's rounding, so repeated rounding has no bias).
 * Exact for safe integers; d must be positive.
 */
export function divideRounded(n: number, d: number): number {
  let q = Math.floor(n / d);
  let r = n - q * d;
  // Math.floor on a float quotient can be off by one for large n; correct it with the exact remainder.
  if (r < 0) {
    q -= 1;
    r += d;
  } else if (r >= d) {
    q += 1;
    r -= d;
  }
  const twice = 2 * r;
  if (twice > d || (twice === d && q % 2 !== 0)) q += 1;
  return q;
}

/** n / d rounded down (toward −∞); exact for safe integers, d positive. */
export function divideFloor(n: number, d: number): number {
  let q = Math.floor(n / d);
  const r = n - q * d;
  if (r < 0) q -= 1;
  else if (r >= d) q += 1;
  return q;
}
