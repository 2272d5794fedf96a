import { PlurigridError } from "../errors.js";

/**
 * Errors of the energy-market library. Codes are stable and start with `market.`; the context names the order,
 * participant, field or market a user has to fix.
 */
export class MarketError extends PlurigridError {}

/** A quantity cannot be represented exactly in the library's fixed-point units, or is out of range. */
export class PrecisionError extends MarketError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("market.precision", message, context);
  }
}

/** An order, order book or scenario field is missing, malformed or inconsistent. */
export class InvalidInputError extends MarketError {
  constructor(code: string, message: string, context: Record<string, unknown> = {}) {
    super(`market.${code}`, message, context);
  }
}

/** A mechanism, strategy or asset kind was asked for by a name the library does not know. */
export class UnknownNameError extends MarketError {
  constructor(kind: string, name: string, known: readonly string[]) {
    super(`market.unknown_${kind}`, `unknown ${kind.replace(/_/g, " ")} "${name}" (known: ${known.join(", ")})`, {
      [kind]: name,
      known,
    });
  }
}

/** A conservation law (energy per slot, money per trade) failed: a bug, never a user error. */
export class ConservationError extends MarketError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("market.conservation", message, context);
  }
}
