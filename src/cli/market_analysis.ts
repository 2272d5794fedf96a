import type { Command } from "commander";
import {
  formatCoalitionPayouts,
  coalitionPayoutsToJson,
  formatMechanismComparison,
  mechanismComparisonToJson,
} from "../market/analysis/analysis_report.js";
import { coalitionPayouts } from "../market/analysis/coalitions.js";
import { whatIf, type WhatIf } from "../market/analysis/counterfactuals.js";
import { prepareScenario } from "../market/analysis/market_game.js";
import { compareMechanisms } from "../market/analysis/mechanism_comparison.js";
import { InvalidInputError } from "../market/errors.js";
import { isMechanismName, MECHANISM_NAMES, type MechanismName } from "../market/mechanisms/registry.js";
import { buildArena, formatArena } from "../market/microworlds/arena.js";
import { formatComparison } from "../market/results/comparison.js";
import { parseBattery, parsePv, parseScenario, parseStrategy } from "../market/scenario/parse_scenario.js";
import { allParticipants } from "../market/scenario/scenario.js";
import { priceFromDecimal } from "../market/units/price.js";
import { parseDays, readJsonFile } from "./market.js";

function mechanism(name: string): MechanismName {
  if (!isMechanismName(name))
    throw new InvalidInputError(
      "unknown_mechanism",
      `unknown mechanism "${name}" (known: ${MECHANISM_NAMES.join(", ")})`,
      {
        mechanism: name,
      },
    );
  return name;
}

function positiveNumber(text: string, option: string): number {
  const x = Number(text);
  if (!Number.isFinite(x) || x <= 0)
    throw new InvalidInputError("option_invalid", `${option} must be a positive number, got "${text}"`, {
      [option]: text,
    });
  return x;
}

const stderrProgress = (label: string) => (done: number, total: number, name: string) =>
  process.stderr.write(`${label} ${done}/${total}: ${name}\n`);

interface WhatIfOptions {
  participant: string;
  addBattery?: string;
  addPv?: string;
  bid?: string;
  offer?: string;
  strategy?: string;
  mechanism?: string;
  evPolicy?: string;
  appliances?: string;
  days?: string;
  json?: boolean;
}

