import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseOrderBook } from "../../src/market/orders/orders_json.js";
import type { OrderBook } from "../../src/market/orders/order.js";
import type { ClearingResult } from "../../src/market/mechanisms/clearing_result.js";
import { energyToKWh } from "../../src/market/units/energy.js";
import { moneyToDecimal } from "../../src/market/units/money.js";
import { priceToDecimal } from "../../src/market/units/price.js";

/** [id, participant, kWh, price per kWh] */
export type Row = [string, string, number, number];

export function book(bids: Row[], offers: Row[]): OrderBook {
  const side = (rows: Row[]) => rows.map(([id, participant, energy, price]) => ({ id, participant, energy, price }));
  return parseOrderBook({ bids: side(bids), offers: side(offers) });
}

/** Trades as [bid, offer, kWh, buyer price, seller price] in decimal units. */
export function tradeRows(r: ClearingResult): [string, string, number, number, number][] {
  return r.trades.map((t) => [
    t.bid,
    t.offer,
    energyToKWh(t.energy),
    priceToDecimal(t.price),
    priceToDecimal(t.sellerPrice),
  ]);
}

export const money = moneyToDecimal;

/** participant → [paid, received] in currency. */
export function payments(r: ClearingResult): Record<string, [number, number]> {
  return Object.fromEntries(r.participants.map((p) => [p.participant, [money(p.paid), money(p.received)]]));
}

/** An example scenario file from examples/, as parsed JSON. */
export function example(name: string): unknown {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url)), "utf8"));
}
