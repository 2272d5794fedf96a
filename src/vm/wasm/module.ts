import { WasmParseError } from "./errors.js";
import { decodeInstruction, readRefType, readValueType, type Instruction, type ValueType } from "./instructions.js";
import { WasmReader } from "./reader.js";

/**
 * A structural parse of a wasm module (binary format version 1). It reads every section the core spec defines
 * (plus the exception-handling tag section, so a checker can name it) and records the byte range of each, so that
 * a rewriting pass can copy untouched sections verbatim. Function bodies are split into their locals and their
 * instruction range; instructions themselves are decoded on demand (see `instructions.ts`).
 *
 * Everything malformed — wrong magic/version, truncated input, bad LEB128, unknown or misordered sections, section
 * sizes that do not match their content, inconsistent counts — is a {@link WasmParseError}. Semantic validation
 * (types of instructions, index bounds) is not done here.
 */

/** A byte range `[start, end)` in the module. */
export interface ByteRange {
  start: number;
  end: number;
}

export const SECTION_IDS = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

export type SectionName = keyof typeof SECTION_IDS;

const SECTION_NAMES: SectionName[] = [];
for (const [name, id] of Object.entries(SECTION_IDS)) SECTION_NAMES[id] = name as SectionName;

/** Position of each non-custom section id in the required order (the tag section sits between memory and global). */
const SECTION_ORDER: Record<number, number> = {
  1: 1,
  2: 2,
  3: 3,
  4: 4,
  5: 5,
  13: 6,
  6: 7,
  7: 8,
  8: 9,
  9: 10,
  12: 11,
  10: 12,
  11: 13,
};

export interface Section {
  id: number;
  name: SectionName;
  /** Offset of the section id byte. */
  start: number;
  /** Offset of the first content byte (after id and size). */
  contentStart: number;
  /** Offset one past the last content byte. */
  end: number;
  /** For custom sections: the section's name. */
  customName?: string;
}

export interface FuncType {
  params: ValueType[];
  results: ValueType[];
}

export interface Limits {
  initial: number;
  /** Absent when the limits have no maximum. */
  maximum?: number;
}

export interface TableType extends Limits {
  elemType: "funcref" | "externref";
  /** table64 (memory64 proposal) flag. */
  table64: boolean;
}

export interface MemoryType extends Limits {
  /** Shared memory (threads proposal). */
  shared: boolean;
  /** 64-bit memory (memory64 proposal). */
  memory64: boolean;
}

export interface GlobalType {
  type: ValueType;
  mutable: boolean;
}

export type ImportDesc =
  | { kind: "func"; typeIndex: number }
  | { kind: "table"; table: TableType }
  | { kind: "memory"; memory: MemoryType }
  | { kind: "global"; global: GlobalType }
  | { kind: "tag"; typeIndex: number };

export type ExternalKind = ImportDesc["kind"];

export type Import = { module: string; name: string; range: ByteRange } & ImportDesc;

export interface Global extends GlobalType {
  /** The constant initializer expression, including its final `end`. */
  init: ByteRange;
}

export interface Export {
  name: string;
  kind: ExternalKind;
  index: number;
}

/**
 * An element segment. Flags 0–7 of the binary format; `passive` and `declarative` segments exist only with the
 * bulk-memory / reference-types proposals (`bulkMemoryOnly`).
 */
export interface ElementSegment {
  range: ByteRange;
  flags: number;
  mode: "active" | "passive" | "declarative";
  tableIndex: number;
  /** Offset expression of an active segment (including its `end`). */
  offset?: ByteRange;
  elemType: "funcref" | "externref";
  /** For segments of function indices (flags 0–3). */
  funcIndices?: number[];
  /** For segments of expressions (flags 4–7): each expression including its `end`. */
  exprs?: ByteRange[];
  /** Passive or declarative segments need bulk memory operations (wasmparser rejects them without it). */
  bulkMemoryOnly: boolean;
}

