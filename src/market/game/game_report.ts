import { formatTable } from "../results/text_table.js";
import { formatMoney, moneyToDecimal, type Money } from "../units/money.js";
import { formatPrice, priceToDecimal } from "../units/price.js";
import { canonicalKey } from "../../games/index.js";
import type { EquilibriumCheck, ParticipantDiagnostic, SideDiagnostic } from "./equilibrium.js";
import type { Recommendation } from "./recommend.js";
import { describeSideRule, describeStrategySides, sideRuleToJson, strategyToJson } from "./side_rules.js";

/** What the analysis assumes, in one sentence each (printed above the tables and put in the JSON). */
export const REDUCTION =
  "each participant chooses one rule for pricing its bids (slots where it needs energy) and one for its offers " +
  "(slots where it has surplus), for the whole horizon; the others keep theirs";

const signed = (m: Money) => (m > 0 ? "+" : "") + formatMoney(m, 4);
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;
const sideName = (s: SideDiagnostic) => (s.side === "bid" ? "buying" : "selling");

function sideJson(s: SideDiagnostic) {
  return {
    side: s.side,
    current: sideRuleToJson(s.current),
    currentText: describeSideRule(s.current, s.side),
    payoff: moneyToDecimal(s.currentPayoff),
    best: sideRuleToJson(s.best),
    bestText: describeSideRule(s.best, s.side),
    bestPayoff: moneyToDecimal(s.bestPayoff),
    gain: moneyToDecimal(s.gain),
    bestResponding: s.bestResponding,
    alternatives: s.alternatives.map((a) => ({
      rule: sideRuleToJson(a.rule),
      text: describeSideRule(a.rule, s.side),
      payoff: moneyToDecimal(a.payoff),
      gain: moneyToDecimal(a.gain),
    })),
  };
}

function participantJson(p: ParticipantDiagnostic) {
  return {
    name: p.participant,
    strategy: strategyToJson(p.strategy),
    strategyText: describeStrategySides(p.strategy),
    payoff: moneyToDecimal(p.payoff),
    bestResponding: p.bestResponding,
    bestResponse: strategyToJson(p.bestResponse),
    bestResponseText: describeStrategySides(p.bestResponse),
    bestPayoff: moneyToDecimal(p.bestPayoff),
    gain: moneyToDecimal(p.gain),
    decisions: p.sides.map(sideJson),
  };
}

export function equilibriumToJson(c: EquilibriumCheck) {
  return {
    scenario: c.scenario,
    currency: c.currency,
    days: c.days,
    mechanisms: c.mechanisms,
    equilibrium: c.equilibrium,
    deviators: c.deviators,
    tolerance: moneyToDecimal(c.tolerance),
    reduction: REDUCTION,
    actionSet: {
      levels: c.levels,
      grid: c.grid.map(priceToDecimal),
      rules: ["truthful", "price-ramp", "fixed at each grid price", "the current rule"],
    },
    participants: c.participants.map(participantJson),
    slotClearings: c.clearings,
  };
}

/** The counterfactual table of one side decision, marking the current and the best rule. */
function alternativesTable(s: SideDiagnostic): string {
  const now = canonicalKey(s.current);
  const best = canonicalKey(s.best);
  return formatTable(
    ["rule", "payoff", "vs now", "note"],
    s.alternatives.map((a) => {
      const key = canonicalKey(a.rule);
      const mark = [key === now ? "← now" : "", key === best && key !== now ? "← best" : ""].join("").trim();
      return [describeSideRule(a.rule, s.side), formatMoney(a.payoff, 4), signed(a.gain), mark];
    }),
    { alignRight: [1, 2], indent: "    " },
  );
}

function legend(c: { currency: string; grid: readonly number[] }): string[] {
  const prices = c.grid.map((p) => formatPrice(p)).join(", ");
  return [
    `Money in ${c.currency}. Payoff = value of the energy used (at the import price) − payments + revenue, so a`,
    "household without PV that buys everything from the utility has payoff 0.",
    "The game: each participant picks one rule for its bids (when it needs energy) and one for its offers (when it",
    "has surplus) for the whole horizon, while everyone else keeps theirs. Rules: truthful, gsy-e's price ramp, a",
    `fixed price of ${prices}, or its own.`,
  ];
}

