import { divideRounded, formatFixed, toDecimalNumber } from "./fixed_point.js";
import type { Energy } from "./energy.js";
import type { Price } from "./price.js";

/**
 * Money in nano-currency units: exactly Wh × (micro-currency per kWh), so every trade's value is an exact integer
 * and bills summed over a community-year do not drift (100 households × a year stay far below 2^53).
 */
export type Money = number;

const DECIMALS = 9;

/** The exact value of `energy` at `price`. */
export function moneyOf(energy: Energy, price: Price): Money {
  return energy * price;
}

/** The average price per kWh of `money` paid for `energy` (rounded half-even to the micro-unit). */
export function averagePrice(money: Money, energy: Energy): Price {
  return energy === 0 ? 0 : divideRounded(money, energy);
}

export function moneyToDecimal(money: Money): number {
  return toDecimalNumber(money, DECIMALS);
}

/** "12.34" — currency with `digits` decimals (rounded half-even). */
export function formatMoney(money: Money, digits = 2): string {
  return formatFixed(money, DECIMALS, digits);
}