export interface DataSegment {
  range: ByteRange;
  mode: "active" | "passive";
  memoryIndex: number;
  /** Offset expression of an active segment (including its `end`). */
  offset?: ByteRange;
  /** The data bytes. */
  data: ByteRange;
}

export interface LocalGroup {
  count: number;
  type: ValueType;
}

/**
 * One entry of the code section.
 * ```
 * entryStart     localsStart                 codeStart                        end
 * | size (LEB128) | locals vector (count,type)* | instructions … final `end` 0x0B |
 * ```
 * The body's declared size is `end - localsStart`.
 */
export interface FunctionBody {
  /** Index in the function index space (imported functions come first). */
  funcIndex: number;
  typeIndex: number;
  /** Offset of the body's size prefix. */
  entryStart: number;
  /** Offset of the locals vector (right after the size prefix). */
  localsStart: number;
  /** Offset of the first instruction. */
  codeStart: number;
  /** Offset one past the final `end` instruction. */
  end: number;
  locals: LocalGroup[];
  /** Sum of the local group counts (declared locals, parameters not included). */
  localCount: number;
}

export interface CustomSection {
  name: string;
  /** The payload after the name. */
  data: ByteRange;
  section: Section;
}

export interface WasmModule {
  bytes: Uint8Array;
  version: number;
  /** All sections in file order, custom sections included. */
  sections: Section[];
  types: FuncType[];
  imports: Import[];
  /** Type index of each function defined in the module (the function section). */
  functions: number[];
  tables: TableType[];
  memories: MemoryType[];
  /** Exception-handling tags (type indices). */
  tags: number[];
  globals: Global[];
  exports: Export[];
  start?: number;
  elements: ElementSegment[];
  dataCount?: number;
  codes: FunctionBody[];
  data: DataSegment[];
  customSections: CustomSection[];
  importedFunctionCount: number;
  importedTableCount: number;
  importedMemoryCount: number;
  importedGlobalCount: number;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

function malformed(message: string, at: number): never {
  throw new WasmParseError("wasm.malformed", message, at);
}

function readLimits(r: WasmReader, what: string, allowShared: boolean) {
  const at = r.pos;
  const flags = r.u8(`${what} limits flags`);
  const known = allowShared ? 0x07 : 0x05;
  if (flags & ~known) malformed(`unknown ${what} limits flags 0x${flags.toString(16)}`, at);
  const hasMax = (flags & 0x01) !== 0;
  const shared = (flags & 0x02) !== 0;
  const is64 = (flags & 0x04) !== 0;
  const read = () => (is64 ? Number(r.u64(`${what} limit`)) : r.u32(`${what} limit`));
  const initial = read();
  const maximum = hasMax ? read() : undefined;
  if (shared && !hasMax) malformed(`shared ${what} must have a maximum`, at);
  return { initial, maximum, shared, is64 };
}

function readTableType(r: WasmReader): TableType {
  const elemType = readRefType(r, "table element type");
  const { initial, maximum, is64 } = readLimits(r, "table", false);
  const t: TableType = { elemType, initial, table64: is64 };
  if (maximum !== undefined) t.maximum = maximum;
  return t;
}

function readMemoryType(r: WasmReader): MemoryType {
  const { initial, maximum, shared, is64 } = readLimits(r, "memory", true);
  const m: MemoryType = { initial, shared, memory64: is64 };
  if (maximum !== undefined) m.maximum = maximum;
  return m;
}

function readGlobalType(r: WasmReader): GlobalType {
  const type = readValueType(r, "global type");
  const at = r.pos;
  const mut = r.u8("global mutability");
  if (mut > 1) malformed(`invalid global mutability ${mut}`, at);
  return { type, mutable: mut === 1 };
}

/** Reads a constant expression up to and including its final `end`; returns its byte range. */
export function readConstExpr(r: WasmReader, visit?: (ins: Instruction) => void): ByteRange {
  const start = r.pos;
  let depth = 0;
  for (;;) {
    const ins = decodeInstruction(r);
    visit?.(ins);
    if (ins.op === 0x02 || ins.op === 0x03 || ins.op === 0x04) depth++;
    else if (ins.op === 0x0b) {
      if (depth === 0) return { start, end: r.pos };
      depth--;
    }
  }
}

function readExternalKind(r: WasmReader): ExternalKind {
  const at = r.pos;
  const k = r.u8("external kind");
  switch (k) {
    case 0:
      return "func";
    case 1:
      return "table";
    case 2:
      return "memory";
    case 3:
      return "global";
    case 4:
      return "tag";
    default:
      return malformed(`unknown external kind 0x${k.toString(16)}`, at);
  }
}

function readImport(r: WasmReader): Import {
  const start = r.pos;
  const module = r.name("import module name");
  const name = r.name("import name");
  const kind = readExternalKind(r);
  let desc: ImportDesc;
  switch (kind) {
    case "func":
      desc = { kind, typeIndex: r.u32("type index") };
      break;
    case "table":
      desc = { kind, table: readTableType(r) };
      break;
    case "memory":
      desc = { kind, memory: readMemoryType(r) };
      break;
    case "global":
      desc = { kind, global: readGlobalType(r) };
      break;
    case "tag":
      desc = { kind, typeIndex: readTag(r) };
      break;
  }
  return { module, name, range: { start, end: r.pos }, ...desc };
}

function readTag(r: WasmReader): number {
  const at = r.pos;
  const attribute = r.u8("tag attribute");
  if (attribute !== 0) malformed(`invalid tag attribute ${attribute}`, at);
  return r.u32("tag type index");
}

function readFuncType(r: WasmReader): FuncType {
  const at = r.pos;
  const form = r.u8("type form");
  if (form !== 0x60) {
    if (form === 0x4e || form === 0x4f || form === 0x50 || form === 0x5e || form === 0x5f)
      malformed(`GC type form 0x${form.toString(16)} (rec/sub/struct/array) is not supported`, at);
    malformed(`unknown type form 0x${form.toString(16)} (expected 0x60, a function type)`, at);
  }
  const params = r.vec((rr) => readValueType(rr, "parameter type"), "parameter");
  const results = r.vec((rr) => readValueType(rr, "result type"), "result");
  return { params, results };
}

function readElement(r: WasmReader): ElementSegment {
  const start = r.pos;
  const flagsAt = r.pos;
  const flags = r.u32("element segment flags");
  if (flags > 7) malformed(`unknown element segment flags ${flags}`, flagsAt);
  const mode = flags & 0x01 ? (flags & 0x02 ? "declarative" : "passive") : "active";
  const explicitTable = (flags & 0x03) === 0x02;
  const usesExprs = (flags & 0x04) !== 0;
  const tableIndex = explicitTable ? r.u32("table index") : 0;
  const offset = mode === "active" ? readConstExpr(r) : undefined;
  let elemType: "funcref" | "externref" = "funcref";
  // Flags 0 and 4 have an implicit funcref; the other forms spell out an elemkind (0x00) or a reftype.
  if (flags !== 0 && flags !== 4) {
    if (usesExprs) elemType = readRefType(r, "element type");
    else {
      const at = r.pos;
      const kind = r.u8("element kind");
      if (kind !== 0) malformed(`unknown element kind 0x${kind.toString(16)}`, at);
    }
  }
  const seg: ElementSegment = {
    range: { start, end: start },
    flags,
    mode,
    tableIndex,
    elemType,
    bulkMemoryOnly: mode !== "active",
  };
  if (offset) seg.offset = offset;
  if (usesExprs) seg.exprs = r.vec((rr) => readConstExpr(rr), "element expression");
  else seg.funcIndices = r.vec((rr) => rr.u32("function index"), "element function index");
  seg.range.end = r.pos;
  return seg;
}

function readData(r: WasmReader): DataSegment {
  const start = r.pos;
  const flagsAt = r.pos;
  const flags = r.u32("data segment flags");
  if (flags > 2) malformed(`unknown data segment flags ${flags}`, flagsAt);
  const memoryIndex = flags === 2 ? r.u32("memory index") : 0;
  const offset = flags === 1 ? undefined : readConstExpr(r);
  const len = r.u32("data length");
  const dataStart = r.pos;
  r.skip(len, "data segment bytes");
  const seg: DataSegment = {
    range: { start, end: r.pos },
    mode: flags === 1 ? "passive" : "active",
    memoryIndex,
    data: { start: dataStart, end: r.pos },
  };
  if (offset) seg.offset = offset;
  return seg;
}

function readCodeEntry(r: WasmReader, funcIndex: number, typeIndex: number): FunctionBody {
  const entryStart = r.pos;
  const size = r.u32("function body size");
  const localsStart = r.pos;
  r.need(size, "function body");
  const end = localsStart + size;
  const body = new WasmReader(r.bytes, localsStart, end);
  let localCount = 0;
  const locals = body.vec((rr) => {
    const count = rr.u32("local count");
    localCount += count;
    return { count, type: readValueType(rr, "local type") };
  }, "local group");
  if (body.pos >= end) malformed(`function ${funcIndex} has an empty instruction sequence (missing \`end\`)`, end);
  if (r.bytes[end - 1] !== 0x0b) malformed(`function ${funcIndex} body does not end with \`end\` (0x0b)`, end - 1);
  r.pos = end;
  return { funcIndex, typeIndex, entryStart, localsStart, codeStart: body.pos, end, locals, localCount };
}

/** Parses the sections of a wasm module. Throws {@link WasmParseError} for anything that is not well-formed. */
export function parseModule(bytes: Uint8Array): WasmModule {
  if (bytes.length < 4 || MAGIC.some((b, i) => bytes[i] !== b))
    throw new WasmParseError(
      bytes.length < 4 && MAGIC.slice(0, bytes.length).every((b, i) => bytes[i] === b)
        ? "wasm.truncated"
        : "wasm.bad_magic",
      bytes.length < 4 && MAGIC.slice(0, bytes.length).every((b, i) => bytes[i] === b)
        ? `input is ${bytes.length} byte(s) long, shorter than the wasm header`
        : "not a wasm module: missing the \\0asm magic number",
      0,
    );
  if (bytes.length < 8)
    throw new WasmParseError("wasm.truncated", "unexpected end of input inside the wasm header (version)", 4);
  const version = bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16) | (bytes[7]! << 24);
  if (version !== 1) {
    const layer = bytes[6]! | (bytes[7]! << 8);
    throw new WasmParseError(
      "wasm.bad_version",
      layer === 1
        ? "this is a WebAssembly component, not a core module"
        : `unsupported wasm binary version ${version >>> 0} (expected 1)`,
      4,
    );
  }

