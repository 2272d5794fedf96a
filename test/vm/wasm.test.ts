import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { WasmParseError } from "../../src/vm/wasm/errors.js";
import { WasmReader } from "../../src/vm/wasm/reader.js";
import {
  allOpcodes,
  decodeFunctionBody,
  decodeInstructions,
  featureOf,
  instructions,
  isLoad,
  isStore,
  loadSize,
  opInfo,
  opName,
  storeSize,
  writesMemory,
  type Instruction,
} from "../../src/vm/wasm/instructions.js";
import { parseModule } from "../../src/vm/wasm/module.js";
import type wabtInit from "wabt";

const require = createRequire(import.meta.url);
const dataDir = join(dirname(require.resolve("@oraichain/common-contracts-build/package.json")), "data");
const contracts = readdirSync(dataDir)
  .filter((f) => f.endsWith(".wasm"))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(dataDir, name))) }));

type Wabt = Awaited<ReturnType<typeof wabtInit>>;
let wabtPromise: Promise<Wabt> | undefined;
const wabt = () => (wabtPromise ??= import("wabt").then((m) => m.default()));

async function wat(text: string, features: Record<string, boolean> = {}): Promise<Uint8Array> {
  const w = await wabt();
  const mod = w.parseWat("test.wat", text, features);
  try {
    return mod.toBinary({}).buffer;
  } finally {
    mod.destroy();
  }
}

function parseErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof WasmParseError, `expected WasmParseError, got ${String(err)}`);
    return err.code;
  }
  assert.fail("expected a WasmParseError");
}

const reader = (...bytes: number[]) => new WasmReader(new Uint8Array(bytes));

test("LEB128: u32 bounds, padding and overlong encodings", () => {
  assert.equal(reader(0x00).u32(), 0);
  assert.equal(reader(0xe5, 0x8e, 0x26).u32(), 624485);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32(), 0xffffffff);
  assert.equal(reader(0x80, 0x80, 0x80, 0x80, 0x00).u32(), 0, "padded to 5 bytes is allowed");
  assert.equal(
    parseErrorCode(() => reader(0xff, 0xff, 0xff, 0xff, 0x1f).u32()),
    "wasm.bad_leb128",
  );
  assert.equal(
    parseErrorCode(() => reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x00).u32()),
    "wasm.bad_leb128",
  );
  assert.equal(
    parseErrorCode(() => reader(0x80, 0x80).u32()),
    "wasm.truncated",
  );
});

test("LEB128: signed 32/33/64-bit values", () => {
  assert.equal(reader(0x7f).i32(), -1);
  assert.equal(reader(0x3f).i32(), 63);
  assert.equal(reader(0x40).i32(), -64);
  assert.equal(reader(0xc0, 0xbb, 0x78).i32(), -123456);
  assert.equal(reader(0x80, 0x80, 0x80, 0x80, 0x78).i32(), -2147483648);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0x07).i32(), 2147483647);
  assert.equal(
    parseErrorCode(() => reader(0xff, 0xff, 0xff, 0xff, 0x0f).i32()),
    "wasm.bad_leb128",
  );
  assert.equal(
    parseErrorCode(() => reader(0x80, 0x80, 0x80, 0x80, 0x70).i32()),
    "wasm.bad_leb128",
  );
  assert.equal(reader(0x7f).s33(), -1);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0x0f).s33(), 0xffffffff);
  assert.equal(reader(0x7f).i64(), -1n);
  assert.equal(reader(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f).i64(), -(2n ** 63n));
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00).i64(), 2n ** 63n - 1n);
  assert.equal(reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).u64(), 2n ** 64n - 1n);
  assert.equal(
    parseErrorCode(() => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02).u64()),
    "wasm.bad_leb128",
  );
  assert.equal(
    parseErrorCode(() => reader(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01).i64()),
    "wasm.bad_leb128",
  );
});

test("names must be UTF-8 and vectors must fit the input", () => {
  assert.equal(reader(0x03, 0x61, 0x62, 0x63).name(), "abc");
  assert.equal(reader(0x02, 0xc3, 0xa9).name(), "é");
  assert.equal(
    parseErrorCode(() => reader(0x02, 0xc3, 0x28).name()),
    "wasm.bad_utf8",
  );
  assert.equal(
    parseErrorCode(() => reader(0x05, 0x61).name()),
    "wasm.truncated",
  );
  assert.equal(
    parseErrorCode(() => reader(0xff, 0xff, 0x03, 0x00).vec((r) => r.u8())),
    "wasm.truncated",
  );
});

