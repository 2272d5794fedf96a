import { add, isZero, mul, ZERO, type Num } from "../core/num.js";

/** A node of a game tree, numbered in prefix order (the order of Gambit's files). */
export interface TreeNode {
  readonly index: number;
  readonly label: string;
  readonly kind: "chance" | "personal" | "terminal";
  /** 0-based player of a personal node. */
  readonly player?: number;
  /** Index into `ExtensiveGame.infosets` (chance nodes have theirs too). */
  readonly infoset?: number;
  readonly children: readonly number[];
  /** Index into `ExtensiveGame.outcomes`; payoffs along a path add up (Gambit's incremental outcomes). */
  readonly outcome?: number;
  readonly parent?: number;
}

export interface InformationSet {
  readonly index: number;
  /** 0-based player, or "chance". */
  readonly player: number | "chance";
  /** The number the file gives it (unique per player). */
  readonly number: number;
  readonly label: string;
  readonly actions: readonly string[];
  /** Chance information sets only. */
  readonly probabilities?: readonly Num[];
  readonly nodes: readonly number[];
}

export interface Outcome {
  readonly label: string;
  readonly payoffs: readonly Num[];
}

/** A finite extensive-form game: a tree with chance moves, information sets and (possibly incremental) outcomes. */
export interface ExtensiveGame {
  readonly title: string;
  readonly comment: string;
  readonly players: readonly string[];
  readonly nodes: readonly TreeNode[];
  readonly infosets: readonly InformationSet[];
  readonly outcomes: readonly Outcome[];
}

/** The information sets of one player, in the order they first appear in the tree. */
export function playerInfosets(game: ExtensiveGame, player: number): InformationSet[] {
  return game.infosets.filter((i) => i.player === player);
}

/** A behaviour strategy profile: for each player, for each of their information sets, a probability per action. */
export type BehaviourProfile = readonly (readonly (readonly Num[])[])[];

/**
 * The expected payoff of every player when each personal node plays `choose(node)` (action probabilities) and
 * chance plays its probabilities.
 */
export function expectedTreePayoffs(game: ExtensiveGame, choose: (node: TreeNode) => readonly Num[]): Num[] {
  const value = (index: number): Num[] => {
    const node = game.nodes[index]!;
    const own = node.outcome === undefined ? game.players.map(() => ZERO) : [...game.outcomes[node.outcome]!.payoffs];
    if (node.kind === "terminal") return own;
    const probs = node.kind === "chance" ? game.infosets[node.infoset!]!.probabilities! : choose(node);
    node.children.forEach((child, a) => {
      const p = probs[a]!;
      if (isZero(p)) return;
      value(child).forEach((v, i) => (own[i] = add(own[i]!, mul(p, v))));
    });
    return own;
  };
  return value(0);
}
