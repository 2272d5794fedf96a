import { compare, formatNum, num, ONE, sum, type Num } from "../core/num.js";
import { Rational } from "../core/rational.js";
import type { ExtensiveGame, InformationSet, Outcome, TreeNode } from "../extensive-form/extensive-game.js";
import { normaliseLabels, tokenize, TokenStream } from "./gambit-lexer.js";

interface MutableNode {
  index: number;
  label: string;
  kind: TreeNode["kind"];
  player?: number;
  infoset?: number;
  children: number[];
  outcome?: number;
  parent?: number;
}

/**
 * Reads Gambit's extensive game format (`EFG 2 R "title" { players } "comment"` then the nodes in prefix order:
 * `c` chance, `p` personal, `t` terminal). Information sets and outcomes may be declared once and referred to by
 * number afterwards; a repeated declaration must match. Numbers are exact.
 */
export function parseEfg(source: string): ExtensiveGame {
  const s: TokenStream = new TokenStream(tokenize(source, "efg"), "efg");
  const magic = s.next();
  if (magic.kind !== "symbol" || magic.text !== "EFG")
    s.fail("expected EFG at the start of an extensive game file", magic);
  const version = s.next();
  if (version.kind !== "number" || version.text !== "2") s.fail("only EFG version 2 is supported", version);
  const kind = s.next();
  if (kind.kind !== "symbol" || (kind.text !== "R" && kind.text !== "D")) s.fail("expected R (or D) after EFG 2", kind);
  const title = s.expect("text", "the game's title").text;
  s.expect("{", "'{' before the player names");
  const players: string[] = [];
  while (s.peek().kind === "text") players.push(s.next().text);
  s.expect("}", "'}' after the player names");
  const comment = s.peek().kind === "text" ? s.next().text : "";

  const nodes: MutableNode[] = [];
  const infosets: (Omit<InformationSet, "nodes"> & { nodes: number[] })[] = [];
  const infosetByKey = new Map<string, number>();
  const outcomes: Outcome[] = [];
  const outcomeByNumber = new Map<number, number>();

  const readNumber = (what: string): Num => {
    const t = s.expect("number", what);
    try {
      return num(Rational.parse(t.text));
    } catch {
      return s.fail(`"${t.text}" is not a number`, t);
    }
  };
  const readInteger = (what: string, min: number): number => {
    const t = s.expect("number", what);
    const v = Number(t.text);
    if (!Number.isInteger(v) || v < min) s.fail(`${what} must be an integer ≥ ${min}, found "${t.text}"`, t);
    return v;
  };

  const readOutcome = (node: MutableNode) => {
    const at = s.peek();
    const number = readInteger("an outcome number", 0);
    if (s.peek().kind === "text") {
      if (number === 0) s.fail("the null outcome 0 cannot have a label or payoffs", at);
      const label = s.next().text;
      s.expect("{", "'{' before the outcome's payoffs");
      const payoffs: Num[] = [];
      for (let p = 0; p < players.length; p++) {
        payoffs.push(readNumber(`payoff ${p + 1} of outcome ${number}`));
        s.accept(",");
      }
      s.expect("}", `'}' after the ${players.length} payoffs of outcome ${number}`);
      const known = outcomeByNumber.get(number);
      if (known === undefined) {
        outcomeByNumber.set(number, outcomes.length);
        outcomes.push({ label, payoffs });
      } else {
        const old = outcomes[known]!;
        if (old.label !== label || old.payoffs.some((v, i) => compare(v, payoffs[i]!) !== 0))
          s.fail(`outcome ${number} does not match its earlier definition`, at);
      }
    } else if (number !== 0 && !outcomeByNumber.has(number))
      s.fail(`outcome ${number} is used before it is defined`, at);
    if (number !== 0) node.outcome = outcomeByNumber.get(number)!;
  };

  const readInfoset = (node: MutableNode, owner: number | "chance") => {
    const at = s.peek();
    const number = readInteger("an information set number", 1);
    const key = `${owner}:${number}`;
    let index = infosetByKey.get(key);
    if (s.peek().kind === "text") {
      const label = s.next().text;
      s.expect("{", "'{' before the actions");
      const actions: string[] = [];
      const probabilities: Num[] = [];
      while (s.peek().kind === "text") {
        actions.push(s.next().text);
        if (owner === "chance") probabilities.push(readNumber(`the probability of action "${actions.at(-1)}"`));
      }
      s.expect("}", "'}' after the actions");
      if (actions.length === 0) s.fail(`information set ${number} has no actions`, at);
      const normalised = normaliseLabels(actions);
      if (index === undefined) {
        if (owner === "chance") {
          if (probabilities.some((p) => compare(p, 0) < 0) || compare(sum(probabilities), ONE) !== 0)
            s.fail(`chance probabilities must be ≥ 0 and sum to 1 (they sum to ${formatNum(sum(probabilities))})`, at);
        }
        index = infosets.length;
        infosetByKey.set(key, index);
        infosets.push({
          index,
          player: owner,
          number,
          label,
          actions: normalised,
          ...(owner === "chance" ? { probabilities } : {}),
          nodes: [],
        });
      } else {
        const old = infosets[index]!;
        const same =
          old.label === label &&
          old.actions.length === normalised.length &&
          old.actions.every((a, i) => a === normalised[i]) &&
          (owner !== "chance" || old.probabilities!.every((p, i) => compare(p, probabilities[i]!) === 0));
        if (!same) s.fail(`information set ${number} does not match its earlier definition`, at);
      }
    } else if (index === undefined) s.fail(`information set ${number} is used before it is defined`, at);
    node.infoset = index;
    infosets[index]!.nodes.push(node.index);
  };

  const readNode = (parent: number | undefined): number => {
    const t = s.next();
    if (t.kind !== "symbol" || !["c", "p", "t"].includes(t.text))
      s.fail(`expected a node (c, p or t), found ${t.kind === "eof" ? "end of file" : `"${t.text}"`}`, t);
    const node: MutableNode = {
      index: nodes.length,
      label: s.expect("text", "the node's label").text,
      kind: t.text === "c" ? "chance" : t.text === "p" ? "personal" : "terminal",
      children: [],
      ...(parent !== undefined ? { parent } : {}),
    };
    nodes.push(node);
    if (node.kind === "personal") {
      const pt = s.peek();
      const player = readInteger("a player number", 1);
      if (player > players.length) s.fail(`player ${player} does not exist (there are ${players.length})`, pt);
      node.player = player - 1;
      readInfoset(node, player - 1);
    } else if (node.kind === "chance") readInfoset(node, "chance");
    readOutcome(node);
    if (node.kind !== "terminal") {
      const count = infosets[node.infoset!]!.actions.length;
      for (let a = 0; a < count; a++) node.children.push(readNode(node.index));
    }
    return node.index;
  };

  readNode(undefined);
  if (s.peek().kind !== "eof") s.fail(`unexpected "${s.peek().text}" after the last node of the tree`);
  return {
    title,
    comment,
    players: normaliseLabels(players),
    nodes,
    infosets,
    outcomes,
  };
}