test("every real contract parses; code bodies tile the code section", () => {
  assert.equal(contracts.length, 12);
  for (const { name, bytes } of contracts) {
    const m = parseModule(bytes);
    assert.equal(m.codes.length, m.functions.length, name);
    assert.equal(m.memories.length, 1, name);
    const code = m.sections.find((s) => s.name === "code")!;
    // The bodies follow each other without gaps and end with the section.
    for (let i = 1; i < m.codes.length; i++) assert.equal(m.codes[i]!.entryStart, m.codes[i - 1]!.end, name);
    assert.equal(m.codes.at(-1)!.end, code.end, name);
    assert.ok(m.codes[0]!.entryStart > code.contentStart, name);
    // Sections tile the file after the 8-byte header.
    let at = 8;
    for (const s of m.sections) {
      assert.equal(s.start, at, `${name}: ${s.name}`);
      at = s.end;
    }
    assert.equal(at, bytes.length, name);
    for (const body of m.codes) {
      assert.ok(body.localsStart > body.entryStart && body.codeStart >= body.localsStart + 1, name);
      assert.equal(
        body.localCount,
        body.locals.reduce((a, g) => a + g.count, 0),
      );
    }
  }
});

test("decoding every function body of every real contract consumes exactly the body bytes", () => {
  for (const { name, bytes } of contracts) {
    const m = parseModule(bytes);
    let total = 0;
    for (const body of m.codes) {
      let expected = body.codeStart;
      let last: Instruction | undefined;
      const n = decodeFunctionBody(bytes, body, (ins) => {
        assert.equal(ins.start, expected, `${name} function ${body.funcIndex}: gap before ${opName(ins.op)}`);
        assert.ok(ins.end > ins.start);
        expected = ins.end;
        last = ins;
      });
      assert.equal(expected, body.end, `${name} function ${body.funcIndex}`);
      assert.equal(last?.op, 0x0b, `${name} function ${body.funcIndex} ends with end`);
      assert.ok(n > 0);
      total += n;
    }
    assert.ok(total > 1000, `${name}: ${total} instructions`);
  }
});

test("the generic decoder agrees with the body decoder and the iterator", () => {
  const { bytes } = contracts.find((c) => c.name === "cw20-base.wasm")!;
  const m = parseModule(bytes);
  for (const body of m.codes.slice(0, 50)) {
    const a: number[] = [];
    decodeInstructions(bytes, body.codeStart, body.end, (ins) => a.push(ins.start));
    const b = [...instructions(bytes, body.codeStart, body.end)].map((i) => i.start);
    assert.deepEqual(a, b);
  }
});

/** WAT text for one instance of `op`, and the names it decodes to. */
function snippet(op: number): [string, string[]] | undefined {
  const info = opInfo(op)!;
  const name = info.name;
  if (info.feature === "exceptions" || info.feature === "function-references" || info.feature === "gc")
    return undefined;
  if (info.feature === "tail-call") return undefined;
  const n = name;
  if (n === "block" || n === "loop") return [`${n} end`, [n, "end"]];
  if (n === "if") return ["if nop else nop end", ["if", "nop", "else", "nop", "end"]];
  if (n === "else" || n === "end") return undefined;
  if (op === 0x1c) return ["select (result i32)", ["select"]];
  if (/^v128\.(load|store)\d+_lane$/.test(n)) return [`${n} offset=7 1`, [n]];
  if (/_lane(_[su])?$/.test(n)) return [`${n} 1`, [n]];
  if (info.memory) return [`${n} offset=1234567`, [n]];
  const imm: Record<string, string> = {
    br: "0",
    br_if: "0",
    br_table: "0 0 0",
    call: "0",
    call_indirect: "(type 0)",
    "local.get": "0",
    "local.set": "0",
    "local.tee": "0",
    "global.get": "0",
    "global.set": "0",
    "table.get": "0",
    "table.set": "0",
    "table.grow": "0",
    "table.size": "0",
    "table.fill": "0",
    "i32.const": "-123456",
    "i64.const": "-1234567890123",
    "f32.const": "1.5",
    "f64.const": "-2.25",
    "ref.null": "func",
    "ref.func": "0",
    "memory.init": "0",
    "data.drop": "0",
    "table.init": "0",
    "elem.drop": "0",
    "v128.const": "i32x4 1 2 3 4",
    "i8x16.shuffle": "0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31",
  };
  return [imm[n] === undefined ? n : `${n} ${imm[n]}`, [n]];
}

