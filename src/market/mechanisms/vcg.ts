import type { OrderBook } from "../orders/order.js";
import { averagePrice, type Money } from "../units/money.js";
import type { ClearingResult, ParticipantOutcome, Trade } from "./clearing_result.js";
import { matchByPriority } from "./greedy_matching.js";
import { tradesFromFills } from "./trades_from_fills.js";

/**
 * VCG (Clarke pivot) double auction: the efficient matching, and each participant pays the harm it does to the
 * others — payment_i = W(others | i absent) − W(others | i present), with welfare W at declared prices. Buyers pay
 * at most their bids, sellers receive at least their offers, truthful reporting is a dominant strategy, and the
 * market runs a deficit (sellers receive more than buyers pay), reported as −budgetSurplus.
 *
 * Payments are per participant, not per trade: a trade's `price`/`sellerPrice` is the buyer's / seller's average
 * payment per kWh, for information; `participants` carries the exact money.
 */
export function vcg(book: OrderBook): ClearingResult {
  const m = matchByPriority(book);
  const declaredValue = new Map<string, Money>();
  const bought = new Map<string, number>();
  const sold = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, x: number) => map.set(key, (map.get(key) ?? 0) + x);
  for (const f of m.fills) {
    const bid = book.bids[f.bid]!;
    const offer = book.offers[f.offer]!;
    add(declaredValue, bid.participant, f.energy * bid.price);
    add(declaredValue, offer.participant, -f.energy * offer.price);
    add(bought, bid.participant, f.energy);
    add(sold, offer.participant, f.energy);
  }

  const names: string[] = [];
  for (const o of [...book.bids, ...book.offers]) if (!names.includes(o.participant)) names.push(o.participant);
  const sorted = { bidOrder: m.bidOrder, offerOrder: m.offerOrder };
  const payment = new Map<string, Money>();
  for (const name of names) {
    // A participant that trades nothing changes nothing by leaving, so it pays nothing.
    if (!declaredValue.has(name)) {
      payment.set(name, 0);
      continue;
    }
    const without = matchByPriority(book, sorted, name).welfare;
    payment.set(name, without - (m.welfare - declaredValue.get(name)!));
  }

  const participants: ParticipantOutcome[] = names
    .filter((name) => declaredValue.has(name))
    .map((name) => {
      const p = payment.get(name)!;
      return {
        participant: name,
        bought: bought.get(name) ?? 0,
        sold: sold.get(name) ?? 0,
        paid: Math.max(p, 0),
        received: Math.max(-p, 0),
      };
    });
  const trades: Trade[] = tradesFromFills(book, m.fills, (f) => {
    const buyer = book.bids[f.bid]!.participant;
    const seller = book.offers[f.offer]!.participant;
    return {
      price: averagePrice(payment.get(buyer)!, bought.get(buyer)!),
      sellerPrice: averagePrice(-payment.get(seller)!, sold.get(seller)!),
    };
  });
  let energy = 0;
  for (const f of m.fills) energy += f.energy;
  let budgetSurplus = 0;
  for (const p of payment.values()) budgetSurplus += p;
  return {
    mechanism: "vcg",
    trades,
    clearingPrice: null,
    sellerClearingPrice: null,
    energy,
    welfare: m.welfare,
    budgetSurplus,
    participants,
  };
}
