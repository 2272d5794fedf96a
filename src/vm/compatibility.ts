import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { defaultCapabilities } from "./capabilities.js";
import { analyzeExports, type EntryPoint } from "./static_analysis.js";
import { WasmParseError } from "./wasm/errors.js";
import { decodeFunctionBody, opName, opInfo, type WasmFeature } from "./wasm/instructions.js";
import { parseModule, type WasmModule } from "./wasm/module.js";

/**
 * The static compatibility check of a contract upload, after cosmwasm-vm's `check_wasm`
 * (packages/vm/src/compatibility.rs, v3.0) and the compile-time `Gatekeeper` that rejects wasm proposals the
 * engine does not support. Unlike cosmwasm-vm, which stops at the first problem, the check collects every
 * violation. Input that is not a readable wasm module is not a violation: `checkWasm` throws a
 * {@link WasmParseError} for it.
 *
 * Rules, in the order they are checked (ids are stable):
 * - `table-count`, `table-unbounded`, `table-size` — at most one table, with a maximum of at most 2500 entries.
 * - `memory-count`, `memory-initial`, `memory-maximum` — exactly one (defined) memory, at most 512 initial pages,
 *   no maximum (the host sets it).
 * - `interface-version-missing`, `interface-version-multiple`, `interface-version-unsupported` — exactly one
 *   `interface_version_*` marker export, and it is `interface_version_8`.
 * - `required-export` — `allocate` and `deallocate` are exported functions.
 * - `ibc-partial` — a contract exporting any of the six IBC channel/packet entry points exports all of them
 *   (a Plurigrid rule: cosmwasm-vm only reports such a contract as not IBC-enabled).
 * - `import-count`, `import-unsupported`, `import-not-function` — at most 100 imports, all functions from the
 *   CosmWasm host API in module `env`.
 * - `capability-unavailable` — every `requires_*` capability is offered by the node.
 * - `function-count`, `function-params`, `function-params-total`, `function-results`, `function-locals`,
 *   `function-locals-total` — at most 20,000 functions; function types with at most 100 parameters and at most 1
 *   result (counted over every type of the type section, as cosmwasm-vm does); at most 10,000 parameters over
 *   all defined functions; at most 100 declared locals per function and 10,000 in total.
 * - `feature-bulk-memory`, `feature-simd`, `feature-threads`, `feature-reference-types`, `feature-tail-call`,
 *   `feature-exceptions`, `feature-function-references`, `feature-gc`, `feature-memory64` — wasm proposals
 *   CosmWasm does not run, found by decoding every instruction of every function body and looking at element
 *   segments, memories, tables and tags. Floats, sign-extension, saturating float-to-int and multi-value are fine.
 * - `instruction-unknown` — an opcode outside wasm 2.0 + threads (e.g. relaxed SIMD, GC).
 * - `migrate-version` — a `cw_migrate_version` custom section holds a decimal u64.
 * - `wasm-validation` — the module validates as WebAssembly (types, indices, constant expressions).
 */

/** Stable ids of the check's rules. */
export type RuleId =
  | "table-count"
  | "table-unbounded"
  | "table-size"
  | "memory-count"
  | "memory-initial"
  | "memory-maximum"
  | "interface-version-missing"
  | "interface-version-multiple"
  | "interface-version-unsupported"
  | "required-export"
  | "ibc-partial"
  | "import-count"
  | "import-unsupported"
  | "import-not-function"
  | "capability-unavailable"
  | "function-count"
  | "function-params"
  | "function-params-total"
  | "function-results"
  | "function-locals"
  | "function-locals-total"
  | "feature-bulk-memory"
  | "feature-simd"
  | "feature-threads"
  | "feature-reference-types"
  | "feature-tail-call"
  | "feature-exceptions"
  | "feature-function-references"
  | "feature-gc"
  | "feature-memory64"
  | "instruction-unknown"
  | "migrate-version"
  | "start-function"
  | "wasm-validation";

