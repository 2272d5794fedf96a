import { test } from "node:test";
import assert from "node:assert/strict";
import { parseModule } from "../../src/vm/wasm/module.js";
import { makeStartLazy } from "../../scripts/contracts/lazy_start.js";
import { watToWasm } from "../vm/probe_wat.js";

/** A module whose start function counts its runs in a global that the exports read. */
const WITH_START = `
(module
  (global $runs (mut i32) (i32.const 0))
  (global $seven i32 (i32.const 7))
  (func $start (global.set $runs (i32.add (global.get $runs) (i32.const 1))))
  (func (export "runs") (result i32) (global.get $runs))
  (func (export "runs_plus") (param $x i32) (result i32) (local $y i32)
    (local.set $y (global.get $runs))
    (i32.add (local.get $x) (local.get $y)))
  (func $internal (result i32) (global.get $seven))
  (start $start))`;

function instantiate(bytes: Uint8Array) {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
  return instance.exports as unknown as { runs(): number; runs_plus(x: number): number };
}

test("the start function no longer runs at instantiation but once, on the first call of any export", async () => {
  const original = await watToWasm(WITH_START);
  assert.equal(instantiate(original).runs(), 1, "eager start as compiled");
  const lazy = makeStartLazy(original);
  assert.equal(parseModule(lazy).start, undefined);
  const exports = instantiate(lazy);
  assert.equal(exports.runs_plus(10), 11, "the first call initialises, even with parameters and locals");
  assert.equal(exports.runs(), 1, "and later calls do not run it again");
  assert.equal(instantiate(lazy).runs(), 1, "the guard is per instance");
});

test("a module without a start function is returned unchanged, and one without globals gains the guard global", async () => {
  const plain = await watToWasm(`(module (func (export "f") (result i32) (i32.const 3)))`);
  assert.equal(makeStartLazy(plain), plain);
  const noGlobals = await watToWasm(`
    (module (memory (export "memory") 1)
      (func $start (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))))
      (func (export "read") (result i32) (i32.load (i32.const 0)))
      (start $start))`);
  const lazy = makeStartLazy(noGlobals);
  assert.equal(parseModule(lazy).globals.length, 1);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(lazy));
  const read = instance.exports.read as () => number;
  assert.equal(read(), 1);
  assert.equal(read(), 1);
});
