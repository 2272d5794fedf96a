import type { SimulationResult } from "../simulation/simulate.js";
import { energyToKWh, formatEnergy } from "../units/energy.js";
import { formatMoney, moneyToDecimal } from "../units/money.js";
import { formatTable } from "./text_table.js";

/**
 * Side-by-side comparison of runs over the same horizon (microworlds, counterfactuals): one column per run, one
 * row per KPI or bill line, for the whole community and, optionally, for one participant. Values are kept as
 * numbers (kWh, currency, percent) for JSON and formatted for the table.
 */
export interface ComparisonRow {
  readonly metric: string;
  readonly unit: "kWh" | "kW" | "%" | "money";
  readonly values: readonly (number | null)[];
}

export interface Comparison {
  readonly columns: readonly string[];
  readonly rows: readonly ComparisonRow[];
  readonly currency: string;
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 100);

export function compareResults(
  runs: readonly { name: string; result: SimulationResult }[],
  focus?: string,
): Comparison {
  const root = (r: SimulationResult) => r.markets[0]!;
  const row = (metric: string, unit: ComparisonRow["unit"], f: (r: SimulationResult) => number | null) => ({
    metric,
    unit,
    values: runs.map(({ result }) => f(result)),
  });
  const rows: ComparisonRow[] = [
    row("community self-sufficiency", "%", (r) => pct(root(r).kpis.selfSufficiency)),
    row("community self-consumption", "%", (r) => pct(root(r).kpis.selfConsumption)),
    row("traded between members", "kWh", (r) => energyToKWh(root(r).totals.tradedInside)),
    row("from the grid", "kWh", (r) => energyToKWh(r.participants.reduce((s, p) => s + p.totals.gridImport, 0))),
    row("to the grid", "kWh", (r) => energyToKWh(r.participants.reduce((s, p) => s + p.totals.gridExport, 0))),
    row("peak import", "kW", (r) => Math.round(root(r).kpis.peakImportKW * 100) / 100),
    row("peak export", "kW", (r) => Math.round(root(r).kpis.peakExportKW * 100) / 100),
    row("bill, utility only", "money", (r) => moneyToDecimal(root(r).bill.base)),
    row("bill with the market", "money", (r) => moneyToDecimal(root(r).bill.withMarket)),
    row("savings", "money", (r) => moneyToDecimal(root(r).bill.savings)),
    row("savings %", "%", (r) => pct(root(r).bill.savingsShare)),
    row("grid fees", "money", (r) => moneyToDecimal(r.markets.reduce((s, m) => s + m.totals.feesCollected, 0))),
    row("mechanism surplus (− deficit)", "money", (r) =>
      moneyToDecimal(r.markets.reduce((s, m) => s + m.totals.mechanismMargin, 0)),
    ),
  ];
  if (focus !== undefined) {
    const of = (r: SimulationResult) => r.participants.find((p) => p.totals.name === focus);
    rows.push(
      row(`${focus}: self-sufficiency`, "%", (r) => pct(of(r)?.kpis.selfSufficiency ?? null)),
      row(`${focus}: bought locally`, "kWh", (r) => energyToKWh(of(r)?.totals.marketBought ?? 0)),
      row(`${focus}: sold locally`, "kWh", (r) => energyToKWh(of(r)?.totals.marketSold ?? 0)),
      row(`${focus}: from the grid`, "kWh", (r) => energyToKWh(of(r)?.totals.gridImport ?? 0)),
      row(`${focus}: bill, utility only`, "money", (r) => (of(r) ? moneyToDecimal(of(r)!.bill.base) : null)),
      row(`${focus}: bill with the market`, "money", (r) => (of(r) ? moneyToDecimal(of(r)!.bill.withMarket) : null)),
      row(`${focus}: savings`, "money", (r) => (of(r) ? moneyToDecimal(of(r)!.bill.savings) : null)),
    );
  } else {
    const names = runs[0]?.result.participants.map((p) => p.totals.name) ?? [];
    for (const name of names)
      rows.push(
        row(`${name}: bill with the market`, "money", (r) => {
          const p = r.participants.find((x) => x.totals.name === name);
          return p ? moneyToDecimal(p.bill.withMarket) : null;
        }),
      );
  }
  return { columns: runs.map((r) => r.name), rows, currency: runs[0]?.result.currency ?? "" };
}

function formatValue(v: number | null, unit: ComparisonRow["unit"]): string {
  if (v === null) return "–";
  if (unit === "%") return `${v.toFixed(1)} %`;
  if (unit === "kWh") return formatEnergy(Math.round(v * 1000), 1);
  if (unit === "kW") return v.toFixed(1);
  return formatMoney(Math.round(v * 1e9));
}

export function formatComparison(c: Comparison): string {
  const unitLabel = (u: ComparisonRow["unit"]) => (u === "money" ? c.currency : u === "%" ? "" : u);
  return (
    formatTable(
      ["", ...c.columns],
      c.rows.map((r) => [
        unitLabel(r.unit) ? `${r.metric} (${unitLabel(r.unit)})` : r.metric,
        ...r.values.map((v) => formatValue(v, r.unit)),
      ]),
      { alignRight: c.columns.map((_, i) => i + 1) },
    ) + "\n"
  );
}
