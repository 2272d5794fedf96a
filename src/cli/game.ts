import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Command } from "commander";
import { canonicalKey } from "../games/core/keys.js";
import { compare, isExact, isZero, ZERO, type Num } from "../games/core/num.js";
import type { DecisionDiagnostic } from "../games/engine/game.js";
import { GameError } from "../games/errors.js";
import { checkBehaviourProfile, type TreeCheckReport } from "../games/extensive-form/check.js";
import type { ExtensiveGame } from "../games/extensive-form/extensive-game.js";
import { reducedStrategicForm } from "../games/extensive-form/strategic-form.js";
import { parseEfg } from "../games/formats/efg.js";
import { parseNfg } from "../games/formats/nfg.js";
import { parseBehaviourProfile, parseMixedProfile } from "../games/formats/profile.js";
import { equilibriumComponents } from "../games/normal-form/components.js";
import { checkStrategicProfile } from "../games/normal-form/open-game.js";
import { solve, SOLVE_METHODS, type Solution, type SolveMethod } from "../games/normal-form/solvers.js";
import type { StrategicGame } from "../games/normal-form/strategic-game.js";

type Loaded = { kind: "nfg"; game: StrategicGame } | { kind: "efg"; game: ExtensiveGame };

/** Reads a Gambit file; the extension picks the format. */
export async function loadGameFile(file: string): Promise<Loaded> {
  const ext = extname(file).toLowerCase();
  if (ext !== ".nfg" && ext !== ".efg")
    throw new GameError("file.unknown_format", `${file}: expected a Gambit .nfg or .efg file`, { file });
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code;
    throw new GameError(
      errno === "ENOENT" ? "file.not_found" : "file.unreadable",
      errno === "ENOENT" ? `no such file: ${file}` : `cannot read ${file}: ${(err as Error).message}`,
      { file, errno },
    );
  }
  try {
    return ext === ".nfg" ? { kind: "nfg", game: parseNfg(text) } : { kind: "efg", game: parseEfg(text) };
  } catch (err) {
    if (err instanceof GameError) throw new GameError(err.code, `${file}: ${err.message}`, { file, ...err.context });
    throw err;
  }
}

/** Exact numbers as strings ("1/2"), floats as numbers: the JSON form of `game solve --json`. */
const jsonNum = (x: Num): string | number => (isExact(x) ? x.toString() : x);
const show = (x: Num): string => (isExact(x) ? x.toString() : Number(x.toPrecision(6)).toString());

/** "Opera" for a pure strategy, "3/5 Opera + 2/5 Football" for a mixed one; numeric labels read "#2". */
function describeMixture(labels: readonly string[], probs: readonly Num[]): string {
  const name = (l: string) => (/^\d+$/.test(l) ? `#${l}` : l);
  const support = labels.flatMap((l, i) => (isZero(probs[i]!) ? [] : [[name(l), probs[i]!] as const]));
  if (support.length === 1 && compare(support[0]![1], 1) === 0) return support[0]![0];
  return support.map(([l, p]) => `${show(p)} ${l}`).join(" + ");
}

export function formatSolution(title: string, game: StrategicGame, solution: Solution, fromTree: boolean): string {
  const lines = [
    `${title}`,
    `${game.players.length} players: ${game.players.map((p, i) => `${p} (${game.strategies[i]!.join(", ")})`).join("; ")}`,
    ...(fromTree
      ? ["strategies are those of the reduced strategic form: one action per information set, * where unreached"]
      : []),
    `method: ${solution.method} — ${solution.completeness}${solution.exact ? ", exact" : ", floating point"}`,
    `${solution.equilibria.length} equilibri${solution.equilibria.length === 1 ? "um" : "a"}${solution.equilibria.length > 0 ? ":" : ""}`,
  ];
  const width = Math.max(...game.players.map((p) => p.length));
  solution.equilibria.forEach((e, k) => {
    game.players.forEach((p, i) => {
      const head = i === 0 ? `${String(k + 1).padStart(3)}. ` : "     ";
      lines.push(`${head}${(p + ":").padEnd(width + 1)} ${describeMixture(game.strategies[i]!, e.profile[i]!)}`);
    });
    lines.push(`     payoffs: ${game.players.map((p, i) => `${p} ${show(e.payoffs[i]!)}`).join(", ")}`);
  });
  if (solution.method === "enummixed") {
    // Continua of equilibria: every mixture of a component's row strategies against its column strategies.
    const components = equilibriumComponents(solution.equilibria).filter((c) => c.rows.length + c.columns.length > 2);
    if (components.length > 0) {
      lines.push(
        "convex sets of equilibria (in each, every player may mix the listed strategies, whatever the other mixes):",
      );
      components.forEach((c, k) => {
        lines.push(
          `${String(k + 1).padStart(3)}. ${game.players[0]}: ${c.rows.map((x) => describeMixture(game.strategies[0]!, x)).join("  |  ")}`,
        );
        lines.push(
          `     ${game.players[1]}: ${c.columns.map((y) => describeMixture(game.strategies[1]!, y)).join("  |  ")}`,
        );
      });
    }
  }
  return lines.join("\n") + "\n";
}

