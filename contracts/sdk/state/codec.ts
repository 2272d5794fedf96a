import { panic } from "../abort";
import { Decoder } from "../json/decoder";
import { parseJson } from "../json/parser";
import { JsonValue } from "../json/value";
import { JsonWriter } from "../json/writer";
import { regionLength, regionOffset } from "../memory";
import { Uint128 } from "../math/uint128";
import { Storage } from "../storage";
import { Binary } from "../types/binary";

/**
 * Values are stored as JSON, like cw-storage-plus does with serde: integers as numbers, strings, Uint128 as a
 * decimal string, Binary as base64, JsonValue verbatim, and classes through their `writeJson(w)` method and a
 * decode function `(d: Decoder) => T` given to the Item or Map.
 */
export type DecodeFn<T> = (d: Decoder) => T;

export function encodeValue<T>(value: T): Uint8Array {
  const w = new JsonWriter(64);
  if (isBoolean<T>()) w.bool(<bool>value);
  else if (isInteger<T>()) {
    if (isSigned<T>()) w.i64(<i64>value);
    else w.u64(<u64>value);
  } else if (isString<T>()) w.string(changetype<string>(value));
  else if (idof<T>() == idof<JsonValue>()) w.value(changetype<JsonValue>(value));
  else {
    // Uint128, Binary and any class with writeJson
    // @ts-ignore: checked when the generic is instantiated
    value.writeJson(w);
  }
  return w.toBytes();
}

export function decodeValue<T>(d: Decoder, decode: DecodeFn<T> | null): T {
  if (isBoolean<T>()) return <T>d.asBool();
  if (isInteger<T>()) {
    if (isSigned<T>()) return <T>d.asI64();
    return <T>d.asU64();
  }
  if (isString<T>()) return changetype<T>(d.asString());
  if (idof<T>() == idof<Uint128>()) return changetype<T>(d.asUint128());
  if (idof<T>() == idof<Binary>()) return changetype<T>(d.asBinary());
  if (idof<T>() == idof<JsonValue>()) return changetype<T>(d.value);
  if (decode == null) panic("a stored class needs a decode function");
  return decode!(d);
}

/** Loads and decodes the value under `key`; `found` is false when missing. A corrupt value is a VM error. */
export class Loaded<T> {
  constructor(
    readonly found: bool,
    readonly value: T,
  ) {}
}

export function loadValue<T>(key: Uint8Array, typeName: string, decode: DecodeFn<T> | null): Loaded<T> {
  const region = Storage.getRegion(key);
  if (region == 0) return new Loaded<T>(false, zeroOf<T>());
  return new Loaded<T>(true, decodeStored<T>(regionOffset(region), regionLength(region), typeName, decode));
}

/** Decodes stored JSON in raw memory (it stays allocated: parsed strings and JsonValues may point into it). */
export function decodeStored<T>(start: usize, length: usize, typeName: string, decode: DecodeFn<T> | null): T {
  const parsed = parseJson(start, length);
  if (parsed.isErr) panic("Error parsing into type " + typeName + ": " + parsed.error);
  const d = Decoder.of(parsed.value, typeName);
  const value = decodeValue<T>(d, decode);
  if (d.failed) panic(d.errorMessage);
  return value;
}

export function zeroOf<T>(): T {
  if (isReference<T>()) return changetype<T>(0);
  if (isFloat<T>()) return <T>0.0;
  return <T>0;
}
