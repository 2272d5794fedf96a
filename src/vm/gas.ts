/**
 * Gas, in cosmwasm-vm's units ("VM gas"; wasmd divides by 140,000 to get SDK gas).
 *
 * Wasm execution is metered by the instrumentation pass (115 per operation, ×14 for control flow, charged per
 * basic block as wasmer's metering middleware does). Host functions charge the costs below, taken from
 * cosmwasm-vm 3.0 `GasConfig::default()` (packages/vm/src/environment.rs). Storage costs are the Cosmos SDK's
 * KVGasConfig, multiplied by wasmd's DefaultGasMultiplier, because on wasmd they come from the KV store's gas meter.
 */

export interface LinearGasCost {
  base: number;
  perItem: number;
}

export function linearCost(cost: LinearGasCost, items: number): number {
  return cost.base + cost.perItem * items;
}

const GAS_PER_US = 1_000_000;

export const GAS_PER_OPERATION = 115;
export const CONTROL_FLOW_MULTIPLIER = 14;

/** wasmd's DefaultGasMultiplier: VM gas per SDK gas. */
export const SDK_GAS_MULTIPLIER = 140_000;

export interface GasConfig {
  hostCall: number;
  readRegionSmall: LinearGasCost;
  readRegionLarge: LinearGasCost;
  writeRegion: LinearGasCost;
  stringFromBytes: LinearGasCost;
  secp256k1Verify: number;
  secp256k1RecoverPubkey: number;
  secp256r1Verify: number;
  secp256r1RecoverPubkey: number;
  ed25519Verify: number;
  ed25519BatchVerify: LinearGasCost;
  ed25519BatchVerifyOnePubkey: LinearGasCost;
  bls12381AggregateG1: LinearGasCost;
  bls12381AggregateG2: LinearGasCost;
  bls12381HashToG1: number;
  bls12381HashToG2: number;
  bls12381PairingEquality: LinearGasCost;
  /** Storage (Cosmos SDK KVGasConfig, in SDK gas; multiplied by SDK_GAS_MULTIPLIER when charged). */
  storage: {
    readFlat: number;
    readPerByte: number;
    writeFlat: number;
    writePerByte: number;
    delete: number;
    iterNextFlat: number;
  };
}

export const DEFAULT_GAS_CONFIG: GasConfig = {
  hostCall: 18_000,
  readRegionSmall: { base: 200_000, perItem: 115 },
  readRegionLarge: { base: 0, perItem: 520 },
  writeRegion: { base: 230_000, perItem: 570 },
  stringFromBytes: { base: 28_700, perItem: 1_400 },
  secp256k1Verify: 96 * GAS_PER_US,
  secp256k1RecoverPubkey: 194 * GAS_PER_US,
  secp256r1Verify: 279 * GAS_PER_US,
  secp256r1RecoverPubkey: 592 * GAS_PER_US,
  ed25519Verify: 35 * GAS_PER_US,
  ed25519BatchVerify: { base: 24 * GAS_PER_US, perItem: 21 * GAS_PER_US },
  ed25519BatchVerifyOnePubkey: { base: 36 * GAS_PER_US, perItem: 10 * GAS_PER_US },
  bls12381AggregateG1: { base: (136 * GAS_PER_US) / 2, perItem: (24 * GAS_PER_US) / 2 },
  bls12381AggregateG2: { base: (207 * GAS_PER_US) / 2, perItem: (49 * GAS_PER_US) / 2 },
  bls12381HashToG1: 563 * GAS_PER_US,
  bls12381HashToG2: 871 * GAS_PER_US,
  bls12381PairingEquality: { base: 2112 * GAS_PER_US, perItem: 163 * GAS_PER_US },
  storage: { readFlat: 1000, readPerByte: 3, writeFlat: 2000, writePerByte: 30, delete: 1000, iterNextFlat: 30 },
};

/** cosmwasm-vm reads regions up to 8 MB at the small rate and larger ones at the large rate. */
export function readRegionCost(config: GasConfig, bytes: number): number {
  return linearCost(bytes <= 8_000_000 ? config.readRegionSmall : config.readRegionLarge, bytes);
}

/** VM gas to SDK gas, rounding down like wasmd's `k.runtimeGasForContract`/`gasForContract` inverse. */
export function vmGasToSdkGas(vmGas: number): number {
  return Math.floor(vmGas / SDK_GAS_MULTIPLIER);
}
