import { GameError } from "../errors.js";

export type TokenKind = "number" | "text" | "symbol" | "{" | "}" | "," | "eof";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The tokens of Gambit's classic save files (.nfg, .efg): braces, commas, numbers (integers, decimals with
 * exponents, fractions "1/3"), double-quoted labels (with \" escapes, possibly spanning lines) and bare symbols
 * (NFG, EFG, R, c, p, t).
 */
export function tokenize(source: string, format: "nfg" | "efg"): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let lineStart = 0;
  const fail = (message: string): never => {
    throw new GameError(`${format}.syntax`, `line ${line}:${i - lineStart + 1}: ${message}`, {
      line,
      column: i - lineStart + 1,
    });
  };
  const number = /[+-]?(?:\d+\/\d+|\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)/y;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "\n") {
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const at = { line, column: i - lineStart + 1 };
    if (c === "{" || c === "}" || c === ",") {
      tokens.push({ kind: c, text: c, ...at });
      i++;
      continue;
    }
    if (c === '"') {
      let text = "";
      i++;
      for (;;) {
        if (i >= source.length) fail("end of file inside a quoted label");
        const d = source[i]!;
        if (d === "\\" && source[i + 1] === '"') {
          text += '"';
          i += 2;
          continue;
        }
        if (d === '"') break;
        if (d === "\n") {
          line++;
          lineStart = i + 1;
        }
        text += d;
        i++;
      }
      i++;
      tokens.push({ kind: "text", text, ...at });
      continue;
    }
    number.lastIndex = i;
    const m = /[\d+.-]/.test(c) ? number.exec(source) : null;
    if (m) {
      tokens.push({ kind: "number", text: m[0], ...at });
      i += m[0].length;
      continue;
    }
    let text = "";
    while (i < source.length && !/[\s{},"]/.test(source[i]!)) text += source[i++];
    tokens.push({ kind: "symbol", text, ...at });
  }
  tokens.push({ kind: "eof", text: "", line, column: i - lineStart + 1 });
  return tokens;
}

/** A cursor over tokens with errors that say where and what was expected. */
export class TokenStream {
  private at = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly format: "nfg" | "efg",
  ) {}

  peek(): Token {
    return this.tokens[this.at]!;
  }
  next(): Token {
    const t = this.tokens[this.at]!;
    if (t.kind !== "eof") this.at++;
    return t;
  }
  fail(message: string, token = this.peek()): never {
    throw new GameError(`${this.format}.syntax`, `line ${token.line}:${token.column}: ${message}`, {
      line: token.line,
      column: token.column,
      found: token.text,
    });
  }
  expect(kind: TokenKind, what: string): Token {
    const t = this.peek();
    if (t.kind !== kind) this.fail(`expected ${what}, found ${t.kind === "eof" ? "end of file" : `"${t.text}"`}`);
    return this.next();
  }
  accept(kind: TokenKind): boolean {
    if (this.peek().kind !== kind) return false;
    this.next();
    return true;
  }
}

/**
 * Gambit's label normalisation: empty and repeated labels get "_n" suffixes so that the labels of one scope are
 * distinct and non-empty (as Gambit does when it reads a file).
 */
export function normaliseLabels(labels: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const used = new Set(labels);
  const visited = new Map<string, number>();
  return labels.map((label) => {
    if (counts.get(label) === 1 && label !== "") return label;
    let candidate: string;
    do {
      const n = (visited.get(label) ?? 0) + 1;
      visited.set(label, n);
      candidate = `${label}_${n}`;
    } while (used.has(candidate));
    used.add(candidate);
    return candidate;
  });
}
