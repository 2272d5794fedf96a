import { VALUE_TYPE_CODES } from "../../src/vm/wasm/instructions.js";
import { parseModule, SECTION_IDS, type WasmModule } from "../../src/vm/wasm/module.js";
import { WasmWriter } from "../../src/vm/wasm/writer.js";

/**
 * Turns a module's start function into a lazy initialiser run by the first exported function called.
 *
 * AssemblyScript puts the initialisation of top-level values (the allocator's heap pointer, `const STATE = new
 * Item(…)`) into the wasm start function. cosmwasm-vm instantiates with a gas limit of 0 and sets the real limit
 * only afterwards, so any metered code in a start function traps: such a contract cannot run on a CosmWasm chain.
 * The rewrite removes the start section, adds a mutable i32 global `initialised` (0) and prefixes every exported
 * function with `if (!initialised) { initialised = 1; start(); }`. The host's first call is `allocate`, so the
 * start code runs once per call instance, before anything else, and is metered like the rest of the call.
 */
export function makeStartLazy(wasm: Uint8Array): Uint8Array {
  const m = parseModule(wasm);
  if (m.start === undefined) return wasm;
  const start = m.start;
  const flag = m.importedGlobalCount + m.globals.length;
  const guard = new WasmWriter(16)
    .u8(0x23) // global.get
    .u32(flag)
    .u8(0x45) // i32.eqz
    .u8(0x04) // if (no result)
    .u8(0x40)
    .u8(0x41) // i32.const 1
    .i32(1)
    .u8(0x24) // global.set
    .u32(flag)
    .u8(0x10) // call
    .u32(start)
    .u8(0x0b) // end
    .finish()
    .slice();
  const exported = new Set(m.exports.filter((e) => e.kind === "func").map((e) => e.index));

  const out = new WasmWriter(wasm.length + 64 + exported.size * guard.length);
  out.bytes(wasm.subarray(0, 8));
  let globalsWritten = false;
  const writeGlobals = () => {
    out.u8(SECTION_IDS.global).sized(globalSection(m, wasm));
    globalsWritten = true;
  };
  for (const s of m.sections) {
    if (!globalsWritten && s.id !== SECTION_IDS.custom && sectionRank(s.id) > sectionRank(SECTION_IDS.global)) {
      writeGlobals();
    }
    if (s.id === SECTION_IDS.global) writeGlobals();
    else if (s.id === SECTION_IDS.start) continue;
    else if (s.id === SECTION_IDS.code) out.u8(s.id).sized(codeSection(m, wasm, exported, guard));
    else out.bytes(wasm.subarray(s.start, s.end));
  }
  if (!globalsWritten) writeGlobals();
  return out.finish().slice();
}

/** Section order of the binary format (the tag section sits between memory and global). */
function sectionRank(id: number): number {
  return id === SECTION_IDS.tag ? 5.5 : id === SECTION_IDS.dataCount ? 9.5 : id;
}

function globalSection(m: WasmModule, wasm: Uint8Array): WasmWriter {
  const w = new WasmWriter();
  w.u32(m.globals.length + 1);
  for (const g of m.globals) {
    w.u8(VALUE_TYPE_CODES[g.type]).u8(g.mutable ? 1 : 0);
    w.bytes(wasm.subarray(g.init.start, g.init.end));
  }
  w.u8(0x7f).u8(1).u8(0x41).i32(0).u8(0x0b); // (global (mut i32) (i32.const 0))
  return w;
}

function codeSection(m: WasmModule, wasm: Uint8Array, exported: Set<number>, guard: Uint8Array): WasmWriter {
  const w = new WasmWriter(wasm.length);
  w.u32(m.codes.length);
  for (const body of m.codes) {
    if (!exported.has(body.funcIndex)) {
      w.bytes(wasm.subarray(body.entryStart, body.end));
      continue;
    }
    const locals = wasm.subarray(body.localsStart, body.codeStart);
    const code = wasm.subarray(body.codeStart, body.end);
    w.u32(locals.length + guard.length + code.length)
      .bytes(locals)
      .bytes(guard)
      .bytes(code);
  }
  return w;
}