function formatDiagnostic(
  d: DecisionDiagnostic,
  histories?: readonly { history: string; probability: Num }[],
): string[] {
  const verdict = d.equilibrium ? "ok" : `deviation pays (${d.selection})`;
  const where = d.observation === null ? "" : ` at ${String(d.observation)}`;
  const path = d.onPath ? `reached with probability ${show(d.reachProbability)}` : "off the path";
  const lines = [`  ${d.player}${where} — ${path}: ${verdict}`];
  if (histories && histories.length > 0)
    lines.push(`    beliefs: ${histories.map((h) => `${h.history} ${show(h.probability)}`).join(", ")}`);
  const playing = d.strategy.outcomes.filter((o) => o.order === 0);
  lines.push(
    `    plays ${playing.map((o) => (playing.length === 1 ? String(o.value) : `${show(o.probability)} ${String(o.value)}`)).join(" + ")}, expects ${show(d.currentPayoff)}; best ${d.bestActions.map(String).join(" / ")} expects ${show(d.bestPayoff)} (gain ${show(d.gain)})`,
  );
  const width = Math.max(...d.alternatives.map((a) => String(a.action).length));
  const played = new Set(playing.map((o) => canonicalKey(o.value)));
  for (const a of d.alternatives) {
    const marks = [
      played.has(canonicalKey(a.action)) ? "played" : "",
      compare(a.payoff, d.bestPayoff) === 0 ? "best" : "",
    ].filter(Boolean);
    lines.push(
      `      if ${String(a.action).padEnd(width)} → ${show(a.payoff)}${marks.length ? `   (${marks.join(", ")})` : ""}`,
    );
  }
  return lines;
}

function diagnosticJson(d: DecisionDiagnostic) {
  return {
    decision: d.decision,
    player: d.player,
    observation: d.observation,
    onPath: d.onPath,
    reachProbability: jsonNum(d.reachProbability),
    strategy: d.strategy.outcomes
      .filter((o) => o.order === 0)
      .map((o) => ({ action: o.value, probability: jsonNum(o.probability) })),
    currentPayoff: jsonNum(d.currentPayoff),
    bestActions: d.bestActions,
    bestPayoff: jsonNum(d.bestPayoff),
    gain: jsonNum(d.gain),
    alternatives: d.alternatives.map((a) => ({ action: a.action, payoff: jsonNum(a.payoff) })),
    selection: d.selection,
    equilibrium: d.equilibrium,
  };
}

function formatTreeCheck(title: string, r: TreeCheckReport, subgamePerfect: boolean): string {
  const lines = [title];
  lines.push(`Nash equilibrium: ${r.nash ? "yes" : "no"}`);
  if (subgamePerfect)
    lines.push(
      `subgame perfect (sequentially rational at every information set): ${r.sequentiallyRational ? "yes" : "no"}`,
    );
  for (const v of r.players)
    lines.push(
      `  ${v.player} expects ${show(v.payoff)}; best strategy ${v.bestStrategy} expects ${show(v.bestPayoff)}${compare(v.gain, ZERO) > 0 ? ` — deviating pays ${show(v.gain)}` : ""}`,
    );
  lines.push("information sets:");
  for (const d of r.informationSets) lines.push(...formatDiagnostic(d, d.histories));
  return lines.join("\n") + "\n";
}

/**
 * `plurigrid game solve FILE.nfg|FILE.efg [--method …] [--json]` and `plurigrid game check FILE --profile P`:
 * equilibria of Gambit files, and equilibrium checks with the counterfactual table of every information set.
 */
