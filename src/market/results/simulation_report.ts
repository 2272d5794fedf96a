import { describeStrategySides, strategyToJson } from "../game/side_rules.js";
import type { ParticipantSpec } from "../scenario/scenario.js";
import type { MarketReport, ParticipantReport, SimulationResult } from "../simulation/simulate.js";
import { energyToKWh, formatEnergy } from "../units/energy.js";
import { formatMoney, moneyToDecimal } from "../units/money.js";
import type { Bill } from "./bills.js";
import type { Kpis } from "./kpis.js";
import { formatTable } from "./text_table.js";

const percent = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)} %`);
const round = (x: number | null, digits = 4) => (x === null ? null : Number(x.toFixed(digits)));
const kwh = (wh: number) => formatEnergy(wh, 1);

function billJson(b: Bill) {
  return {
    utilityOnly: moneyToDecimal(b.base),
    withMarket: moneyToDecimal(b.withMarket),
    savings: moneyToDecimal(b.savings),
    savingsPercent: round(b.savingsShare === null ? null : b.savingsShare * 100, 2),
    marketSpent: moneyToDecimal(b.marketSpent),
    marketEarned: moneyToDecimal(b.marketEarned),
    gridFees: moneyToDecimal(b.fees),
    utilityCost: moneyToDecimal(b.gridCost),
    feedInRevenue: moneyToDecimal(b.feedInRevenue),
  };
}

function kpisJson(k: Kpis) {
  return {
    selfSufficiency: round(k.selfSufficiency),
    selfConsumption: round(k.selfConsumption),
    peakImportKW: round(k.peakImportKW, 3),
    peakExportKW: round(k.peakExportKW, 3),
  };
}

function membersOf(r: SimulationResult, m: MarketReport): ParticipantReport[] {
  const names = new Set(m.totals.participants);
  return r.participants.filter((p) => names.has(p.totals.name));
}

/** The result in JSON units: kWh, currency, ratios in [0, 1]. */
export function simulationToJson(r: SimulationResult) {
  return {
    scenario: r.scenario,
    currency: r.currency,
    start: r.start,
    days: r.days,
    slotMinutes: r.slotMinutes,
    markets: r.markets.map((m) => ({
      name: m.totals.name,
      mechanism: m.mechanism,
      participants: m.totals.participants,
      energy: {
        demand: energyToKWh(membersOf(r, m).reduce((s, p) => s + p.totals.demand, 0)),
        production: energyToKWh(membersOf(r, m).reduce((s, p) => s + p.totals.production, 0)),
        fromGrid: energyToKWh(membersOf(r, m).reduce((s, p) => s + p.totals.gridImport, 0)),
        toGrid: energyToKWh(membersOf(r, m).reduce((s, p) => s + p.totals.gridExport, 0)),
        tradedInside: energyToKWh(m.totals.tradedInside),
        importedFromOtherMarkets: energyToKWh(m.totals.importedFromMarkets),
        exportedToOtherMarkets: energyToKWh(m.totals.exportedToMarkets),
        matchedHere: energyToKWh(m.totals.matchedHere),
      },
      feesCollected: moneyToDecimal(m.totals.feesCollected),
      mechanismMargin: moneyToDecimal(m.totals.mechanismMargin),
      bill: billJson(m.bill),
      kpis: kpisJson(m.kpis),
    })),
    participants: r.participants.map((p) => ({
      name: p.totals.name,
      market: p.totals.market,
      energy: {
        demand: energyToKWh(p.totals.demand),
        production: energyToKWh(p.totals.production),
        selfConsumed: energyToKWh(p.totals.selfConsumed),
        boughtLocally: energyToKWh(p.totals.marketBought),
        soldLocally: energyToKWh(p.totals.marketSold),
        fromGrid: energyToKWh(p.totals.gridImport),
        toGrid: energyToKWh(p.totals.gridExport),
        batteryLosses: energyToKWh(p.totals.batteryLoss),
        evUnmet: energyToKWh(p.evUnmet),
      },
      bill: billJson(p.bill),
      kpis: kpisJson(p.kpis),
      payoff: moneyToDecimal(p.payoff),
    })),
    conservation: r.conservation,
    ...(r.bestResponses
      ? {
          bestResponses: r.bestResponses.map((b) => ({
            participant: b.participant,
            strategy: strategyToJson(b.strategy),
            converged: b.converged,
            rounds: b.rounds,
          })),
        }
      : {}),
  };
}

/** "PV 6 kWp, battery 10 kWh, EV" — what a household owns. */
export function describeAssets(p: ParticipantSpec): string {
  const parts: string[] = [];
  if (p.pv) parts.push(`PV ${p.pv.kWp} kWp`);
  if (p.battery) parts.push(`battery ${energyToKWh(p.battery.capacity)} kWh`);
  if (p.ev) parts.push(`EV (${p.ev.policy})`);
  for (const f of p.flexibleLoads) parts.push(`${f.name} (${f.policy})`);
  return parts.length > 0 ? parts.join(", ") : "load only";
}

function communityRows(r: SimulationResult) {
  return r.markets.map((m) => [
    m.totals.name,
    String(m.totals.participants.length),
    m.mechanism,
    percent(m.kpis.selfSufficiency),
    percent(m.kpis.selfConsumption),
    kwh(m.totals.tradedInside),
    kwh(membersOf(r, m).reduce((s, p) => s + p.totals.gridImport, 0)),
    kwh(membersOf(r, m).reduce((s, p) => s + p.totals.gridExport, 0)),
    m.kpis.peakImportKW.toFixed(1),
    m.kpis.peakExportKW.toFixed(1),
  ]);
}

function billRows(rows: { name: string; bill: Bill }[]) {
  return rows.map(({ name, bill }) => [
    name,
    formatMoney(bill.base),
    formatMoney(bill.withMarket),
    formatMoney(bill.savings),
    percent(bill.savingsShare),
    formatMoney(bill.fees),
  ]);
}

function householdRows(participants: readonly ParticipantReport[], specs: ReadonlyMap<string, ParticipantSpec>) {
  return participants.map((p) => [
    p.totals.name,
    describeAssets(specs.get(p.totals.name)!),
    kwh(p.totals.demand),
    kwh(p.totals.production),
    kwh(p.totals.marketBought),
    kwh(p.totals.marketSold),
    kwh(p.totals.gridImport),
    kwh(p.totals.gridExport),
    percent(p.kpis.selfSufficiency),
  ]);
}

/** The readable report: communities, bills with and without the local market, then each household. */
export function formatSimulation(r: SimulationResult, specs: readonly ParticipantSpec[]): string {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const c = r.currency;
  const days = `${r.days} day${r.days === 1 ? "" : "s"}`;
  const lines = [
    `${r.scenario} — ${days} from ${r.start}, ${r.slotMinutes}-minute slots, money in ${c}`,
    "",
    "Communities (self-sufficiency: share of demand met by the community's own PV, directly, from batteries or",
    "traded between members; self-consumption: share of that PV used inside the community)",
    formatTable(
      [
        "market",
        "members",
        "mechanism",
        "self-sufficiency",
        "self-consumption",
        "traded inside kWh",
        "from grid kWh",
        "to grid kWh",
        "peak import kW",
        "peak export kW",
      ],
      communityRows(r),
      { alignRight: [1, 3, 4, 5, 6, 7, 8, 9] },
    ),
    "",
    `Bills in ${c} (positive: pays; negative: is paid). "Utility only" settles the same energy with the utility`,
    "alone; the savings are what the local market is worth.",
    formatTable(
      ["who", "utility only", "with market", "savings", "savings %", "of which fees"],
      [
        ...billRows(r.markets.map((m) => ({ name: m.totals.name, bill: m.bill }))),
        ...billRows(r.participants.map((p) => ({ name: p.totals.name, bill: p.bill }))),
      ],
      { alignRight: [1, 2, 3, 4, 5] },
    ),
    "",
    "Households (kWh)",
    formatTable(
      ["name", "assets", "demand", "PV", "bought locally", "sold locally", "from grid", "to grid", "self-sufficiency"],
      householdRows(r.participants, byName),
      { alignRight: [2, 3, 4, 5, 6, 7, 8] },
    ),
    "",
    `Checked: ${r.conservation.balances.toLocaleString("en-US")} household energy balances, ` +
      `${r.conservation.slots.toLocaleString("en-US")} slot market balances, ` +
      `${r.conservation.trades.toLocaleString("en-US")} trade money splits — all exact.`,
  ];
  if (r.bestResponses) {
    const [first] = r.bestResponses;
    lines.push(
      "",
      `Strategies chosen by the games engine (best responses to everyone else over the ${days} simulated; ` +
        (first!.converged
          ? `settled after ${first!.rounds} round${first!.rounds === 1 ? "" : "s"}):`
          : `still moving after ${first!.rounds} rounds, last ones used):`),
      ...r.bestResponses.map((b) => `  ${b.participant}: ${describeStrategySides(b.strategy)}`),
    );
  }
  const unmet = r.participants.filter((p) => p.evUnmet > 0);
  for (const p of unmet)
    lines.push(
      `Note: ${p.totals.name}'s EV left ${formatEnergy(p.evUnmet, 1)} kWh short of its target over the horizon.`,
    );
  return lines.join("\n") + "\n";
}
