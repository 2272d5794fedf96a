import { InvalidInputError } from "../errors.js";
import type { StrategySpec } from "../strategies/strategy.js";
import { formatPrice, priceToDecimal, type Price } from "../units/price.js";

/**
 * A participant's order is a bid in the slots where it needs energy and an offer in those where it has surplus, never
 * both in one slot. A side rule is how it prices one side; a strategy is a bid rule and an offer rule. The three
 * rules of the game's action sets:
 * - `truthful`: bid the import price (what the energy is worth to a household with fixed consumption), offer at
 *   the feed-in tariff (what the energy earns without the market);
 * - `price-ramp`: gsy-e's ramp across the slot's ticks, from `from` to `to` (omitted: follow the utility — buyers
 *   feed-in → import price, sellers import price → feed-in);
 * - `fixed`: always the same price.
 */
export type Side = "bid" | "offer";

export type SideRule =
  | { readonly kind: "truthful" }
  | { readonly kind: "price-ramp"; readonly from?: Price; readonly to?: Price }
  | { readonly kind: "fixed"; readonly price: Price };

export const TRUTHFUL_RULE: SideRule = { kind: "truthful" };

/** A ramp that starts and ends at the same price is that fixed price (it prices every tick the same). */
const ramp = (from: Price | undefined, to: Price | undefined): SideRule =>
  from !== undefined && from === to
    ? { kind: "fixed", price: from }
    : {
        kind: "price-ramp",
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      };

/** How `strategy` prices `side`. A best-response strategy has no rule until the games engine has chosen one. */
export function sideRuleOf(strategy: StrategySpec, side: Side): SideRule {
  switch (strategy.kind) {
    case "truthful":
      return TRUTHFUL_RULE;
    case "fixed": {
      const price = side === "bid" ? strategy.bid : strategy.offer;
      return price === undefined ? TRUTHFUL_RULE : { kind: "fixed", price };
    }
    case "price-ramp":
      return side === "bid"
        ? ramp(strategy.initialBuy, strategy.finalBuy)
        : ramp(strategy.initialSell, strategy.finalSell);
    case "sides":
      return sideRuleOf(side === "bid" ? strategy.bid : strategy.offer, side);
    case "best-response":
      throw new InvalidInputError("strategy_unresolved", "a best-response strategy has no bidding rule of its own", {});
  }
}

/** A strategy that prices `side` by `rule` (and the other side truthfully). */
export function sideStrategy(rule: SideRule, side: Side): StrategySpec {
  switch (rule.kind) {
    case "truthful":
      return { kind: "truthful" };
    case "fixed":
      return side === "bid" ? { kind: "fixed", bid: rule.price } : { kind: "fixed", offer: rule.price };
    case "price-ramp": {
      const [initial, final] = side === "bid" ? ["initialBuy", "finalBuy"] : ["initialSell", "finalSell"];
      return {
        kind: "price-ramp",
        ...(rule.from === undefined ? {} : { [initial]: rule.from }),
        ...(rule.to === undefined ? {} : { [final]: rule.to }),
      };
    }
  }
}

/**
 * The strategy with bid rule `bid` and offer rule `offer`, in the simplest scenario form that prices both sides
 * exactly the same way: `truthful`, `fixed` (a side left out is truthful), `price-ramp` (a fixed side is a ramp
 * that starts and ends at its price), or else `sides`.
 */
export function composeStrategy(bid: SideRule, offer: SideRule): StrategySpec {
  if (bid.kind === "truthful" && offer.kind === "truthful") return { kind: "truthful" };
  if (bid.kind !== "price-ramp" && offer.kind !== "price-ramp")
    return {
      kind: "fixed",
      ...(bid.kind === "fixed" ? { bid: bid.price } : {}),
      ...(offer.kind === "fixed" ? { offer: offer.price } : {}),
    };
  if (bid.kind !== "truthful" && offer.kind !== "truthful") {
    const [initialBuy, finalBuy] = bid.kind === "fixed" ? [bid.price, bid.price] : [bid.from, bid.to];
    const [initialSell, finalSell] = offer.kind === "fixed" ? [offer.price, offer.price] : [offer.from, offer.to];
    return {
      kind: "price-ramp",
      ...(initialBuy === undefined ? {} : { initialBuy }),
      ...(finalBuy === undefined ? {} : { finalBuy }),
      ...(initialSell === undefined ? {} : { initialSell }),
      ...(finalSell === undefined ? {} : { finalSell }),
    };
  }
  return { kind: "sides", bid: sideStrategy(bid, "bid"), offer: sideStrategy(offer, "offer") };
}

