import type { MarketSpec, ParticipantSpec } from "../scenario/scenario.js";

/**
 * The market tree flattened into arrays (pre-order: a market before its children), with every participant's home
 * market and each market's subtree of participants, so per-slot code indexes instead of walking objects.
 */
export interface MarketNode {
  readonly index: number;
  readonly spec: MarketSpec;
  /** −1 for the root. */
  readonly parent: number;
  readonly children: readonly number[];
  readonly depth: number;
  /** Participants anywhere below this market (including its own members). */
  readonly subtree: readonly number[];
}

export interface MarketTree {
  readonly nodes: readonly MarketNode[];
  /** Children before parents: local markets clear first, so local trades get priority. */
  readonly bottomUp: readonly number[];
  readonly participants: readonly ParticipantSpec[];
  /** Participant index → the market it trades in. */
  readonly home: Int32Array;
}

export function buildMarketTree(root: MarketSpec): MarketTree {
  const nodes: {
    index: number;
    spec: MarketSpec;
    parent: number;
    children: number[];
    depth: number;
    subtree: number[];
  }[] = [];
  const participants: ParticipantSpec[] = [];
  const homes: number[] = [];
  const visit = (spec: MarketSpec, parent: number, depth: number): number => {
    const index = nodes.length;
    const node = { index, spec, parent, children: [] as number[], depth, subtree: [] as number[] };
    nodes.push(node);
    for (const member of spec.members) {
      node.subtree.push(participants.length);
      participants.push(member);
      homes.push(index);
    }
    for (const child of spec.children) {
      const c = visit(child, index, depth + 1);
      node.children.push(c);
      node.subtree.push(...nodes[c]!.subtree);
    }
    return index;
  };
  visit(root, -1, 0);
  const bottomUp = nodes.map((n) => n.index).sort((a, b) => nodes[b]!.depth - nodes[a]!.depth || a - b);
  return { nodes, bottomUp, participants, home: Int32Array.from(homes) };
}

/** The markets an order passes from market `from` to the neighbouring market `to` (tree edge): always adjacent. */
export function neighbours(tree: MarketTree, market: number): number[] {
  const node = tree.nodes[market]!;
  return node.parent >= 0 ? [node.parent, ...node.children] : [...node.children];
}
