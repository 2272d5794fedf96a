/**
 * The KvStore contract, as one suite that every implementation must pass: memory, cache branches over each store,
 * SQLite, prefix views. Keys and values are written as latin1 strings ("\x00", "\xff" for single bytes) so failures
 * print readably.
 */
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KvRecord, KvStore, Order } from "../../src/store/kv.js";
import { StoreError } from "../../src/store/errors.js";

export interface Subject {
  store: KvStore;
  /** Moves what was written so far one layer down (a cache branch's `write()`); a no-op for a plain store. */
  flush?: () => void;
  close?: () => void;
}

export const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, "latin1"));
export const text = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("latin1");

/** Records as "key=value" strings (JSON-escaped), for readable deep-equality failures. */
export function dump(records: Iterable<KvRecord>): string[] {
  const out: string[] = [];
  for (const { key, value } of records) out.push(`${JSON.stringify(text(key))}=${JSON.stringify(text(value))}`);
  return out;
}

/** What `iterate(start, end, order)` must yield over a model map of latin1 strings. */
export function expected(model: Map<string, string>, start?: string, end?: string, order: Order = "ascending") {
  const keys = [...model.keys()]
    .filter((k) => (start === undefined || k >= start) && (end === undefined || k < end))
    .sort(); // JS order of latin1 strings is byte-wise order
  if (order === "descending") keys.reverse();
  return keys.map((k) => `${JSON.stringify(k)}=${JSON.stringify(model.get(k)!)}`);
}

export function scan(store: KvStore, start?: string, end?: string, order: Order = "ascending"): string[] {
  return dump(
    store.iterate(start === undefined ? undefined : bytes(start), end === undefined ? undefined : bytes(end), order),
  );
}

/** A temporary directory removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "plurigrid-store-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Keys chosen to trip every ordering mistake: prefixes, 0x00, 0xff, bytes above 0x7f, the empty key. */
export const TRICKY_KEYS = [
  "",
  "\x00",
  "\x00\x00",
  "\x00\x01",
  "\x01",
  "\x01\x00",
  "a",
  "ab",
  "abc",
  "ab\xff",
  "b",
  "\x7f",
  "\x80",
  "\xc3\xa9", // "é" in UTF-8: must sort by its bytes, not as a character
  "\xfe\xff",
  "\xff",
  "\xff\x00",
  "\xff\xff",
];

function withSubject(make: () => Subject, body: (s: Subject) => void): () => void {
  return () => {
    const subject = make();
    try {
      body(subject);
    } finally {
      subject.close?.();
    }
  };
}

function fill(subject: Subject, model: Map<string, string>, entries: [string, string][]): void {
  // Half in one batch, flushed down a layer, the rest set one by one on top: caches then merge two layers.
  const half = entries.length >> 1;
  subject.store.commit(entries.slice(0, half).map(([k, v]) => ({ key: bytes(k), value: bytes(v) })));
  subject.flush?.();
  for (const [k, v] of entries.slice(half)) subject.store.set(bytes(k), bytes(v));
  for (const [k, v] of entries) model.set(k, v);
}