/** Ids of non-fatal findings. */
export type WarningId = "passive-data-segment" | "data-count-section";

export interface Violation {
  rule: RuleId;
  message: string;
}

export interface Warning {
  rule: WarningId;
  message: string;
}

/** cosmwasm-vm's `WasmLimits` with their defaults. */
export interface WasmLimits {
  initialMemoryPages: number;
  tableSizeElements: number;
  maxImports: number;
  maxFunctions: number;
  maxFunctionParams: number;
  maxTotalFunctionParams: number;
  maxFunctionResults: number;
  maxFunctionLocals: number;
  maxTotalFunctionLocals: number;
}

export const DEFAULT_WASM_LIMITS: Readonly<WasmLimits> = Object.freeze({
  initialMemoryPages: 512,
  tableSizeElements: 2500,
  maxImports: 100,
  maxFunctions: 20_000,
  maxFunctionParams: 100,
  maxTotalFunctionParams: 10_000,
  maxFunctionResults: 1,
  maxFunctionLocals: 100,
  maxTotalFunctionLocals: 10_000,
});

/** The host functions a contract may import, all from module `env` (cosmwasm-vm `SUPPORTED_IMPORTS`). */
export const SUPPORTED_IMPORTS: readonly string[] = Object.freeze([
  "abort",
  "db_read",
  "db_write",
  "db_remove",
  "addr_validate",
  "addr_canonicalize",
  "addr_humanize",
  "bls12_381_aggregate_g1",
  "bls12_381_aggregate_g2",
  "bls12_381_pairing_equality",
  "bls12_381_hash_to_g1",
  "bls12_381_hash_to_g2",
  "secp256k1_verify",
  "secp256k1_recover_pubkey",
  "secp256r1_verify",
  "secp256r1_recover_pubkey",
  "ed25519_verify",
  "ed25519_batch_verify",
  "debug",
  "query_chain",
  "db_scan",
  "db_next",
  "db_next_key",
  "db_next_value",
]);

export const REQUIRED_EXPORTS: readonly string[] = Object.freeze(["allocate", "deallocate"]);
export const SUPPORTED_INTERFACE_VERSION = "interface_version_8";

/** Which cosmwasm-std release introduced each legacy marker (packages/vm/README.md). */
const LEGACY_INTERFACES: Record<string, string> = {
  interface_version_7: "cosmwasm-std 0.16",
  interface_version_6: "cosmwasm-std 0.15",
  interface_version_5: "cosmwasm-std 0.14",
  cosmwasm_vm_version_4: "cosmwasm-std 0.11–0.13",
  cosmwasm_vm_version_3: "cosmwasm-std 0.10",
  cosmwasm_vm_version_2: "cosmwasm-std 0.9",
  cosmwasm_vm_version_1: "cosmwasm-std 0.8",
};

export interface CheckOptions {
  /** Capabilities the node offers; default {@link defaultCapabilities}. */
  capabilities?: Iterable<string>;
  /** Overrides of {@link DEFAULT_WASM_LIMITS}. */
  limits?: Partial<WasmLimits>;
}

export interface CheckReport {
  /** No violations. */
  valid: boolean;
  /** sha256 of the bytes, lowercase hex (the code checksum wasmd reports). */
  checksum: string;
  /** Size in bytes. */
  size: number;
  violations: Violation[];
  /** Findings that do not make the contract invalid. */
  warnings: Warning[];
  entryPoints: EntryPoint[];
  ibcEnabled: boolean;
  requiredCapabilities: string[];
  /** The interface marker, when exactly one is exported. */
  interfaceVersion: string | null;
  /** Exported function names, sorted. */
  exports: string[];
  /** Imports as `module.name`, in module order. */
  imports: string[];
  /** Functions defined in the module (imports not included). */
  functionCount: number;
  /** From a `cw_migrate_version` custom section, as a decimal string (a u64 may exceed 2^53). */
  migrateVersion: string | null;
}

