import { energyToKWh, formatEnergy } from "../units/energy.js";
import { formatMoney, moneyToDecimal } from "../units/money.js";
import { formatTable } from "../results/text_table.js";
import type { CoalitionPayouts } from "./coalitions.js";
import type { MechanismAssessment } from "./mechanism_comparison.js";

export function mechanismComparisonToJson(rows: readonly MechanismAssessment[]) {
  return rows.map((r) => ({
    mechanism: r.mechanism,
    welfare: moneyToDecimal(r.welfare),
    savings: moneyToDecimal(r.savings),
    gridFees: moneyToDecimal(r.fees),
    budgetSurplus: moneyToDecimal(r.budgetSurplus),
    energyTradedLocally: energyToKWh(r.energyTradedLocally),
    misreport: {
      situations: r.misreport.situations,
      profitable: r.misreport.profitable,
      largestGain: moneyToDecimal(r.misreport.largestGain),
      totalGain: moneyToDecimal(r.misreport.totalGain),
    },
    truthfulEquilibrium: {
      equilibrium: r.truthfulEquilibrium.equilibrium,
      deviators: r.truthfulEquilibrium.deviators,
      participants: r.truthfulEquilibrium.participants,
      largestGain: moneyToDecimal(r.truthfulEquilibrium.largestGain),
    },
  }));
}

export function formatMechanismComparison(rows: readonly MechanismAssessment[], currency: string): string {
  const table = formatTable(
    [
      "mechanism",
      "welfare",
      "savings",
      "budget (− deficit)",
      "traded kWh",
      "misreport pays",
      "largest gain",
      "truthful = equilibrium",
      "gain by deviating",
    ],
    rows.map((r) => [
      r.mechanism,
      formatMoney(r.welfare),
      formatMoney(r.savings),
      formatMoney(r.budgetSurplus),
      formatEnergy(r.energyTradedLocally, 1),
      `${r.misreport.profitable}/${r.misreport.situations}`,
      formatMoney(r.misreport.largestGain, 4),
      r.truthfulEquilibrium.equilibrium
        ? "yes"
        : `no (${r.truthfulEquilibrium.deviators}/${r.truthfulEquilibrium.participants} deviate)`,
      formatMoney(r.truthfulEquilibrium.largestGain, 4),
    ]),
    { alignRight: [1, 2, 3, 4, 5, 6, 8] },
  );
  return (
    `Money in ${currency}. Welfare = savings over the utility alone + grid fees + what the mechanism keeps (a deficit\n` +
    'counts against it), with the scenario\'s own bidding strategies. "Misreport pays": in how many probed\n' +
    "(slot, participant) situations a participant gains by misreporting its price while everyone else bids truthfully.\n" +
    '"Truthful = equilibrium": whether everyone bidding truthfully over the whole horizon is an equilibrium of the\n' +
    "market's open game (anyone may use any rule of `market equilibrium`, price ramps included) and the most one\n" +
    "participant would gain by deviating from it alone.\n" +
    table +
    "\n"
  );
}

export function coalitionPayoutsToJson(r: CoalitionPayouts) {
  return {
    method: r.method,
    ...(r.method === "sampled"
      ? { permutations: r.permutations, bound: moneyToDecimal(Math.round(r.bound!)), confidence: r.confidence }
      : {}),
    coalitionsEvaluated: r.evaluations,
    grandCoalition: moneyToDecimal(r.grandCoalition),
    participants: r.participants.map((name, i) => ({
      name,
      shapley: moneyToDecimal(Math.round(r.values[i]!)),
      actualSavings: moneyToDecimal(r.actualSavings[i]!),
    })),
  };
}

export function formatCoalitionPayouts(r: CoalitionPayouts, currency: string): string {
  const how =
    r.method === "exact"
      ? `exact over all ${r.evaluations} coalitions`
      : `sampled from ${r.permutations} permutations; each value within ±${formatMoney(Math.round(r.bound!), 4)} ${currency} with ${Math.round(r.confidence! * 100)} % confidence`;
  return (
    `Shapley payouts of the community's savings (${formatMoney(r.grandCoalition)} ${currency}), ${how}.\n` +
    "A coalition's value is what its members would save trading only among themselves.\n" +
    formatTable(
      ["participant", "Shapley payout", "actual market savings"],
      r.participants.map((name, i) => [name, formatMoney(Math.round(r.values[i]!)), formatMoney(r.actualSavings[i]!)]),
      { alignRight: [1, 2] },
    ) +
    "\n"
  );
}
