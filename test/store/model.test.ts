/**
 * Property test: random operations on a stack of cache branches over SQLite (branch, set, delete, write, discard,
 * direct writes to SQLite, reopen) against a plain Map model. Every read and every range, in both orders and with
 * random bounds, must match; open iterators must keep yielding the model as it was when they were created.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { CacheKv } from "../../src/store/cache.js";
import type { KvIterator, KvRecord, KvStore, Order } from "../../src/store/kv.js";
import { SqliteStore } from "../../src/store/sqlite.js";
import { bytes, dump, expected, prng, tempDir } from "./suite.js";

const ALPHABET = ["\x00", "\x01", "a", "\x80", "\xff"];

function run(seed: number, steps: number): void {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const key = () => Array.from({ length: Math.floor(random() * 4) }, () => pick(ALPHABET)).join("");
  const { dir, cleanup } = tempDir();
  const path = join(dir, "state.db");
  let sqlite = SqliteStore.open(path, { synchronous: "normal" });
  const layers: CacheKv[] = [];
  const models: Map<string, string>[] = [new Map()]; // models[0] is SQLite's, models[i + 1] is layers[i]'s
  const top = (): KvStore => layers[layers.length - 1] ?? sqlite;
  const model = () => models[models.length - 1];
  const open: { it: KvIterator; want: string[]; at: number; label: string }[] = [];
  const where = (step: number, what: string) => `seed ${seed}, step ${step}, depth ${layers.length}: ${what}`;
  try {
    for (let step = 0; step < steps; step++) {
      const r = random();
      if (r < 0.3) {
        const k = key();
        const v = `${step}`;
        top().set(bytes(k), bytes(v));
        model().set(k, v);
      } else if (r < 0.42) {
        const k = key();
        top().delete(bytes(k));
        model().delete(k);
      } else if (r < 0.47) {
        const writes = Array.from({ length: 1 + Math.floor(random() * 6) }, () => ({
          k: key(),
          v: random() < 0.3 ? undefined : `b${step}`,
        }));
        top().commit(writes.map(({ k, v }) => ({ key: bytes(k), value: v === undefined ? undefined : bytes(v) })));
        for (const { k, v } of writes) {
          if (v === undefined) model().delete(k);
          else model().set(k, v);
        }
      } else if (r < 0.57) {
        const k = key();
        assert.equal(
          top().get(bytes(k)) && Buffer.from(top().get(bytes(k))!).toString("latin1"),
          model().get(k),
          where(step, `get ${JSON.stringify(k)}`),
        );
        assert.equal(top().has(bytes(k)), model().has(k), where(step, `has ${JSON.stringify(k)}`));
      } else if (r < 0.67) {
        const start = random() < 0.3 ? undefined : key();
        const end = random() < 0.3 ? undefined : key();
        const order: Order = random() < 0.5 ? "ascending" : "descending";
        const got = dump(
          top().iterate(
            start === undefined ? undefined : bytes(start),
            end === undefined ? undefined : bytes(end),
            order,
          ),
        );
        assert.deepEqual(
          got,
          expected(model(), start, end, order),
          where(step, `iterate ${JSON.stringify([start, end, order])}`),
        );
      } else if (r < 0.72 && open.length < 5) {
        const start = random() < 0.5 ? undefined : key();
        const end = random() < 0.5 ? undefined : key();
        const order: Order = random() < 0.5 ? "ascending" : "descending";
        open.push({
          it: top().iterate(
            start === undefined ? undefined : bytes(start),
            end === undefined ? undefined : bytes(end),
            order,
          ),
          want: expected(model(), start, end, order),
          at: 0,
          label: `iterator opened at step ${step} over ${JSON.stringify([start, end, order])} at depth ${layers.length}`,
        });
      } else if (r < 0.8 && open.length > 0) {
        const i = Math.floor(random() * open.length);
        const o = open[i];
        for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
          const next = o.it.next();
          if (next.done) {
            assert.equal(o.at, o.want.length, where(step, `${o.label} ended early`));
            open.splice(i, 1);
            break;
          }
          assert.equal(dump([next.value as KvRecord])[0], o.want[o.at], where(step, `${o.label}, item ${o.at}`));
          o.at++;
        }
      } else if (r < 0.87 && layers.length < 4) {
        layers.push(new CacheKv(top()));
        models.push(new Map(model()));
      } else if (r < 0.93 && layers.length > 0) {
        layers.pop()!.write();
        const written = models.pop()!;
        models[models.length - 1] = written;
      } else if (r < 0.97 && layers.length > 0) {
        layers.pop()!.discard();
        models.pop();
      } else if (layers.length === 0 && random() < 0.3) {
        // Restart: everything committed to SQLite is still there. Open iterators belong to the closed store.
        sqlite.close();
        sqlite = SqliteStore.open(path, { synchronous: "normal" });
        open.length = 0;
        assert.deepEqual(dump(sqlite.iterate()), expected(models[0]), where(step, "after reopening"));
      }
    }
    while (layers.length > 0) {
      layers.pop()!.write();
      const written = models.pop()!;
      models[models.length - 1] = written;
    }
    for (const o of open) {
      const rest = dump({ [Symbol.iterator]: () => o.it });
      assert.deepEqual(rest, o.want.slice(o.at), `seed ${seed}: ${o.label}, drained at the end`);
    }
    sqlite.close();
    sqlite = SqliteStore.open(path);
    assert.deepEqual(dump(sqlite.iterate()), expected(models[0]), `seed ${seed}: final state after reopening`);
    assert.deepEqual(
      dump(sqlite.iterate(undefined, undefined, "descending")),
      expected(models[0], undefined, undefined, "descending"),
    );
  } finally {
    sqlite.close();
    cleanup();
  }
}

for (const seed of [1, 2, 3, 4]) {
  test(`cache branches over SQLite match a Map model under random operations (seed ${seed})`, () => run(seed, 4000));
}