/** Tracks the instructions of one feature: counts per opcode and the first occurrence. */
interface FeatureUse {
  counts: Map<number, number>;
  first?: { func: number; offset: number };
  module: string[];
}

const FEATURE_RULES: Partial<Record<WasmFeature, RuleId>> = {
  "bulk-memory": "feature-bulk-memory",
  simd: "feature-simd",
  threads: "feature-threads",
  "reference-types": "feature-reference-types",
  "tail-call": "feature-tail-call",
  exceptions: "feature-exceptions",
  "function-references": "feature-function-references",
  gc: "feature-gc",
};

const FEATURE_NAMES: Record<WasmFeature, string> = {
  mvp: "MVP",
  "sign-ext": "sign-extension",
  "sat-float-to-int": "saturating float-to-int",
  "bulk-memory": "bulk memory",
  simd: "SIMD",
  threads: "threads (atomics)",
  "reference-types": "reference types",
  "tail-call": "tail call",
  exceptions: "exception handling",
  "function-references": "typed function references",
  gc: "GC",
};

const FEATURE_WHY: Partial<Record<WasmFeature, string>> = {
  "bulk-memory": "CosmWasm does not enable bulk memory operations",
  simd: "CosmWasm does not enable the SIMD proposal",
  threads: "CosmWasm does not enable the threads proposal",
  "reference-types":
    "cosmwasm-vm accepts the reference-types encodings Rust ≥ 1.82 emits, but its compiler (Gatekeeper) rejects every reference-types instruction",
  "tail-call": "CosmWasm does not enable the tail-call proposal",
  exceptions: "CosmWasm does not enable exception handling",
  "function-references": "CosmWasm does not enable typed function references",
  gc: "CosmWasm does not enable GC",
};

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

function listSome(items: string[], max = 10): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

const hex = (n: number) => `0x${n.toString(16)}`;

/**
 * Checks `bytes` against every rule of the CosmWasm static check and reports all violations.
 * Throws {@link WasmParseError} when the bytes are not a readable wasm module.
 */
