import { applyWhatIf, type WhatIf } from "../analysis/counterfactuals.js";
import { planScenario } from "../analysis/prepared_scenario.js";
import { resolveBestResponses } from "../game/best_response_strategy.js";
import { checkEquilibrium, type ParticipantDiagnostic } from "../game/equilibrium.js";
import { decidedRules } from "../game/game_report.js";
import { describeStrategySides, strategyToJson } from "../game/side_rules.js";
import { parseBattery, parsePv } from "../scenario/parse_scenario.js";
import { allParticipants, type ParticipantSpec, type Scenario } from "../scenario/scenario.js";
import { simulate, type ParticipantReport, type SimulationResult } from "../simulation/simulate.js";
import type { StrategySpec } from "../strategies/strategy.js";
import { formatEnergy } from "../units/energy.js";
import { formatMoney, moneyToDecimal } from "../units/money.js";

/**
 * The arena: the current state of the community's game, in Plurigrid's arena shape — one entry per participant,
 * `{name, tasks: {done, next, upcoming}, other}`. `done` lists what the household already does, `next` cheap
 * behavioural changes, `upcoming` investments. With `evaluate`, every suggested task is priced by re-simulating
 * the horizon with that one change (same weather, same neighbours), and tasks that would not pay are dropped.
 *
 * `other.equilibrium` is the games engine's verdict on the participant's bidding (market/game/): whether its
 * strategy is a best response to everyone else's over the horizon, and if not, what would be and what it gains; a
 * participant who is not best-responding gets that change as a `next` task. Null when the check was not asked for.
 */
export interface ArenaEquilibrium {
  /** True when no other bidding rule pays it more while everyone else keeps theirs. */
  readonly bestResponding: boolean;
  /** What switching to the best response alone would gain over the horizon (currency; 0 when best-responding). */
  readonly gain: number;
  /** The best response in words ("buying: bid 0.0800") and as a scenario `strategy`. */
  readonly bestResponse: string;
  readonly strategy: Record<string, unknown>;
}

export interface ArenaMember {
  readonly name: string;
  readonly tasks: { readonly done: string[]; readonly next: string[]; readonly upcoming: string[] };
  readonly other: {
    readonly market: string;
    readonly assets: string;
    readonly strategy: string;
    readonly payoff: number;
    readonly bill: number;
    readonly savings: number;
    readonly equilibrium: ArenaEquilibrium | null;
  };
}

export interface Arena {
  readonly community: string;
  readonly days: number;
  readonly currency: string;
  /** Whether everyone is best-responding (null: not checked). */
  readonly equilibrium: boolean | null;
  readonly team_members: readonly ArenaMember[];
}

interface Suggestion {
  readonly task: string;
  readonly change: WhatIf;
  readonly kind: "next" | "upcoming";
}

function strategyLabel(s: StrategySpec): string {
  switch (s.kind) {
    case "price-ramp":
      return "price ramp (gsy-e)";
    case "truthful":
      return "truthful";
    case "fixed":
      return "fixed price";
    case "sides":
      return `${strategyLabel(s.bid)} when buying, ${strategyLabel(s.offer)} when selling`;
    case "best-response":
      return "best response (games engine)";
  }
}

const overlapsMidday = (arrival: number, departure: number) =>
  arrival < departure ? arrival < 15 * 60 && departure > 10 * 60 : arrival < 15 * 60 || departure > 10 * 60;