test("every wasm 2.0 + threads opcode decodes to its name with exact byte ranges (cross-checked with wabt)", async () => {
  const ops = allOpcodes();
  const parts: string[] = [];
  const expected: string[] = [];
  for (const op of ops) {
    const s = snippet(op);
    if (!s) continue;
    parts.push(s[0]);
    expected.push(...s[1]);
  }
  const text = `(module
    (type (func))
    (memory 1 1 shared)
    (table 1 funcref)
    (global (mut i32) (i32.const 0))
    (elem func 0)
    (data "x")
    (func (type 0) (local i32)
      ${parts.join("\n      ")}))`;
  const bytes = await wat(text, {
    simd: true,
    threads: true,
    bulk_memory: true,
    reference_types: true,
    sat_float_to_int: true,
    sign_extension: true,
  });
  const m = parseModule(bytes);
  const body = m.codes[0]!;
  const decoded: Instruction[] = [];
  decodeFunctionBody(bytes, body, (ins) => decoded.push(ins));
  assert.equal(decoded.pop()!.op, 0x0b);
  assert.deepEqual(
    decoded.map((i) => opName(i.op)),
    expected,
  );
  // Immediates that an instrumentation pass relies on.
  const by = (name: string) => decoded.find((i) => opName(i.op) === name)!;
  assert.deepEqual(by("i32.store").memarg, { align: 2, offset: 1234567, memory: 0 });
  assert.deepEqual(by("i64.atomic.rmw32.cmpxchg_u").memarg, { align: 2, offset: 1234567, memory: 0 });
  assert.equal(by("v128.store16_lane").lane, 1);
  assert.equal(by("v128.store16_lane").memarg!.offset, 7);
  assert.equal(by("i32.const").value, -123456);
  assert.equal(by("i64.const").value, -1234567890123n);
  assert.equal(by("f32.const").value, 1.5);
  assert.equal(by("f64.const").value, -2.25);
  assert.deepEqual([...by("v128.const").v128!], [1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0]);
  assert.equal(by("i8x16.shuffle").lanes![15], 31);
  assert.deepEqual(by("br_table").depths, [0, 0]);
  assert.equal(by("br_table").defaultDepth, 0);
  assert.equal(by("call").funcIndex, 0);
  assert.equal(by("call_indirect").typeIndex, 0);
  assert.equal(by("call_indirect").tableIndex, 0);
  assert.equal(by("global.set").globalIndex, 0);
  assert.equal(by("local.tee").localIndex, 0);
  assert.deepEqual(by("block").blockType, { kind: "empty" });
  assert.deepEqual(decoded.find((i) => i.op === 0x1c)!.valueTypes, ["i32"]);
  assert.equal(by("memory.grow").memoryIndex, 0);
  assert.ok(expected.length > 400, `${expected.length} instructions covered`);
});

test("exception-handling, tail-call and typed-reference opcodes decode (bytes built by hand)", () => {
  // try (empty) ; throw 0 ; catch 0 ; rethrow 0 ; catch_all ; end ; return_call 1 ; return_call_indirect 0 0 ;
  // call_ref 0 ; ref.as_non_null ; br_on_null 0 ; end
  const code = [0x06, 0x40, 0x08, 0x00, 0x07, 0x00, 0x09, 0x00, 0x19, 0x0b, 0x12, 0x01, 0x13, 0x00, 0x00];
  code.push(0x14, 0x00, 0xd4, 0xd5, 0x00, 0x0b);
  const bytes = new Uint8Array(code);
  const names: string[] = [];
  const n = decodeFunctionBody(bytes, { codeStart: 0, end: bytes.length }, (ins) => names.push(opName(ins.op)));
  assert.equal(n, 12);
  assert.deepEqual(names, [
    "try",
    "throw",
    "catch",
    "rethrow",
    "catch_all",
    "end",
    "return_call",
    "return_call_indirect",
    "call_ref",
    "ref.as_non_null",
    "br_on_null",
    "end",
  ]);
  // try_table (result i32) (catch 1 0) (catch_all 2) end end
  const tt = new Uint8Array([0x1f, 0x7f, 0x02, 0x00, 0x01, 0x00, 0x02, 0x02, 0x0b, 0x0b]);
  const decoded = [...instructions(tt, 0, tt.length)];
  assert.deepEqual(decoded[0]!.catches, [
    { kind: "catch", tag: 1, depth: 0 },
    { kind: "catch_all", depth: 2 },
  ]);
  assert.equal(decoded[0]!.end, 8);
});

