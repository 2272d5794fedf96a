import { PRICE_LIMIT } from "../units/price.js";
import type { Order } from "./order.js";

/**
 * Price–time priority: the permutation that sorts orders by price (bids highest first, offers lowest first),
 * earlier orders first among equal prices. Prices and positions are packed into one exact float64 key
 * ((price + 2^30) · 2^22 + position < 2^53) so the engine's native numeric sort does the work; very large books
 * fall back to a comparator sort with the same order.
 */
const POSITION_BITS = 2 ** 22;

export function priorityOrder(orders: readonly Order[], side: "bid" | "offer"): Int32Array {
  const n = orders.length;
  const result = new Int32Array(n);
  if (n <= POSITION_BITS) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = orders[i]!.price;
      keys[i] = (side === "bid" ? PRICE_LIMIT - p : p + PRICE_LIMIT) * POSITION_BITS + i;
    }
    keys.sort();
    // Dividing by a power of two is exact, so this recovers the position without a (slow) float modulo.
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      result[i] = key - Math.floor(key / POSITION_BITS) * POSITION_BITS;
    }
    return result;
  }
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => {
    const d = side === "bid" ? orders[b]!.price - orders[a]!.price : orders[a]!.price - orders[b]!.price;
    return d !== 0 ? d : a - b;
  });
  result.set(idx);
  return result;
}