  const m: WasmModule = {
    bytes,
    version,
    sections: [],
    types: [],
    imports: [],
    functions: [],
    tables: [],
    memories: [],
    tags: [],
    globals: [],
    exports: [],
    elements: [],
    codes: [],
    data: [],
    customSections: [],
    importedFunctionCount: 0,
    importedTableCount: 0,
    importedMemoryCount: 0,
    importedGlobalCount: 0,
  };

  const r = new WasmReader(bytes, 8);
  let lastOrder = 0;
  let codeCount: number | undefined;
  while (!r.atEnd()) {
    const start = r.pos;
    const id = r.u8("section id");
    const name = SECTION_NAMES[id];
    if (name === undefined) throw new WasmParseError("wasm.unknown_section", `unknown section id ${id}`, start);
    const size = r.u32(`${name} section size`);
    const contentStart = r.pos;
    if (size > r.remaining)
      throw new WasmParseError(
        "wasm.truncated",
        `${name} section declares ${size} bytes but only ${r.remaining} remain (the file is truncated)`,
        start,
        { section: name },
      );
    const end = contentStart + size;
    const section: Section = { id, name, start, contentStart, end };
    if (id !== 0) {
      const order = SECTION_ORDER[id]!;
      if (order <= lastOrder) {
        const seen = m.sections.some((s) => s.id === id);
        throw new WasmParseError(
          "wasm.section_order",
          seen ? `duplicate ${name} section` : `${name} section is out of order`,
          start,
          { section: name },
        );
      }
      lastOrder = order;
    }
    const s = new WasmReader(bytes, contentStart, end);
    switch (id) {
      case 0: {
        const customName = s.name("custom section name");
        section.customName = customName;
        m.customSections.push({ name: customName, data: { start: s.pos, end }, section });
        s.pos = end;
        break;
      }
      case 1:
        m.types = s.vec(readFuncType, "type");
        break;
      case 2:
        m.imports = s.vec(readImport, "import");
        for (const imp of m.imports) {
          if (imp.kind === "func") m.importedFunctionCount++;
          else if (imp.kind === "table") m.importedTableCount++;
          else if (imp.kind === "memory") m.importedMemoryCount++;
          else if (imp.kind === "global") m.importedGlobalCount++;
        }
        break;
      case 3:
        m.functions = s.vec((rr) => rr.u32("type index"), "function");
        break;
      case 4:
        m.tables = s.vec(readTableType, "table");
        break;
      case 5:
        m.memories = s.vec(readMemoryType, "memory");
        break;
      case 13:
        m.tags = s.vec(readTag, "tag");
        break;
      case 6:
        m.globals = s.vec((rr) => {
          const type = readGlobalType(rr);
          return { ...type, init: readConstExpr(rr) };
        }, "global");
        break;
      case 7:
        m.exports = s.vec((rr) => {
          const name = rr.name("export name");
          const kind = readExternalKind(rr);
          return { name, kind, index: rr.u32("export index") };
        }, "export");
        break;
      case 8:
        m.start = s.u32("start function index");
        break;
      case 9:
        m.elements = s.vec(readElement, "element segment");
        break;
      case 12:
        m.dataCount = s.u32("data count");
        break;
      case 10: {
        const at = s.pos;
        codeCount = s.u32("code entry count");
        if (codeCount !== m.functions.length)
          malformed(
            `code section has ${codeCount} bodies but the function section declares ${m.functions.length} functions`,
            at,
          );
        for (let i = 0; i < codeCount; i++)
          m.codes.push(readCodeEntry(s, m.importedFunctionCount + i, m.functions[i]!));
        break;
      }
      case 11:
        m.data = s.vec(readData, "data segment");
        if (m.dataCount !== undefined && m.dataCount !== m.data.length)
          malformed(
            `data section has ${m.data.length} segments but the data count section declares ${m.dataCount}`,
            contentStart,
          );
        break;
    }
    if (s.pos !== end)
      throw new WasmParseError(
        "wasm.section_size",
        `${name} section declares ${size} bytes but its content ends after ${s.pos - contentStart}`,
        s.pos,
        { section: name },
      );
    m.sections.push(section);
    r.pos = end;
  }
  if (codeCount === undefined && m.functions.length > 0)
    malformed(
      `the function section declares ${m.functions.length} functions but there is no code section`,
      bytes.length,
    );
  if (m.dataCount !== undefined && m.data.length === 0 && m.dataCount !== 0)
    malformed(`the data count section declares ${m.dataCount} segments but there is no data section`, bytes.length);
  return m;
}

/** The type of function `funcIndex` (imports first, then defined functions), or undefined if out of range. */
export function functionType(m: WasmModule, funcIndex: number): FuncType | undefined {
  let typeIndex: number | undefined;
  if (funcIndex < m.importedFunctionCount) {
    let i = 0;
    for (const imp of m.imports)
      if (imp.kind === "func") {
        if (i === funcIndex) {
          typeIndex = imp.typeIndex;
          break;
        }
        i++;
      }
  } else typeIndex = m.functions[funcIndex - m.importedFunctionCount];
  return typeIndex === undefined ? undefined : m.types[typeIndex];
}