test("unknown opcodes, truncated immediates and broken block structure are typed errors", () => {
  const decodeAll =
    (...b: number[]) =>
    () =>
      decodeInstructions(new Uint8Array(b), 0, b.length, () => {});
  assert.equal(parseErrorCode(decodeAll(0x27)), "wasm.unknown_opcode");
  assert.equal(parseErrorCode(decodeAll(0xfc, 0x12)), "wasm.unknown_opcode");
  assert.equal(parseErrorCode(decodeAll(0xfd, 0x80, 0x02)), "wasm.unknown_opcode", "relaxed SIMD is not decoded");
  assert.equal(parseErrorCode(decodeAll(0xfb, 0x00, 0x00)), "wasm.unknown_opcode", "GC is not decoded");
  assert.equal(parseErrorCode(decodeAll(0x41)), "wasm.truncated");
  assert.equal(parseErrorCode(decodeAll(0xfd, 0x0c, 1, 2, 3)), "wasm.truncated");
  assert.equal(parseErrorCode(decodeAll(0xfd, 0x15, 16)), "wasm.malformed", "lane index out of range");
  assert.equal(parseErrorCode(decodeAll(0x28, 0x80, 0x01, 0x00)), "wasm.malformed", "alignment too large");
  const body =
    (...b: number[]) =>
    () =>
      decodeFunctionBody(new Uint8Array(b), { codeStart: 0, end: b.length });
  assert.equal(parseErrorCode(body(0x02, 0x40, 0x0b)), "wasm.malformed", "unclosed function");
  assert.equal(parseErrorCode(body(0x0b, 0x01)), "wasm.malformed", "bytes after the final end");
  assert.equal(parseErrorCode(body(0x05, 0x0b)), "wasm.malformed", "else outside if");
  assert.equal(body(0x04, 0x40, 0x05, 0x0b, 0x0b)(), 4);
});

test("the classifier knows features and memory access widths", () => {
  assert.equal(featureOf(0x28), "mvp");
  assert.equal(featureOf(0xc0), "sign-ext");
  assert.equal(featureOf(0xfc00), "sat-float-to-int");
  assert.equal(featureOf(0xfc0a), "bulk-memory");
  assert.equal(featureOf(0xfc0b), "bulk-memory");
  assert.equal(featureOf(0xfc0f), "reference-types");
  assert.equal(featureOf(0xd2), "reference-types");
  assert.equal(featureOf(0xfd0c), "simd");
  assert.equal(featureOf(0xfe48), "threads");
  assert.equal(featureOf(0x12), "tail-call");
  assert.throws(() => featureOf(0x27), RangeError);
  assert.equal(storeSize(0x36), 4);
  assert.equal(storeSize(0x3a), 1);
  assert.equal(storeSize(0x37), 8);
  assert.equal(storeSize(0xfd0b), 16);
  assert.equal(storeSize(0xfd5b), 8);
  assert.equal(storeSize(0xfe1d), 4);
  assert.equal(storeSize(0xfe49), 8, "cmpxchg writes");
  assert.equal(storeSize(0x28), 0);
  assert.equal(loadSize(0x29), 8);
  assert.equal(loadSize(0x2d), 1);
  assert.equal(loadSize(0xfd00), 16);
  assert.equal(loadSize(0x36), 0);
  assert.ok(isStore(0x3e) && !isStore(0x35) && isLoad(0x35) && !isLoad(0x3e));
  assert.ok(writesMemory(0xfc0b) && writesMemory(0xfc0a) && writesMemory(0x36) && !writesMemory(0x40));
  assert.equal(opName(0xfe4e), "i64.atomic.rmw32.cmpxchg_u");
  assert.equal(opName(0xfe1e), "i32.atomic.rmw.add");
  assert.equal(opName(0xfe16), "i64.atomic.load32_u");
  assert.equal(allOpcodes().filter((op) => featureOf(op) === "simd").length, 236);
  assert.equal(allOpcodes().filter((op) => featureOf(op) === "threads").length, 67);
});

