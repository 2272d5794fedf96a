import type { Energy } from "../units/energy.js";

/**
 * A home battery. Energy is tracked in whole Wh; the round-trip efficiency is split evenly between charging and
 * discharging (√η each way), and every Wh lost is accounted for, so energy balances close exactly.
 * Policies: "self-consumption" stores the household's own PV surplus and covers its need; "time-of-use" also
 * charges from the grid in the day's cheapest tariff slots and saves its energy for the dearer ones.
 */
export interface BatterySpec {
  readonly capacity: Energy;
  readonly minEnergy: Energy;
  readonly maxEnergy: Energy;
  readonly initialEnergy: Energy;
  /** Most energy that may enter / leave the terminals in one slot. */
  readonly maxChargePerSlot: Energy;
  readonly maxDischargePerSlot: Energy;
  readonly roundTripEfficiency: number;
  readonly policy: "self-consumption" | "time-of-use";
}

export interface BatteryState {
  stored: Energy;
  /** The part of `stored` that came from the household's own PV (counts as self-consumed when used). */
  fromPv: Energy;
}

export interface BatteryCharge {
  /** Taken at the terminals. */
  readonly taken: Energy;
  /** Added to the stored energy (taken minus conversion losses). */
  readonly stored: Energy;
}

export interface BatteryDischarge {
  /** Delivered at the terminals. */
  readonly delivered: Energy;
  /** Removed from the stored energy (delivered plus conversion losses). */
  readonly drawn: Energy;
}

const oneWay = (b: BatterySpec) => Math.sqrt(b.roundTripEfficiency);

/** Charges from up to `available` Wh, within the power limit and the room left below maxEnergy. */
export function charge(b: BatterySpec, state: BatteryState, available: Energy): BatteryCharge {
  const eta = oneWay(b);
  const room = b.maxEnergy - state.stored;
  let taken = Math.min(available, b.maxChargePerSlot, Math.floor(room / eta));
  if (taken <= 0) return { taken: 0, stored: 0 };
  let stored = Math.floor(taken * eta);
  if (stored > room) stored = room;
  if (stored === 0) taken = 0;
  state.stored += stored;
  return { taken, stored };
}

/** Discharges up to `needed` Wh, within the power limit and the energy above minEnergy. */
export function discharge(b: BatterySpec, state: BatteryState, needed: Energy): BatteryDischarge {
  const eta = oneWay(b);
  const usable = state.stored - b.minEnergy;
  const delivered = Math.min(needed, b.maxDischargePerSlot, Math.floor(usable * eta));
  if (delivered <= 0) return { delivered: 0, drawn: 0 };
  const drawn = Math.min(usable, Math.ceil(delivered / eta));
  state.stored -= drawn;
  return { delivered, drawn };
}
