import { planScenario, type ChosenStrategy, type PreparedScenario } from "../analysis/prepared_scenario.js";
import { allParticipants, type Scenario } from "../scenario/scenario.js";
import { withStrategy } from "../scenario/scenario_variants.js";
import { buildMarketTree } from "../simulation/market_tree.js";
import type { StrategySpec } from "../strategies/strategy.js";
import { bestResponsePlay } from "./recommend.js";

/**
 * The `best-response` bidding strategy: a participant whose scenario says `"strategy": "best-response"` bids however
 * the games engine finds best against everyone else, over the horizon being run.
 *
 * Semantics. The participants with this strategy are the players of the market's open game (open_game.ts); the
 * others keep their strategies and are part of the play. Starting from truthful bidding, the engine's best-response
 * dynamics let each of them in turn switch to a best response to the current strategies of all others — sweep
 * after sweep, until no one gains (an equilibrium among them, given the rest) or 20 sweeps have passed (markets
 * can cycle; then the last strategies are used and `converged` is false). With one such participant this is
 * simply its best response to the others' strategies. The choice uses the same horizon as the run, so it is a
 * best response with hindsight of that horizon's loads and weather; every re-run (a what-if, another mechanism,
 * a microworld) chooses again for the changed situation.
 */
export const BEST_RESPONSE_START: StrategySpec = { kind: "truthful" };

export function bestResponders(scenario: Scenario): string[] {
  return allParticipants(scenario.market)
    .filter((p) => p.strategy.kind === "best-response")
    .map((p) => p.name);
}

export interface ResolvedScenario {
  /** The scenario with every best-response strategy replaced by the one the engine chose. */
  readonly scenario: Scenario;
  /**
   * The physical plan of the resolved scenario over `days`, when choosing needed one (strategies replaced; net
   * positions never depend on them); absent when nobody best-responds.
   */
  readonly prepared?: PreparedScenario;
  readonly chosen: readonly ChosenStrategy[];
}

/** Chooses every best-response strategy of `scenario` over `days` days (default: the scenario's horizon). */
export function resolveBestResponses(scenario: Scenario, options: { days?: number } = {}): ResolvedScenario {
  const days = options.days ?? scenario.days;
  const players = bestResponders(scenario);
  if (players.length === 0) return { scenario, chosen: [] };
  let start = scenario;
  for (const name of players) start = withStrategy(start, name, BEST_RESPONSE_START);
  const prepared = planScenario(start, days);
  const play = bestResponsePlay(prepared, { players });
  let resolved = scenario;
  for (const name of players) resolved = withStrategy(resolved, name, play.strategies[name]!);
  const chosen = players.map((participant) => ({
    participant,
    strategy: play.strategies[participant]!,
    converged: play.converged,
    rounds: play.rounds,
  }));
  return {
    scenario: resolved,
    prepared: { ...prepared, scenario: resolved, tree: buildMarketTree(resolved.market), bestResponses: chosen },
    chosen,
  };
}
