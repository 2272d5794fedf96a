import { test } from "node:test";
import assert from "node:assert/strict";
import { BTree, walk, type Snapshot } from "../../src/store/btree.js";
import { prng } from "./suite.js";

function sortedEntries(model: Map<string, number>, lo?: string, hi?: string): [string, number][] {
  return [...model.entries()]
    .filter(([k]) => (lo === undefined || k >= lo) && (hi === undefined || k < hi))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

test("B+ tree: random inserts and deletes through splits and merges match a sorted model; snapshots stay frozen", () => {
  const seed = 20261126;
  const random = prng(seed);
  const tree = new BTree<number>();
  const model = new Map<string, number>();
  const key = () =>
    String.fromCharCode(
      ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * 40) + 0x3c),
    );
  const snapshots: { snapshot: Snapshot<number>; want: [string, number][] }[] = [];
  const check = (step: number) => {
    tree.validate();
    assert.equal(tree.size, model.size, `size at step ${step} (seed ${seed})`);
    for (const [k, v] of model) assert.equal(tree.get(k), v);
    const want = sortedEntries(model);
    assert.deepEqual([...tree.entries(undefined, undefined)], want, `ascending at step ${step}`);
    assert.deepEqual(
      [...tree.entries(undefined, undefined, true)],
      want.slice().reverse(),
      `descending at step ${step}`,
    );
    const lo = key();
    const hi = key();
    assert.deepEqual([...tree.entries(lo, hi)], sortedEntries(model, lo, hi), `[${lo}, ${hi}) at step ${step}`);
    assert.deepEqual([...tree.entries(lo, hi, true)], sortedEntries(model, lo, hi).reverse());
  };
  // Grow to tens of thousands of keys (three levels), then shrink to nothing (every merge and borrow path).
  let step = 0;
  for (const [steps, insertShare] of [
    [40_000, 0.8],
    [20_000, 0.5],
    [60_000, 0.1],
  ] as const) {
    for (let i = 0; i < steps; i++, step++) {
      const k = key() + key() + key();
      if (random() < insertShare) {
        tree.set(k, step);
        model.set(k, step);
      } else {
        // Delete a present key most of the time: pick the nearest model key after k.
        const present = tree.entries(k, undefined).next();
        const victim = present.done ? k : present.value[0];
        assert.equal(tree.delete(victim), model.delete(victim));
      }
      assert.equal(tree.get(k), model.get(k));
      if (step % 5000 === 0) {
        check(step);
        if (snapshots.length < 6) snapshots.push({ snapshot: tree.snapshot(), want: sortedEntries(model) });
      }
    }
  }
  for (const k of [...model.keys()]) {
    tree.delete(k);
    model.delete(k);
  }
  check(step);
  assert.equal(tree.size, 0);
  for (const { snapshot, want } of snapshots) {
    assert.deepEqual([...walk(snapshot, undefined, undefined, false)], want, "a snapshot never changes");
  }
});

test("B+ tree: deleting contiguous runs from either end of a region borrows and merges inner nodes correctly", () => {
  const random = prng(42);
  for (let round = 0; round < 6; round++) {
    const tree = new BTree<number>();
    const model = new Map<string, number>();
    const keys = Array.from({ length: 20_000 }, (_, i) => String(i).padStart(6, "0"));
    for (let i = keys.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [keys[i], keys[j]] = [keys[j], keys[i]];
    }
    keys.forEach((k, i) => {
      tree.set(k, i);
      model.set(k, i);
    });
    // Carve holes: contiguous runs, walked upwards or downwards, so one subtree empties beside a full neighbour.
    for (let hole = 0; hole < 8; hole++) {
      const from = hole === 0 ? 0 : Math.floor(random() * 20_000); // the first hole empties the leftmost subtree
      const length = 500 + Math.floor(random() * 3000);
      const run = Array.from({ length }, (_, i) => String(from + i).padStart(6, "0"));
      if ((round + hole) % 2) run.reverse();
      for (const k of run) assert.equal(tree.delete(k), model.delete(k));
      tree.validate();
    }
    for (const [k, v] of model) assert.equal(tree.get(k), v);
    assert.deepEqual([...tree.entries("005000", "015000")], sortedEntries(model, "005000", "015000"));
  }
});

test("B+ tree: a snapshot iterator survives writes on both sides of its position", () => {
  const tree = new BTree<number>();
  for (let i = 0; i < 1000; i++) tree.set(String(i).padStart(4, "0"), i);
  const it = tree.entries("0100", "0900");
  const first = it.next().value;
  for (let i = 0; i < 1000; i += 2) tree.delete(String(i).padStart(4, "0"));
  for (let i = 0; i < 1000; i++) tree.set(String(i).padStart(4, "0") + "x", -i);
  const rest = [...it];
  assert.deepEqual(first, ["0100", 100]);
  assert.equal(rest.length, 799);
  assert.deepEqual(rest[0], ["0101", 101]);
  assert.deepEqual(rest[798], ["0899", 899]);
  assert.equal(tree.size, 1500);
});
