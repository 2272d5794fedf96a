import { UnknownNameError } from "../errors.js";
import type { OrderBook } from "../orders/order.js";
import { validateBook } from "../orders/validate_book.js";
import { PPM, type PartsPerMillion } from "../units/price.js";
import type { ClearingResult } from "./clearing_result.js";
import { kDouble } from "./k_double.js";
import { payAsBid } from "./pay_as_bid.js";
import { payAsClear } from "./pay_as_clear.js";
import { payAsOffer } from "./pay_as_offer.js";
import { tradeReduction } from "./trade_reduction.js";
import { vcg } from "./vcg.js";

export interface MechanismOptions {
  /** Where the k-double price sits in the crossing interval, in parts per million (default ½). */
  readonly k?: PartsPerMillion;
}

/** A mechanism: a pure function from an order book to trades and money flows. */
export type Mechanism = (book: OrderBook, options?: MechanismOptions) => ClearingResult;

export const MECHANISMS = {
  "pay-as-offer": payAsOffer,
  "pay-as-bid": payAsBid,
  "pay-as-clear": payAsClear,
  "k-double": (book: OrderBook, options?: MechanismOptions) => kDouble(book, options?.k ?? PPM / 2),
  "trade-reduction": tradeReduction,
  vcg,
} as const satisfies Record<string, Mechanism>;

export type MechanismName = keyof typeof MECHANISMS;
export const MECHANISM_NAMES = Object.keys(MECHANISMS) as MechanismName[];

export function isMechanismName(name: string): name is MechanismName {
  return Object.hasOwn(MECHANISMS, name);
}

export function mechanismByName(name: string): Mechanism {
  if (!isMechanismName(name)) throw new UnknownNameError("mechanism", name, MECHANISM_NAMES);
  return MECHANISMS[name];
}

/** Validates the book, then clears it with the named mechanism. */
export function clearMarket(book: OrderBook, mechanism: string, options?: MechanismOptions): ClearingResult {
  const run = mechanismByName(mechanism);
  validateBook(book);
  return run(book, options);
}
