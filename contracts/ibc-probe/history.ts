import { Bound, Env, Item, JsonValue, JsonWriter, Map, Order, parseJsonBytes } from "../sdk";

/**
 * Everything the node delivered, in arrival order: one record per callback, holding the message byte for byte
 * as it arrived, so tests assert exactly what the node sent. A callback whose state changes the node discards
 * (an error, a trap) leaves no record, which is itself observable.
 */
const RECORDS = new Map<u64, JsonValue>("history");
const RECORD_COUNT = new Item<u64>("history_count");

export function record(kind: string, env: Env, msg: JsonValue): void {
  const id = RECORD_COUNT.loadOr(0);
  const w = new JsonWriter();
  w.beginObject().key("kind").string(kind).key("block_height").u64(env.block.height).key("msg").value(msg).endObject();
  RECORDS.save(id, parseJsonBytes(w.toBytes()).value);
  RECORD_COUNT.save(id + 1);
}

/** Writes `{"records":[…]}` with the records of `kind` (every record when null), oldest first. */
export function writeHistory(w: JsonWriter, kind: string | null, afterId: u64, hasAfter: bool): void {
  w.beginObject().key("records").beginArray();
  const it = RECORDS.range(hasAfter ? Bound.exclusive<u64>(afterId) : null, null, Order.Ascending);
  while (it.next()) {
    const entry = it.value;
    if (kind != null && entry.get("kind")!.toStr() != kind) continue;
    w.beginObject().key("id").u64(it.key).key("kind").value(entry.get("kind")!);
    w.key("block_height").value(entry.get("block_height")!).key("msg").value(entry.get("msg")!).endObject();
  }
  w.endArray().endObject();
}
