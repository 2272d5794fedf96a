import { add, mul, ZERO, type Num } from "./num.js";

export type PlayerId = string;

/**
 * Payoffs accumulated by player id during the backward pass of a play. Immutable: every update returns a new
 * vector, so outcomes can be shared between branches of a distribution.
 */
export type PayoffVector = ReadonlyMap<PlayerId, Num>;

export const NO_PAYOFFS: PayoffVector = new Map();

export function payoffOf(v: PayoffVector, player: PlayerId): Num {
  return v.get(player) ?? ZERO;
}

export function addPayoff(v: PayoffVector, player: PlayerId, amount: Num): PayoffVector {
  const next = new Map(v);
  next.set(player, add(payoffOf(v, player), amount));
  return next;
}

/** Multiplies what `player` has accumulated so far (i.e. everything paid after this point of the play). */
export function scalePayoff(v: PayoffVector, player: PlayerId, factor: Num): PayoffVector {
  if (!v.has(player)) return v;
  const next = new Map(v);
  next.set(player, mul(payoffOf(v, player), factor));
  return next;
}
