import { GameError } from "../errors.js";
import { Rational } from "./rational.js";

/** Values may say how they want to be keyed (e.g. a class with identity fields). */
export interface Keyed {
  canonicalKey(): string;
}

const cache = new WeakMap<object, string>();

/**
 * A string that is equal for equal values: structural for arrays, plain objects (keys sorted), Maps and Sets,
 * exact for numbers (3 and Rational 3 agree). Distributions use it to merge equal outcomes, memo tables to look up
 * continuations, diagnostics to deduplicate information sets. Values are treated as immutable: an object's key is
 * cached on first use.
 */
export function canonicalKey(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      if (Number.isNaN(value)) throw new GameError("dist.unkeyable", "NaN cannot be an outcome", {});
      return Number.isInteger(value) ? String(Object.is(value, -0) ? 0 : value) : `${value}f`;
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "undefined";
    case "object":
      if (value === null) return "null";
      return objectKey(value);
    default:
      throw new GameError("dist.unkeyable", `a ${typeof value} cannot be an outcome or an observation`, {
        type: typeof value,
      });
  }
}

function objectKey(value: object): string {
  const hit = cache.get(value);
  if (hit !== undefined) return hit;
  let key: string;
  if (value instanceof Rational) key = value.toString();
  else if (Array.isArray(value)) key = "[" + value.map(canonicalKey).join(",") + "]";
  else if (typeof (value as Partial<Keyed>).canonicalKey === "function") key = "#" + (value as Keyed).canonicalKey();
  else if (value instanceof Map)
    key =
      "Map{" +
      [...value.entries()]
        .map(([k, v]) => canonicalKey(k) + ":" + canonicalKey(v))
        .sort()
        .join(",") +
      "}";
  else if (value instanceof Set) key = "Set{" + [...value].map(canonicalKey).sort().join(",") + "}";
  else
    key =
      "{" +
      Object.keys(value)
        .sort()
        .map((k) => JSON.stringify(k) + ":" + canonicalKey((value as Record<string, unknown>)[k]))
        .join(",") +
      "}";
  cache.set(value, key);
  return key;
}
