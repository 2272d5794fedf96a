import { Dist } from "../core/dist.js";
import { add, ZERO, type Num } from "../core/num.js";
import { GameError } from "../errors.js";
import { decision, identity, lens, payoffs, stochastic } from "../engine/atoms.js";
import { choice, parallel, sequence } from "../engine/compose.js";
import type { AnyGame, OpenGame, Strategy } from "../engine/game.js";
import type { BehaviourProfile, ExtensiveGame, TreeNode } from "./extensive-game.js";

/** The open game of a tree, with the decision id of each personal information set. */
export interface TreeOpenGame {
  readonly game: OpenGame<null, null, number, null, Record<string, Strategy<string, string>>>;
  /** Decision id by information set index (personal information sets only). */
  readonly decisionOf: ReadonlyMap<number, string>;
  /** The observation a decision sees: one per information set, so the information set is what it observes. */
  readonly observationOf: ReadonlyMap<number, string>;
  /** Orders the personal information sets so that every one comes after all that can precede it. */
  readonly order: readonly number[];
}

/** Information sets ordered by precedence (some node of I is an ancestor of some node of J ⇒ I before J). */
function precedenceOrder(game: ExtensiveGame): number[] {
  const personal = game.infosets.filter((i) => i.player !== "chance").map((i) => i.index);
  const after = new Map<number, Set<number>>(personal.map((i) => [i, new Set<number>()]));
  const indegree = new Map<number, number>(personal.map((i) => [i, 0]));
  for (const node of game.nodes) {
    if (node.kind !== "personal") continue;
    for (let up = node.parent; up !== undefined; up = game.nodes[up]!.parent) {
      const anc = game.nodes[up]!;
      if (anc.kind !== "personal") continue;
      if (anc.infoset === node.infoset)
        throw new GameError(
          "efg.unsupported",
          `information set ${game.infosets[node.infoset!]!.number} of player ${node.player! + 1} contains a node and its descendant (absent-mindedness)`,
          { infoset: game.infosets[node.infoset!]!.number },
        );
      const set = after.get(anc.infoset!)!;
      if (!set.has(node.infoset!)) {
        set.add(node.infoset!);
        indegree.set(node.infoset!, indegree.get(node.infoset!)! + 1);
      }
    }
  }
  const order: number[] = [];
  const ready = personal.filter((i) => indegree.get(i) === 0);
  while (ready.length > 0) {
    ready.sort((a, b) => a - b);
    const i = ready.shift()!;
    order.push(i);
    for (const j of after.get(i)!) {
      indegree.set(j, indegree.get(j)! - 1);
      if (indegree.get(j) === 0) ready.push(j);
    }
  }
  if (order.length !== personal.length)
    throw new GameError(
      "efg.unsupported",
      "the information sets cannot be ordered in time (one precedes another on one path and follows it on another)",
      {},
    );
  return order;
}

/** Payoffs accumulated from the root to each node (Gambit's outcomes are incremental along a path). */
function pathPayoffs(game: ExtensiveGame): Num[][] {
  const totals: Num[][] = [];
  for (const node of game.nodes) {
    const base = node.parent === undefined ? game.players.map(() => ZERO) : totals[node.parent]!;
    const own = node.outcome === undefined ? undefined : game.outcomes[node.outcome]!.payoffs;
    totals.push(own ? base.map((v, i) => add(v, own[i]!)) : base);
  }
  return totals;
}

/**
 * Builds the open game of an extensive-form game. The state on the wire is the current node. Every personal
 * information set becomes one decision (its observation is the information set itself, so its nodes are
 * indistinguishable to it and Bayes' rule over them gives the beliefs), placed in a stage of its own in an order
 * compatible with the tree; a stage branches between "the play is at this information set" and "pass". Chance
 * moves are resolved by nature as soon as they are reached; terminal payoffs are attributed by player at the end.
 */
