/**
 * Capabilities are named features of the chain a contract can require by exporting a `requires_<capability>`
 * marker. A contract whose required capabilities are not all offered by the node is rejected at upload.
 */

/**
 * What a Plurigrid node offers by default: wasmd's `BuiltInCapabilities()` (x/wasm/keeper/capabilities.go:
 * iterator, staking, stargate, cosmwasm_1_1 … cosmwasm_2_2, ibc2) plus `cosmwasm_3_0`, the capability of
 * CosmWasm 3.0 (`WasmQuery::RawRange`, docs/CAPABILITIES-BUILT-IN.md), which cosmwasm-vm's own test instance offers.
 */
export const DEFAULT_CAPABILITIES: readonly string[] = Object.freeze([
  "iterator",
  "staking",
  "stargate",
  "ibc2",
  "cosmwasm_1_1",
  "cosmwasm_1_2",
  "cosmwasm_1_3",
  "cosmwasm_1_4",
  "cosmwasm_2_0",
  "cosmwasm_2_1",
  "cosmwasm_2_2",
  "cosmwasm_3_0",
]);

/** A fresh set of the default capabilities. */
export function defaultCapabilities(): Set<string> {
  return new Set(DEFAULT_CAPABILITIES);
}

/**
 * Parses a comma-separated capability list (`"iterator, staking,cosmwasm_1_1"`): entries are trimmed and empty
 * entries skipped, like cosmwasm-vm's `capabilities_from_csv`. An empty string is the empty set.
 */
export function parseCapabilities(csv: string): Set<string> {
  return new Set(
    csv
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  );
}
