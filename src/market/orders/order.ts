import type { Energy } from "../units/energy.js";
import type { Price } from "../units/price.js";

/**
 * One limit order for one slot: a bid (buy up to `energy` at no more than `price` per kWh) or an offer (sell up to
 * `energy` at no less than `price`). Orders are divisible: any part of `energy` may trade.
 */
export interface Order {
  readonly id: string;
  readonly participant: string;
  readonly energy: Energy;
  readonly price: Price;
}

export type Side = "bid" | "offer";

/**
 * The orders of one market for one clearing. A participant may appear on both sides but never trades with itself.
 * Among equal prices, the order listed earlier has priority (time priority), so clearing is deterministic.
 */
export interface OrderBook {
  readonly bids: readonly Order[];
  readonly offers: readonly Order[];
}
