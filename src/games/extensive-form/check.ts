import type { Dist } from "../core/dist.js";
import { compare, ONE, sub, ZERO, type Num } from "../core/num.js";
import { check, type EquilibriumReport } from "../engine/equilibrium.js";
import type { DecisionDiagnostic } from "../engine/game.js";
import { expectedTreePayoffs, type BehaviourProfile, type ExtensiveGame } from "./extensive-game.js";
import { behaviourStrategies, historyOf, treeOpenGame } from "./open-game.js";
import { reducedStrategies, strategyLabel } from "./strategic-form.js";

export interface PlayerVerdict {
  readonly player: string;
  readonly payoff: Num;
  /** The best reduced pure strategy against the others' behaviour strategies. */
  readonly bestStrategy: string;
  readonly bestPayoff: Num;
  readonly gain: Num;
}

export interface InformationSetDiagnostic extends DecisionDiagnostic {
  /** Beliefs over the histories (nodes) of the information set. */
  readonly histories: readonly { readonly history: string; readonly probability: Num }[];
}

export interface TreeCheckReport {
  /** Nash: no player gains by any change of strategy, including at several information sets at once. */
  readonly nash: boolean;
  /** With `subgamePerfect`: every information set, on or off the path, plays a best reply to its beliefs. */
  readonly sequentiallyRational?: boolean;
  readonly players: readonly PlayerVerdict[];
  /** The open-game engine's diagnostics, one per information set (agent form), with beliefs over histories. */
  readonly informationSets: readonly InformationSetDiagnostic[];
  readonly engine: EquilibriumReport;
}

/**
 * Checks a behaviour profile of a tree game. The engine evaluates every information set (on the path for Nash,
 * everywhere with trembling-hand beliefs for subgame perfection) and gives its counterfactual table; because a
 * player with several information sets may gain only by changing more than one at once, the Nash verdict also
 * compares each player's payoff with their best reduced pure strategy.
 */
export function checkBehaviourProfile(
  game: ExtensiveGame,
  profile: BehaviourProfile,
  options: { subgamePerfect?: boolean } = {},
): TreeCheckReport {
  const tree = treeOpenGame(game);
  const strategies = behaviourStrategies(game, tree, profile);
  const engine = check(tree.game, strategies, { subgamePerfect: options.subgamePerfect ?? false });
  const informationSets = engine.diagnostics.map((d) => ({
    ...d,
    histories: (d.beliefs as Dist<readonly [unknown, readonly [number, unknown]]>).outcomes
      .filter((o) => o.order === 0)
      .map((o) => ({ history: historyOf(game, o.value[1][0]), probability: o.probability })),
  }));
  const behaviour = (node: { player?: number; infoset?: number }) => {
    const k = game.infosets.filter((i) => i.player === node.player).findIndex((i) => i.index === node.infoset);
    return profile[node.player!]![k]!;
  };
  const current = expectedTreePayoffs(game, behaviour);
  const players = game.players.map((player, p): PlayerVerdict => {
    let bestStrategy = "";
    let bestPayoff: Num | undefined;
    for (const s of reducedStrategies(game, p)) {
      const value = expectedTreePayoffs(game, (node) =>
        node.player === p
          ? game.infosets[node.infoset!]!.actions.map((_, a) => (a === s.get(node.infoset!) ? ONE : ZERO))
          : behaviour(node),
      )[p]!;
      if (bestPayoff === undefined || compare(value, bestPayoff) > 0) {
        bestPayoff = value;
        bestStrategy = strategyLabel(game, p, s);
      }
    }
    return { player, payoff: current[p]!, bestStrategy, bestPayoff: bestPayoff!, gain: sub(bestPayoff!, current[p]!) };
  });
  const nash =
    players.every((v) => compare(v.gain, ZERO) <= 0) &&
    engine.diagnostics.filter((d) => d.onPath).every((d) => d.equilibrium);
  return {
    nash,
    ...(options.subgamePerfect ? { sequentiallyRational: engine.equilibrium } : {}),
    players,
    informationSets,
    engine,
  };
}
