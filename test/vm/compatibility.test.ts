import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type wabtInit from "wabt";
import { DEFAULT_CAPABILITIES, parseCapabilities } from "../../src/vm/capabilities.js";
import { checkWasm, RULE_ORDER, type CheckReport, type RuleId } from "../../src/vm/compatibility.js";
import { REQUIRED_IBC_EXPORTS } from "../../src/vm/static_analysis.js";
import { WasmParseError } from "../../src/vm/wasm/errors.js";

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve("@oraichain/common-contracts-build/package.json")), "data");

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;
const wabt = () => (wabtPromise ??= import("wabt").then((m) => m.default()));

async function wat(text: string, features: Record<string, boolean> = {}): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat("contract.wat", text, features);
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

interface ContractParts {
  imports?: string;
  memory?: string;
  tables?: string;
  funcs?: string;
  markers?: string[];
  entryPoints?: string[];
  exports?: string;
  allocate?: boolean;
  features?: Record<string, boolean>;
}

/** A minimal contract in WAT; each part can be replaced to break exactly one rule. */
async function contract(parts: ContractParts = {}): Promise<Uint8Array> {
  const markers = parts.markers ?? ["interface_version_8"];
  const entryPoints = parts.entryPoints ?? ["instantiate", "execute", "query"];
  const text = `(module
    ${parts.imports ?? `(import "env" "db_read" (func $db_read (param i32) (result i32)))`}
    ${parts.memory ?? `(memory (export "memory") 17)`}
    ${parts.tables ?? `(table 1 1 funcref)`}
    (func $marker)
    (func $allocate (param i32) (result i32) i32.const 0)
    (func $deallocate (param i32))
    (func $entry (param i32 i32) (result i32) i32.const 0)
    ${parts.funcs ?? ""}
    ${markers.map((m) => `(export "${m}" (func $marker))`).join("\n    ")}
    ${parts.allocate === false ? "" : `(export "allocate" (func $allocate)) (export "deallocate" (func $deallocate))`}
    ${entryPoints.map((e) => `(export "${e}" (func $entry))`).join("\n    ")}
    ${parts.exports ?? ""})`;
  return wat(text, parts.features);
}

function rules(report: CheckReport): RuleId[] {
  return report.violations.map((v) => v.rule);
}

function only(report: CheckReport, rule: RuleId): string {
  assert.deepEqual(rules(report), [rule], JSON.stringify(report.violations, null, 2));
  assert.equal(report.valid, false);
  return report.violations[0]!.message;
}

const IBC = REQUIRED_IBC_EXPORTS;

test("all 12 real contracts pass; exactly the three IBC contracts are IBC-enabled", () => {
  const files = readdirSync(dataDir).filter((f) => f.endsWith(".wasm"));
  assert.equal(files.length, 12);
  for (const f of files) {
    const bytes = readFileSync(join(dataDir, f));
    const r = checkWasm(bytes);
    assert.equal(r.valid, true, `${f}: ${JSON.stringify(r.violations)}`);
    assert.deepEqual(r.violations, []);
    assert.equal(r.ibcEnabled, ["cw20-ics20.wasm", "cw-ics20-latest.wasm", "cw-ics721-bridge.wasm"].includes(f), f);
    assert.equal(r.checksum, createHash("sha256").update(bytes).digest("hex"));
    assert.equal(r.size, bytes.length);
    assert.equal(r.interfaceVersion, "interface_version_8");
    assert.ok(r.entryPoints.includes("instantiate") && r.entryPoints.includes("execute"), f);
    assert.ok(r.exports.includes("allocate") && r.imports.every((i) => i.startsWith("env.")), f);
    assert.ok(r.requiredCapabilities.includes("iterator"), f);
  }
});

test("a minimal contract is valid and its facts are reported", async () => {
  const r = checkWasm(await contract());
  assert.deepEqual(r.violations, []);
  assert.equal(r.valid, true);
  assert.deepEqual(r.entryPoints, ["instantiate", "execute", "query"]);
  assert.equal(r.ibcEnabled, false);
  assert.deepEqual(r.imports, ["env.db_read"]);
  assert.deepEqual(r.requiredCapabilities, []);
  assert.equal(r.functionCount, 4);
});

