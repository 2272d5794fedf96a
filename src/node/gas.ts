import { NodeError } from "./errors.js";

/**
 * SDK gas (not VM gas: the engine's units are 140,000 times smaller, see `vmGasToSdkGas`). A GasMeter has a limit;
 * consuming past it throws OutOfGas, like the Cosmos SDK's basic gas meter panics with ErrorOutOfGas. The consumed
 * amount still grows past the limit, so a tx result reports what was actually asked for.
 */
export class GasMeter {
  private used = 0;

  constructor(readonly limit: number) {
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new NodeError("node.gas_limit", `gas limit ${limit} is not a non-negative safe integer`, { limit });
    }
  }

  get consumed(): number {
    return this.used;
  }

  /** Gas left before the limit (0 when already past it). */
  get remaining(): number {
    return Math.max(0, this.limit - this.used);
  }

  get isOutOfGas(): boolean {
    return this.used >= this.limit;
  }

  consume(amount: number, descriptor: string): void {
    if (!Number.isSafeInteger(amount) || amount < 0) {
      throw new NodeError("node.gas_amount", `cannot consume ${amount} gas (${descriptor})`, { amount, descriptor });
    }
    this.used += amount;
    if (!Number.isSafeInteger(this.used)) throw new OutOfGas(this, `${descriptor} (gas overflow)`);
    if (this.used > this.limit) throw new OutOfGas(this, descriptor);
  }
}

/**
 * Thrown when a GasMeter runs past its limit. It is not an error of the message but of the whole execution that
 * owns the meter: only that owner (the tx, or a submessage with its own gas limit) catches it.
 */
export class OutOfGas extends NodeError {
  constructor(
    readonly meter: GasMeter,
    readonly descriptor: string,
  ) {
    super("node.out_of_gas", `out of gas in location: ${descriptor}`, {
      descriptor,
      limit: meter.limit,
      consumed: meter.consumed,
    });
  }
}

/** The Cosmos SDK's KVGasConfig: what module state access costs (contract state is metered by the engine). */
export const KV_GAS = {
  hasCost: 1000,
  deleteCost: 1000,
  readCostFlat: 1000,
  readCostPerByte: 3,
  writeCostFlat: 2000,
  writeCostPerByte: 30,
  iterNextCostFlat: 30,
} as const;

/** Gas costs of the auth ante handler (x/auth params defaults). */
export const AUTH_GAS = {
  txSizeCostPerByte: 10,
  sigVerifyCostSecp256k1: 1000,
  maxMemoCharacters: 256,
  txSigLimit: 7,
} as const;