/** The analysis subcommands of `plurigrid market`: what-if, compare, shapley, arena. */
export function addMarketAnalysisCommands(market: Command, setExit: (code: number) => void): void {
  market
    .command("what-if")
    .description("re-simulate with one change at a time and compare side by side with the scenario as is")
    .argument("<scenario>", "scenario JSON file")
    .requiredOption("--participant <name>", "whose bill and KPIs to focus on (and whose assets/bids change)")
    .option("--add-battery <kWh>", "what if the participant adds a battery of this capacity")
    .option("--add-pv <kWp>", "what if the participant adds PV of this peak power")
    .option("--bid <price>", "what if the participant had bid this price (per kWh) in every slot")
    .option("--offer <price>", "what if the participant had offered at this price (per kWh) in every slot")
    .option(
      "--strategy <kind>",
      "what if the participant used this strategy: price-ramp, truthful, best-response (chosen by the games engine)",
    )
    .option("--mechanism <name>", "what if the community used this mechanism")
    .option("--ev-policy <policy>", "what if the EV charged immediate|solar")
    .option("--appliances <policy>", "what if flexible loads ran earliest|solar|cheapest")
    .option("--days <n>", "horizon in days")
    .option("--json", "print JSON")
    .action(async (file: string, opts: WhatIfOptions) => {
      const scenario = parseScenario(await readJsonFile(file));
      const ctx = {
        slotMinutes: scenario.clock.slotMinutes,
        latitude: scenario.latitude,
        longitude: scenario.longitude,
      };
      const changes: WhatIf[] = [];
      if (opts.addBattery !== undefined) {
        // Without PV a battery can only earn its keep by shifting tariff hours.
        const hasPv = allParticipants(scenario.market).some((p) => p.name === opts.participant && p.pv !== undefined);
        const json = {
          capacityKWh: positiveNumber(opts.addBattery, "--add-battery"),
          policy: hasPv ? "self-consumption" : "time-of-use",
        };
        changes.push({ kind: "battery", battery: parseBattery(json, "--add-battery", ctx) });
      }
      if (opts.addPv !== undefined)
        changes.push({ kind: "pv", pv: parsePv({ kWp: positiveNumber(opts.addPv, "--add-pv") }, "--add-pv", ctx) });
      if (opts.bid !== undefined || opts.offer !== undefined)
        changes.push({
          kind: "strategy",
          strategy: {
            kind: "fixed",
            bid: opts.bid === undefined ? undefined : priceFromDecimal(opts.bid, "--bid"),
            offer: opts.offer === undefined ? undefined : priceFromDecimal(opts.offer, "--offer"),
          },
        });
      if (opts.strategy !== undefined)
        changes.push({ kind: "strategy", strategy: parseStrategy(opts.strategy, "--strategy") });
      if (opts.mechanism !== undefined) changes.push({ kind: "mechanism", mechanism: mechanism(opts.mechanism) });
      if (opts.evPolicy !== undefined) {
        if (opts.evPolicy !== "immediate" && opts.evPolicy !== "solar")
          throw new InvalidInputError("option_invalid", `--ev-policy must be immediate or solar`, {
            value: opts.evPolicy,
          });
        changes.push({ kind: "ev-policy", policy: opts.evPolicy });
      }
      if (opts.appliances !== undefined) {
        if (!["earliest", "solar", "cheapest"].includes(opts.appliances))
          throw new InvalidInputError("option_invalid", `--appliances must be earliest, solar or cheapest`, {
            value: opts.appliances,
          });
        changes.push({ kind: "flexible-policy", policy: opts.appliances as "earliest" | "solar" | "cheapest" });
      }
      if (changes.length === 0)
        throw new InvalidInputError(
          "option_invalid",
          "name at least one change (--add-battery, --bid, --mechanism, …)",
        );
      const days = opts.days === undefined ? scenario.days : parseDays(opts.days);
      const report = whatIf(scenario, opts.participant, changes, { days });
      if (opts.json)
        process.stdout.write(
          JSON.stringify({ participant: report.participant, days, ...report.comparison }, null, 2) + "\n",
        );
      else
        process.stdout.write(
          `What if — ${scenario.name}, ${days} days, focus on ${report.participant} (each column changes one thing)\n` +
            formatComparison(report.comparison),
        );
      setExit(0);
    });

  market
    .command("compare")
    .description("compare mechanisms on one scenario: welfare, budget balance, truthfulness")
    .argument("<scenario>", "scenario JSON file")
    .option("--mechanisms <list>", `comma-separated (default: all of ${MECHANISM_NAMES.join(", ")})`)
    .option("--days <n>", "horizon in days")
    .option("--json", "print JSON")
    .action(async (file: string, opts: { mechanisms?: string; days?: string; json?: boolean }) => {
      const scenario = parseScenario(await readJsonFile(file));
      const mechanisms = opts.mechanisms?.split(",").map((m) => mechanism(m.trim()));
      const days = opts.days === undefined ? scenario.days : parseDays(opts.days);
      const rows = compareMechanisms(scenario, {
        days,
        mechanisms,
        onMechanism: days >= 28 ? stderrProgress("mechanism") : undefined,
      });
      if (opts.json)
        process.stdout.write(
          JSON.stringify({ days, currency: scenario.currency, mechanisms: mechanismComparisonToJson(rows) }, null, 2) +
            "\n",
        );
      else
        process.stdout.write(
          `Mechanisms on ${scenario.name}, ${days} days\n` + formatMechanismComparison(rows, scenario.currency),
        );
      setExit(0);
    });

  market
    .command("shapley")
    .description("split the community's savings by Shapley value (exact up to 10 participants, sampled beyond)")
    .argument("<scenario>", "scenario JSON file")
    .option("--days <n>", "horizon in days", "1")
    .option("--permutations <n>", "permutations to sample when the community is too large for the exact value", "200")
    .option("--json", "print JSON")
    .action(async (file: string, opts: { days: string; permutations: string; json?: boolean }) => {
      const scenario = parseScenario(await readJsonFile(file));
      const prepared = prepareScenario(scenario, { days: parseDays(opts.days) });
      const permutations = positiveNumber(opts.permutations, "--permutations");
      const result = coalitionPayouts(prepared, { permutations: Math.round(permutations), seed: scenario.seed });
      if (opts.json) process.stdout.write(JSON.stringify(coalitionPayoutsToJson(result), null, 2) + "\n");
      else process.stdout.write(formatCoalitionPayouts(result, scenario.currency));
      setExit(0);
    });

  market
    .command("arena")
    .description("the community's arena: each participant's standing and tasks (done, next, upcoming)")
    .argument("<scenario>", "scenario JSON file")
    .option("--days <n>", "horizon in days")
    .option("--evaluate", "price every suggested task by re-simulating it (slower)")
    .option("--json", "print JSON in the arena shape {name, tasks:{done,next,upcoming}, other}")
    .action(async (file: string, opts: { days?: string; evaluate?: boolean; json?: boolean }) => {
      const scenario = parseScenario(await readJsonFile(file));
      const days = opts.days === undefined ? scenario.days : parseDays(opts.days);
      const arena = buildArena(scenario, { days, evaluate: opts.evaluate });
      process.stdout.write(opts.json ? JSON.stringify(arena, null, 2) + "\n" : formatArena(arena));
      setExit(0);
    });
}
