import { CompileError } from "../errors.js";
import { CONTROL_FLOW_MULTIPLIER, GAS_PER_OPERATION } from "../gas.js";
import { decodeInstructions, type Instruction, OP, storeSize, type ValueType } from "../wasm/instructions.js";
import { parseModule, SECTION_IDS, type WasmModule } from "../wasm/module.js";
import { WasmWriter } from "../wasm/writer.js";

/**
 * Rewrites a checked contract so the host can meter and reset it:
 *
 * - Gas: wasmer's metering middleware as cosmwasm-vm configures it. Costs accumulate per operator (115, or ×14 for
 *   accounting operators); before each accounting operator (a branch source or target) the accumulated cost is
 *   checked against and subtracted from an exported global; running out sets an "exhausted" flag and traps.
 * - Reset: every store is preceded by code that widens an exported [lo, hi) window of written addresses, and every
 *   mutable global is exported, so the host can restore the post-instantiation state (see instance.ts).
 * - Memory: the contract sees a virtual memory size. `memory.size` reads an exported global and `memory.grow` calls
 *   an injected function that raises it (returning -1 past `memoryLimitPages`, as cosmwasm-vm's limiting tunables
 *   do), growing the physical memory only when needed. Rust's allocator grows memory on its first allocation in
 *   every call; with a virtual size an instance can be reset to its initial size although physical memory cannot
 *   shrink. The host keeps the physical size constant (see instance.ts), so behaviour never depends on history.
 *
 * The injected code is not itself metered, like wasmer's. Static checks run on the original bytes, never on this.
 */

export interface InstrumentOptions {
  memoryLimitPages: number;
}

export interface Instrumented {
  bytes: Uint8Array;
  gasLeftExport: string;
  outOfGasExport: string;
  dirtyLoExport: string;
  dirtyHiExport: string;
  /** The virtual memory size in pages (restored between calls like the module's own globals). */
  memoryPagesExport: string;
  initialPages: number;
  memoryLimitPages: number;
  /** Export names of the module's own mutable globals, to be restored between calls. */
  mutableGlobalExports: string[];
  /** False when the code can change tables (table.set/grow/fill/copy/init): such instances are never reused. */
  reusable: boolean;
}

const EXPORT_PREFIX = "__plurigrid_";

/** wasmer's `is_accounting`: operators where control can enter or leave a straight-line run. */
function isAccounting(op: number): boolean {
  switch (op) {
    case OP.loop:
    case OP.end:
    case OP.if:
    case OP.else:
    case OP.br:
    case OP.brTable:
    case OP.brIf:
    case OP.call:
    case OP.callIndirect:
    case OP.return:
    case 0x08: // throw
    case 0x0a: // throw_ref
    case 0x09: // rethrow
    case 0x18: // delegate
    case 0x07: // catch
    case 0x12: // return_call
    case 0x13: // return_call_indirect
    case 0x14: // call_ref
    case 0x15: // return_call_ref
    case 0xd5: // br_on_null
    case 0xd6: // br_on_non_null
      return true;
    default:
      return false;
  }
}

export function operatorCost(op: number): number {
  return isAccounting(op) ? GAS_PER_OPERATION * CONTROL_FLOW_MULTIPLIER : GAS_PER_OPERATION;
}

const TABLE_MUTATORS = new Set([0x26 /* table.set */, 0xfc0c, 0xfc0d, 0xfc0e, 0xfc0f, 0xfc11]);

/** Value type of the operand each store instruction writes. */
type StoredType = "i32" | "i64" | "f32" | "f64";

function storeValueType(op: number): StoredType {
  switch (op) {
    case 0x36:
    case 0x3a:
    case 0x3b:
      return "i32";
    case 0x37:
    case 0x3c:
    case 0x3d:
    case 0x3e:
      return "i64";
    case 0x38:
      return "f32";
    case 0x39:
      return "f64";
    default:
      throw new CompileError(`Cannot instrument store opcode 0x${op.toString(16)}`, { op });
  }
}

