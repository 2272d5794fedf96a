import type { WasmModule } from "./wasm/module.js";

/** Every entry point the host may call, as cosmwasm-vm's `Entrypoint` enum knows them. */
export const ENTRY_POINTS = [
  "instantiate",
  "execute",
  "migrate",
  "sudo",
  "reply",
  "query",
  "ibc_channel_open",
  "ibc_channel_connect",
  "ibc_channel_close",
  "ibc_packet_receive",
  "ibc_packet_ack",
  "ibc_packet_timeout",
  "ibc_source_callback",
  "ibc_destination_callback",
  "ibc2_packet_receive",
  "ibc2_packet_timeout",
  "ibc2_packet_ack",
  "ibc2_packet_send",
] as const;

export type EntryPoint = (typeof ENTRY_POINTS)[number];

/** A contract is IBC-enabled (wasmd binds it a `wasm.<address>` port) iff it exports all six of these. */
export const REQUIRED_IBC_EXPORTS: readonly EntryPoint[] = [
  "ibc_channel_open",
  "ibc_channel_connect",
  "ibc_channel_close",
  "ibc_packet_receive",
  "ibc_packet_ack",
  "ibc_packet_timeout",
];

export const INTERFACE_VERSION_PREFIX = "interface_version_";
export const REQUIRES_PREFIX = "requires_";

/** What a module's exports say about it as a CosmWasm contract. */
export interface ExportAnalysis {
  /** Names of all exported functions, sorted. */
  exportedFunctions: string[];
  /** Exported entry points, in {@link ENTRY_POINTS} order. */
  entryPoints: EntryPoint[];
  /** All six {@link REQUIRED_IBC_EXPORTS} are exported. */
  ibcEnabled: boolean;
  /** Which of the six IBC channel/packet entry points are exported. */
  ibcEntryPoints: EntryPoint[];
  /** Capabilities named by `requires_<capability>` exports (an empty name is ignored), sorted. */
  requiredCapabilities: string[];
  /** Every `interface_version_*` marker export, sorted. */
  interfaceVersions: string[];
}

/** Exported function names (only exports of kind function count, like cosmwasm-vm), optionally by prefix, sorted. */
export function exportedFunctionNames(module: WasmModule, prefix?: string): string[] {
  const names = new Set<string>();
  for (const e of module.exports)
    if (e.kind === "func" && (prefix === undefined || e.name.startsWith(prefix))) names.add(e.name);
  return [...names].sort();
}

/** Capabilities the contract requires via `requires_*` marker exports, sorted. */
export function requiredCapabilities(module: WasmModule): string[] {
  return exportedFunctionNames(module, REQUIRES_PREFIX)
    .map((name) => name.slice(REQUIRES_PREFIX.length))
    .filter((cap) => cap.length > 0);
}

export function analyzeExports(module: WasmModule): ExportAnalysis {
  const exportedFunctions = exportedFunctionNames(module);
  const exported = new Set(exportedFunctions);
  const entryPoints = ENTRY_POINTS.filter((e) => exported.has(e));
  const ibcEntryPoints = REQUIRED_IBC_EXPORTS.filter((e) => exported.has(e));
  return {
    exportedFunctions,
    entryPoints,
    ibcEnabled: ibcEntryPoints.length === REQUIRED_IBC_EXPORTS.length,
    ibcEntryPoints,
    requiredCapabilities: requiredCapabilities(module),
    interfaceVersions: exportedFunctions.filter((n) => n.startsWith(INTERFACE_VERSION_PREFIX)),
  };
}
