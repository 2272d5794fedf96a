import { ONE, ZERO, type Num } from "../core/num.js";
import { strategicGame, type StrategicGame } from "../normal-form/strategic-game.js";
import { expectedTreePayoffs, playerInfosets, type ExtensiveGame } from "./extensive-game.js";

/** A reduced pure strategy: an action index for every information set it can reach; unreachable ones are omitted. */
export type ReducedStrategy = ReadonlyMap<number, number>;

/**
 * The reduced pure strategies of a player: choices at information sets that the player's own earlier choices
 * make unreachable are left out, so strategies that differ only there are one (as in Gambit's reduced strategic
 * form). Found by branching on the first reachable unassigned information set.
 */
export function reducedStrategies(game: ExtensiveGame, player: number): ReducedStrategy[] {
  const out: ReducedStrategy[] = [];
  const expand = (assigned: Map<number, number>) => {
    let open: number | undefined;
    const walk = (index: number) => {
      const node = game.nodes[index]!;
      if (node.kind === "terminal") return;
      if (node.kind === "personal" && node.player === player) {
        const a = assigned.get(node.infoset!);
        if (a === undefined) {
          if (open === undefined || node.infoset! < open) open = node.infoset!;
          return;
        }
        return walk(node.children[a]!);
      }
      node.children.forEach(walk);
    };
    walk(0);
    if (open === undefined) return void out.push(new Map(assigned));
    const infoset = open;
    game.infosets[infoset]!.actions.forEach((_, a) => {
      assigned.set(infoset, a);
      expand(assigned);
      assigned.delete(infoset);
    });
  };
  expand(new Map());
  return out;
}

/** "Raise/*": the action at each of the player's information sets in order, "*" where the strategy does not reach. */
export function strategyLabel(game: ExtensiveGame, player: number, strategy: ReducedStrategy): string {
  return playerInfosets(game, player)
    .map((i) => {
      const a = strategy.get(i.index);
      return a === undefined ? "*" : i.actions[a]!;
    })
    .join("/");
}

/** The reduced strategic form: reduced pure strategies and their expected payoffs (chance moves averaged). */
export function reducedStrategicForm(game: ExtensiveGame): { game: StrategicGame; strategies: ReducedStrategy[][] } {
  const strategies = game.players.map((_, p) => reducedStrategies(game, p));
  const sizes = strategies.map((s) => s.length);
  const total = sizes.reduce((a, b) => a * b, 1);
  const payoffs: Num[][] = [];
  for (let c = 0; c < total; c++) {
    let rest = c;
    const profile = sizes.map((k) => {
      const s = rest % k;
      rest = Math.floor(rest / k);
      return s;
    });
    payoffs.push(
      expectedTreePayoffs(game, (node) => {
        const chosen = strategies[node.player!]![profile[node.player!]!]!.get(node.infoset!);
        return game.infosets[node.infoset!]!.actions.map((_, a) => (a === chosen ? ONE : ZERO));
      }),
    );
  }
  return {
    game: strategicGame({
      title: game.title,
      comment: game.comment,
      players: game.players,
      strategies: strategies.map((list, p) => list.map((s) => strategyLabel(game, p, s))),
      payoffs,
    }),
    strategies,
  };
}