const VALUE_TYPE_BYTE: Record<string, number> = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };

export function instrument(wasm: Uint8Array, options: InstrumentOptions): Instrumented {
  const m = parseModule(wasm);
  const globalBase = m.importedGlobalCount + m.globals.length;
  const g: GlobalIndices = {
    gasLeft: globalBase,
    outOfGas: globalBase + 1,
    dirtyLo: globalBase + 2,
    dirtyHi: globalBase + 3,
    pages: globalBase + 4,
    growFunc: m.importedFunctionCount + m.functions.length,
  };
  if (m.memories.length !== 1 || m.importedMemoryCount !== 0) {
    throw new CompileError("Cannot instrument a module without exactly one defined memory", {});
  }
  const initialPages = m.memories[0].initial;
  if (initialPages > options.memoryLimitPages) {
    throw new CompileError(`Initial memory of ${initialPages} pages exceeds the limit of ${options.memoryLimitPages}`, {
      initial: initialPages,
      limit: options.memoryLimitPages,
    });
  }
  // The injected grow function needs the type (i32) -> i32; reuse one if the module has it.
  let growType = m.types.findIndex((t) => t.params.join() === "i32" && t.results.join() === "i32");
  const addGrowType = growType < 0;
  if (addGrowType) growType = m.types.length;
  let reusable = true;

  const code = new WasmWriter(wasm.length * 2);
  code.u32(m.codes.length + 1);
  for (const body of m.codes) {
    const fn = instrumentBody(m, body, g);
    if (!fn.reusable) reusable = false;
    code.sized(fn.bytes);
  }
  code.sized(growFunctionBody(g, options.memoryLimitPages));

  const mutableGlobalExports: string[] = [];
  const newExports: { name: string; kind: number; index: number }[] = [];
  m.globals.forEach((glob, i) => {
    if (!glob.mutable) return;
    const name = `${EXPORT_PREFIX}global_${i}`;
    mutableGlobalExports.push(name);
    newExports.push({ name, kind: 0x03, index: m.importedGlobalCount + i });
  });
  const names = {
    gasLeftExport: `${EXPORT_PREFIX}gas_left`,
    outOfGasExport: `${EXPORT_PREFIX}out_of_gas`,
    dirtyLoExport: `${EXPORT_PREFIX}dirty_lo`,
    dirtyHiExport: `${EXPORT_PREFIX}dirty_hi`,
    memoryPagesExport: `${EXPORT_PREFIX}memory_pages`,
  };
  newExports.push(
    { name: names.gasLeftExport, kind: 0x03, index: g.gasLeft },
    { name: names.outOfGasExport, kind: 0x03, index: g.outOfGas },
    { name: names.dirtyLoExport, kind: 0x03, index: g.dirtyLo },
    { name: names.dirtyHiExport, kind: 0x03, index: g.dirtyHi },
    { name: names.memoryPagesExport, kind: 0x03, index: g.pages },
  );

  const out = new WasmWriter(wasm.length * 2);
  out.bytes(wasm.subarray(0, 8));
  const emitted = new Set<number>();
  const emitSection = (id: number, payload: WasmWriter) => {
    out.u8(id).sized(payload);
    emitted.add(id);
  };
  // Globals and exports may be missing from the original; they must still appear at their place in section order.
  const emitMissingBefore = (id: number) => {
    if (id >= SECTION_IDS.export && !emitted.has(SECTION_IDS.global) && !hasSection(m, SECTION_IDS.global)) {
      emitSection(SECTION_IDS.global, globalSection(m, wasm, initialPages));
    }
    if (id > SECTION_IDS.export && !emitted.has(SECTION_IDS.export) && !hasSection(m, SECTION_IDS.export)) {
      emitSection(SECTION_IDS.export, exportSection(m, wasm, newExports));
    }
  };
  for (const s of m.sections) {
    if (s.id !== SECTION_IDS.custom && s.id !== SECTION_IDS.tag) emitMissingBefore(orderKey(s.id));
    switch (s.id) {
      case SECTION_IDS.type:
        emitSection(s.id, addGrowType ? typeSection(wasm, s) : copyPayload(wasm, s));
        break;
      case SECTION_IDS.function:
        emitSection(s.id, functionSection(m, growType));
        break;
      case SECTION_IDS.memory:
        emitSection(s.id, memorySection(m, options.memoryLimitPages));
        break;
      case SECTION_IDS.global:
        emitSection(s.id, globalSection(m, wasm, initialPages));
        break;
      case SECTION_IDS.export:
        emitSection(s.id, exportSection(m, wasm, newExports));
        break;
      case SECTION_IDS.code:
        emitSection(s.id, code);
        break;
      default:
        out.bytes(wasm.subarray(s.start, s.end));
        emitted.add(s.id);
    }
  }
  emitMissingBefore(Number.MAX_SAFE_INTEGER);
  if (!hasSection(m, SECTION_IDS.type) || !hasSection(m, SECTION_IDS.function)) {
    throw new CompileError("Cannot instrument a module without type and function sections", {});
  }
  return {
    bytes: out.finish().slice(),
    ...names,
    initialPages,
    memoryLimitPages: options.memoryLimitPages,
    mutableGlobalExports,
    reusable,
  };
}