export function checkWasm(bytes: Uint8Array, options: CheckOptions = {}): CheckReport {
  const limits: WasmLimits = { ...DEFAULT_WASM_LIMITS, ...options.limits };
  const offered = new Set(options.capabilities ?? defaultCapabilities());
  const module = parseModule(bytes);
  const exportsInfo = analyzeExports(module);
  const violations: Violation[] = [];
  const warnings: Warning[] = [];
  const fail = (rule: RuleId, message: string) => violations.push({ rule, message });
  const features = new Map<WasmFeature, FeatureUse>();
  const featureUse = (f: WasmFeature): FeatureUse => {
    let u = features.get(f);
    if (!u) features.set(f, (u = { counts: new Map(), module: [] }));
    return u;
  };

  checkTables(module, limits, fail);
  checkMemories(module, limits, fail, featureUse);
  checkMemory64(module, fail);
  const interfaceVersion = checkInterfaceVersion(module, exportsInfo.interfaceVersions, fail);
  const exported = new Set(exportsInfo.exportedFunctions);
  for (const name of REQUIRED_EXPORTS)
    if (!exported.has(name))
      fail(
        "required-export",
        `missing required export "${name}": the host calls allocate/deallocate to pass data in and out of the contract`,
      );
  if (exportsInfo.ibcEntryPoints.length > 0 && !exportsInfo.ibcEnabled) {
    const missing = ["ibc_channel_open", "ibc_channel_connect", "ibc_channel_close"]
      .concat(["ibc_packet_receive", "ibc_packet_ack", "ibc_packet_timeout"])
      .filter((e) => !exported.has(e));
    fail(
      "ibc-partial",
      `partial IBC interface: exports ${exportsInfo.ibcEntryPoints.join(", ")} but not ${missing.join(", ")}`,
    );
  }
  checkImports(module, limits, fail, featureUse);
  const missingCaps = exportsInfo.requiredCapabilities.filter((c) => !offered.has(c));
  if (missingCaps.length > 0)
    fail(
      "capability-unavailable",
      `requires ${missingCaps.length === 1 ? "capability" : "capabilities"} this node does not offer: ${missingCaps.join(", ")} (offered: ${[...offered].sort().join(", ") || "none"})`,
    );
  checkFunctions(module, limits, fail);
  scanCode(module, fail, featureUse, warnings);

  for (const [feature, use] of features) {
    const rule = feature === "mvp" ? undefined : FEATURE_RULES[feature];
    if (!rule) continue;
    const parts: string[] = [];
    if (use.counts.size > 0) {
      const ops = [...use.counts].sort((a, b) => b[1] - a[1]).map(([op, n]) => `${opName(op)} ×${n}`);
      const total = [...use.counts.values()].reduce((a, b) => a + b, 0);
      const where = use.first ? ` (first in function ${use.first.func} at byte ${hex(use.first.offset)})` : "";
      parts.push(`${plural(total, "instruction")}: ${listSome(ops)}${where}`);
    }
    parts.push(...use.module);
    fail(rule, `uses ${FEATURE_NAMES[feature]}: ${parts.join("; ")}. ${FEATURE_WHY[feature] ?? ""}`.trim());
  }
  const migrateVersion = checkMigrateVersion(module, fail);
  // Not a rule of check_wasm, but certain failure: cosmwasm-vm compiles with a gas limit of 0 (engine.rs
  // make_compiling_engine), so the start function runs out of gas during instantiation of every call.
  if (module.start !== undefined)
    fail(
      "start-function",
      `declares a start function (function ${module.start}); cosmwasm-vm instantiates contracts with a gas limit of 0, so it traps on every call (run initialisation lazily instead)`,
    );
  if (engine && !engine.validate(bytes)) {
    let reason = "the module is not valid WebAssembly";
    try {
      new engine.Module(bytes);
    } catch (err) {
      reason = err instanceof Error ? err.message.replace(/^WebAssembly\.Module\(\): /, "") : String(err);
    }
    fail("wasm-validation", `WebAssembly validation failed: ${reason}`);
  }
  violations.sort((a, b) => RULE_ORDER.indexOf(a.rule) - RULE_ORDER.indexOf(b.rule));

  return {
    valid: violations.length === 0,
    checksum: bytesToHex(sha256(bytes)),
    size: bytes.length,
    violations,
    warnings,
    entryPoints: exportsInfo.entryPoints,
    ibcEnabled: exportsInfo.ibcEnabled,
    requiredCapabilities: exportsInfo.requiredCapabilities,
    interfaceVersion,
    exports: exportsInfo.exportedFunctions,
    imports: module.imports.map((i) => `${i.module}.${i.name}`),
    functionCount: module.codes.length,
    migrateVersion,
  };
}

/** Rule ids in check order (violations are reported in this order). */
export const RULE_ORDER: readonly RuleId[] = Object.freeze([
  "table-count",
  "table-unbounded",
  "table-size",
  "memory-count",
  "memory-initial",
  "memory-maximum",
  "interface-version-missing",
  "interface-version-multiple",
  "interface-version-unsupported",
  "required-export",
  "ibc-partial",
  "import-count",
  "import-unsupported",
  "import-not-function",
  "capability-unavailable",
  "function-count",
  "function-params",
  "function-params-total",
  "function-results",
  "function-locals",
  "function-locals-total",
  "feature-bulk-memory",
  "feature-simd",
  "feature-threads",
  "feature-reference-types",
  "feature-tail-call",
  "feature-exceptions",
  "feature-function-references",
  "feature-gc",
  "feature-memory64",
  "instruction-unknown",
  "migrate-version",
  "start-function",
  "wasm-validation",
] satisfies RuleId[]);

/**
 * The JavaScript engine's own WebAssembly validator (type checking of every function, index bounds, constant
 * expressions) — the counterpart of wasmparser's full validation in cosmwasm-vm. Its feature set is a superset of
 * what CosmWasm allows, which the rules above narrow down.
 */