/**
 * The strategy of a participant whose decided sides play `bid` / `offer` (undefined: that side never trades in the
 * horizon, so any rule prices it equally well). Both decided: `composeStrategy`. One decided: the simplest
 * strategy with that rule — its other side then follows the same family (truthful, or the default ramp), which
 * changes nothing in this horizon. Neither: the current rules.
 */
export function composeDecided(
  bid: SideRule | undefined,
  offer: SideRule | undefined,
  currentBid: SideRule,
  currentOffer: SideRule,
): StrategySpec {
  if (bid && offer) return composeStrategy(bid, offer);
  if (bid) return sideStrategy(bid, "bid");
  if (offer) return sideStrategy(offer, "offer");
  return composeStrategy(currentBid, currentOffer);
}

/** "bid 0.1450", "truthful (bid the import price)", "price ramp feed-in → import price". */
export function describeSideRule(rule: SideRule, side: Side): string {
  switch (rule.kind) {
    case "truthful":
      return side === "bid" ? "truthful (bid the import price)" : "truthful (offer at feed-in)";
    case "fixed":
      return `${side} ${formatPrice(rule.price)}`;
    case "price-ramp": {
      const [defaultFrom, defaultTo] = side === "bid" ? ["feed-in", "import price"] : ["import price", "feed-in"];
      const from = rule.from === undefined ? defaultFrom : formatPrice(rule.from);
      const to = rule.to === undefined ? defaultTo : formatPrice(rule.to);
      return `price ramp ${from} → ${to}`;
    }
  }
}

/** A whole strategy in words, side by side: "buying: bid 0.1450; selling: truthful (offer at feed-in)". */
export function describeStrategySides(strategy: StrategySpec): string {
  if (strategy.kind === "best-response") return "best response (games engine)";
  return `buying: ${describeSideRule(sideRuleOf(strategy, "bid"), "bid")}; selling: ${describeSideRule(sideRuleOf(strategy, "offer"), "offer")}`;
}

/** A side rule in scenario JSON units (currency per kWh). */
export function sideRuleToJson(rule: SideRule): Record<string, unknown> {
  switch (rule.kind) {
    case "truthful":
      return { kind: "truthful" };
    case "fixed":
      return { kind: "fixed", price: priceToDecimal(rule.price) };
    case "price-ramp":
      return {
        kind: "price-ramp",
        ...(rule.from === undefined ? {} : { from: priceToDecimal(rule.from) }),
        ...(rule.to === undefined ? {} : { to: priceToDecimal(rule.to) }),
      };
  }
}

/** A strategy as it would be written in a scenario file (prices in currency per kWh; unset fields left out). */
export function strategyToJson(strategy: StrategySpec): Record<string, unknown> {
  const prices = (fields: Record<string, Price | undefined>) =>
    Object.fromEntries(
      Object.entries(fields).flatMap(([k, p]) => (p === undefined ? [] : [[k, priceToDecimal(p)] as const])),
    );
  switch (strategy.kind) {
    case "truthful":
    case "best-response":
      return { kind: strategy.kind };
    case "fixed":
      return { kind: "fixed", ...prices({ bid: strategy.bid, offer: strategy.offer }) };
    case "price-ramp":
      return {
        kind: "price-ramp",
        ...prices({
          initialBuy: strategy.initialBuy,
          finalBuy: strategy.finalBuy,
          initialSell: strategy.initialSell,
          finalSell: strategy.finalSell,
        }),
      };
    case "sides":
      return { kind: "sides", bid: strategyToJson(strategy.bid), offer: strategyToJson(strategy.offer) };
  }
}
