import type { Energy } from "../units/energy.js";
import type { MarketTotals, ParticipantTotals } from "./ledger.js";

/**
 * gsy-e's key performance indicators. Self-sufficiency = self-consumed / demanded; self-consumption = self-consumed
 * / produced. For a participant, self-consumed is its own PV used on site (directly, via its battery or its EV);
 * for a community it adds the energy members traded with each other. Peaks are the largest import/export in a
 * slot, reported as average power over that slot (kW).
 */
export interface Kpis {
  readonly selfSufficiency: number | null;
  readonly selfConsumption: number | null;
  readonly peakImportKW: number;
  readonly peakExportKW: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const kW = (energyPerSlot: Energy, slotMinutes: number) => (energyPerSlot / 1000) * (60 / slotMinutes);

export function participantKpis(p: ParticipantTotals, slotMinutes: number): Kpis {
  return {
    selfSufficiency: ratio(p.selfConsumed, p.demand),
    selfConsumption: ratio(p.selfConsumed, p.production),
    peakImportKW: kW(p.peakImport, slotMinutes),
    peakExportKW: kW(p.peakExport, slotMinutes),
  };
}

export function communityKpis(m: MarketTotals, members: readonly ParticipantTotals[], slotMinutes: number): Kpis {
  let selfConsumed = m.tradedInside;
  let demand = 0;
  let production = 0;
  for (const p of members) {
    selfConsumed += p.selfConsumed;
    demand += p.demand;
    production += p.production;
  }
  return {
    selfSufficiency: ratio(selfConsumed, demand),
    selfConsumption: ratio(selfConsumed, production),
    peakImportKW: kW(m.peakImport, slotMinutes),
    peakExportKW: kW(m.peakExport, slotMinutes),
  };
}