const engine = (
  globalThis as unknown as {
    WebAssembly?: { validate(bytes: Uint8Array): boolean; Module: new (bytes: Uint8Array) => unknown };
  }
).WebAssembly;

type Fail = (rule: RuleId, message: string) => void;
type FeatureUseOf = (f: WasmFeature) => FeatureUse;

function checkTables(module: WasmModule, limits: WasmLimits, fail: Fail): void {
  const tables = module.tables;
  if (tables.length > 1) fail("table-count", `defines ${tables.length} tables; a contract may define at most 1`);
  tables.forEach((t, i) => {
    if (t.maximum === undefined)
      fail(
        "table-unbounded",
        `table ${i} has no maximum size (initial ${t.initial}); cosmwasm-vm requires a maximum of at most ${limits.tableSizeElements} entries`,
      );
    else if (t.maximum > limits.tableSizeElements)
      fail(
        "table-size",
        `table ${i} has a maximum of ${t.maximum.toLocaleString("en-US")} entries; the limit is ${limits.tableSizeElements.toLocaleString("en-US")}`,
      );
  });
}

function checkMemories(module: WasmModule, limits: WasmLimits, fail: Fail, featureUse: FeatureUseOf): void {
  const n = module.memories.length;
  if (n !== 1) {
    const imported =
      module.importedMemoryCount > 0
        ? ` (and imports ${plural(module.importedMemoryCount, "memory", "memories")}, which do not count)`
        : "";
    fail("memory-count", `defines ${plural(n, "memory", "memories")}${imported}; a contract must define exactly one`);
  }
  module.memories.forEach((m, i) => {
    const which = n === 1 ? "the memory" : `memory ${i}`;
    if (m.initial > limits.initialMemoryPages)
      fail(
        "memory-initial",
        `${which} starts with ${m.initial.toLocaleString("en-US")} pages (${formatBytes(m.initial * 65536)}); at most ${limits.initialMemoryPages} pages (${formatBytes(limits.initialMemoryPages * 65536)}) are allowed`,
      );
    if (m.maximum !== undefined)
      fail(
        "memory-maximum",
        `${which} declares a maximum of ${m.maximum.toLocaleString("en-US")} pages; the maximum must be unset because the host sets it`,
      );
    if (m.shared) featureUse("threads").module.push(`${which} is shared`);
  });
}

function checkMemory64(module: WasmModule, fail: Fail): void {
  const uses: string[] = [];
  for (const i of module.imports)
    if ((i.kind === "memory" && i.memory.memory64) || (i.kind === "table" && i.table.table64))
      uses.push(`the imported ${i.kind} ${i.module}.${i.name} is 64-bit`);
  module.memories.forEach((m, i) => m.memory64 && uses.push(`memory ${i} is a 64-bit memory`));
  module.tables.forEach((t, i) => t.table64 && uses.push(`table ${i} is a 64-bit table`));
  if (uses.length > 0) fail("feature-memory64", `uses memory64: ${uses.join(", ")}. CosmWasm does not enable memory64`);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024
    ? `${(n / (1024 * 1024)).toLocaleString("en-US")} MiB`
    : `${(n / 1024).toLocaleString("en-US")} KiB`;
}