/** Deterministic shuffle (no Math.random in tests that must reproduce). */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = items.slice();
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function kvContract(name: string, make: () => Subject): void {
  describe(`KvStore contract: ${name}`, () => {
    test(
      "get, has, set, overwrite, delete",
      withSubject(make, ({ store, flush }) => {
        assert.equal(store.get(bytes("k")), undefined);
        assert.equal(store.has(bytes("k")), false);
        store.set(bytes("k"), bytes("v1"));
        assert.deepEqual(store.get(bytes("k")), bytes("v1"));
        assert.equal(store.has(bytes("k")), true);
        flush?.();
        assert.deepEqual(store.get(bytes("k")), bytes("v1"));
        store.set(bytes("k"), bytes("v2"));
        assert.deepEqual(store.get(bytes("k")), bytes("v2"));
        store.delete(bytes("k"));
        assert.equal(store.get(bytes("k")), undefined);
        assert.equal(store.has(bytes("k")), false);
        store.delete(bytes("k")); // deleting an absent key is a no-op
        store.delete(bytes("never"));
        flush?.();
        assert.equal(store.has(bytes("k")), false);
        assert.deepEqual(scan(store), []);
      }),
    );

    test(
      "the empty key and empty values are ordinary entries",
      withSubject(make, ({ store, flush }) => {
        store.set(bytes(""), bytes(""));
        store.set(bytes("a"), bytes(""));
        flush?.();
        assert.equal(store.has(bytes("")), true);
        assert.deepEqual(store.get(bytes("")), new Uint8Array(0));
        assert.deepEqual(store.get(bytes("a")), new Uint8Array(0));
        assert.deepEqual(scan(store), ['""=""', '"a"=""']);
        assert.deepEqual(scan(store, "", "a"), ['""=""']);
        store.delete(bytes(""));
        assert.deepEqual(scan(store), ['"a"=""']);
      }),
    );

    test(
      "iteration is byte-wise: a prefix before its extensions, 0x00 first, 0xff last, high bytes after ASCII",
      withSubject(make, (subject) => {
        const model = new Map<string, string>();
        fill(
          subject,
          model,
          shuffled(TRICKY_KEYS, 7).map((k, i) => [k, `v${i}`]),
        );
        const ascending = scan(subject.store);
        assert.deepEqual(ascending, expected(model));
        assert.deepEqual(
          ascending.map((r) => JSON.parse(r.slice(0, r.lastIndexOf("="))) as string),
          TRICKY_KEYS,
          "TRICKY_KEYS is listed in byte order",
        );
        assert.deepEqual(scan(subject.store, undefined, undefined, "descending"), expected(model).reverse());
      }),
    );

    test(
      "bounds: start inclusive, end exclusive, in both directions",
      withSubject(make, (subject) => {
        const model = new Map<string, string>();
        fill(
          subject,
          model,
          shuffled(TRICKY_KEYS, 11).map((k, i) => [k, `v${i}`]),
        );
        const bounds: [string | undefined, string | undefined][] = [
          [undefined, undefined],
          ["a", undefined],
          [undefined, "a"],
          ["a", "b"], // both bounds are keys: "a" in, "b" out
          ["aa", "abd"], // neither bound is a key
          ["\x00", "\x01"],
          ["", "\x00"],
          ["\xff", undefined],
          [undefined, "\xff\xff\xff"],
          ["\xff\xff\x00", undefined], // beyond every key
          [undefined, ""], // nothing is below the empty key
          ["ab", "ab"], // start == end
          ["b", "a"], // start > end
        ];
        for (const [start, end] of bounds) {
          for (const order of ["ascending", "descending"] as const) {
            assert.deepEqual(
              scan(subject.store, start, end, order),
              expected(model, start, end, order),
              `iterate(${JSON.stringify(start)}, ${JSON.stringify(end)}, ${order})`,
            );
          }
        }
      }),
    );

    test(
      "deletes and overwrites on top of earlier writes show in reads and ranges",
      withSubject(make, (subject) => {
        const { store } = subject;
        const model = new Map<string, string>();
        fill(
          subject,
          model,
          ["a", "b", "c", "d", "e", "f"].map((k) => [k, `old-${k}`]),
        );
        subject.flush?.();
        for (const k of ["a", "c", "f"]) {
          store.delete(bytes(k));
          model.delete(k);
        }
        for (const k of ["b", "e"]) {
          store.set(bytes(k), bytes(`new-${k}`));
          model.set(k, `new-${k}`);
        }
        store.set(bytes("cc"), bytes("new-cc"));
        model.set("cc", "new-cc");
        store.set(bytes("c"), bytes("back-c")); // deleted, then written again
        model.set("c", "back-c");
        for (const order of ["ascending", "descending"] as const) {
          assert.deepEqual(scan(store, undefined, undefined, order), expected(model, undefined, undefined, order));
          assert.deepEqual(scan(store, "b", "e", order), expected(model, "b", "e", order));
        }
        assert.equal(store.get(bytes("a")), undefined);
        assert.equal(store.has(bytes("f")), false);
        subject.flush?.();
        assert.deepEqual(scan(store), expected(model));
      }),
    );

    for (const order of ["ascending", "descending"] as const) {
      test(
        `an iterator is a snapshot (${order}): writes made while it is open are not seen`,
        withSubject(make, (subject) => {
          const { store } = subject;
          const model = new Map<string, string>();
          // Ten fillers after each letter ("c-0" … "c-9"), so the range spans several pages of a paged store.
          const letters = ["a", "b", "c", "d", "e", "f", "g"];
          fill(subject, model, [
            ...letters.map((k): [string, string] => [k, k.toUpperCase()]),
            ...letters.flatMap((k) => Array.from({ length: 10 }, (_, i): [string, string] => [`${k}-${i}`, "filler"])),
          ]);
          const snapshot = expected(model, "b", "g", order);
          const it = store.iterate(bytes("b"), bytes("g"), order);
          const seen = dump([it.next().value as KvRecord]);
          // Inside the remaining range: delete, overwrite, insert. Outside it and behind the iterator: the same.
          const middle = order === "ascending" ? ["c", "d", "cc"] : ["e", "d", "dd"];
          store.delete(bytes(middle[0]));
          store.set(bytes(middle[1]), bytes("changed"));
          store.set(bytes(middle[2]), bytes("inserted"));
          store.delete(bytes(order === "ascending" ? "b" : "f")); // already yielded
          store.set(bytes("a"), bytes("outside"));
          subject.flush?.(); // also push the writes down a layer while the iterator is open
          store.delete(bytes(order === "ascending" ? "e" : "c"));
          store.commit([
            { key: bytes("ee"), value: bytes("batch") },
            { key: bytes(order === "ascending" ? "f" : "b"), value: undefined },
          ]);
          seen.push(...dump({ [Symbol.iterator]: () => it }));
          assert.deepEqual(seen, snapshot);
          // A new iterator sees the new state.
          const after = scan(store, "b", "g", order);
          assert.ok(after.includes('"d"="changed"') && after.includes('"ee"="batch"'), after.join(" "));
        }),
      );
    }

    test(
      "several open iterators keep their own snapshots",
      withSubject(make, (subject) => {
        const { store } = subject;
        const model = new Map<string, string>();
        fill(
          subject,
          model,
          ["k1", "k2", "k3", "k4"].map((k) => [k, "0"]),
        );
        const iterators: { it: Iterator<KvRecord>; want: string[] }[] = [];
        for (let round = 1; round <= 4; round++) {
          iterators.push({ it: store.iterate(undefined, undefined, round % 2 ? "ascending" : "descending"), want: [] });
          iterators[iterators.length - 1].want = expected(
            model,
            undefined,
            undefined,
            round % 2 ? "ascending" : "descending",
          );
          store.set(bytes(`k${round}`), bytes(String(round)));
          model.set(`k${round}`, String(round));
          store.delete(bytes(`k${5 - round}`));
          model.delete(`k${5 - round}`);
          store.set(bytes(`n${round}`), bytes("new"));
          model.set(`n${round}`, "new");
          if (round === 2) subject.flush?.();
        }
        for (const { it, want } of iterators) assert.deepEqual(dump({ [Symbol.iterator]: () => it }), want);
      }),
    );

    test(
      "commit applies a batch in order: deletes, writes, a later write to the same key wins",
      withSubject(make, ({ store, flush }) => {
        store.set(bytes("x"), bytes("1"));
        store.set(bytes("y"), bytes("1"));
        flush?.();
        store.commit([
          { key: bytes("x"), value: undefined },
          { key: bytes("z"), value: bytes("first") },
          { key: bytes("z"), value: bytes("second") },
          { key: bytes("y"), value: bytes("2") },
          { key: bytes("w"), value: bytes("gone") },
          { key: bytes("w"), value: undefined },
        ]);
        assert.deepEqual(scan(store), ['"y"="2"', '"z"="second"']);
        store.commit([]);
        assert.deepEqual(scan(store), ['"y"="2"', '"z"="second"']);
      }),
    );

    test(
      "a batch with an invalid entry changes nothing and says which argument is wrong",
      withSubject(make, ({ store }) => {
        store.set(bytes("keep"), bytes("1"));
        assert.throws(
          () =>
            store.commit([
              { key: bytes("new"), value: bytes("1") },
              { key: bytes("keep"), value: undefined },
              { key: "not bytes" as unknown as Uint8Array, value: bytes("1") },
            ]),
          (err: unknown) =>
            err instanceof StoreError && err.code === "store.invalid_argument" && err.context.argument === "key",
        );
        assert.deepEqual(scan(store), ['"keep"="1"']);
      }),
    );

    test(
      "invalid arguments are typed errors",
      withSubject(make, ({ store }) => {
        const invalid = (err: unknown) => err instanceof StoreError && err.code === "store.invalid_argument";
        assert.throws(() => store.get("k" as unknown as Uint8Array), invalid);
        assert.throws(() => store.set(bytes("k"), [1, 2] as unknown as Uint8Array), invalid);
        assert.throws(() => store.iterate(bytes("a"), "z" as unknown as Uint8Array), invalid);
        assert.throws(() => store.iterate(undefined, undefined, "sideways" as Order), invalid);
      }),
    );

    test(
      "the store keeps its own copy of what it is given",
      withSubject(make, ({ store, flush }) => {
        const key = bytes("key");
        const value = bytes("value");
        store.set(key, value);
        value[0] = 0x56; // "V"
        key[0] = 0x4b; // "K"
        flush?.();
        assert.deepEqual(store.get(bytes("key")), bytes("value"));
        assert.equal(store.has(bytes("Key")), false);
        // Buffers too: Buffer#slice is a view, so a store that "copies" with slice() would share this memory.
        const bufferKey = Buffer.from("buf");
        const bufferValue = Buffer.from("fer");
        store.set(bufferKey, bufferValue);
        bufferKey[0] = 0x42;
        bufferValue[0] = 0x46;
        const start = Buffer.from("b");
        const it = store.iterate(start, undefined);
        start[0] = 0x7a; // "z": moving the caller's bound must not move the iterator's
        assert.deepEqual(dump({ [Symbol.iterator]: () => it }), ['"buf"="fer"', '"key"="value"']);
        const [record] = store.iterate();
        assert.ok(record.key instanceof Uint8Array && !Buffer.isBuffer(record.key), "keys are plain Uint8Arrays");
        assert.ok(!Buffer.isBuffer(record.value), "values are plain Uint8Arrays");
      }),
    );

    test(
      "many keys: long ranges in both directions, early close, then more writes",
      withSubject(make, (subject) => {
        const { store } = subject;
        const model = new Map<string, string>();
        const entries: [string, string][] = [];
        for (let i = 0; i < 3000; i++) entries.push([`key/${String((i * 7919) % 3000).padStart(4, "0")}`, `v${i}`]);
        fill(subject, model, entries);
        for (let i = 0; i < 3000; i += 3) {
          store.delete(bytes(`key/${String(i).padStart(4, "0")}`));
          model.delete(`key/${String(i).padStart(4, "0")}`);
        }
        for (const order of ["ascending", "descending"] as const) {
          assert.deepEqual(scan(store, undefined, undefined, order), expected(model, undefined, undefined, order));
          assert.deepEqual(scan(store, "key/0500", "key/2500", order), expected(model, "key/0500", "key/2500", order));
        }
        // Close iterators early (return) and abandon others: later writes and reads must not care.
        const early = store.iterate();
        early.next();
        early.return?.();
        const abandoned = store.iterate(undefined, undefined, "descending");
        abandoned.next();
        store.set(bytes("key/9999"), bytes("last"));
        model.set("key/9999", "last");
        subject.flush?.();
        assert.deepEqual(scan(store, "key/2990"), expected(model, "key/2990"));
        assert.deepEqual(early.next(), { done: true, value: undefined });
      }),
    );
  });
}

/** mulberry32: a small seeded PRNG, so a failure reproduces from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