function suggestions(
  p: ParticipantSpec,
  report: ParticipantReport,
  scenario: Scenario,
  days: number,
  gameChecked: boolean,
): Suggestion[] {
  const out: Suggestion[] = [];
  const t = report.totals;
  // The "solar" EV policy follows the household's own PV and otherwise charges as late as the departure allows.
  if (p.ev && p.ev.policy === "immediate")
    out.push({
      task:
        p.pv && overlapsMidday(p.ev.arrival, p.ev.departure)
          ? "shift EV charging to midday"
          : "charge the EV as late as the departure allows",
      change: { kind: "ev-policy", policy: "solar" },
      kind: "next",
    });
  for (const f of p.flexibleLoads.filter((f) => f.policy === "earliest").slice(0, 1))
    out.push({
      task: `run the ${f.name} when the sun shines`,
      change: { kind: "flexible-policy", policy: "solar" },
      kind: "next",
    });
  // Without the games engine's check, a rule of thumb: truthful bids give away the whole surplus.
  if (p.strategy.kind === "truthful" && !gameChecked)
    out.push({
      task: "bid on a price ramp instead of your full value",
      change: { kind: "strategy", strategy: { kind: "price-ramp" } },
      kind: "next",
    });
  const ctx = { slotMinutes: scenario.clock.slotMinutes, latitude: scenario.latitude, longitude: scenario.longitude };
  if (p.pv && !p.battery && t.gridExport > 0.2 * t.production) {
    const size = Math.min(15, Math.max(5, Math.round(t.gridExport / days / 1000)));
    out.push({
      task: `add a ${size} kWh battery`,
      change: { kind: "battery", battery: parseBattery({ capacityKWh: size }, "battery", ctx) },
      kind: "upcoming",
    });
  }
  const bands = scenario.tariff.importBands.map((b) => b.price);
  if (!p.pv && !p.battery && Math.max(...bands) > Math.min(...bands) && t.demand > 0) {
    const size = Math.min(10, Math.max(5, Math.round(t.demand / days / 2000)));
    out.push({
      task: `add a ${size} kWh battery charged at the cheapest tariff`,
      change: { kind: "battery", battery: parseBattery({ capacityKWh: size, policy: "time-of-use" }, "battery", ctx) },
      kind: "upcoming",
    });
  }
  if (!p.pv && t.demand > 0) {
    const kWp = Math.min(10, Math.max(2, Math.round((((t.demand / days) * 365) / 1_000_000) * 2) / 2));
    out.push({
      task: `install ${kWp} kWp of PV`,
      change: { kind: "pv", pv: parsePv({ kWp }, "pv", ctx) },
      kind: "upcoming",
    });
  }
  return out;
}

function doneTasks(p: ParticipantSpec, report: ParticipantReport): string[] {
  const done: string[] = [];
  if (p.pv) done.push(`PV installed (${p.pv.kWp} kWp)`);
  if (p.battery) done.push(`battery installed (${formatEnergy(p.battery.capacity, 0)} kWh)`);
  if (p.ev?.policy === "solar") done.push("EV charges on sunshine");
  for (const f of p.flexibleLoads.filter((f) => f.policy !== "earliest"))
    done.push(`${f.name} runs ${f.policy === "solar" ? "on sunshine" : "when power is cheapest"}`);
  if (report.totals.marketSold > 0) done.push(`sold ${formatEnergy(report.totals.marketSold, 1)} kWh to neighbours`);
  if (report.totals.marketBought > 0)
    done.push(`bought ${formatEnergy(report.totals.marketBought, 1)} kWh from neighbours`);
  return done;
}

function describeAssets(p: ParticipantSpec): string {
  const parts = [
    p.pv && `PV ${p.pv.kWp} kWp`,
    p.battery && `battery ${formatEnergy(p.battery.capacity, 0)} kWh`,
    p.ev && "EV",
  ];
  return parts.filter(Boolean).join(", ") || "load only";
}

function arenaEquilibrium(d: ParticipantDiagnostic): ArenaEquilibrium {
  return {
    bestResponding: d.bestResponding,
    gain: moneyToDecimal(d.bestResponding ? 0 : d.gain),
    bestResponse: d.sides.length === 0 ? "nothing to decide (never meets the other side)" : decidedRules(d, "best"),
    strategy: strategyToJson(d.bestResponse),
  };
}

/**
 * Builds the arena over `days` (default: the scenario's horizon). Best-response participants first get the strategy
 * the games engine chooses; with `equilibrium` (default true) every participant's bidding is checked against the
 * others' by the engine, and with `evaluate` every suggested task is priced by re-simulation.
 */
