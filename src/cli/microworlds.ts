import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { InvalidInputError } from "../market/errors.js";
import { compareMicroworlds, type Microworld } from "../market/microworlds/microworlds.js";
import { mergeScenarioPatch } from "../market/microworlds/scenario_patch.js";
import { formatComparison } from "../market/results/comparison.js";
import { parseScenario } from "../market/scenario/parse_scenario.js";
import { parseDays, readJsonFile } from "./market.js";

/**
 * Reads a microworld file: a full scenario, or `{"extends": "base.json", …changes}` (paths relative to the file),
 * resolved into a full scenario by a merge patch (see scenario_patch.ts).
 */
export async function loadScenarioJson(file: string, seen: string[] = []): Promise<unknown> {
  const path = resolve(file);
  if (seen.includes(path))
    throw new InvalidInputError("scenario_invalid", `"extends" loops: ${[...seen, path].join(" → ")}`, { file });
  const json = await readJsonFile(file);
  if (typeof json !== "object" || json === null || !("extends" in json)) return json;
  const { extends: base, ...patch } = json as { extends: unknown };
  if (typeof base !== "string")
    throw new InvalidInputError("scenario_invalid", `${file}: "extends" must be a file path`, { file });
  return mergeScenarioPatch(await loadScenarioJson(resolve(dirname(path), base), [...seen, path]), patch);
}

/** `plurigrid microworlds compare A.json B.json … [--days N] [--json]` */
export function registerMicroworlds(program: Command, setExit: (code: number) => void): void {
  const microworlds = program.command("microworlds").description("named variants of a scenario, compared side by side");
  microworlds
    .command("compare")
    .description("run each scenario over the same horizon and compare KPIs and bills side by side")
    .argument("<scenarios...>", 'scenario files (full, or {"extends": "base.json", …changes})')
    .option("--days <n>", "the common horizon (default: the first scenario's)")
    .option("--json", "print JSON")
    .action(async (files: string[], opts: { days?: string; json?: boolean }) => {
      const worlds: Microworld[] = [];
      for (const file of files) {
        const scenario = parseScenario(await loadScenarioJson(file));
        worlds.push({ name: scenario.name, scenario });
      }
      const days = opts.days === undefined ? worlds[0]!.scenario.days : parseDays(opts.days);
      const long = days >= 28;
      const step = Math.max(1, Math.round(days / 10));
      const result = compareMicroworlds(worlds, {
        days,
        onDay: long
          ? (world, done, total) => {
              if (done % step === 0 || done === total)
                process.stderr.write(
                  `[${world + 1}/${worlds.length} ${worlds[world]!.name}] simulated ${done}/${total} days\n`,
                );
            }
          : undefined,
      });
      if (opts.json) process.stdout.write(JSON.stringify({ days, ...result.comparison }, null, 2) + "\n");
      else
        process.stdout.write(
          `Microworlds over ${days} day${days === 1 ? "" : "s"} (same weather and loads in every world)\n` +
            formatComparison(result.comparison),
        );
      setExit(0);
    });
}
