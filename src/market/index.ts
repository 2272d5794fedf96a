/**
 * Plurigrid's energy-market library: pure, deterministic, free of I/O, usable in a browser. Units are exact
 * integers — Wh, micro-currency per kWh, nano-currency — converted at the edges (see units/).
 */
export { MarketError, InvalidInputError, PrecisionError, UnknownNameError, ConservationError } from "./errors.js";

// Units
export { energyFromKWh, energyToKWh, formatEnergy, type Energy } from "./units/energy.js";
export { priceFromDecimal, priceToDecimal, formatPrice, type Price, type PartsPerMillion } from "./units/price.js";
export { moneyOf, moneyToDecimal, formatMoney, type Money } from "./units/money.js";

// Orders and mechanisms
export type { Order, OrderBook, Side } from "./orders/order.js";
export { parseOrderBook } from "./orders/orders_json.js";
export { validateBook } from "./orders/validate_book.js";
export type { ClearingResult, Trade, ParticipantOutcome } from "./mechanisms/clearing_result.js";
export {
  clearMarket,
  mechanismByName,
  isMechanismName,
  MECHANISMS,
  MECHANISM_NAMES,
  type Mechanism,
  type MechanismName,
  type MechanismOptions,
} from "./mechanisms/registry.js";
export { crossingInterval, type CrossingInterval } from "./mechanisms/crossing_interval.js";
export { clearingToJson, formatClearing } from "./mechanisms/clearing_report.js";

// Strategies
export { orderPrice, STRATEGY_KINDS, type StrategySpec, type PricingContext } from "./strategies/strategy.js";

// Scenarios and simulation
export type { Scenario, MarketSpec, ParticipantSpec, GridFee } from "./scenario/scenario.js";
export { allParticipants, allMarkets } from "./scenario/scenario.js";
export { parseScenario, parseStrategy, parseBattery, parsePv } from "./scenario/parse_scenario.js";
export * from "./scenario/scenario_variants.js";
export { simulate, type SimulationResult, type SimulateOptions } from "./simulation/simulate.js";
export { clearSlot, type SlotOrder, type SlotTrade, type SlotClearing } from "./simulation/slot_clearing.js";
export { buildMarketTree, type MarketTree } from "./simulation/market_tree.js";
export { feePerKWh, priceInMarket } from "./simulation/grid_fees.js";

// Results
export { simulationToJson, formatSimulation } from "./results/simulation_report.js";
export { compareResults, formatComparison, type Comparison } from "./results/comparison.js";
export type { Bill } from "./results/bills.js";
export type { Kpis } from "./results/kpis.js";

// Analysis: the market as a game, counterfactuals, mechanism comparison, coalitions
export {
  prepareScenario,
  playSlot,
  playProfile,
  utilityOnlyPayoffs,
  type PreparedScenario,
  type BidChoice,
  type BidProfile,
  type SlotOutcome,
} from "./analysis/market_game.js";
export { whatIf, applyWhatIf, describeWhatIf, type WhatIf, type WhatIfReport } from "./analysis/counterfactuals.js";
export { compareMechanisms, type MechanismAssessment } from "./analysis/mechanism_comparison.js";
export { shapley, type ShapleyResult, type ShapleyOptions } from "./analysis/shapley.js";
export { coalitionPayouts, coalitionValue, type CoalitionPayouts } from "./analysis/coalitions.js";

// The market as an open game: equilibrium check with diagnostics, best responses (built on the games engine)
export {
  buildMarketGame,
  DEFAULT_TOLERANCE,
  type MarketGame,
  type MarketDecision,
  type MarketGameOptions,
} from "./game/open_game.js";
export { actionSet, priceGrid, DEFAULT_LEVELS, type ActionSetOptions } from "./game/action_set.js";
export {
  checkEquilibrium,
  type EquilibriumCheck,
  type ParticipantDiagnostic,
  type SideDiagnostic,
  type RuleValue,
} from "./game/equilibrium.js";
export { recommend, bestResponsePlay, type Recommendation, type BestResponsePlay } from "./game/recommend.js";
export { resolveBestResponses, bestResponders, type ResolvedScenario } from "./game/best_response_strategy.js";
export type { ChosenStrategy } from "./analysis/prepared_scenario.js";
export {
  equilibriumToJson,
  formatEquilibrium,
  recommendationToJson,
  formatRecommendation,
} from "./game/game_report.js";
export {
  composeStrategy,
  sideRuleOf,
  describeSideRule,
  describeStrategySides,
  strategyToJson,
  type SideRule,
} from "./game/side_rules.js";

// Microworlds and the arena
export { compareMicroworlds, type Microworld } from "./microworlds/microworlds.js";
export { mergeScenarioPatch } from "./microworlds/scenario_patch.js";
export { buildArena, formatArena, type Arena, type ArenaMember } from "./microworlds/arena.js";