test("IBC: all six entry points make a contract IBC-enabled; a partial set is rejected", async () => {
  const full = checkWasm(await contract({ entryPoints: ["instantiate", ...IBC] }));
  assert.equal(full.valid, true);
  assert.equal(full.ibcEnabled, true);
  const partial = checkWasm(await contract({ entryPoints: ["instantiate", "ibc_channel_open", "ibc_packet_receive"] }));
  assert.equal(partial.ibcEnabled, false);
  assert.equal(
    only(partial, "ibc-partial"),
    "partial IBC interface: exports ibc_channel_open, ibc_packet_receive but not ibc_channel_connect, ibc_channel_close, ibc_packet_ack, ibc_packet_timeout",
  );
  // IBC callbacks alone are not part of the channel interface.
  const callbacks = checkWasm(await contract({ entryPoints: ["instantiate", "ibc_source_callback"] }));
  assert.equal(callbacks.valid, true);
  assert.deepEqual(callbacks.entryPoints, ["instantiate", "ibc_source_callback"]);
});

test("interface version markers: missing, old, several", async () => {
  assert.match(only(checkWasm(await contract({ markers: [] })), "interface-version-missing"), /interface_version_8/);
  assert.match(
    only(checkWasm(await contract({ markers: ["cosmwasm_vm_version_4"] })), "interface-version-missing"),
    /cosmwasm_vm_version_4 \(cosmwasm-std 0\.11–0\.13\)/,
  );
  const v7 = only(checkWasm(await contract({ markers: ["interface_version_7"] })), "interface-version-unsupported");
  assert.match(v7, /interface_version_7 is the interface of cosmwasm-std 0\.16/);
  assert.match(
    only(checkWasm(await contract({ markers: ["interface_version_9"] })), "interface-version-unsupported"),
    /unknown interface marker interface_version_9/,
  );
  assert.match(
    only(
      checkWasm(await contract({ markers: ["interface_version_7", "interface_version_8"] })),
      "interface-version-multiple",
    ),
    /2 interface version markers \(interface_version_7, interface_version_8\)/,
  );
  // A marker must be a function export.
  const global = await contract({ markers: [], exports: `(global (export "interface_version_8") i32 (i32.const 0))` });
  only(checkWasm(global), "interface-version-missing");
});

test("allocate and deallocate are required exports", async () => {
  const r = checkWasm(await contract({ allocate: false }));
  assert.deepEqual(rules(r), ["required-export", "required-export"]);
  assert.match(r.violations[0]!.message, /"allocate"/);
  assert.match(r.violations[1]!.message, /"deallocate"/);
});

test("imports: unsupported names, non-function kinds, too many", async () => {
  const foreign = await contract({ imports: `(import "env" "db_read" (func)) (import "wasi" "fd_write" (func))` });
  assert.match(only(checkWasm(foreign), "import-unsupported"), /host does not provide: wasi\.fd_write/);
  const nonFunction = await contract({ imports: `(import "env" "db_read" (global i32))` });
  assert.match(only(checkWasm(nonFunction), "import-not-function"), /env\.db_read \(a global\)/);
  const importedMemory = checkWasm(await contract({ imports: `(import "env" "memory" (memory 1))`, memory: "" }));
  assert.deepEqual(rules(importedMemory), ["memory-count", "import-unsupported", "import-not-function"]);
  assert.match(importedMemory.violations[2]!.message, /env\.memory \(a memory\)/);
  const many = Array.from({ length: 101 }, (_, i) => `(import "env" "db_read" (func $i${i}))`).join(" ");
  assert.match(only(checkWasm(await contract({ imports: many })), "import-count"), /101 imports; at most 100/);
});

test("memory: exactly one, at most 512 initial pages, no maximum", async () => {
  assert.match(
    only(checkWasm(await contract({ memory: `(memory (export "memory") 17 20)` })), "memory-maximum"),
    /maximum of 20 pages/,
  );
  assert.match(
    only(checkWasm(await contract({ memory: `(memory (export "memory") 513)` })), "memory-initial"),
    /513 pages .*at most 512 pages/,
  );
  assert.match(only(checkWasm(await contract({ memory: "" })), "memory-count"), /defines 0 memories/);
  const two = await contract({ memory: "(memory 1) (memory 1)", features: { multi_memory: true } });
  assert.equal(rules(checkWasm(two))[0], "memory-count");
});

test("tables: at most one, bounded, at most 2500 entries", async () => {
  const two = checkWasm(
    await contract({ tables: "(table 1 1 funcref) (table 1 1 funcref)", features: { reference_types: true } }),
  );
  assert.match(only(two, "table-count"), /2 tables/);
  assert.match(only(checkWasm(await contract({ tables: "(table 10 3000 funcref)" })), "table-size"), /3,000 entries/);
  assert.match(only(checkWasm(await contract({ tables: "(table 10 funcref)" })), "table-unbounded"), /no maximum/);
  assert.equal(checkWasm(await contract({ tables: "(table 2500 2500 funcref)" })).valid, true);
  assert.equal(checkWasm(await contract({ tables: "" })).valid, true, "no table at all is fine");
});

