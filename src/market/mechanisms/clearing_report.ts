import { energyToKWh, formatEnergy } from "../units/energy.js";
import { formatMoney, moneyToDecimal } from "../units/money.js";
import { formatPrice, priceToDecimal } from "../units/price.js";
import type { ClearingResult } from "./clearing_result.js";
import { formatTable } from "../results/text_table.js";

/** The clearing in JSON units (kWh, currency per kWh, currency). */
export function clearingToJson(r: ClearingResult) {
  return {
    mechanism: r.mechanism,
    trades: r.trades.map((t) => ({
      bid: t.bid,
      offer: t.offer,
      buyer: t.buyer,
      seller: t.seller,
      energy: energyToKWh(t.energy),
      price: priceToDecimal(t.price),
      ...(t.sellerPrice !== t.price ? { sellerPrice: priceToDecimal(t.sellerPrice) } : {}),
    })),
    clearingPrice: r.clearingPrice === null ? null : priceToDecimal(r.clearingPrice),
    ...(r.sellerClearingPrice !== r.clearingPrice && r.sellerClearingPrice !== null
      ? { sellerClearingPrice: priceToDecimal(r.sellerClearingPrice) }
      : {}),
    energy: energyToKWh(r.energy),
    welfare: moneyToDecimal(r.welfare),
    budgetSurplus: moneyToDecimal(r.budgetSurplus),
    deficit: moneyToDecimal(Math.max(0, -r.budgetSurplus)),
    participants: r.participants.map((p) => ({
      participant: p.participant,
      bought: energyToKWh(p.bought),
      sold: energyToKWh(p.sold),
      paid: moneyToDecimal(p.paid),
      received: moneyToDecimal(p.received),
    })),
  };
}

/** A readable report: trades, the clearing price, welfare, and each participant's money. */
export function formatClearing(r: ClearingResult, currency = ""): string {
  const unit = currency === "" ? "" : ` ${currency}`;
  const lines: string[] = [`mechanism: ${r.mechanism}`];
  if (r.trades.length === 0) lines.push("no trades: no bid meets an offer");
  else {
    const priced = r.mechanism === "vcg" ? "avg price/kWh" : "price/kWh";
    lines.push(
      formatTable(
        ["bid", "offer", "buyer", "seller", "kWh", `buyer ${priced}`, `seller ${priced}`],
        r.trades.map((t) => [
          t.bid,
          t.offer,
          t.buyer,
          t.seller,
          formatEnergy(t.energy),
          formatPrice(t.price),
          formatPrice(t.sellerPrice),
        ]),
        { alignRight: [4, 5, 6] },
      ),
    );
  }
  if (r.clearingPrice !== null)
    lines.push(
      r.sellerClearingPrice !== null && r.sellerClearingPrice !== r.clearingPrice
        ? `clearing price: buyers pay ${formatPrice(r.clearingPrice)}, sellers receive ${formatPrice(r.sellerClearingPrice)}${unit}/kWh`
        : `clearing price: ${formatPrice(r.clearingPrice)}${unit}/kWh`,
    );
  lines.push(`traded: ${formatEnergy(r.energy)} kWh`);
  lines.push(`welfare (gains from trade at declared prices): ${formatMoney(r.welfare, 4)}${unit}`);
  if (r.participants.length > 0) {
    lines.push(
      formatTable(
        ["participant", "bought kWh", "sold kWh", "pays", "receives"],
        r.participants.map((p) => [
          p.participant,
          formatEnergy(p.bought),
          formatEnergy(p.sold),
          formatMoney(p.paid, 4),
          formatMoney(p.received, 4),
        ]),
        { alignRight: [1, 2, 3, 4] },
      ),
    );
  }
  if (r.budgetSurplus < 0)
    lines.push(`deficit (sellers receive more than buyers pay): ${formatMoney(-r.budgetSurplus, 4)}${unit}`);
  else if (r.budgetSurplus > 0)
    lines.push(`budget surplus kept by the market: ${formatMoney(r.budgetSurplus, 4)}${unit}`);
  else lines.push("budget balanced: buyers pay exactly what sellers receive");
  return lines.join("\n") + "\n";
}
