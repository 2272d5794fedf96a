/**
 * Capability markers (`requires_<capability>` exports). A chain refuses a contract that requires a capability it
 * does not offer, so re-export the markers of the features you use from the entry file, e.g.
 * `export { requires_iterator } from "../sdk/capabilities";`
 * - `requires_iterator`: range iteration (`db_scan`/`db_next`: storage `range`, `Map.range`, `Prefix.range`).
 * - `requires_cosmwasm_1_4`: key-only and value-only iteration (`db_next_key`/`db_next_value`).
 * - `requires_cosmwasm_2_1`: `IbcMsg.writeAcknowledgement`, secp256r1 and BLS12-381 host functions.
 * - `requires_stargate`: IBC messages and queries, as cosmwasm-std's `stargate` feature declares.
 */

export function requires_iterator(): void {}
export function requires_stargate(): void {}
export function requires_cosmwasm_1_4(): void {}
export function requires_cosmwasm_2_1(): void {}
