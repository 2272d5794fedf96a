/**
 * Microworld files may say `"extends": "base.json"` and give only what differs. The difference is a JSON merge
 * patch (RFC 7396: objects merge key by key, `null` deletes, other values replace) with one addition that makes
 * scenario edits short: lists whose items all have a "name" merge item by item — a patch item edits the base item
 * of the same name (or is appended), and `{"name": "X", "remove": true}` drops it.
 */
export function mergeScenarioPatch(base: unknown, patch: unknown): unknown {
  if (Array.isArray(patch) && Array.isArray(base) && named(base) && named(patch)) {
    const result = base.map((item) => ({ ...(item as object) })) as Record<string, unknown>[];
    for (const p of patch as Record<string, unknown>[]) {
      const at = result.findIndex((item) => item.name === p.name);
      if (p.remove === true) {
        if (at >= 0) result.splice(at, 1);
      } else if (at >= 0) result[at] = mergeScenarioPatch(result[at], p) as Record<string, unknown>;
      else result.push(p);
    }
    return result;
  }
  if (!isObject(patch)) return patch;
  const result: Record<string, unknown> = isObject(base) ? { ...base } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergeScenarioPatch(result[key], value);
  }
  return result;
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function named(list: unknown[]): boolean {
  return list.length > 0 && list.every((item) => isObject(item) && typeof item.name === "string");
}