function checkInterfaceVersion(module: WasmModule, markers: string[], fail: Fail): string | null {
  if (markers.length === 0) {
    const legacy = module.exports.find((e) => e.kind === "func" && e.name.startsWith("cosmwasm_vm_version_"));
    fail(
      "interface-version-missing",
      legacy
        ? `exports the pre-1.0 marker ${legacy.name}${LEGACY_INTERFACES[legacy.name] ? ` (${LEGACY_INTERFACES[legacy.name]})` : ""} instead of ${SUPPORTED_INTERFACE_VERSION}; rebuild the contract with cosmwasm-std ≥ 1.0`
        : `missing the marker export ${SUPPORTED_INTERFACE_VERSION}: this is not a CosmWasm ≥ 1.0 contract (every one exports it)`,
    );
    return null;
  }
  if (markers.length > 1) {
    fail(
      "interface-version-multiple",
      `exports ${markers.length} interface version markers (${markers.join(", ")}); exactly one is allowed`,
    );
    return null;
  }
  const marker = markers[0]!;
  if (marker !== SUPPORTED_INTERFACE_VERSION) {
    const era = LEGACY_INTERFACES[marker];
    fail(
      "interface-version-unsupported",
      era
        ? `${marker} is the interface of ${era}; this node supports only ${SUPPORTED_INTERFACE_VERSION} (cosmwasm-std ≥ 1.0): rebuild the contract`
        : `unknown interface marker ${marker}; this node supports only ${SUPPORTED_INTERFACE_VERSION}`,
    );
  }
  return marker;
}

function checkImports(module: WasmModule, limits: WasmLimits, fail: Fail, featureUse: FeatureUseOf): void {
  const imports = module.imports;
  if (imports.length > limits.maxImports)
    fail("import-count", `has ${imports.length} imports; at most ${limits.maxImports} are allowed`);
  const supported = new Set(SUPPORTED_IMPORTS);
  const unsupported: string[] = [];
  const notFunctions: string[] = [];
  for (const imp of imports) {
    const full = `${imp.module}.${imp.name}`;
    if (imp.module !== "env" || !supported.has(imp.name)) unsupported.push(full);
    if (imp.kind !== "func") notFunctions.push(`${full} (a ${imp.kind})`);
    if (imp.kind === "memory" && imp.memory.shared)
      featureUse("threads").module.push(`imported memory ${full} is shared`);
    if (imp.kind === "tag") featureUse("exceptions").module.push(`imports tag ${full}`);
  }
  if (unsupported.length > 0)
    fail(
      "import-unsupported",
      `requires ${unsupported.length === 1 ? "an import" : "imports"} the host does not provide: ${listSome(unsupported)}. Supported imports are functions in module "env": ${SUPPORTED_IMPORTS.join(", ")}`,
    );
  if (notFunctions.length > 0)
    fail(
      "import-not-function",
      `imports ${listSome(notFunctions)}; every import must be a function (the contract defines its own memory and table)`,
    );
}

function checkFunctions(module: WasmModule, limits: WasmLimits, fail: Fail): void {
  const count = module.codes.length;
  if (count > limits.maxFunctions)
    fail(
      "function-count",
      `defines ${count.toLocaleString("en-US")} functions; at most ${limits.maxFunctions.toLocaleString("en-US")} are allowed`,
    );

  const usersOf = (typeIndex: number): string => {
    const users: number[] = [];
    module.functions.forEach((t, i) => {
      if (t === typeIndex) users.push(module.importedFunctionCount + i);
    });
    return users.length === 0
      ? ""
      : ` (used by function${users.length === 1 ? "" : "s"} ${listSome(users.map(String), 5)})`;
  };
  const manyParams: string[] = [];
  const manyResults: string[] = [];
  module.types.forEach((t, i) => {
    if (t.params.length > limits.maxFunctionParams) manyParams.push(`type ${i} has ${t.params.length}${usersOf(i)}`);
    if (t.results.length > limits.maxFunctionResults)
      manyResults.push(`type ${i} has ${t.results.length}${usersOf(i)}`);
  });
  if (manyParams.length > 0)
    fail(
      "function-params",
      `function types with more than ${limits.maxFunctionParams} parameters: ${listSome(manyParams, 5)}`,
    );
  let totalParams = 0;
  for (const t of module.functions) totalParams += module.types[t]?.params.length ?? 0;
  if (totalParams > limits.maxTotalFunctionParams)
    fail(
      "function-params-total",
      `defined functions take ${totalParams.toLocaleString("en-US")} parameters in total; at most ${limits.maxTotalFunctionParams.toLocaleString("en-US")} are allowed`,
    );
  if (manyResults.length > 0)
    fail(
      "function-results",
      `function types with more than ${plural(limits.maxFunctionResults, "result")}: ${listSome(manyResults, 5)}`,
    );

  const manyLocals: string[] = [];
  let totalLocals = 0;
  for (const body of module.codes) {
    totalLocals += body.localCount;
    if (body.localCount > limits.maxFunctionLocals)
      manyLocals.push(`function ${body.funcIndex} declares ${body.localCount.toLocaleString("en-US")}`);
  }
  if (manyLocals.length > 0)
    fail("function-locals", `functions with more than ${limits.maxFunctionLocals} locals: ${listSome(manyLocals, 5)}`);
  if (totalLocals > limits.maxTotalFunctionLocals)
    fail(
      "function-locals-total",
      `functions declare ${totalLocals.toLocaleString("en-US")} locals in total; at most ${limits.maxTotalFunctionLocals.toLocaleString("en-US")} are allowed`,
    );
}

