import { StoreError } from "./errors.js";
import type { KvWrite } from "./kv.js";

/**
 * Byte-string helpers. In memory, keys are held as latin1 strings (one char per byte, code 0–255): JavaScript
 * compares strings by UTF-16 code unit, which for such strings is exactly byte-wise order, and strings compare and
 * hash far faster than Uint8Arrays.
 */

export function toKey(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n <= 16) {
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[i]);
    return s;
  }
  return Buffer.from(bytes.buffer, bytes.byteOffset, n).toString("latin1");
}

/** A fresh Uint8Array (not a pooled Buffer) holding the bytes of a latin1 key. */
export function fromKey(key: string): Uint8Array {
  const n = key.length;
  const out = new Uint8Array(n);
  if (n <= 64) {
    for (let i = 0; i < n; i++) out[i] = key.charCodeAt(i);
  } else {
    out.set(Buffer.from(key, "latin1"));
  }
  return out;
}

/**
 * A copy as a plain Uint8Array. (Not `bytes.slice()`: on a Buffer, slice is a view that shares the caller's memory.)
 */
export function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

/** Byte-wise comparison: negative, zero or positive. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  return Buffer.compare(a, b);
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * The smallest key greater than every key that starts with `prefix`, i.e. the exclusive end of the prefix's range;
 * undefined when there is none (the prefix is empty or all 0xff).
 */
export function prefixEnd(prefix: Uint8Array): Uint8Array | undefined {
  let i = prefix.length - 1;
  while (i >= 0 && prefix[i] === 0xff) i--;
  if (i < 0) return undefined;
  const end = new Uint8Array(prefix.subarray(0, i + 1));
  end[i]++;
  return end;
}

/** Throws store.invalid_argument unless `value` is a Uint8Array (Buffers are Uint8Arrays). */
export function checkBytes(value: unknown, argument: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new StoreError("store.invalid_argument", `${argument} must be a Uint8Array, got ${describe(value)}`, {
      argument,
    });
  }
}

export function checkOptionalBytes(value: unknown, argument: string): asserts value is Uint8Array | undefined {
  if (value !== undefined) checkBytes(value, argument);
}

export function checkOrder(order: unknown): void {
  if (order !== "ascending" && order !== "descending") {
    throw new StoreError(
      "store.invalid_argument",
      `order must be "ascending" or "descending", got ${describe(order)}`,
      { argument: "order" },
    );
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as object).constructor?.name ?? "object";
  return typeof value;
}

/** Materialises and checks a batch before any of it is applied. */
export function validateBatch(writes: Iterable<KvWrite>): KvWrite[] {
  const batch = Array.isArray(writes) ? (writes as KvWrite[]) : [...writes];
  for (const w of batch) {
    checkBytes(w?.key, "key");
    if (w.value !== undefined) checkBytes(w.value, "value");
  }
  return batch;
}
