import { bestResponseDynamics, canonicalKey, check, type Profile } from "../../games/index.js";
import { playProfile, type PreparedScenario } from "../analysis/prepared_scenario.js";
import type { StrategySpec } from "../strategies/strategy.js";
import type { Money } from "../units/money.js";
import type { Price } from "../units/price.js";
import { participantDiagnostics, type ParticipantDiagnostic } from "./equilibrium.js";
import { buildMarketGame, type MarketGame, type MarketGameOptions } from "./open_game.js";
import { composeDecided, type SideRule } from "./side_rules.js";

export interface Recommendation extends ParticipantDiagnostic {
  readonly scenario: string;
  readonly currency: string;
  readonly days: number;
  readonly tolerance: Money;
  readonly levels: number;
  readonly grid: readonly Price[];
  /** The strategy the engine's best-response dynamics settle on (the current one if it is already best). */
  readonly recommended: StrategySpec;
  /** Its payoff, re-computed directly with `playProfile` (the check on the engine's arithmetic). */
  readonly recommendedPayoff: Money;
}

/** Each decision's rule in an engine profile of pure strategies (decision order). */
function rulesOf(market: MarketGame, profile: Profile): SideRule[] {
  return market.decisions.map((d) => profile[d.id]!(null).support()[0] as SideRule);
}

/** The strategy of `participant` when its decisions play `rules` (decision order). */
function strategyOf(market: MarketGame, participant: string, rules: readonly SideRule[]): StrategySpec {
  const i = market.prepared.participants.indexOf(participant);
  let bid: SideRule | undefined;
  let offer: SideRule | undefined;
  let changed = false;
  market.decisions.forEach((d, k) => {
    if (d.participant !== participant) return;
    if (canonicalKey(rules[k]) !== canonicalKey(d.current)) changed = true;
    if (d.side === "bid") bid = rules[k]!;
    else offer = rules[k]!;
  });
  return changed
    ? composeDecided(bid, offer, market.currentBid[i]!, market.currentOffer[i]!)
    : market.prepared.tree.participants[i]!.strategy;
}

/**
 * The best response of `participant` to everyone else's current strategies: its bid and offer decisions are the
 * only decisions of the game (the others are part of the play), and the engine's best-response dynamics move them,
 * from the current strategy, to what argmax selects. The result is played directly once more with `playProfile`.
 */
export function recommend(
  prepared: PreparedScenario,
  participant: string,
  options: Omit<MarketGameOptions, "players"> = {},
): Recommendation {
  const market = buildMarketGame(prepared, { ...options, players: [participant] });
  const report = market.game ? check(market.game, market.profile) : undefined;
  const [diagnostic] = participantDiagnostics(market, report, [participant]);
  let recommended = diagnostic!.strategy;
  if (market.game) {
    const dynamics = bestResponseDynamics(market.game, { initial: market.profile, space: "visited", maxRounds: 5 });
    recommended = strategyOf(market, participant, rulesOf(market, dynamics.profile));
  }
  const recommendedPayoff = playProfile(prepared, { [participant]: recommended })[participant]!;
  return {
    ...diagnostic!,
    scenario: prepared.scenario.name,
    currency: prepared.scenario.currency,
    days: prepared.slots / prepared.scenario.clock.slotsPerDay,
    tolerance: market.tolerance,
    levels: market.levels,
    grid: market.grid,
    recommended,
    recommendedPayoff,
  };
}

export interface BestResponsePlay {
  /** Each player's strategy where the dynamics stopped. */
  readonly strategies: Readonly<Record<string, StrategySpec>>;
  /** Whether they stopped at an equilibrium among the players (everyone else fixed). */
  readonly converged: boolean;
  readonly rounds: number;
}

/**
 * Best-response dynamics among `players` (default: everyone), starting from their current strategies, with everyone
 * else's strategies fixed: one side decision at a time switches to its best response, sweep after sweep, until no
 * one gains (an equilibrium among the players) or `maxRounds` sweeps (default 20) have passed — markets can cycle.
 */
export function bestResponsePlay(
  prepared: PreparedScenario,
  options: MarketGameOptions & { readonly maxRounds?: number } = {},
): BestResponsePlay {
  const market = buildMarketGame(prepared, options);
  const players = options.players ?? prepared.participants;
  if (!market.game)
    return {
      strategies: Object.fromEntries(
        players.map((p) => [p, prepared.tree.participants[prepared.participants.indexOf(p)]!.strategy]),
      ),
      converged: true,
      rounds: 0,
    };
  const dynamics = bestResponseDynamics(market.game, {
    initial: market.profile,
    space: "visited",
    maxRounds: options.maxRounds ?? 20,
  });
  const rules = rulesOf(market, dynamics.profile);
  return {
    strategies: Object.fromEntries(players.map((p) => [p, strategyOf(market, p, rules)])),
    converged: dynamics.converged,
    rounds: dynamics.rounds,
  };
}
