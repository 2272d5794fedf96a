import { num, formatNum, ZERO, type Num } from "../core/num.js";
import { Rational } from "../core/rational.js";
import { GameError } from "../errors.js";
import { strategicGame, type StrategicGame } from "../normal-form/strategic-game.js";
import { normaliseLabels, tokenize, TokenStream } from "./gambit-lexer.js";

function readNumber(stream: TokenStream, what: string): Num {
  const t = stream.expect("number", what);
  try {
    return num(Rational.parse(t.text));
  } catch {
    return stream.fail(`"${t.text}" is not a number`, t);
  }
}

/**
 * Reads Gambit's strategic game format (`NFG 1 R "title" { players } …`), both versions: the payoff version (a
 * flat list of payoffs per contingency) and the outcome version (named outcomes, then one outcome index per
 * contingency, 0 meaning all-zero). Contingencies run with the first player's strategy fastest. Numbers are read
 * exactly.
 */
export function parseNfg(source: string): StrategicGame {
  const s: TokenStream = new TokenStream(tokenize(source, "nfg"), "nfg");
  const magic = s.next();
  if (magic.kind !== "symbol" || magic.text !== "NFG")
    s.fail("expected NFG at the start of a strategic game file", magic);
  const version = s.next();
  if (version.kind !== "number" || version.text !== "1") s.fail("only NFG version 1 is supported", version);
  const kind = s.next();
  if (kind.kind !== "symbol" || (kind.text !== "R" && kind.text !== "D")) s.fail("expected R (or D) after NFG 1", kind);
  const title = s.expect("text", "the game's title").text;

  s.expect("{", "'{' before the player names");
  const players: string[] = [];
  while (s.peek().kind === "text") players.push(s.next().text);
  s.expect("}", "'}' after the player names");
  if (players.length === 0) s.fail("a game needs at least one player");

  s.expect("{", "'{' before the strategies");
  const strategies: string[][] = [];
  if (s.peek().kind === "{") {
    for (let p = 0; p < players.length; p++) {
      s.expect("{", `'{' before the strategies of player ${p + 1}`);
      const labels: string[] = [];
      while (s.peek().kind === "text") labels.push(s.next().text);
      s.expect("}", "'}' after a strategy list");
      strategies.push(labels);
    }
  } else {
    for (let p = 0; p < players.length; p++) {
      const t = s.expect("number", `the number of strategies of player ${p + 1}`);
      const count = Number(t.text);
      if (!Number.isInteger(count) || count < 1) s.fail(`"${t.text}" is not a positive number of strategies`, t);
      strategies.push(Array.from({ length: count }, (_, i) => String(i + 1)));
    }
  }
  s.expect("}", "'}' after the strategies");
  strategies.forEach((labels, p) => {
    if (labels.length === 0) s.fail(`player ${p + 1} has no strategies`);
  });
  const comment = s.peek().kind === "text" ? s.next().text : "";

  const size = strategies.reduce((a, l) => a * l.length, 1);
  const n = players.length;
  const payoffs: Num[][] = [];
  if (s.peek().kind === "{") {
    s.next();
    const outcomes: Num[][] = [];
    while (s.peek().kind === "{") {
      s.next();
      s.expect("text", "an outcome label");
      const row: Num[] = [];
      for (let p = 0; p < n; p++) {
        row.push(readNumber(s, `payoff ${p + 1} of outcome ${outcomes.length + 1}`));
        s.accept(",");
      }
      s.expect("}", `'}' after the ${n} payoffs of outcome ${outcomes.length + 1}`);
      outcomes.push(row);
    }
    s.expect("}", "'}' after the outcomes");
    for (let c = 0; c < size; c++) {
      const t = s.expect("number", `the outcome of contingency ${c + 1} of ${size}`);
      const index = Number(t.text);
      if (!Number.isInteger(index) || index < 0 || index > outcomes.length)
        s.fail(`outcome ${t.text} is not defined (there are ${outcomes.length})`, t);
      payoffs.push(index === 0 ? players.map(() => ZERO) : outcomes[index - 1]!);
    }
  } else {
    for (let c = 0; c < size; c++) {
      const row: Num[] = [];
      for (let p = 0; p < n; p++) row.push(readNumber(s, `payoff ${p + 1} of contingency ${c + 1} of ${size}`));
      payoffs.push(row);
    }
  }
  if (s.peek().kind !== "eof") s.fail(`unexpected "${s.peek().text}" after the last contingency`);
  try {
    return strategicGame({
      title,
      comment,
      players: normaliseLabels(players),
      strategies: strategies.map(normaliseLabels),
      payoffs,
    });
  } catch (e) {
    if (e instanceof GameError) throw new GameError("nfg.invalid", e.message, e.context);
    throw e;
  }
}

const quote = (s: string) => `"${s.replace(/"/g, '\\"')}"`;

/** Writes the payoff version of the format (exact numbers stay exact). */
export function writeNfg(game: StrategicGame): string {
  const lines = [
    `NFG 1 R ${quote(game.title)} { ${game.players.map(quote).join(" ")} }`,
    "",
    "{ " + game.strategies.map((s) => `{ ${s.map(quote).join(" ")} }`).join("\n") + "\n}",
    quote(game.comment),
    "",
    game.payoffs.map((row) => row.map(formatNum).join(" ")).join(" "),
    "",
  ];
  return lines.join("\n");
}