function copyPayload(wasm: Uint8Array, s: { contentStart: number; end: number }): WasmWriter {
  return new WasmWriter(s.end - s.contentStart).bytes(wasm.subarray(s.contentStart, s.end));
}

/** The type section with `(i32) -> i32` appended. */
function typeSection(wasm: Uint8Array, s: { contentStart: number; end: number }): WasmWriter {
  const r = { pos: s.contentStart };
  const count = readU32(wasm, r);
  const w = new WasmWriter(s.end - s.contentStart + 8);
  w.u32(count + 1).bytes(wasm.subarray(r.pos, s.end));
  w.u8(0x60).u32(1).u8(0x7f).u32(1).u8(0x7f);
  return w;
}

function functionSection(m: WasmModule, growType: number): WasmWriter {
  const w = new WasmWriter(m.functions.length * 2 + 8);
  w.u32(m.functions.length + 1);
  for (const t of m.functions) w.u32(t);
  w.u32(growType);
  return w;
}

function readU32(bytes: Uint8Array, r: { pos: number }): number {
  let result = 0;
  let shift = 0;
  while (true) {
    const b = bytes[r.pos++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return result;
    shift += 7;
  }
}

/**
 * (func (param $delta i32) (result i32))
 *   if delta > limit - pages: return -1
 *   if pages + delta > physical: memory.grow(pages + delta - physical), -1 if that fails
 *   old = pages; pages += delta; return old
 */
function growFunctionBody(g: GlobalIndices, limitPages: number): WasmWriter {
  const w = new WasmWriter(64);
  w.u32(0);
  const delta = 0;
  // delta > limit - pages  (unsigned)
  w.u8(OP.localGet).u32(delta).u8(OP.i32Const).i32(limitPages).u8(OP.globalGet).u32(g.pages).u8(0x6b /* i32.sub */);
  w.u8(0x4b /* i32.gt_u */).u8(OP.if).u8(0x40).u8(OP.i32Const).i32(-1).u8(OP.return).u8(OP.end);
  // need = pages + delta - physical; grow when positive
  w.u8(OP.globalGet).u32(g.pages).u8(OP.localGet).u32(delta).u8(0x6a /* i32.add */);
  w.u8(OP.memorySize).u8(0x00).u8(0x4b /* i32.gt_u */);
  w.u8(OP.if).u8(0x40);
  w.u8(OP.globalGet).u32(g.pages).u8(OP.localGet).u32(delta).u8(0x6a).u8(OP.memorySize).u8(0x00).u8(0x6b);
  w.u8(OP.memoryGrow).u8(0x00).u8(OP.i32Const).i32(-1).u8(0x46 /* i32.eq */);
  w.u8(OP.if).u8(0x40).u8(OP.i32Const).i32(-1).u8(OP.return).u8(OP.end);
  w.u8(OP.end);
  // return old pages, store new
  w.u8(OP.globalGet).u32(g.pages);
  w.u8(OP.globalGet).u32(g.pages).u8(OP.localGet).u32(delta).u8(0x6a).u8(OP.globalSet).u32(g.pages);
  w.u8(OP.end);
  return w;
}

function hasSection(m: WasmModule, id: number): boolean {
  return m.sections.some((s) => s.id === id);
}

/** Sections are ordered by id except datacount (12), which sits between element (9) and code (10). */
function orderKey(id: number): number {
  return id === SECTION_IDS.dataCount ? 9.5 : id;
}

function memorySection(m: WasmModule, limitPages: number): WasmWriter {
  return new WasmWriter().u32(1).u8(0x01).u32(m.memories[0].initial).u32(limitPages);
}

function globalSection(m: WasmModule, wasm: Uint8Array, initialPages: number): WasmWriter {
  const w = new WasmWriter();
  w.u32(m.globals.length + 5);
  for (const glob of m.globals) {
    w.u8(VALUE_TYPE_BYTE[glob.type] ?? fail(`global of type ${glob.type}`));
    w.u8(glob.mutable ? 1 : 0);
    w.bytes(wasm.subarray(glob.init.start, glob.init.end));
  }
  w.u8(0x7e).u8(1).u8(OP.i64Const).i64(0n).u8(OP.end); // gas left
  w.u8(0x7f).u8(1).u8(OP.i32Const).i32(0).u8(OP.end); // out of gas flag
  w.u8(0x7f).u8(1).u8(OP.i32Const).i32(-1).u8(OP.end); // dirty lo (unsigned max: nothing written)
  w.u8(0x7f).u8(1).u8(OP.i32Const).i32(0).u8(OP.end); // dirty hi
  w.u8(0x7f).u8(1).u8(OP.i32Const).i32(initialPages).u8(OP.end); // virtual memory size
  return w;
}

const EXPORT_KIND: Record<string, number> = { func: 0, table: 1, memory: 2, global: 3, tag: 4 };

function exportSection(
  m: WasmModule,
  _wasm: Uint8Array,
  extra: { name: string; kind: number; index: number }[],
): WasmWriter {
  const w = new WasmWriter();
  w.u32(m.exports.length + extra.length);
  for (const e of m.exports) w.name(e.name).u8(EXPORT_KIND[e.kind]).u32(e.index);
  for (const e of extra) w.name(e.name).u8(e.kind).u32(e.index);
  return w;
}

function fail(what: string): never {
  throw new CompileError(`Cannot instrument ${what}`, {});
}

interface GlobalIndices {
  gasLeft: number;
  outOfGas: number;
  dirtyLo: number;
  dirtyHi: number;
  pages: number;
  /** Function index of the injected memory.grow replacement. */
  growFunc: number;
}

function instrumentBody(
  m: WasmModule,
  body: WasmModule["codes"][number],
  g: GlobalIndices,
): { bytes: Uint8Array; reusable: boolean } {
  const wasm = m.bytes;
  const params = m.types[body.typeIndex].params.length;
  // Scratch locals appended after the declared ones: address, effective address, and one per stored value type.
  const firstScratch = params + body.localCount;
  const scratch = { addr: firstScratch, ea: firstScratch + 1, i32: firstScratch + 2, i64: -1, f32: -1, f64: -1 };
  const extraTypes: ValueType[] = ["i32", "i32", "i32"];
  let reusable = true;

  const instrs: Instruction[] = [];
  decodeInstructions(wasm, body.codeStart, body.end, (ins) => {
    instrs.push(ins);
    if (TABLE_MUTATORS.has(ins.op)) reusable = false;
    const size = storeSize(ins.op);
    if (size > 0) {
      const t = storeValueType(ins.op);
      if (t !== "i32" && scratch[t] === -1) {
        scratch[t] = firstScratch + extraTypes.length;
        extraTypes.push(t);
      }
    }
  });

  const w = new WasmWriter(body.end - body.localsStart + 64);
  w.u32(body.locals.length + extraTypes.length);
  for (const group of body.locals) w.u32(group.count).u8(VALUE_TYPE_BYTE[group.type] ?? fail(`local ${group.type}`));
  for (const t of extraTypes) w.u32(1).u8(VALUE_TYPE_BYTE[t]);

  let accumulated = 0;
  for (const ins of instrs) {
    const op = ins.op;
    accumulated += operatorCost(op);
    if (isAccounting(op)) {
      emitCharge(w, g, accumulated);
      accumulated = 0;
    }
    const size = storeSize(op);
    if (size > 0) emitStoreTracking(w, g, scratch, storeValueType(op), ins.memarg!.offset, size);
    if (op === OP.memorySize) w.u8(OP.globalGet).u32(g.pages);
    else if (op === OP.memoryGrow) w.u8(OP.call).u32(g.growFunc);
    else w.bytes(wasm.subarray(ins.start, ins.end));
  }
  return { bytes: w.finish().slice(), reusable };
}

/**
 * if (gas_left <u cost) { out_of_gas = 1; unreachable } gas_left -= cost   (wasmer's metering sequence)
 * The counter is an i64: an f64 counter would spare the host BigInt conversions but made V8's code for
 * cw20-base about twice as slow.
 */
function emitCharge(w: WasmWriter, g: GlobalIndices, cost: number): void {
  if (cost <= 0) return;
  const c = BigInt(cost);
  w.u8(OP.globalGet).u32(g.gasLeft).u8(OP.i64Const).i64(c).u8(0x54 /* i64.lt_u */);
  w.u8(OP.if).u8(0x40).u8(OP.i32Const).i32(1).u8(OP.globalSet).u32(g.outOfGas).u8(OP.unreachable).u8(OP.end);
  w.u8(OP.globalGet).u32(g.gasLeft).u8(OP.i64Const).i64(c).u8(0x7d /* i64.sub */).u8(OP.globalSet).u32(g.gasLeft);
}

/**
 * Stack before: [addr, value]. Saves both, widens [dirty_lo, dirty_hi) by [addr+offset, addr+offset+size), and
 * pushes them back for the original store. An address that wraps around traps in the store itself, so 32-bit
 * arithmetic is exact for every store that succeeds.
 */
function emitStoreTracking(
  w: WasmWriter,
  g: GlobalIndices,
  scratch: { addr: number; ea: number; i32: number; i64: number; f32: number; f64: number },
  type: StoredType,
  offset: number,
  size: number,
): void {
  const value = scratch[type];
  w.u8(OP.localSet).u32(value);
  w.u8(OP.localTee).u32(scratch.addr);
  if (offset !== 0)
    w.u8(OP.i32Const)
      .i32(offset | 0)
      .u8(0x6a /* i32.add */);
  w.u8(OP.localTee).u32(scratch.ea);
  w.u8(OP.globalGet).u32(g.dirtyLo).u8(0x49 /* i32.lt_u */);
  w.u8(OP.if).u8(0x40).u8(OP.localGet).u32(scratch.ea).u8(OP.globalSet).u32(g.dirtyLo).u8(OP.end);
  w.u8(OP.localGet).u32(scratch.ea).u8(OP.i32Const).i32(size).u8(0x6a /* i32.add */);
  w.u8(OP.localTee).u32(scratch.ea);
  w.u8(OP.globalGet).u32(g.dirtyHi).u8(0x4b /* i32.gt_u */);
  w.u8(OP.if).u8(0x40).u8(OP.localGet).u32(scratch.ea).u8(OP.globalSet).u32(g.dirtyHi).u8(OP.end);
  w.u8(OP.localGet).u32(scratch.addr).u8(OP.localGet).u32(value);
}
