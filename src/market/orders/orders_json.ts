import { InvalidInputError } from "../errors.js";
import { energyFromKWh } from "../units/energy.js";
import { priceFromDecimal } from "../units/price.js";
import type { Order, OrderBook } from "./order.js";
import { validateBook } from "./validate_book.js";

/**
 * Reads the ORDERS.json shape `{"bids":[{"id","participant","energy","price"}],"offers":[…]}` (energy in kWh,
 * price in currency per kWh, optional "currency") into an exact, validated order book.
 */
export function parseOrderBook(json: unknown): OrderBook & { currency?: string } {
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new InvalidInputError("orders_invalid", 'the order book must be an object with "bids" and "offers"');
  const obj = json as Record<string, unknown>;
  const side = (key: "bids" | "offers"): Order[] => {
    const list = obj[key] ?? [];
    if (!Array.isArray(list)) throw new InvalidInputError("orders_invalid", `"${key}" must be an array`, { key });
    return list.map((raw: unknown, index) => {
      const at = { side: key, index };
      if (typeof raw !== "object" || raw === null)
        throw new InvalidInputError("order_invalid", `${key}[${index}] must be an object`, at);
      const r = raw as Record<string, unknown>;
      const id = r.id === undefined ? `${key === "bids" ? "b" : "o"}${index + 1}` : String(r.id);
      if (typeof r.participant !== "string" || r.participant === "")
        throw new InvalidInputError("order_invalid", `${key}[${index}] needs a "participant" string`, at);
      return {
        id,
        participant: r.participant,
        energy: energyFromKWh(r.energy, `${key}[${index}].energy`, { ...at, id }),
        price: priceFromDecimal(r.price, `${key}[${index}].price`, { ...at, id }),
      };
    });
  };
  const book = { bids: side("bids"), offers: side("offers") };
  validateBook(book);
  return typeof obj.currency === "string" ? { ...book, currency: obj.currency } : book;
}
