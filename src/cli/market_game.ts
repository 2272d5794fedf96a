import type { Command } from "commander";
import { prepareScenario } from "../market/analysis/market_game.js";
import { InvalidInputError } from "../market/errors.js";
import { checkEquilibrium } from "../market/game/equilibrium.js";
import {
  equilibriumToJson,
  formatEquilibrium,
  formatRecommendation,
  recommendationToJson,
} from "../market/game/game_report.js";
import { recommend } from "../market/game/recommend.js";
import { parseScenario } from "../market/scenario/parse_scenario.js";
import { parseDays, readJsonFile } from "./market.js";

function parseLevels(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n))
    throw new InvalidInputError("option_invalid", `--levels must be a whole number from 2 to 41, got "${text}"`, {
      levels: text,
    });
  return n;
}

interface GameOptions {
  days?: string;
  levels?: string;
  json?: boolean;
}

async function prepare(file: string, opts: GameOptions) {
  const scenario = parseScenario(await readJsonFile(file));
  const days = opts.days === undefined ? scenario.days : parseDays(opts.days);
  return prepareScenario(scenario, { days });
}

/** `plurigrid market equilibrium` and `plurigrid market recommend`: the market as an open game. */
export function addMarketGameCommands(market: Command, setExit: (code: number) => void): void {
  market
    .command("equilibrium")
    .description("is anyone better off bidding differently? the equilibrium check of the market's open game")
    .argument("<scenario>", "scenario JSON file")
    .option("--days <n>", "horizon in days (default: the scenario's)")
    .option("--levels <n>", "fixed prices considered, evenly spaced from feed-in to the import price", "5")
    .option("--json", "print one JSON document")
    .action(async (file: string, opts: GameOptions) => {
      const check = checkEquilibrium(await prepare(file, opts), { levels: parseLevels(opts.levels) });
      process.stdout.write(
        opts.json ? JSON.stringify(equilibriumToJson(check), null, 2) + "\n" : formatEquilibrium(check),
      );
      // Like `game check`: 0 for an equilibrium, 1 when someone gains by deviating.
      setExit(check.equilibrium ? 0 : 1);
    });

  market
    .command("recommend")
    .description("a participant's best response to everyone else's current strategies, with every alternative")
    .argument("<scenario>", "scenario JSON file")
    .requiredOption("--participant <name>", "whose best response to find")
    .option("--days <n>", "horizon in days (default: the scenario's)")
    .option("--levels <n>", "fixed prices considered, evenly spaced from feed-in to the import price", "5")
    .option("--json", "print one JSON document")
    .action(async (file: string, opts: GameOptions & { participant: string }) => {
      const r = recommend(await prepare(file, opts), opts.participant, { levels: parseLevels(opts.levels) });
      process.stdout.write(
        opts.json ? JSON.stringify(recommendationToJson(r), null, 2) + "\n" : formatRecommendation(r),
      );
      setExit(0);
    });
}
