import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { PlurigridError } from "../errors.js";
import { InvalidInputError } from "../market/errors.js";
import { clearingToJson, formatClearing } from "../market/mechanisms/clearing_report.js";
import { clearMarket, MECHANISM_NAMES } from "../market/mechanisms/registry.js";
import { parseOrderBook } from "../market/orders/orders_json.js";
import { ppmFromFraction } from "../market/units/price.js";
import { parseScenario } from "../market/scenario/parse_scenario.js";
import { allParticipants } from "../market/scenario/scenario.js";
import { simulate } from "../market/simulation/simulate.js";
import { formatSimulation, simulationToJson } from "../market/results/simulation_report.js";
import { addMarketAnalysisCommands } from "./market_analysis.js";
import { addMarketGameCommands } from "./market_game.js";

/** Reads and parses a JSON input file; a missing file or bad JSON is a typed error naming the file. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code;
    if (errno === "ENOENT") throw new PlurigridError("file.not_found", `no such file: ${file}`, { file });
    throw new PlurigridError("file.unreadable", `cannot read ${file}: ${(err as Error).message}`, { file, errno });
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InvalidInputError("json_invalid", `${file} is not valid JSON: ${(err as Error).message}`, { file });
  }
}

/**
 * `plurigrid market clear ORDERS.json --mechanism NAME [--k K] [--json]`: clears one order book with one of the
 * six mechanisms and prints the trades, the clearing price where one exists, welfare, and (VCG) payments and the
 * deficit. `plurigrid market simulate` lives beside it (registered by registerMarketSimulate).
 */
export function registerMarket(program: Command, setExit: (code: number) => void): void {
  const market = program.command("market").description("energy markets: clear order books, simulate communities");
  market
    .command("clear")
    .description("clear an order book with a market mechanism")
    .argument("<orders>", 'JSON file: {"bids":[{"id","participant","energy","price"}],"offers":[...]}')
    .option("--mechanism <name>", `one of ${MECHANISM_NAMES.join(", ")}`, "pay-as-clear")
    .option("--k <fraction>", "k-double only: where in the crossing interval the price sits, 0..1", "0.5")
    .option("--json", "print the clearing as JSON")
    .action(async (file: string, opts: { mechanism: string; k: string; json?: boolean }) => {
      const book = parseOrderBook(await readJsonFile(file));
      const result = clearMarket(book, opts.mechanism, { k: ppmFromFraction(opts.k, "--k") });
      if (opts.json) {
        const json = clearingToJson(result);
        process.stdout.write(
          JSON.stringify(book.currency ? { currency: book.currency, ...json } : json, null, 2) + "\n",
        );
      } else process.stdout.write(formatClearing(result, book.currency));
      setExit(0);
    });
  market
    .command("simulate")
    .description("run a community scenario and print KPIs and bills with and without the local market")
    .argument("<scenario>", "scenario JSON file (see examples/)")
    .option("--days <n>", "simulate this many days instead of the scenario's own horizon")
    .option("--json", "print the result as JSON")
    .action(async (file: string, opts: { days?: string; json?: boolean }) => {
      const scenario = parseScenario(await readJsonFile(file));
      const days = opts.days === undefined ? scenario.days : parseDays(opts.days);
      const result = simulate(scenario, { days, onDay: progressReporter("simulated", days) });
      if (opts.json) process.stdout.write(JSON.stringify(simulationToJson(result), null, 2) + "\n");
      else process.stdout.write(formatSimulation(result, allParticipants(scenario.market)));
      setExit(0);
    });
  addMarketAnalysisCommands(market, setExit);
  addMarketGameCommands(market, setExit);
}

/** `--days` as a whole number of days ≥ 1. */
export function parseDays(text: string): number {
  const days = Number(text);
  if (!Number.isInteger(days) || days < 1)
    throw new InvalidInputError("option_invalid", `--days must be a whole number of days ≥ 1, got "${text}"`, {
      days: text,
    });
  return days;
}

/**
 * Progress on stderr for long runs (a month or more): one line per tenth of the horizon, so stdout stays clean for
 * tables and JSON.
 */
export function progressReporter(what: string, total: number, label = "") {
  if (total < 28) return undefined;
  const step = Math.max(1, Math.round(total / 10));
  return (done: number) => {
    if (done % step === 0 || done === total) process.stderr.write(`${label}${what} ${done}/${total} days\n`);
  };
}