export function buildArena(
  scenario: Scenario,
  options: {
    days?: number;
    evaluate?: boolean;
    result?: SimulationResult;
    equilibrium?: boolean;
    levels?: number;
  } = {},
): Arena {
  const days = options.days ?? scenario.days;
  const played = resolveBestResponses(scenario, { days }).scenario;
  const result = options.result ?? simulate(played, { days });
  const check =
    options.equilibrium === false
      ? undefined
      : checkEquilibrium(planScenario(played, days), { levels: options.levels });
  const specs = allParticipants(played.market);
  const declared = new Map(allParticipants(scenario.market).map((p) => [p.name, p.strategy]));
  const members = result.participants.map((report, i) => {
    const p = specs[i]!;
    const diagnostic = check?.participants[i];
    const tasks = { done: doneTasks(p, report), next: [] as string[], upcoming: [] as string[] };
    if (diagnostic && !diagnostic.bestResponding)
      tasks.next.push(
        `bid differently — ${decidedRules(diagnostic, "best")} (best response to the others: ` +
          `gains ≈ ${formatMoney(diagnostic.gain)} ${result.currency} over ${days} days)`,
      );
    for (const s of suggestions(p, report, played, days, check !== undefined)) {
      let label = s.task;
      if (options.evaluate) {
        // Re-simulated from the scenario as written, so best-response participants choose again for the change.
        const variant = simulate(applyWhatIf(scenario, p.name, s.change), { days });
        const gain = report.bill.withMarket - variant.participants[i]!.bill.withMarket;
        if (gain <= 0) continue;
        label = `${s.task} (saves ≈ ${formatMoney(gain)} ${result.currency} over ${days} days)`;
      }
      tasks[s.kind].push(label);
    }
    const own = declared.get(p.name)!;
    return {
      name: p.name,
      tasks,
      other: {
        market: report.totals.market,
        assets: describeAssets(p),
        strategy:
          own.kind === "best-response"
            ? `best response (games engine): ${describeStrategySides(p.strategy)}`
            : strategyLabel(p.strategy),
        payoff: moneyToDecimal(report.payoff),
        bill: moneyToDecimal(report.bill.withMarket),
        savings: moneyToDecimal(report.bill.savings),
        equilibrium: diagnostic ? arenaEquilibrium(diagnostic) : null,
      },
    };
  });
  return {
    community: scenario.market.name,
    days,
    currency: result.currency,
    equilibrium: check ? check.equilibrium : null,
    team_members: members,
  };
}

/** The arena as text: each member's standing, whether it is best-responding, and its task lists. */
export function formatArena(a: Arena): string {
  const verdict =
    a.equilibrium === null
      ? "equilibrium not checked"
      : a.equilibrium
        ? "an equilibrium: everyone's bidding is a best response to the others'"
        : `not an equilibrium: ${a.team_members.filter((m) => m.other.equilibrium?.bestResponding === false).length} of ${a.team_members.length} would gain by bidding differently`;
  const lines = [`Arena — ${a.community}, ${a.days} days (money in ${a.currency}; ${verdict})`];
  for (const m of a.team_members) {
    lines.push(
      "",
      `${m.name} [${m.other.assets}; strategy: ${m.other.strategy}] bill ${m.other.bill.toFixed(2)}, saved ${m.other.savings.toFixed(2)}, payoff ${m.other.payoff.toFixed(2)}`,
    );
    const e = m.other.equilibrium;
    if (e)
      lines.push(
        `  equilibrium: ${e.bestResponding ? "best-responding" : `not best-responding — ${e.bestResponse} would gain ${e.gain.toFixed(2)}`}`,
      );
    const list = (label: string, items: string[]) =>
      lines.push(`  ${label}: ${items.length > 0 ? items.join("; ") : "—"}`);
    list("done", m.tasks.done);
    list("next", m.tasks.next);
    list("upcoming", m.tasks.upcoming);
  }
  return lines.join("\n") + "\n";
}