test("bulk-memory instructions and segments are rejected", async () => {
  const r = checkWasm(
    await contract({
      funcs: `(func (memory.copy (i32.const 0) (i32.const 8) (i32.const 8))
                    (memory.fill (i32.const 0) (i32.const 0) (i32.const 4)))`,
      features: { bulk_memory: true },
    }),
  );
  const msg = only(r, "feature-bulk-memory");
  assert.match(msg, /memory\.copy ×1/);
  assert.match(msg, /memory\.fill ×1/);
  assert.match(msg, /first in function \d+ at byte 0x[0-9a-f]+/);
  const passiveElem = checkWasm(
    await contract({ funcs: "(elem func $marker)", features: { bulk_memory: true, reference_types: true } }),
  );
  assert.match(only(passiveElem, "feature-bulk-memory"), /element segment 0 is passive/);
  // Passive data and the data count section are accepted by cosmwasm-vm: warnings, not violations.
  const passiveData = checkWasm(await contract({ funcs: `(data "x")`, features: { bulk_memory: true } }));
  assert.equal(passiveData.valid, true);
  assert.deepEqual(
    passiveData.warnings.map((w) => w.rule),
    ["passive-data-segment"],
  );
});

test("SIMD, threads and reference-types instructions are rejected", async () => {
  const simd = checkWasm(
    await contract({
      funcs: `(func (drop (i32x4.add (v128.const i32x4 1 2 3 4) (v128.const i32x4 1 2 3 4))))`,
      features: { simd: true },
    }),
  );
  const msg = only(simd, "feature-simd");
  assert.match(msg, /v128\.const ×2, i32x4\.add ×1/);
  const threads = checkWasm(
    await contract({
      memory: `(memory (export "memory") 1 1 shared)`,
      funcs: `(func (drop (i32.atomic.load (i32.const 0))))`,
      features: { threads: true },
    }),
  );
  assert.deepEqual(rules(threads), ["memory-maximum", "feature-threads"]);
  assert.match(threads.violations[1]!.message, /i32\.atomic\.load ×1.*the memory is shared/);
  const refTypes = checkWasm(
    await contract({
      funcs: `(func (drop (table.grow (ref.null func) (i32.const 1))))`,
      features: { reference_types: true },
    }),
  );
  assert.match(only(refTypes, "feature-reference-types"), /ref\.null ×1, table\.grow ×1/);
});

test("function limits: count, params, results, locals", async () => {
  const funcs = (n: number, f: string) => Array.from({ length: n }, () => f).join("\n");
  const tooMany = checkWasm(await contract({ funcs: funcs(20_000 - 3, "(func)") }));
  assert.match(only(tooMany, "function-count"), /20,001 functions; at most 20,000/);
  assert.equal(checkWasm(await contract({ funcs: funcs(20_000 - 4, "(func)") })).valid, true);

  const params = (n: number) => Array.from({ length: n }, () => "i32").join(" ");
  assert.match(
    only(checkWasm(await contract({ funcs: `(func (param ${params(101)}))` })), "function-params"),
    /type \d+ has 101 \(used by function \d+\)/,
  );
  assert.equal(checkWasm(await contract({ funcs: `(func (param ${params(100)}))` })).valid, true);
  assert.match(
    only(checkWasm(await contract({ funcs: funcs(101, `(func (param ${params(100)}))`) })), "function-params-total"),
    /take 10,104 parameters in total; at most 10,000/,
  );
  assert.match(
    only(
      checkWasm(
        await contract({ funcs: `(func (result i32 i32) i32.const 0 i32.const 0)`, features: { multi_value: true } }),
      ),
      "function-results",
    ),
    /more than 1 result: type \d+ has 2/,
  );
  const locals = (n: number) => `(local ${params(n)})`;
  assert.match(
    only(checkWasm(await contract({ funcs: `(func ${locals(101)})` })), "function-locals"),
    /function \d+ declares 101/,
  );
  assert.equal(checkWasm(await contract({ funcs: `(func ${locals(100)})` })).valid, true);
  assert.match(
    only(checkWasm(await contract({ funcs: funcs(101, `(func ${locals(100)})`) })), "function-locals-total"),
    /10,100 locals in total; at most 10,000/,
  );
});

