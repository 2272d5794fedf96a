/**
 * Plurigrid's open games library (compositional game theory): exact distributions, open games built from atoms
 * and composition, equilibrium checks with counterfactual diagnostics, equilibrium search, and Gambit's file
 * formats. Pure: no I/O, deterministic, usable in a browser.
 */
export { Rational } from "./core/rational.js";
export {
  num,
  formatNum,
  isExact,
  toFloat,
  add,
  sub,
  mul,
  div,
  compare,
  ZERO,
  ONE,
  type Num,
  type Numeric,
} from "./core/num.js";
export { Dist, type Outcome } from "./core/dist.js";
export { canonicalKey, type Keyed } from "./core/keys.js";
export { Random } from "./core/random.js";
export { NO_PAYOFFS, payoffOf, type PayoffVector, type PlayerId } from "./core/payoff-vector.js";
export { GameError } from "./errors.js";

export type {
  OpenGame,
  Optic,
  Context,
  Strategy,
  Profile,
  ProfileOf,
  DecisionDiagnostic,
  DecisionInfo,
  PlayMode,
} from "./engine/game.js";
export {
  decision,
  nature,
  stochastic,
  lens,
  fromFunctions,
  identity,
  utility,
  payoffs,
  discount,
  type DecisionSpec,
} from "./engine/atoms.js";
export { sequence, parallel, choice, type Tagged } from "./engine/compose.js";
export { stages, Stages, recordBeliefs, type StageDecision } from "./engine/stages.js";
export {
  argmax,
  epsilonArgmax,
  softmax,
  satisficing,
  softmaxResponse,
  type SelectionFunction,
  type ActionValue,
} from "./engine/selection.js";
export { pure, mixed, reactive, fromTable } from "./engine/strategy.js";
export {
  check,
  checkIn,
  closedContext,
  outcomes,
  expectedPayoffs,
  simulate,
  type CheckOptions,
  type EquilibriumReport,
} from "./engine/equilibrium.js";

export { strategySpace, type Slot } from "./search/strategy-space.js";
export { enumeratePureEquilibria, type PureEquilibrium, type EnumerationResult } from "./search/enumerate-pure.js";
export { bestResponseDynamics, type DynamicsResult, type DynamicsOptions } from "./search/best-response.js";
export { logitDynamics, type LogitDynamicsResult } from "./search/logit-dynamics.js";

export {
  strategicGame,
  bimatrixGame,
  expectedPayoffs as strategicPayoffs,
  strategyValues,
  maxRegret,
  type StrategicGame,
  type MixedProfile,
} from "./normal-form/strategic-game.js";
export type { MixedEquilibrium } from "./normal-form/equilibrium.js";
export { pureEquilibria } from "./normal-form/pure-equilibria.js";
export { extremeEquilibria } from "./normal-form/mixed-equilibria.js";
export { equilibriumComponents, type EquilibriumComponent } from "./normal-form/components.js";
export { supportEnumeration } from "./normal-form/support-enumeration.js";
export { lemkeHowson, lemkeHowsonReachable } from "./normal-form/lemke-howson.js";
export { logitEquilibrium } from "./normal-form/logit.js";
export { solve, SOLVE_METHODS, type SolveMethod, type Solution } from "./normal-form/solvers.js";
export { strategicOpenGame, checkStrategicProfile } from "./normal-form/open-game.js";

export type { ExtensiveGame, TreeNode, InformationSet, BehaviourProfile } from "./extensive-form/extensive-game.js";
export { reducedStrategicForm, reducedStrategies } from "./extensive-form/strategic-form.js";
export { treeOpenGame } from "./extensive-form/open-game.js";
export { checkBehaviourProfile, type TreeCheckReport } from "./extensive-form/check.js";

export { parseNfg, writeNfg } from "./formats/nfg.js";
export { parseEfg } from "./formats/efg.js";
export { parseMixedProfile, parseBehaviourProfile } from "./formats/profile.js";