/**
 * A participant's rules on the sides it actually decides ("selling: offer 0.3000"); the other side never trades.
 * For the best response, only the sides that change are named.
 */
export function decidedRules(p: ParticipantDiagnostic, which: "current" | "best"): string {
  if (p.sides.length === 0) return describeStrategySides(p.strategy);
  const sides = which === "best" && !p.bestResponding ? p.sides.filter((s) => !s.bestResponding) : p.sides;
  return sides.map((s) => `${sideName(s)}: ${describeSideRule(s[which], s.side)}`).join("; ");
}

/** The equilibrium verdict and, for everyone who would gain by deviating, with which rule and by how much. */
export function formatEquilibrium(c: EquilibriumCheck): string {
  const lines = [
    `Equilibrium check — ${c.scenario}, ${days(c.days)}, ${c.mechanisms.join(" / ")}`,
    ...legend(c),
    "",
    c.equilibrium
      ? `Verdict: an equilibrium — nobody gains more than ${formatMoney(c.tolerance, 5)} ${c.currency} by changing how they bid alone.`
      : `Verdict: NOT an equilibrium — ${c.deviators.length} of ${c.participants.length} participants gain by bidding differently (${c.deviators.join(", ")}).`,
    "",
    formatTable(
      ["participant", "strategy now", "payoff", "best response", "payoff", "gain"],
      c.participants.map((p) =>
        p.sides.length === 0
          ? [p.participant, decidedRules(p, "current"), formatMoney(p.payoff, 4), "(nothing to decide)", "", ""]
          : [
              p.participant,
              decidedRules(p, "current"),
              formatMoney(p.payoff, 4),
              p.bestResponding ? "(already best)" : decidedRules(p, "best"),
              formatMoney(p.bestPayoff, 4),
              p.bestResponding ? "—" : signed(p.gain),
            ],
      ),
      { alignRight: [2, 4, 5] },
    ),
  ];
  for (const p of c.participants.filter((p) => !p.bestResponding)) {
    lines.push("", `${p.participant} gains ${signed(p.gain)} ${c.currency} by bidding differently:`);
    for (const s of p.sides.filter((s) => !s.bestResponding))
      lines.push(
        `  when ${sideName(s)}: ${describeSideRule(s.best, s.side)} instead of ${describeSideRule(s.current, s.side)} (${signed(s.gain)})`,
        alternativesTable(s),
      );
  }
  const idle = c.participants.filter((p) => p.sides.length === 0).map((p) => p.participant);
  if (idle.length > 0)
    lines.push("", `Nothing to decide: ${idle.join(", ")} never meet the other side of the market in these days.`);
  return lines.join("\n") + "\n";
}

export function recommendationToJson(r: Recommendation) {
  return {
    scenario: r.scenario,
    currency: r.currency,
    days: r.days,
    reduction: REDUCTION,
    tolerance: moneyToDecimal(r.tolerance),
    actionSet: { levels: r.levels, grid: r.grid.map(priceToDecimal) },
    ...participantJson(r),
    recommended: strategyToJson(r.recommended),
    recommendedText: describeStrategySides(r.recommended),
    recommendedPayoff: moneyToDecimal(r.recommendedPayoff),
  };
}

export function formatRecommendation(r: Recommendation): string {
  const lines = [
    `Best response for ${r.participant} — ${r.scenario}, ${days(r.days)} (everyone else keeps their strategy)`,
    ...legend(r),
    "",
    `Now:         ${decidedRules(r, "current")} — payoff ${formatMoney(r.payoff, 4)}`,
  ];
  if (r.sides.length === 0)
    lines.push(`${r.participant} never meets the other side of the market in these days: how it bids changes nothing.`);
  else if (r.bestResponding)
    lines.push(`${r.participant} is already best-responding: no other rule pays more (all alternatives below).`);
  else
    lines.push(
      `Recommended: ${decidedRules(r, "best")} — payoff ${formatMoney(r.recommendedPayoff, 4)} (re-simulated), ${signed(r.recommendedPayoff - r.payoff)} ${r.currency}`,
      `In the scenario file: "strategy": ${JSON.stringify(strategyToJson(r.recommended))}`,
    );
  for (const s of r.sides)
    lines.push("", `When ${sideName(s)} — what each rule would have paid:`, alternativesTable(s));
  return lines.join("\n") + "\n";
}
