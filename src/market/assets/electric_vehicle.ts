import type { Energy } from "../units/energy.js";

/**
 * An EV that plugs in at `arrival` and leaves at `departure` every day (local minutes; a window may span
 * midnight) and needs `energyPerSession` by departure. Policies: "immediate" charges at full power from arrival;
 * "solar" charges from PV surplus and only draws from elsewhere when waiting longer would miss the departure.
 */
export interface EvSpec {
  readonly arrival: number;
  readonly departure: number;
  readonly energyPerSession: Energy;
  /** Charger limit per slot. */
  readonly maxChargePerSlot: Energy;
  readonly policy: "immediate" | "solar";
}

export interface EvState {
  /** Energy still needed in the current session (0 when unplugged). */
  needed: Energy;
  plugged: boolean;
  /** Energy missing at departures so far. */
  unmet: Energy;
}

export function isPluggedAt(ev: EvSpec, minute: number): boolean {
  return ev.arrival < ev.departure
    ? minute >= ev.arrival && minute < ev.departure
    : minute >= ev.arrival || minute < ev.departure;
}

/** The charging bounds for the slot starting at `minute`: what must be charged now and what could be. */
export function evSlotBounds(ev: EvSpec, state: EvState, minute: number, slotMinutes: number) {
  const plugged = isPluggedAt(ev, minute);
  if (plugged && !state.plugged) state.needed = ev.energyPerSession;
  if (!plugged && state.plugged) {
    state.unmet += state.needed;
    state.needed = 0;
  }
  state.plugged = plugged;
  if (!plugged || state.needed === 0) return { mustCharge: 0, canCharge: 0 };
  const canCharge = Math.min(state.needed, ev.maxChargePerSlot);
  if (ev.policy === "immediate") return { mustCharge: canCharge, canCharge };
  const minutesAfterSlot = (((ev.departure - minute - slotMinutes) % 1440) + 1440) % 1440;
  const slotsLeft = Math.floor(minutesAfterSlot / slotMinutes);
  const mustCharge = Math.min(canCharge, Math.max(0, state.needed - slotsLeft * ev.maxChargePerSlot));
  return { mustCharge, canCharge };
}

/** A session that starts plugged at time 0 is treated as already charged (the car arrived full). */
export function initialEvState(ev: EvSpec): EvState {
  return { needed: 0, plugged: isPluggedAt(ev, 0), unmet: 0 };
}