function scanCode(module: WasmModule, fail: Fail, featureUse: FeatureUseOf, warnings: Warning[]): void {
  const unknown: string[] = [];
  const memory64 = module.memories.some((m) => m.memory64);
  for (const body of module.codes) {
    try {
      decodeFunctionBody(
        module.bytes,
        body,
        (ins) => {
          const feature = opInfo(ins.op)!.feature;
          if (feature === "mvp" || feature === "sign-ext" || feature === "sat-float-to-int") return;
          const use = featureUse(feature);
          use.counts.set(ins.op, (use.counts.get(ins.op) ?? 0) + 1);
          use.first ??= { func: body.funcIndex, offset: ins.start };
        },
        { memory64 },
      );
    } catch (err) {
      if (!(err instanceof WasmParseError) || err.code !== "wasm.unknown_opcode") throw err;
      unknown.push(`function ${body.funcIndex}: ${err.message}`);
    }
  }
  if (unknown.length > 0)
    fail(
      "instruction-unknown",
      `uses instructions outside wasm 2.0 + threads (e.g. relaxed SIMD, GC): ${listSome(unknown, 5)}`,
    );

  module.elements.forEach((seg, i) => {
    if (seg.bulkMemoryOnly) featureUse("bulk-memory").module.push(`element segment ${i} is ${seg.mode}`);
  });
  if (module.tags.length > 0) featureUse("exceptions").module.push(`defines ${plural(module.tags.length, "tag")}`);

  // wasmparser 0.216 (the validator of cosmwasm-vm 3.0) accepts these without bulk memory; nothing can read a
  // passive segment without memory.init, which is rejected above.
  module.data.forEach((seg, i) => {
    if (seg.mode === "passive")
      warnings.push({
        rule: "passive-data-segment",
        message: `data segment ${i} is passive (a bulk-memory encoding); cosmwasm-vm accepts it, but it is never copied into memory`,
      });
  });
  if (module.dataCount !== undefined)
    warnings.push({
      rule: "data-count-section",
      message: "has a data count section (a bulk-memory encoding); cosmwasm-vm accepts it",
    });
}

function checkMigrateVersion(module: WasmModule, fail: Fail): string | null {
  const sections = module.customSections.filter((s) => s.name === "cw_migrate_version");
  let version: string | null = null;
  for (const s of sections) {
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(module.bytes.subarray(s.data.start, s.data.end));
    } catch {
      fail("migrate-version", "the cw_migrate_version custom section is not valid UTF-8");
      continue;
    }
    // Rust's u64::from_str: ASCII digits with an optional leading '+'.
    const digits = /^\+?([0-9]+)$/.exec(text)?.[1];
    if (digits === undefined || BigInt(digits) > 0xffff_ffff_ffff_ffffn) {
      fail(
        "migrate-version",
        `the cw_migrate_version custom section must hold a decimal u64, found ${JSON.stringify(text.slice(0, 40))}`,
      );
      continue;
    }
    version = BigInt(digits).toString();
  }
  return version;
}
