import { WasmParseError } from "./errors.js";
import { WasmReader } from "./reader.js";

/**
 * Instruction decoder for wasm 2.0 — MVP, sign-extension, saturating float-to-int, multi-value, reference types,
 * bulk memory, fixed-width SIMD — plus threads/atomics and, so that a checker can name them instead of failing on
 * them, the tail-call, exception-handling (legacy and `try_table`) and typed-function-reference instructions.
 * Relaxed SIMD, GC (0xFB) and memory-control instructions are not decoded (a `wasm.unknown_opcode` error).
 *
 * Opcodes are numbers: a single-byte opcode is its byte (`0x28` i32.load); a prefixed opcode is
 * `prefix << 8 | sub` (`0xfc0a` memory.copy, `0xfd0c` v128.const, `0xfe10` i32.atomic.load). Every decoded
 * instruction carries the byte range `[start, end)` it occupies, so an instrumentation pass can copy the original
 * bytes of untouched instructions verbatim.
 */

// ---------------------------------------------------------------------------------------------------------------
// Value types

/** Value types of wasm 2.0. (Typed references `(ref null? $t)` of later proposals are not supported.) */
export type ValueType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref";

/** The binary code of each value type. */
export const VALUE_TYPE_CODES: Readonly<Record<ValueType, number>> = {
  i32: 0x7f,
  i64: 0x7e,
  f32: 0x7d,
  f64: 0x7c,
  v128: 0x7b,
  funcref: 0x70,
  externref: 0x6f,
};

/** The value type with binary code `code`, or undefined. */
export function valueTypeFromCode(code: number): ValueType | undefined {
  switch (code) {
    case 0x7f:
      return "i32";
    case 0x7e:
      return "i64";
    case 0x7d:
      return "f32";
    case 0x7c:
      return "f64";
    case 0x7b:
      return "v128";
    case 0x70:
      return "funcref";
    case 0x6f:
      return "externref";
    default:
      return undefined;
  }
}

/** Reads one value type byte. */
export function readValueType(r: WasmReader, what = "value type"): ValueType {
  const at = r.pos;
  const code = r.u8(what);
  const t = valueTypeFromCode(code);
  if (t !== undefined) return t;
  if (code === 0x63 || code === 0x64)
    throw new WasmParseError(
      "wasm.malformed",
      `typed reference ${what} 0x${code.toString(16)} (function-references / GC proposals) is not supported`,
      at,
    );
  throw new WasmParseError("wasm.malformed", `unknown ${what} 0x${code.toString(16)}`, at);
}