export function registerGame(program: Command, setExit: (code: number) => void): void {
  const game = program.command("game").description("open games: solve Gambit .nfg/.efg files, check strategy profiles");
  game
    .command("solve")
    .description("equilibria of a game (.efg files are solved on their reduced strategic form)")
    .argument("<file>", "a Gambit .nfg or .efg file")
    .option("--method <method>", `${SOLVE_METHODS.join(" | ")} (default: enummixed for two players, else enumpure)`)
    .option("--json", 'print {"equilibria":[{"profile":[[…],[…]],"payoffs":[…]}]} (exact numbers as "p/q" strings)')
    .action(async (file: string, opts: { method?: string; json?: boolean }) => {
      const loaded = await loadGameFile(file);
      const strategic = loaded.kind === "nfg" ? loaded.game : reducedStrategicForm(loaded.game).game;
      const method = (opts.method ?? (strategic.players.length === 2 ? "enummixed" : "enumpure")) as SolveMethod;
      if (!SOLVE_METHODS.includes(method))
        throw new GameError(
          "solver.unknown_method",
          `unknown method "${method}"; use one of ${SOLVE_METHODS.join(", ")}`,
          {
            method,
          },
        );
      const solution = solve(strategic, method);
      if (opts.json)
        process.stdout.write(
          JSON.stringify({
            equilibria: solution.equilibria.map((e) => ({
              profile: e.profile.map((s) => s.map(jsonNum)),
              payoffs: e.payoffs.map(jsonNum),
            })),
          }) + "\n",
        );
      else
        process.stdout.write(
          formatSolution(`${strategic.title || file} (${file})`, strategic, solution, loaded.kind === "efg"),
        );
    });
  game
    .command("check")
    .description("is a profile an equilibrium? (exit 0 yes, 1 no); prints every information set's counterfactual table")
    .argument("<file>", "a Gambit .nfg or .efg file")
    .requiredOption(
      "--profile <profile>",
      'JSON probabilities as printed by solve --json (per player; for .efg per player, per information set), or labels: "C,D" for .nfg, "R,r;L" for .efg (";" between players)',
    )
    .option("--subgame-perfect", "also check information sets off the path (trembling-hand beliefs)")
    .option("--json", "print the verdict and diagnostics as JSON")
    .action(async (file: string, opts: { profile: string; subgamePerfect?: boolean; json?: boolean }) => {
      const loaded = await loadGameFile(file);
      if (loaded.kind === "nfg") {
        const g = loaded.game;
        const report = checkStrategicProfile(g, parseMixedProfile(g, opts.profile));
        setExit(report.equilibrium ? 0 : 1);
        if (opts.json) {
          process.stdout.write(
            JSON.stringify(
              { equilibrium: report.equilibrium, diagnostics: report.diagnostics.map(diagnosticJson) },
              null,
              2,
            ) + "\n",
          );
          return;
        }
        const lines = [
          `${g.title || file} (${file})`,
          `Nash equilibrium: ${report.equilibrium ? "yes" : `no — ${report.deviations.length} player${report.deviations.length === 1 ? "" : "s"} would deviate`}`,
          ...report.diagnostics.flatMap((d) => formatDiagnostic(d)),
        ];
        process.stdout.write(lines.join("\n") + "\n");
        return;
      }
      const g = loaded.game;
      const subgamePerfect = opts.subgamePerfect ?? false;
      const report = checkBehaviourProfile(g, parseBehaviourProfile(g, opts.profile), { subgamePerfect });
      const ok = report.nash && (!subgamePerfect || report.sequentiallyRational === true);
      setExit(ok ? 0 : 1);
      if (opts.json) {
        process.stdout.write(
          JSON.stringify(
            {
              equilibrium: ok,
              nash: report.nash,
              ...(subgamePerfect ? { subgamePerfect: report.sequentiallyRational } : {}),
              players: report.players.map((v) => ({
                player: v.player,
                payoff: jsonNum(v.payoff),
                bestStrategy: v.bestStrategy,
                bestPayoff: jsonNum(v.bestPayoff),
                gain: jsonNum(v.gain),
              })),
              diagnostics: report.informationSets.map((d) => ({
                ...diagnosticJson(d),
                beliefs: d.histories.map((h) => ({ history: h.history, probability: jsonNum(h.probability) })),
              })),
            },
            null,
            2,
          ) + "\n",
        );
        return;
      }
      process.stdout.write(formatTreeCheck(`${g.title || file} (${file})`, report, subgamePerfect));
    });
}