test("module layout: locals groups, instruction start and section ranges", async () => {
  const bytes = await wat(`(module
    (type $t (func (param i32 i64) (result i32)))
    (import "env" "db_read" (func (param i32) (result i32)))
    (memory 2)
    (table 3 5 funcref)
    (global $g (mut i32) (i32.const 42))
    (export "f" (func $f))
    (elem (i32.const 0) $f)
    (data (i32.const 16) "hello")
    (func $f (type $t) (local i32 i32 i64 f32) local.get 0))`);
  const m = parseModule(bytes);
  assert.equal(m.importedFunctionCount, 1);
  assert.deepEqual(m.types[0], { params: ["i32", "i64"], results: ["i32"] });
  assert.deepEqual(m.memories, [{ initial: 2, shared: false, memory64: false }]);
  assert.deepEqual(m.tables, [{ elemType: "funcref", initial: 3, maximum: 5, table64: false }]);
  assert.equal(m.globals[0]!.mutable, true);
  assert.deepEqual([...bytes.subarray(m.globals[0]!.init.start, m.globals[0]!.init.end)], [0x41, 42, 0x0b]);
  assert.deepEqual(m.exports, [{ name: "f", kind: "func", index: 1 }]);
  assert.equal(m.elements[0]!.mode, "active");
  assert.deepEqual(m.elements[0]!.funcIndices, [1]);
  assert.equal(m.elements[0]!.bulkMemoryOnly, false);
  assert.equal(new TextDecoder().decode(bytes.subarray(m.data[0]!.data.start, m.data[0]!.data.end)), "hello");
  const body = m.codes[0]!;
  assert.equal(body.funcIndex, 1);
  assert.deepEqual(body.locals, [
    { count: 2, type: "i32" },
    { count: 1, type: "i64" },
    { count: 1, type: "f32" },
  ]);
  assert.equal(body.localCount, 4);
  assert.equal(bytes[body.entryStart], body.end - body.localsStart, "size prefix");
  assert.deepEqual([...bytes.subarray(body.codeStart, body.end)], [0x20, 0x00, 0x0b]);
});

test("bulk-memory encodings are recognised: passive/declarative elements, passive data, data count", async () => {
  const bytes = await wat(
    `(module (memory 1) (table 1 funcref) (func $f)
      (elem func $f) (elem declare func $f) (data "passive")
      (func memory.init 0 (i32.const 0) (i32.const 0) (i32.const 1)))`,
    { bulk_memory: true, reference_types: true },
  );
  const m = parseModule(bytes);
  assert.deepEqual(
    m.elements.map((e) => [e.mode, e.bulkMemoryOnly]),
    [
      ["passive", true],
      ["declarative", true],
    ],
  );
  assert.equal(m.data[0]!.mode, "passive");
  assert.equal(m.dataCount, 1);
});

test("unreadable inputs: bad magic, version, truncation, section order and sizes", () => {
  const { bytes } = contracts.find((c) => c.name === "cw4-group.wasm")!;
  assert.equal(
    parseErrorCode(() => parseModule(new TextEncoder().encode("hello world"))),
    "wasm.bad_magic",
  );
  assert.equal(
    parseErrorCode(() => parseModule(new Uint8Array([0, 0x61]))),
    "wasm.truncated",
  );
  assert.equal(
    parseErrorCode(() => parseModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))),
    "wasm.bad_version",
  );
  assert.match(
    String(
      (() => {
        try {
          parseModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 0x0d, 0, 0x01, 0]));
        } catch (e) {
          return (e as Error).message;
        }
      })(),
    ),
    /component/,
  );
  assert.equal(
    parseErrorCode(() => parseModule(bytes.subarray(0, bytes.length >> 1))),
    "wasm.truncated",
  );
  assert.equal(
    parseErrorCode(() => parseModule(bytes.subarray(0, bytes.length - 1))),
    "wasm.truncated",
  );
  const header = [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0];
  assert.equal(
    parseErrorCode(() => parseModule(new Uint8Array([...header, 14, 0]))),
    "wasm.unknown_section",
  );
  // memory section before type section, and a duplicate type section
  assert.equal(
    parseErrorCode(() => parseModule(new Uint8Array([...header, 5, 1, 0, 1, 1, 0]))),
    "wasm.section_order",
  );
  assert.equal(
    parseErrorCode(() => parseModule(new Uint8Array([...header, 1, 1, 0, 1, 1, 0]))),
    "wasm.section_order",
  );
  // a type section declaring 2 bytes with a 1-byte content (vector of zero types) plus a stray byte
  assert.equal(
    parseErrorCode(() => parseModule(new Uint8Array([...header, 1, 2, 0, 0]))),
    "wasm.section_size",
  );
  // function section without code section
  assert.equal(
    parseErrorCode(() => parseModule(new Uint8Array([...header, 1, 4, 1, 0x60, 0, 0, 3, 2, 1, 0]))),
    "wasm.malformed",
  );
  const err = (() => {
    try {
      parseModule(bytes.subarray(0, 1000));
    } catch (e) {
      return e as WasmParseError;
    }
  })()!;
  assert.equal(typeof err.offset, "number");
  assert.equal(err.context.offset, err.offset);
  assert.match(err.message, /truncated|unexpected end/);
});