export function treeOpenGame(game: ExtensiveGame): TreeOpenGame {
  const order = precedenceOrder(game);
  const totals = pathPayoffs(game);
  const resolve = (index: number): Dist<number> => {
    const node = game.nodes[index]!;
    if (node.kind !== "chance") return Dist.certain(index);
    const probs = game.infosets[node.infoset!]!.probabilities!;
    return Dist.fromWeights(node.children.map((c, a) => [c, probs[a]!] as const)).bind(resolve);
  };
  const decisionOf = new Map<number, string>();
  const observationOf = new Map<number, string>();
  const stages: AnyGame[] = [stochastic(() => resolve(0))];
  for (const i of order) {
    const infoset = game.infosets[i]!;
    const player = game.players[infoset.player as number]!;
    const id = `${player}:${infoset.number}`;
    const observation = `information set ${infoset.number}${infoset.label ? ` (${infoset.label})` : ""}`;
    decisionOf.set(i, id);
    observationOf.set(i, observation);
    const members = new Set(infoset.nodes);
    const move = sequence(
      lens<number, null, [number, string], [null, null]>(
        (node) => [node, observation],
        () => null,
      ),
      parallel(identity<number, null>(), decision(id, { player, actions: infoset.actions })),
      lens<[number, string], [null, Num], number, null>(
        ([node, action]) => game.nodes[node]!.children[infoset.actions.indexOf(action)]!,
        // Payoffs are attributed at the end of the tree, so the utility flowing back to the decision is 0.
        () => [null, ZERO],
      ),
      stochastic(resolve),
    );
    stages.push(
      sequence(
        lens<number, null, { tag: "move" | "pass"; value: number }, null>(
          (node) => ({ tag: members.has(node) ? "move" : "pass", value: node }),
          (_x, r) => r,
        ),
        choice({ move, pass: identity<number, null>() }) as AnyGame,
        lens<{ tag: string; value: number }, null, number, null>(
          (t) => t.value,
          (_x, r) => r,
        ),
      ),
    );
  }
  stages.push(
    payoffs((node: number) => {
      if (game.nodes[node]!.kind !== "terminal")
        throw new GameError("efg.internal", `play ended at non-terminal node ${node}`, { node });
      return Object.fromEntries(game.players.map((p, i) => [p, totals[node]![i]!]));
    }),
  );
  const whole = stages.reduce((a, b) => sequence(a, b) as AnyGame);
  return { game: whole as TreeOpenGame["game"], decisionOf, observationOf, order };
}

/** The open-game profile of a behaviour profile (per player, per information set in file order, per action). */
export function behaviourStrategies(
  game: ExtensiveGame,
  tree: TreeOpenGame,
  profile: BehaviourProfile,
): Record<string, Strategy<string, string>> {
  const strategies: Record<string, Strategy<string, string>> = {};
  game.players.forEach((player, p) => {
    const own = game.infosets.filter((i) => i.player === p);
    const given = profile[p];
    if (!given || given.length !== own.length)
      throw new GameError(
        "profile.shape",
        `player "${player}" has ${own.length} information sets but the profile gives ${given?.length ?? 0}`,
        { player },
      );
    own.forEach((infoset, k) => {
      const probs = given[k]!;
      if (probs.length !== infoset.actions.length)
        throw new GameError(
          "profile.shape",
          `information set ${infoset.number} of "${player}" has ${infoset.actions.length} actions but the profile gives ${probs.length} probabilities`,
          { player, infoset: infoset.number },
        );
      const d = Dist.fromProbabilities(infoset.actions.map((a, j) => [a, probs[j]!] as const));
      strategies[tree.decisionOf.get(infoset.index)!] = () => d;
    });
  });
  return strategies;
}

/** "Red → Raise": the actions from the root to a node. */
export function historyOf(game: ExtensiveGame, index: number): string {
  const steps: string[] = [];
  for (let n: TreeNode = game.nodes[index]!; n.parent !== undefined; n = game.nodes[n.parent]!) {
    const parent = game.nodes[n.parent]!;
    steps.unshift(game.infosets[parent.infoset!]!.actions[parent.children.indexOf(n.index)]!);
  }
  return steps.length === 0 ? "(root)" : steps.join(" → ");
}