test("capabilities: required ⊆ offered", async () => {
  const exportsOf = (...caps: string[]) => caps.map((c) => `(export "requires_${c}" (func $marker))`).join(" ");
  const ok = checkWasm(await contract({ exports: exportsOf("iterator", "cosmwasm_2_2") }));
  assert.equal(ok.valid, true);
  assert.deepEqual(ok.requiredCapabilities, ["cosmwasm_2_2", "iterator"]);
  const bad = checkWasm(await contract({ exports: exportsOf("iterator", "tokenfactory", "cosmwasm_9_9") }));
  assert.match(only(bad, "capability-unavailable"), /does not offer: cosmwasm_9_9, tokenfactory \(offered:/);
  const custom = checkWasm(await contract({ exports: exportsOf("iterator", "tokenfactory") }), {
    capabilities: parseCapabilities("iterator, tokenfactory,"),
  });
  assert.equal(custom.valid, true);
  const none = checkWasm(await contract({ exports: exportsOf("iterator") }), { capabilities: [] });
  assert.match(only(none, "capability-unavailable"), /iterator \(offered: none\)/);
  assert.deepEqual([...parseCapabilities(" a,,b ,")], ["a", "b"]);
  assert.ok(DEFAULT_CAPABILITIES.includes("cosmwasm_3_0") && DEFAULT_CAPABILITIES.includes("ibc2"));
});

test("cw_migrate_version custom section must be a decimal u64", async () => {
  const good = checkWasm(
    await contract({ funcs: `(@custom "cw_migrate_version" "42")`, features: { annotations: true } }),
  );
  assert.equal(good.valid, true);
  assert.equal(good.migrateVersion, "42");
  const bad = checkWasm(
    await contract({ funcs: `(@custom "cw_migrate_version" "forty-two")`, features: { annotations: true } }),
  );
  assert.match(only(bad, "migrate-version"), /decimal u64, found "forty-two"/);
});

test("a module that is well-formed but does not validate is reported", async () => {
  const r = checkWasm(await contract({ funcs: `(func (result i32) i64.const 1)` }));
  assert.match(only(r, "wasm-validation"), /WebAssembly validation failed: /);
});

test("every violation is reported, not only the first, in rule order", async () => {
  const r = checkWasm(
    await contract({
      markers: [],
      memory: `(memory (export "memory") 600 700)`,
      allocate: false,
      funcs: `(func (drop (v128.const i64x2 0 0)))`,
      exports: `(export "requires_teleport" (func $marker))`,
      features: { simd: true },
    }),
  );
  assert.deepEqual(rules(r), [
    "memory-initial",
    "memory-maximum",
    "interface-version-missing",
    "required-export",
    "required-export",
    "capability-unavailable",
    "feature-simd",
  ]);
  const order = rules(r).map((id) => RULE_ORDER.indexOf(id));
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
});

test("unreadable input is a typed WasmParseError, not a violation list", () => {
  const garbage = new TextEncoder().encode("this is not a wasm file at all");
  assert.throws(
    () => checkWasm(garbage),
    (e) => e instanceof WasmParseError && e.code === "wasm.bad_magic",
  );
  const real = readFileSync(join(dataDir, "cw20-base.wasm"));
  const half = real.subarray(0, real.length >> 1);
  assert.throws(
    () => checkWasm(half),
    (e) => e instanceof WasmParseError && e.code === "wasm.truncated",
  );
  assert.throws(
    () => checkWasm(new Uint8Array()),
    (e) => e instanceof WasmParseError && e.code === "wasm.truncated",
  );
});

test("an unknown opcode inside a function body is a violation (relaxed SIMD)", async () => {
  const bytes = await contract({ funcs: "(func (drop (v128.const i64x2 0 0)))", features: { simd: true } });
  // Patch the v128.const (0xfd 0x0c + 16 bytes) into a relaxed-SIMD swizzle (0xfd 0x80 0x02) + padding nops.
  const at = bytes.findIndex((b, i) => b === 0xfd && bytes[i + 1] === 0x0c);
  const patched = new Uint8Array(bytes);
  patched.set([0xfd, 0x80, 0x02, ...new Array<number>(15).fill(0x01)], at);
  const r = checkWasm(patched);
  assert.ok(rules(r).includes("instruction-unknown"), JSON.stringify(r.violations));
});

test("a start function is rejected: cosmwasm-vm runs it with a gas limit of 0, so it always traps", async () => {
  const r = checkWasm(await contract({ funcs: `(func $init) (start $init)` }));
  assert.equal(r.valid, false);
  assert.match(only(r, "start-function"), /declares a start function \(function \d+\); .*gas limit of 0/);
});
