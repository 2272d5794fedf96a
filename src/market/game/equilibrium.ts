import {
  canonicalKey,
  check,
  toFloat,
  type DecisionDiagnostic,
  type EquilibriumReport,
  type SelectionFunction,
} from "../../games/index.js";
import type { PreparedScenario } from "../analysis/prepared_scenario.js";
import { allMarkets } from "../scenario/scenario.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Money } from "../units/money.js";
import type { Price } from "../units/price.js";
import { buildMarketGame, type MarketDecision, type MarketGame, type MarketGameOptions } from "./open_game.js";
import { composeDecided, type Side, type SideRule } from "./side_rules.js";

/** One rule of a side decision's action set and what the participant would be paid with it, all else unchanged. */
export interface RuleValue {
  readonly rule: SideRule;
  readonly payoff: Money;
  /** payoff − the current payoff: what switching to this rule alone would gain (negative: lose). */
  readonly gain: Money;
}

/** The engine's diagnostic of one side decision, in money. */
export interface SideDiagnostic {
  readonly decision: string;
  readonly side: Side;
  readonly current: SideRule;
  readonly currentPayoff: Money;
  /** The rule the engine's selection picks: the current one when it is already a best response. */
  readonly best: SideRule;
  readonly bestPayoff: Money;
  readonly gain: Money;
  readonly bestResponding: boolean;
  /** The counterfactual table: every rule of the action set ("what if I had bid X instead?"). */
  readonly alternatives: readonly RuleValue[];
}

/** One participant's standing: current strategy against its best response to everyone else's current strategies. */
export interface ParticipantDiagnostic {
  readonly participant: string;
  readonly strategy: StrategySpec;
  readonly payoff: Money;
  readonly bestResponse: StrategySpec;
  /** The payoff of the best response, played directly (both sides changed at once). */
  readonly bestPayoff: Money;
  readonly gain: Money;
  readonly bestResponding: boolean;
  /** Its side decisions; empty when it never meets the other side of the market (nothing to decide). */
  readonly sides: readonly SideDiagnostic[];
}

export interface EquilibriumCheck {
  readonly scenario: string;
  readonly currency: string;
  readonly days: number;
  readonly mechanisms: readonly string[];
  /** Whether every participant's current strategy is a best response to the others' (Nash, up to `tolerance`). */
  readonly equilibrium: boolean;
  readonly tolerance: Money;
  readonly levels: number;
  /** The fixed prices every side decision could choose. */
  readonly grid: readonly Price[];
  readonly participants: readonly ParticipantDiagnostic[];
  /** Participants who gain more than `tolerance` by changing strategy alone. */
  readonly deviators: readonly string[];
  /** Slot clearings the analysis needed. */
  readonly clearings: number;
  /** The engine's own report (one diagnostic per side decision). */
  readonly report?: EquilibriumReport;
}

function sideDiagnostic(d: MarketDecision, diag: DecisionDiagnostic, selection: SelectionFunction): SideDiagnostic {
  const currentPayoff = toFloat(diag.currentPayoff);
  // The engine's selection function says what to play instead (the current rule when it is already a best reply).
  const response = selection.judge(diag.alternatives, diag.strategy, diag.currentPayoff).response;
  const best = response.support()[0] as SideRule;
  const bestKey = canonicalKey(best);
  const alternatives = diag.alternatives.map((a) => ({
    rule: a.action as SideRule,
    payoff: toFloat(a.payoff),
    gain: toFloat(a.payoff) - currentPayoff,
  }));
  const bestPayoff = alternatives.find((a) => canonicalKey(a.rule) === bestKey)!.payoff;
  return {
    decision: d.id,
    side: d.side,
    current: d.current,
    currentPayoff,
    best,
    bestPayoff,
    gain: bestPayoff - currentPayoff,
    bestResponding: diag.equilibrium,
    alternatives,
  };
}

/** Per participant: its side diagnostics combined, and its best response played directly to confirm the sum. */
export function participantDiagnostics(
  market: MarketGame,
  report: EquilibriumReport | undefined,
  names: readonly string[] = market.prepared.participants,
): ParticipantDiagnostic[] {
  const { prepared, decisions } = market;
  const byId = new Map(report?.diagnostics.map((d) => [d.decision, d]) ?? []);
  const selectionOf = new Map(market.game?.decisions.map((d) => [d.id, d.selection]) ?? []);
  const current = market.payoffsOf(decisions.map((d) => d.current));
  return names.map((participant) => {
    const i = prepared.participants.indexOf(participant);
    const sides = decisions
      .filter((d) => d.participant === participant)
      .map((d) => sideDiagnostic(d, byId.get(d.id)!, selectionOf.get(d.id)!));
    const strategy = prepared.tree.participants[i]!.strategy;
    const bestResponding = sides.every((s) => s.bestResponding);
    const bestRules = decisions.map((d) =>
      d.participant === participant ? sides.find((s) => s.side === d.side)!.best : d.current,
    );
    const payoff = current[i]!;
    const bestPayoff = bestResponding ? payoff : market.payoffsOf(bestRules)[i]!;
    return {
      participant,
      strategy,
      payoff,
      bestResponse: bestResponding
        ? strategy
        : composeDecided(
            sides.find((x) => x.side === "bid")?.best,
            sides.find((x) => x.side === "offer")?.best,
            market.currentBid[i]!,
            market.currentOffer[i]!,
          ),
      bestPayoff,
      gain: bestPayoff - payoff,
      bestResponding,
      sides,
    };
  });
}

/**
 * Are the scenario's current strategies an equilibrium? Builds the market's open game (one bid and one offer
 * decision per participant over the horizon; see open_game.ts), checks the current profile with the games engine,
 * and reports per participant: current strategy and payoff, the best response and its payoff, the gain, and the
 * payoff of every rule it could have used on each side.
 */
export function checkEquilibrium(prepared: PreparedScenario, options: MarketGameOptions = {}): EquilibriumCheck {
  const market = buildMarketGame(prepared, options);
  const report = market.game ? check(market.game, market.profile) : undefined;
  const participants = participantDiagnostics(market, report);
  const deviators = participants.filter((p) => !p.bestResponding).map((p) => p.participant);
  return {
    scenario: prepared.scenario.name,
    currency: prepared.scenario.currency,
    days: prepared.slots / prepared.scenario.clock.slotsPerDay,
    mechanisms: [...new Set(allMarkets(prepared.scenario.market).map((m) => m.mechanism))],
    // The engine's verdict; a participant is a deviator exactly when one of its side decisions is not selected.
    equilibrium: report?.equilibrium ?? true,
    tolerance: market.tolerance,
    levels: market.levels,
    grid: market.grid,
    participants,
    deviators,
    clearings: market.play.clearings,
    report,
  };
}