/** Reads a reference type (funcref / externref). */
export function readRefType(r: WasmReader, what = "reference type"): "funcref" | "externref" {
  const at = r.pos;
  const t = readValueType(r, what);
  if (t !== "funcref" && t !== "externref") throw new WasmParseError("wasm.malformed", `${what} is ${t}`, at);
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Opcode table

/** The wasm proposal an instruction belongs to. Floats are part of the MVP. */
export type WasmFeature =
  | "mvp"
  | "sign-ext"
  | "sat-float-to-int"
  | "reference-types"
  | "bulk-memory"
  | "simd"
  | "threads"
  | "tail-call"
  | "exceptions"
  | "function-references"
  | "gc";

/** How an instruction touches linear memory at a statically known width. */
export interface MemoryAccess {
  /** `rmw` reads and writes (atomic read-modify-write and compare-exchange). */
  readonly kind: "load" | "store" | "rmw";
  /** Bytes accessed at `address + memarg.offset`. */
  readonly size: number;
}

/** Static facts about one opcode. */
export interface OpInfo {
  readonly op: number;
  /** Text-format name, e.g. `i32.load8_u`, `memory.copy`, `v128.const`. */
  readonly name: string;
  readonly feature: WasmFeature;
  /** Fixed-width memory access of loads/stores/atomics (absent otherwise; memory.copy/fill/init are variable). */
  readonly memory?: MemoryAccess;
}

// Immediate layouts (internal).
const I_NONE = 0;
const I_BLOCK = 1;
const I_DEPTH = 2;
const I_BR_TABLE = 3;
const I_FUNC = 4;
const I_CALL_INDIRECT = 5;
const I_LOCAL = 6;
const I_GLOBAL = 7;
const I_TABLE = 8;
const I_MEMARG = 9;
const I_MEMORY = 10;
const I_I32 = 11;
const I_I64 = 12;
const I_F32 = 13;
const I_F64 = 14;
const I_SELECT_T = 15;
const I_HEAP_TYPE = 16;
const I_MEMORY_INIT = 17;
const I_DATA = 18;
const I_MEMORY_COPY = 19;
const I_TABLE_INIT = 20;
const I_ELEM = 21;
const I_TABLE_COPY = 22;
const I_MEMARG_LANE = 23;
const I_LANE = 24;
const I_V128 = 25;
const I_SHUFFLE = 26;
const I_FENCE = 27;
const I_TAG = 28;
const I_TRY_TABLE = 29;
const I_TYPE = 30;

interface OpEntry extends OpInfo {
  readonly imm: number;
  /** For lane immediates: the number of lanes (the lane index must be smaller). */
  readonly lanes: number;
}

const TABLE_SIZE = 0x10000;
const OPS: (OpEntry | undefined)[] = new Array<OpEntry | undefined>(TABLE_SIZE).fill(undefined);

function def(op: number, name: string, imm: number, feature: WasmFeature, memory?: MemoryAccess, lanes = 0): void {
  if (OPS[op] !== undefined) throw new Error(`duplicate opcode 0x${op.toString(16)}`);
  OPS[op] = memory ? { op, name, imm, feature, memory, lanes } : { op, name, imm, feature, lanes };
}

/** Defines the opcodes of a whitespace-separated "hex:name" list, all without immediates. */
function defPlain(prefix: number, list: string, feature: WasmFeature): void {
  for (const item of list.trim().split(/\s+/)) {
    const [hex, name] = item.split(":") as [string, string];
    def(prefix | parseInt(hex, 16), name, I_NONE, feature);
  }
}

const load = (size: number): MemoryAccess => ({ kind: "load", size });
const store = (size: number): MemoryAccess => ({ kind: "store", size });
const rmw = (size: number): MemoryAccess => ({ kind: "rmw", size });

// Control
def(0x00, "unreachable", I_NONE, "mvp");
def(0x01, "nop", I_NONE, "mvp");
def(0x02, "block", I_BLOCK, "mvp");
def(0x03, "loop", I_BLOCK, "mvp");
def(0x04, "if", I_BLOCK, "mvp");
def(0x05, "else", I_NONE, "mvp");
def(0x06, "try", I_BLOCK, "exceptions");
def(0x07, "catch", I_TAG, "exceptions");
def(0x08, "throw", I_TAG, "exceptions");
def(0x09, "rethrow", I_DEPTH, "exceptions");
def(0x0a, "throw_ref", I_NONE, "exceptions");
def(0x0b, "end", I_NONE, "mvp");
def(0x0c, "br", I_DEPTH, "mvp");
def(0x0d, "br_if", I_DEPTH, "mvp");
def(0x0e, "br_table", I_BR_TABLE, "mvp");
def(0x0f, "return", I_NONE, "mvp");
def(0x10, "call", I_FUNC, "mvp");
def(0x11, "call_indirect", I_CALL_INDIRECT, "mvp");
def(0x12, "return_call", I_FUNC, "tail-call");
def(0x13, "return_call_indirect", I_CALL_INDIRECT, "tail-call");
def(0x14, "call_ref", I_TYPE, "function-references");
def(0x15, "return_call_ref", I_TYPE, "function-references");
def(0x18, "delegate", I_DEPTH, "exceptions");
def(0x19, "catch_all", I_NONE, "exceptions");
def(0x1a, "drop", I_NONE, "mvp");
def(0x1b, "select", I_NONE, "mvp");
def(0x1c, "select", I_SELECT_T, "reference-types");
def(0x1f, "try_table", I_TRY_TABLE, "exceptions");
// Variables and tables
def(0x20, "local.get", I_LOCAL, "mvp");
def(0x21, "local.set", I_LOCAL, "mvp");
def(0x22, "local.tee", I_LOCAL, "mvp");
def(0x23, "global.get", I_GLOBAL, "mvp");
def(0x24, "global.set", I_GLOBAL, "mvp");
def(0x25, "table.get", I_TABLE, "reference-types");
def(0x26, "table.set", I_TABLE, "reference-types");
// Memory
def(0x28, "i32.load", I_MEMARG, "mvp", load(4));
def(0x29, "i64.load", I_MEMARG, "mvp", load(8));
def(0x2a, "f32.load", I_MEMARG, "mvp", load(4));
def(0x2b, "f64.load", I_MEMARG, "mvp", load(8));
def(0x2c, "i32.load8_s", I_MEMARG, "mvp", load(1));
def(0x2d, "i32.load8_u", I_MEMARG, "mvp", load(1));
def(0x2e, "i32.load16_s", I_MEMARG, "mvp", load(2));
def(0x2f, "i32.load16_u", I_MEMARG, "mvp", load(2));
def(0x30, "i64.load8_s", I_MEMARG, "mvp", load(1));
def(0x31, "i64.load8_u", I_MEMARG, "mvp", load(1));
def(0x32, "i64.load16_s", I_MEMARG, "mvp", load(2));
def(0x33, "i64.load16_u", I_MEMARG, "mvp", load(2));
def(0x34, "i64.load32_s", I_MEMARG, "mvp", load(4));
def(0x35, "i64.load32_u", I_MEMARG, "mvp", load(4));
def(0x36, "i32.store", I_MEMARG, "mvp", store(4));
def(0x37, "i64.store", I_MEMARG, "mvp", store(8));
def(0x38, "f32.store", I_MEMARG, "mvp", store(4));
def(0x39, "f64.store", I_MEMARG, "mvp", store(8));
def(0x3a, "i32.store8", I_MEMARG, "mvp", store(1));
def(0x3b, "i32.store16", I_MEMARG, "mvp", store(2));
def(0x3c, "i64.store8", I_MEMARG, "mvp", store(1));
def(0x3d, "i64.store16", I_MEMARG, "mvp", store(2));
def(0x3e, "i64.store32", I_MEMARG, "mvp", store(4));
def(0x3f, "memory.size", I_MEMORY, "mvp");
def(0x40, "memory.grow", I_MEMORY, "mvp");
// Constants
def(0x41, "i32.const", I_I32, "mvp");
def(0x42, "i64.const", I_I64, "mvp");
def(0x43, "f32.const", I_F32, "mvp");
def(0x44, "f64.const", I_F64, "mvp");
// Numeric
defPlain(
  0,
  `45:i32.eqz 46:i32.eq 47:i32.ne 48:i32.lt_s 49:i32.lt_u 4a:i32.gt_s 4b:i32.gt_u 4c:i32.le_s 4d:i32.le_u
  4e:i32.ge_s 4f:i32.ge_u 50:i64.eqz 51:i64.eq 52:i64.ne 53:i64.lt_s 54:i64.lt_u 55:i64.gt_s 56:i64.gt_u
  57:i64.le_s 58:i64.le_u 59:i64.ge_s 5a:i64.ge_u 5b:f32.eq 5c:f32.ne 5d:f32.lt 5e:f32.gt 5f:f32.le 60:f32.ge
  61:f64.eq 62:f64.ne 63:f64.lt 64:f64.gt 65:f64.le 66:f64.ge 67:i32.clz 68:i32.ctz 69:i32.popcnt 6a:i32.add
  6b:i32.sub 6c:i32.mul 6d:i32.div_s 6e:i32.div_u 6f:i32.rem_s 70:i32.rem_u 71:i32.and 72:i32.or 73:i32.xor
  74:i32.shl 75:i32.shr_s 76:i32.shr_u 77:i32.rotl 78:i32.rotr 79:i64.clz 7a:i64.ctz 7b:i64.popcnt 7c:i64.add
  7d:i64.sub 7e:i64.mul 7f:i64.div_s 80:i64.div_u 81:i64.rem_s 82:i64.rem_u 83:i64.and 84:i64.or 85:i64.xor
  86:i64.shl 87:i64.shr_s 88:i64.shr_u 89:i64.rotl 8a:i64.rotr 8b:f32.abs 8c:f32.neg 8d:f32.ceil 8e:f32.floor
  8f:f32.trunc 90:f32.nearest 91:f32.sqrt 92:f32.add 93:f32.sub 94:f32.mul 95:f32.div 96:f32.min 97:f32.max
  98:f32.copysign 99:f64.abs 9a:f64.neg 9b:f64.ceil 9c:f64.floor 9d:f64.trunc 9e:f64.nearest 9f:f64.sqrt
  a0:f64.add a1:f64.sub a2:f64.mul a3:f64.div a4:f64.min a5:f64.max a6:f64.copysign a7:i32.wrap_i64
  a8:i32.trunc_f32_s a9:i32.trunc_f32_u aa:i32.trunc_f64_s ab:i32.trunc_f64_u ac:i64.extend_i32_s
  ad:i64.extend_i32_u ae:i64.trunc_f32_s af:i64.trunc_f32_u b0:i64.trunc_f64_s b1:i64.trunc_f64_u
  b2:f32.convert_i32_s b3:f32.convert_i32_u b4:f32.convert_i64_s b5:f32.convert_i64_u b6:f32.demote_f64
  b7:f64.convert_i32_s b8:f64.convert_i32_u b9:f64.convert_i64_s ba:f64.convert_i64_u bb:f64.promote_f32
  bc:i32.reinterpret_f32 bd:i64.reinterpret_f64 be:f32.reinterpret_i32 bf:f64.reinterpret_i64`,
  "mvp",
);
defPlain(0, "c0:i32.extend8_s c1:i32.extend16_s c2:i64.extend8_s c3:i64.extend16_s c4:i64.extend32_s", "sign-ext");
// References
def(0xd0, "ref.null", I_HEAP_TYPE, "reference-types");
def(0xd1, "ref.is_null", I_NONE, "reference-types");
def(0xd2, "ref.func", I_FUNC, "reference-types");
def(0xd3, "ref.eq", I_NONE, "gc");
def(0xd4, "ref.as_non_null", I_NONE, "function-references");
def(0xd5, "br_on_null", I_DEPTH, "function-references");
def(0xd6, "br_on_non_null", I_DEPTH, "function-references");

// 0xFC prefix: saturating truncation, bulk memory, table instructions
defPlain(
  0xfc00,
  `00:i32.trunc_sat_f32_s 01:i32.trunc_sat_f32_u 02:i32.trunc_sat_f64_s 03:i32.trunc_sat_f64_u
  04:i64.trunc_sat_f32_s 05:i64.trunc_sat_f32_u 06:i64.trunc_sat_f64_s 07:i64.trunc_sat_f64_u`,
  "sat-float-to-int",
);
def(0xfc08, "memory.init", I_MEMORY_INIT, "bulk-memory");
def(0xfc09, "data.drop", I_DATA, "bulk-memory");
def(0xfc0a, "memory.copy", I_MEMORY_COPY, "bulk-memory");
def(0xfc0b, "memory.fill", I_MEMORY, "bulk-memory");
def(0xfc0c, "table.init", I_TABLE_INIT, "bulk-memory");
def(0xfc0d, "elem.drop", I_ELEM, "bulk-memory");
def(0xfc0e, "table.copy", I_TABLE_COPY, "bulk-memory");
def(0xfc0f, "table.grow", I_TABLE, "reference-types");
def(0xfc10, "table.size", I_TABLE, "reference-types");
def(0xfc11, "table.fill", I_TABLE, "reference-types");

// 0xFD prefix: fixed-width SIMD
def(0xfd00, "v128.load", I_MEMARG, "simd", load(16));
def(0xfd01, "v128.load8x8_s", I_MEMARG, "simd", load(8));
def(0xfd02, "v128.load8x8_u", I_MEMARG, "simd", load(8));
def(0xfd03, "v128.load16x4_s", I_MEMARG, "simd", load(8));
def(0xfd04, "v128.load16x4_u", I_MEMARG, "simd", load(8));
def(0xfd05, "v128.load32x2_s", I_MEMARG, "simd", load(8));
def(0xfd06, "v128.load32x2_u", I_MEMARG, "simd", load(8));
def(0xfd07, "v128.load8_splat", I_MEMARG, "simd", load(1));
def(0xfd08, "v128.load16_splat", I_MEMARG, "simd", load(2));
def(0xfd09, "v128.load32_splat", I_MEMARG, "simd", load(4));
def(0xfd0a, "v128.load64_splat", I_MEMARG, "simd", load(8));
def(0xfd0b, "v128.store", I_MEMARG, "simd", store(16));
def(0xfd0c, "v128.const", I_V128, "simd");
def(0xfd0d, "i8x16.shuffle", I_SHUFFLE, "simd");
def(0xfd15, "i8x16.extract_lane_s", I_LANE, "simd", undefined, 16);
def(0xfd16, "i8x16.extract_lane_u", I_LANE, "simd", undefined, 16);
def(0xfd17, "i8x16.replace_lane", I_LANE, "simd", undefined, 16);
def(0xfd18, "i16x8.extract_lane_s", I_LANE, "simd", undefined, 8);
def(0xfd19, "i16x8.extract_lane_u", I_LANE, "simd", undefined, 8);
def(0xfd1a, "i16x8.replace_lane", I_LANE, "simd", undefined, 8);
def(0xfd1b, "i32x4.extract_lane", I_LANE, "simd", undefined, 4);
def(0xfd1c, "i32x4.replace_lane", I_LANE, "simd", undefined, 4);
def(0xfd1d, "i64x2.extract_lane", I_LANE, "simd", undefined, 2);
def(0xfd1e, "i64x2.replace_lane", I_LANE, "simd", undefined, 2);
def(0xfd1f, "f32x4.extract_lane", I_LANE, "simd", undefined, 4);
def(0xfd20, "f32x4.replace_lane", I_LANE, "simd", undefined, 4);
def(0xfd21, "f64x2.extract_lane", I_LANE, "simd", undefined, 2);
def(0xfd22, "f64x2.replace_lane", I_LANE, "simd", undefined, 2);
def(0xfd54, "v128.load8_lane", I_MEMARG_LANE, "simd", load(1), 16);
def(0xfd55, "v128.load16_lane", I_MEMARG_LANE, "simd", load(2), 8);
def(0xfd56, "v128.load32_lane", I_MEMARG_LANE, "simd", load(4), 4);
def(0xfd57, "v128.load64_lane", I_MEMARG_LANE, "simd", load(8), 2);
def(0xfd58, "v128.store8_lane", I_MEMARG_LANE, "simd", store(1), 16);
def(0xfd59, "v128.store16_lane", I_MEMARG_LANE, "simd", store(2), 8);
def(0xfd5a, "v128.store32_lane", I_MEMARG_LANE, "simd", store(4), 4);
def(0xfd5b, "v128.store64_lane", I_MEMARG_LANE, "simd", store(8), 2);
def(0xfd5c, "v128.load32_zero", I_MEMARG, "simd", load(4));
def(0xfd5d, "v128.load64_zero", I_MEMARG, "simd", load(8));
defPlain(
  0xfd00,
  `0e:i8x16.swizzle 0f:i8x16.splat 10:i16x8.splat 11:i32x4.splat 12:i64x2.splat 13:f32x4.splat 14:f64x2.splat
  23:i8x16.eq 24:i8x16.ne 25:i8x16.lt_s 26:i8x16.lt_u 27:i8x16.gt_s 28:i8x16.gt_u 29:i8x16.le_s 2a:i8x16.le_u
  2b:i8x16.ge_s 2c:i8x16.ge_u 2d:i16x8.eq 2e:i16x8.ne 2f:i16x8.lt_s 30:i16x8.lt_u 31:i16x8.gt_s 32:i16x8.gt_u
  33:i16x8.le_s 34:i16x8.le_u 35:i16x8.ge_s 36:i16x8.ge_u 37:i32x4.eq 38:i32x4.ne 39:i32x4.lt_s 3a:i32x4.lt_u
  3b:i32x4.gt_s 3c:i32x4.gt_u 3d:i32x4.le_s 3e:i32x4.le_u 3f:i32x4.ge_s 40:i32x4.ge_u 41:f32x4.eq 42:f32x4.ne
  43:f32x4.lt 44:f32x4.gt 45:f32x4.le 46:f32x4.ge 47:f64x2.eq 48:f64x2.ne 49:f64x2.lt 4a:f64x2.gt 4b:f64x2.le
  4c:f64x2.ge 4d:v128.not 4e:v128.and 4f:v128.andnot 50:v128.or 51:v128.xor 52:v128.bitselect 53:v128.any_true
  5e:f32x4.demote_f64x2_zero 5f:f64x2.promote_low_f32x4 60:i8x16.abs 61:i8x16.neg 62:i8x16.popcnt
  63:i8x16.all_true 64:i8x16.bitmask 65:i8x16.narrow_i16x8_s 66:i8x16.narrow_i16x8_u 67:f32x4.ceil
  68:f32x4.floor 69:f32x4.trunc 6a:f32x4.nearest 6b:i8x16.shl 6c:i8x16.shr_s 6d:i8x16.shr_u 6e:i8x16.add
  6f:i8x16.add_sat_s 70:i8x16.add_sat_u 71:i8x16.sub 72:i8x16.sub_sat_s 73:i8x16.sub_sat_u 74:f64x2.ceil
  75:f64x2.floor 76:i8x16.min_s 77:i8x16.min_u 78:i8x16.max_s 79:i8x16.max_u 7a:f64x2.trunc 7b:i8x16.avgr_u
  7c:i16x8.extadd_pairwise_i8x16_s 7d:i16x8.extadd_pairwise_i8x16_u 7e:i32x4.extadd_pairwise_i16x8_s
  7f:i32x4.extadd_pairwise_i16x8_u 80:i16x8.abs 81:i16x8.neg 82:i16x8.q15mulr_sat_s 83:i16x8.all_true
  84:i16x8.bitmask 85:i16x8.narrow_i32x4_s 86:i16x8.narrow_i32x4_u 87:i16x8.extend_low_i8x16_s
  88:i16x8.extend_high_i8x16_s 89:i16x8.extend_low_i8x16_u 8a:i16x8.extend_high_i8x16_u 8b:i16x8.shl
  8c:i16x8.shr_s 8d:i16x8.shr_u 8e:i16x8.add 8f:i16x8.add_sat_s 90:i16x8.add_sat_u 91:i16x8.sub
  92:i16x8.sub_sat_s 93:i16x8.sub_sat_u 94:f64x2.nearest 95:i16x8.mul 96:i16x8.min_s 97:i16x8.min_u
  98:i16x8.max_s 99:i16x8.max_u 9b:i16x8.avgr_u 9c:i16x8.extmul_low_i8x16_s 9d:i16x8.extmul_high_i8x16_s
  9e:i16x8.extmul_low_i8x16_u 9f:i16x8.extmul_high_i8x16_u a0:i32x4.abs a1:i32x4.neg a3:i32x4.all_true
  a4:i32x4.bitmask a7:i32x4.extend_low_i16x8_s a8:i32x4.extend_high_i16x8_s a9:i32x4.extend_low_i16x8_u
  aa:i32x4.extend_high_i16x8_u ab:i32x4.shl ac:i32x4.shr_s ad:i32x4.shr_u ae:i32x4.add b1:i32x4.sub
  b5:i32x4.mul b6:i32x4.min_s b7:i32x4.min_u b8:i32x4.max_s b9:i32x4.max_u ba:i32x4.dot_i16x8_s
  bc:i32x4.extmul_low_i16x8_s bd:i32x4.extmul_high_i16x8_s be:i32x4.extmul_low_i16x8_u
  bf:i32x4.extmul_high_i16x8_u c0:i64x2.abs c1:i64x2.neg c3:i64x2.all_true c4:i64x2.bitmask
  c7:i64x2.extend_low_i32x4_s c8:i64x2.extend_high_i32x4_s c9:i64x2.extend_low_i32x4_u
  ca:i64x2.extend_high_i32x4_u cb:i64x2.shl cc:i64x2.shr_s cd:i64x2.shr_u ce:i64x2.add d1:i64x2.sub
  d5:i64x2.mul d6:i64x2.eq d7:i64x2.ne d8:i64x2.lt_s d9:i64x2.gt_s da:i64x2.le_s db:i64x2.ge_s
  dc:i64x2.extmul_low_i32x4_s dd:i64x2.extmul_high_i32x4_s de:i64x2.extmul_low_i32x4_u
  df:i64x2.extmul_high_i32x4_u e0:f32x4.abs e1:f32x4.neg e3:f32x4.sqrt e4:f32x4.add e5:f32x4.sub e6:f32x4.mul
  e7:f32x4.div e8:f32x4.min e9:f32x4.max ea:f32x4.pmin eb:f32x4.pmax ec:f64x2.abs ed:f64x2.neg ef:f64x2.sqrt
  f0:f64x2.add f1:f64x2.sub f2:f64x2.mul f3:f64x2.div f4:f64x2.min f5:f64x2.max f6:f64x2.pmin f7:f64x2.pmax
  f8:i32x4.trunc_sat_f32x4_s f9:i32x4.trunc_sat_f32x4_u fa:f32x4.convert_i32x4_s fb:f32x4.convert_i32x4_u
  fc:i32x4.trunc_sat_f64x2_s_zero fd:i32x4.trunc_sat_f64x2_u_zero fe:f64x2.convert_low_i32x4_s
  ff:f64x2.convert_low_i32x4_u`,
  "simd",
);

// 0xFE prefix: threads (atomic memory accesses)
def(0xfe00, "memory.atomic.notify", I_MEMARG, "threads", load(4));
def(0xfe01, "memory.atomic.wait32", I_MEMARG, "threads", load(4));
def(0xfe02, "memory.atomic.wait64", I_MEMARG, "threads", load(8));
def(0xfe03, "atomic.fence", I_FENCE, "threads");
{
  // Seven widths per group, in this order: i32 (4), i64 (8), i32 8_u, i32 16_u, i64 8_u, i64 16_u, i64 32_u.
  const widths: [string, string, number][] = [
    ["i32", "", 4],
    ["i64", "", 8],
    ["i32", "8", 1],
    ["i32", "16", 2],
    ["i64", "8", 1],
    ["i64", "16", 2],
    ["i64", "32", 4],
  ];
  widths.forEach(([t, n, size], i) => {
    const u = n ? "_u" : "";
    def(0xfe10 + i, `${t}.atomic.load${n}${u}`, I_MEMARG, "threads", load(size));
    def(0xfe17 + i, `${t}.atomic.store${n}`, I_MEMARG, "threads", store(size));
  });
  ["add", "sub", "and", "or", "xor", "xchg", "cmpxchg"].forEach((rmwOp, g) => {
    widths.forEach(([t, n, size], i) => {
      const u = n ? "_u" : "";
      def(0xfe1e + 7 * g + i, `${t}.atomic.rmw${n}.${rmwOp}${u}`, I_MEMARG, "threads", rmw(size));
    });
  });
}

/** Static facts about `op`, or undefined for an opcode this decoder does not know. */
export function opInfo(op: number): OpInfo | undefined {
  return op >= 0 && op < TABLE_SIZE ? OPS[op] : undefined;
}

/** The text-format name of `op` (`"0x…"` for an unknown opcode). */
export function opName(op: number): string {
  return opInfo(op)?.name ?? `0x${op.toString(16)}`;
}

/** The proposal `op` belongs to. Throws for an unknown opcode. */
export function featureOf(op: number): WasmFeature {
  const info = opInfo(op);
  if (!info) throw new RangeError(`unknown opcode 0x${op.toString(16)}`);
  return info.feature;
}

/** Every opcode the decoder knows, in ascending order. */
export function allOpcodes(): number[] {
  const out: number[] = [];
  for (let op = 0; op < TABLE_SIZE; op++) if (OPS[op]) out.push(op);
  return out;
}

/** Bytes a load reads (including atomic loads, wait/notify and rmw), 0 if `op` is not a fixed-width load. */
export function loadSize(op: number): number {
  const m = opInfo(op)?.memory;
  return m && m.kind !== "store" ? m.size : 0;
}

/**
 * Bytes a store writes at `address + offset` — plain, SIMD (`v128.store`, `v128.storeN_lane`) and atomic stores,
 * and atomic read-modify-write / compare-exchange — or 0 if `op` writes no fixed-width memory. The variable-width
 * writers `memory.fill`, `memory.copy`, `memory.init` (bulk memory) return 0: see {@link writesMemory}.
 */
export function storeSize(op: number): number {
  const m = opInfo(op)?.memory;
  return m && m.kind !== "load" ? m.size : 0;
}

export function isLoad(op: number): boolean {
  return loadSize(op) > 0;
}

export function isStore(op: number): boolean {
  return storeSize(op) > 0;
}

/** True for every instruction that can change linear memory contents (fixed-width stores and bulk writes). */
export function writesMemory(op: number): boolean {
  return storeSize(op) > 0 || op === OP.memoryFill || op === OP.memoryCopy || op === OP.memoryInit;
}

/** Opcodes that start a structured block closed by `end`. */
export function isBlockStart(op: number): boolean {
  return op === OP.block || op === OP.loop || op === OP.if || op === 0x06 || op === 0x1f;
}

/**
 * Control-flow instructions: everything that can transfer control (blocks, branches, calls, returns, traps and
 * exception handling), including the `end`/`else` that delimit blocks. Every other instruction falls through to the
 * next one (or traps).
 */
export function isControl(op: number): boolean {
  return (
    (op >= 0x00 && op <= 0x19 && op !== 0x01 && OPS[op] !== undefined) || op === 0x1f || (op >= 0xd5 && op <= 0xd6)
  );
}

/** Frequently needed opcodes by name. */
export const OP = {
  unreachable: 0x00,
  nop: 0x01,
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  brTable: 0x0e,
  return: 0x0f,
  call: 0x10,
  callIndirect: 0x11,
  drop: 0x1a,
  select: 0x1b,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  globalGet: 0x23,
  globalSet: 0x24,
  memorySize: 0x3f,
  memoryGrow: 0x40,
  i32Const: 0x41,
  i64Const: 0x42,
  f32Const: 0x43,
  f64Const: 0x44,
  refNull: 0xd0,
  refFunc: 0xd2,
  memoryInit: 0xfc08,
  dataDrop: 0xfc09,
  memoryCopy: 0xfc0a,
  memoryFill: 0xfc0b,
  v128Const: 0xfd0c,
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Decoded instructions

/** A block's signature: no value, one value, or a function type index (multi-value). */
export type BlockType = { kind: "empty" } | { kind: "value"; type: ValueType } | { kind: "type"; index: number };

/** The `memarg` of a load/store. `align` is the log2 alignment hint; `memory` is 0 unless multi-memory is used. */
export interface MemArg {
  align: number;
  offset: number;
  memory: number;
}

/** Heap type of `ref.null`: an abstract heap type or a type index. */
export type HeapType =
  | "func"
  | "extern"
  | "any"
  | "eq"
  | "i31"
  | "struct"
  | "array"
  | "none"
  | "noextern"
  | "nofunc"
  | "exn"
  | "noexn"
  | number;

/** A handler of `try_table`. */
export interface TryTableCatch {
  kind: "catch" | "catch_ref" | "catch_all" | "catch_all_ref";
  tag?: number;
  depth: number;
}

/**
 * One decoded instruction. `op`, `start`, `end` are always set; the immediates present depend on the opcode:
 * - `blockType`: block, loop, if, try, try_table
 * - `depth`: br, br_if, rethrow, delegate, br_on_null, br_on_non_null; `depths` + `defaultDepth`: br_table
 * - `funcIndex`: call, return_call, ref.func; `typeIndex` (+ `tableIndex`): call_indirect, return_call_indirect,
 *   call_ref, return_call_ref
 * - `localIndex`: local.get/set/tee; `globalIndex`: global.get/set
 * - `tableIndex`: table.get/set/grow/size/fill, table.init (destination), table.copy (destination, `srcTableIndex`)
 * - `memarg`: every load/store/atomic; plus `lane` for v128.loadN_lane/storeN_lane
 * - `memoryIndex`: memory.size/grow/fill/init, memory.copy (destination, `srcMemoryIndex`)
 * - `dataIndex`: memory.init, data.drop; `elemIndex`: table.init, elem.drop
 * - `value`: i32.const (number), i64.const (bigint), f32.const/f64.const (number)
 * - `v128`: v128.const (16 bytes); `lanes`: i8x16.shuffle (16 lane indices); `lane`: extract/replace_lane
 * - `valueTypes`: typed select; `heapType`: ref.null; `tagIndex`: throw, catch; `catches`: try_table
 */
export interface Instruction {
  op: number;
  /** Offset of the first opcode byte (the prefix byte for prefixed opcodes). */
  start: number;
  /** Offset one past the last immediate byte. */
  end: number;
  blockType?: BlockType;
  depth?: number;
  depths?: number[];
  defaultDepth?: number;
  funcIndex?: number;
  typeIndex?: number;
  tableIndex?: number;
  srcTableIndex?: number;
  localIndex?: number;
  globalIndex?: number;
  memarg?: MemArg;
  memoryIndex?: number;
  srcMemoryIndex?: number;
  dataIndex?: number;
  elemIndex?: number;
  value?: number | bigint;
  v128?: Uint8Array;
  lanes?: Uint8Array;
  lane?: number;
  valueTypes?: ValueType[];
  heapType?: HeapType;
  tagIndex?: number;
  catches?: TryTableCatch[];
}

/** Decoder options. */
export interface DecodeOptions {
  /** memarg offsets are u64 (memory64 proposal); default u32. */
  memory64?: boolean;
}

const HEAP_TYPES: Record<number, HeapType> = {
  0x70: "func",
  0x6f: "extern",
  0x6e: "any",
  0x6d: "eq",
  0x6c: "i31",
  0x6b: "struct",
  0x6a: "array",
  0x71: "none",
  0x72: "noextern",
  0x73: "nofunc",
  0x69: "exn",
  0x74: "noexn",
};

function malformed(message: string, at: number): never {
  throw new WasmParseError("wasm.malformed", message, at);
}

function readBlockType(r: WasmReader): BlockType {
  const b = r.peekU8("block type");
  // A single byte with the continuation bit clear and the sign bit set is 0x40 or a value type; anything else is a
  // non-negative s33 type index.
  if ((b & 0x80) === 0 && (b & 0x40) !== 0) {
    if (b === 0x40) {
      r.pos++;
      return { kind: "empty" };
    }
    return { kind: "value", type: readValueType(r, "block type") };
  }
  const at = r.pos;
  const index = r.s33("block type");
  if (index < 0) malformed(`invalid block type ${index}`, at);
  return { kind: "type", index };
}

function readMemArg(r: WasmReader, options: DecodeOptions | undefined): MemArg {
  const at = r.pos;
  let flags = r.u32("memarg alignment");
  let memory = 0;
  if (flags & 0x40) {
    flags ^= 0x40;
    memory = r.u32("memarg memory index");
  }
  if (flags >= 0x40) malformed(`memarg alignment 2^${flags} is too large`, at);
  let offset: number;
  if (options?.memory64) {
    const big = r.u64("memarg offset");
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) malformed(`memarg offset ${big} is too large`, at);
    offset = Number(big);
  } else offset = r.u32("memarg offset");
  return { align: flags, offset, memory };
}

function readLane(r: WasmReader, lanes: number): number {
  const at = r.pos;
  const lane = r.u8("lane index");
  if (lane >= lanes) malformed(`lane index ${lane} out of range (${lanes} lanes)`, at);
  return lane;
}

/**
 * Decodes the instruction at `r.pos` and advances the reader past it. Throws `wasm.unknown_opcode` for an opcode
 * this decoder does not know and `wasm.truncated` if the immediates run past `r.end`.
 */
export function decodeInstruction(r: WasmReader, options?: DecodeOptions): Instruction {
  const start = r.pos;
  const first = r.u8("opcode");
  let op = first;
  if (first >= 0xfb) {
    // 0xFB (GC) is not decoded; FC/FD/FE carry a u32 sub-opcode.
    const sub = first === 0xfb ? -1 : r.u32("sub-opcode");
    if (sub < 0 || sub > 0xff)
      throw new WasmParseError(
        "wasm.unknown_opcode",
        `unknown opcode 0x${first.toString(16)}${sub >= 0 ? ` 0x${sub.toString(16)}` : ""}${first === 0xfb ? " (GC proposal)" : ""}`,
        start,
        { opcode: first, sub },
      );
    op = (first << 8) | sub;
  }
  const info = OPS[op];
  if (info === undefined)
    throw new WasmParseError(
      "wasm.unknown_opcode",
      `unknown opcode ${op > 0xff ? `0x${first.toString(16)} 0x${(op & 0xff).toString(16)}` : `0x${op.toString(16)}`}`,
      start,
      { opcode: op },
    );
  const ins: Instruction = { op, start, end: start };
  switch (info.imm) {
    case I_NONE:
      break;
    case I_BLOCK:
      ins.blockType = readBlockType(r);
      break;
    case I_DEPTH:
      ins.depth = r.u32("branch depth");
      break;
    case I_BR_TABLE: {
      const n = r.u32("br_table count");
      if (n > r.remaining) r.need(n + 1, "br_table targets");
      const depths = new Array<number>(n);
      for (let i = 0; i < n; i++) depths[i] = r.u32("br_table depth");
      ins.depths = depths;
      ins.defaultDepth = r.u32("br_table default depth");
      break;
    }
    case I_FUNC:
      ins.funcIndex = r.u32("function index");
      break;
    case I_CALL_INDIRECT:
      ins.typeIndex = r.u32("type index");
      ins.tableIndex = r.u32("table index");
      break;
    case I_TYPE:
      ins.typeIndex = r.u32("type index");
      break;
    case I_LOCAL:
      ins.localIndex = r.u32("local index");
      break;
    case I_GLOBAL:
      ins.globalIndex = r.u32("global index");
      break;
    case I_TABLE:
      ins.tableIndex = r.u32("table index");
      break;
    case I_MEMARG:
      ins.memarg = readMemArg(r, options);
      break;
    case I_MEMORY:
      ins.memoryIndex = r.u32("memory index");
      break;
    case I_I32:
      ins.value = r.i32("i32.const");
      break;
    case I_I64:
      ins.value = r.i64("i64.const");
      break;
    case I_F32: {
      const b = r.take(4, "f32.const");
      ins.value = new DataView(b.buffer, b.byteOffset, 4).getFloat32(0, true);
      break;
    }
    case I_F64: {
      const b = r.take(8, "f64.const");
      ins.value = new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
      break;
    }
    case I_SELECT_T: {
      const at = r.pos;
      const n = r.u32("select type count");
      if (n !== 1) malformed(`typed select must have exactly one result type, has ${n}`, at);
      ins.valueTypes = [readValueType(r, "select type")];
      break;
    }
    case I_HEAP_TYPE: {
      const at = r.pos;
      const b = r.peekU8("heap type");
      const abstract = HEAP_TYPES[b];
      if (abstract !== undefined) {
        r.pos++;
        ins.heapType = abstract;
      } else {
        const index = r.s33("heap type");
        if (index < 0) malformed(`unknown heap type 0x${b.toString(16)}`, at);
        ins.heapType = index;
      }
      break;
    }
    case I_MEMORY_INIT:
      ins.dataIndex = r.u32("data index");
      ins.memoryIndex = r.u32("memory index");
      break;
    case I_DATA:
      ins.dataIndex = r.u32("data index");
      break;
    case I_MEMORY_COPY:
      ins.memoryIndex = r.u32("memory index");
      ins.srcMemoryIndex = r.u32("memory index");
      break;
    case I_TABLE_INIT:
      ins.elemIndex = r.u32("element index");
      ins.tableIndex = r.u32("table index");
      break;
    case I_ELEM:
      ins.elemIndex = r.u32("element index");
      break;
    case I_TABLE_COPY:
      ins.tableIndex = r.u32("table index");
      ins.srcTableIndex = r.u32("table index");
      break;
    case I_MEMARG_LANE:
      ins.memarg = readMemArg(r, options);
      ins.lane = readLane(r, info.lanes);
      break;
    case I_LANE:
      ins.lane = readLane(r, info.lanes);
      break;
    case I_V128:
      ins.v128 = r.take(16, "v128.const");
      break;
    case I_SHUFFLE: {
      const at = r.pos;
      const lanes = r.take(16, "i8x16.shuffle lanes");
      for (let i = 0; i < 16; i++)
        if (lanes[i]! >= 32) malformed(`shuffle lane index ${lanes[i]} out of range`, at + i);
      ins.lanes = lanes;
      break;
    }
    case I_FENCE: {
      const at = r.pos;
      if (r.u8("atomic.fence flags") !== 0) malformed("atomic.fence flags must be 0", at);
      break;
    }
    case I_TAG:
      ins.tagIndex = r.u32("tag index");
      break;
    case I_TRY_TABLE: {
      ins.blockType = readBlockType(r);
      ins.catches = r.vec((rr) => {
        const at = rr.pos;
        const k = rr.u8("catch kind");
        if (k > 3) malformed(`unknown try_table catch kind ${k}`, at);
        const kind = (["catch", "catch_ref", "catch_all", "catch_all_ref"] as const)[k]!;
        const tag = k < 2 ? rr.u32("tag index") : undefined;
        const depth = rr.u32("catch depth");
        return tag === undefined ? { kind, depth } : { kind, tag, depth };
      }, "try_table catch");
      break;
    }
    /* c8 ignore next 2 */
    default:
      throw new Error(`decoder table bug for opcode 0x${op.toString(16)}`);
  }
  ins.end = r.pos;
  return ins;
}

/**
 * Decodes every instruction in `[start, end)`, calling `visit` for each in order. The instructions tile the range:
 * each one's `start` equals the previous one's `end`, and the last one ends exactly at `end` (an instruction whose
 * immediates would run past `end` is a `wasm.truncated` error). Returns the number of instructions.
 * This does not check block structure; use {@link decodeFunctionBody} for a whole function body.
 */
export function decodeInstructions(
  bytes: Uint8Array,
  start: number,
  end: number,
  visit: (ins: Instruction) => void,
  options?: DecodeOptions,
): number {
  const r = new WasmReader(bytes, start, end);
  let n = 0;
  while (r.pos < end) {
    visit(decodeInstruction(r, options));
    n++;
  }
  return n;
}

/** The instructions in `[start, end)` as an iterator (see {@link decodeInstructions}). */
export function* instructions(
  bytes: Uint8Array,
  start: number,
  end: number,
  options?: DecodeOptions,
): Generator<Instruction, void, undefined> {
  const r = new WasmReader(bytes, start, end);
  while (r.pos < end) yield decodeInstruction(r, options);
}

/** The part of a function body an instruction stream occupies. */
export interface InstructionRange {
  /** Offset of the first instruction. */
  codeStart: number;
  /** Offset one past the function's final `end`. */
  end: number;
}

/**
 * Decodes a function body's instructions (`[codeStart, end)`) and checks their block structure: blocks nest,
 * `else` appears only directly inside `if`, and the `end` that closes the function is the last instruction, ending
 * exactly at `body.end`. `visit` receives each instruction with the control depth *before* it (0 = function level).
 * Returns the number of instructions.
 */
export function decodeFunctionBody(
  bytes: Uint8Array,
  body: InstructionRange,
  visit?: (ins: Instruction, depth: number) => void,
  options?: DecodeOptions,
): number {
  const r = new WasmReader(bytes, body.codeStart, body.end);
  // Kinds of the open blocks; index 0 is the function itself.
  const open: number[] = [-1];
  let n = 0;
  while (r.pos < body.end) {
    if (open.length === 0) malformed("instructions after the end of the function body", r.pos);
    const ins = decodeInstruction(r, options);
    const depth = open.length - 1;
    const op = ins.op;
    if (op === 0x0b) open.pop();
    else if (op === 0x02 || op === 0x03 || op === 0x04 || op === 0x06 || op === 0x1f) open.push(op);
    else if (op === 0x05 && open[open.length - 1] !== 0x04) malformed("`else` outside of an `if` block", ins.start);
    else if ((op === 0x07 || op === 0x19 || op === 0x18) && open[open.length - 1] !== 0x06)
      malformed(`\`${opName(op)}\` outside of a \`try\` block`, ins.start);
    if (op === 0x18) open.pop(); // delegate closes its try
    visit?.(ins, depth);
    n++;
  }
  if (open.length !== 0)
    malformed(`function body ends with ${open.length} unclosed block(s) (missing \`end\`)`, body.end);
  return n;
}
