import { InvalidInputError } from "../errors.js";
import { PRICE_LIMIT } from "../units/price.js";
import type { Order, OrderBook } from "./order.js";

/** Checks that every order is well formed and that ids are unique across both sides. */
export function validateBook(book: OrderBook): void {
  const seen = new Set<string>();
  const check = (order: Order, side: "bid" | "offer", index: number) => {
    const at = { side, index, id: order.id };
    if (typeof order.id !== "string" || order.id === "")
      throw new InvalidInputError("order_invalid", `${side} #${index} has no id`, at);
    if (seen.has(order.id))
      throw new InvalidInputError("duplicate_order_id", `order id "${order.id}" is used twice`, at);
    seen.add(order.id);
    if (typeof order.participant !== "string" || order.participant === "")
      throw new InvalidInputError("order_invalid", `${side} "${order.id}" has no participant`, at);
    if (!Number.isSafeInteger(order.energy) || order.energy <= 0)
      throw new InvalidInputError("order_invalid", `${side} "${order.id}" must have a positive energy`, {
        ...at,
        energy: order.energy,
      });
    if (!Number.isSafeInteger(order.price) || Math.abs(order.price) > PRICE_LIMIT)
      throw new InvalidInputError("order_invalid", `${side} "${order.id}" has a price out of range`, {
        ...at,
        price: order.price,
      });
  };
  book.bids.forEach((o, i) => check(o, "bid", i));
  book.offers.forEach((o, i) => check(o, "offer", i));
}
