import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as calls from "../../src/vm/calls.js";
import { AbortError, CompileError, OutOfGasError, TrapError, VmError } from "../../src/vm/errors.js";
import { mockAddress, mockEnv, mockInfo, mockVm, TestContract } from "../../src/vm/testing/mock.js";
import { MemoryStorage } from "../../src/vm/testing/storage.js";
import { PROBE_WAT, watToWasm } from "./probe_wat.js";

const require = createRequire(import.meta.url);
const contractsDir = require
  .resolve("@oraichain/common-contracts-build/package.json")
  .replace(/package\.json$/, "data/");
const cw20Wasm = readFileSync(contractsDir + "cw20-base.wasm");

const alice = mockAddress("alice");

async function probe(options: Parameters<typeof mockVm>[0] = {}) {
  const vm = mockVm(options);
  const code = vm.storeCode(await watToWasm(PROBE_WAT));
  return { vm, contract: new TestContract(vm, code.checksum) };
}

function attribute(result: calls.CallResult<{ attributes: { key: string; value: string }[] }>): string {
  assert.ok("ok" in result.result, JSON.stringify(result.result));
  return result.result.ok.attributes[0].value;
}

test("every call sees a fresh instance: globals, memory and memory size are reset", async () => {
  const { contract } = await probe();
  for (let i = 0; i < 3; i++) {
    assert.equal(attribute(contract.execute(alice, "c")), "1", "mutable global restored");
    assert.equal(attribute(contract.execute(alice, "m")), "1", "memory restored");
    assert.equal(attribute(contract.execute(alice, "g")), "3", "memory.size restored after growth");
  }
});

test("the state of a failed call does not leak into the next call", async () => {
  const { contract } = await probe();
  assert.throws(() => contract.execute(alice, "u"), TrapError);
  assert.equal(attribute(contract.execute(alice, "c")), "1");
  assert.throws(() => contract.execute(alice, "l"), OutOfGasError);
  assert.equal(attribute(contract.execute(alice, "m")), "1");
});

test("memory cannot grow past the engine's limit: memory.grow returns -1 inside the contract", async () => {
  const { contract } = await probe({ memoryLimitPages: 16 });
  assert.equal(attribute(contract.execute(alice, "G")), "1");
});

test("an infinite loop ends with out of gas, using exactly the limit", async () => {
  const { contract } = await probe();
  contract.gasLimit = 10_000_000;
  assert.throws(
    () => contract.execute(alice, "l"),
    (err: unknown) =>
      err instanceof OutOfGasError && err.code === "vm.out_of_gas" && err.context.gasUsed === 10_000_000,
  );
});

test("abort is a VM error carrying the contract's message", async () => {
  const { contract } = await probe();
  assert.throws(
    () => contract.execute(alice, "a"),
    (err: unknown) => err instanceof AbortError && err.message === "Aborted: boom: contract panicked",
  );
});

test("a trap is a VM error distinct from a contract error", async () => {
  const { contract } = await probe();
  assert.throws(
    () => contract.execute(alice, "u"),
    (err: unknown) => err instanceof TrapError && err.code === "vm.trap" && /unreachable/.test(err.message),
  );
});

test("a result that is not JSON is a communication error", async () => {
  const { contract } = await probe();
  assert.throws(
    () => contract.execute(alice, "r"),
    (err: unknown) => err instanceof VmError && err.code === "vm.communication.parse_result",
  );
});

test("storage is read-only during a query", async () => {
  const { contract } = await probe();
  assert.throws(
    () => contract.query("w"),
    (err: unknown) => err instanceof VmError && err.code === "vm.write_access_denied",
  );
  assert.equal(contract.storage.size, 0);
  contract.execute(alice, "w");
  assert.equal(contract.storage.size, 1);
});

test("debug messages reach the handler with the gas left", async () => {
  const { vm, contract } = await probe();
  const seen: [string, number][] = [];
  const target = { ...contract.target, options: { gasLimit: 1e9, debug: (m: string, g: number) => seen.push([m, g]) } };
  calls.execute(target, contract.env(), mockInfo(alice), "d");
  assert.equal(seen.length, 1);
  assert.equal(seen[0][0], "hello from wasm");
  assert.ok(seen[0][1] > 0 && seen[0][1] < 1e9);
  void vm;
});

test("gas is deterministic, and raising the limit changes the outcome", async () => {
  const vm = mockVm();
  const { checksum } = vm.storeCode(cw20Wasm);
  const run = (gasLimit: number) => {
    const c = new TestContract(vm, checksum);
    c.gasLimit = 1e12;
    c.instantiate(alice, {
      name: "Gas",
      symbol: "GAS",
      decimals: 6,
      initial_balances: [{ address: alice, amount: "1000" }],
      mint: null,
      marketing: null,
    });
    c.gasLimit = gasLimit;
    return c.execute(alice, { transfer: { recipient: mockAddress("bob"), amount: "1" } });
  };
  const first = run(1e12);
  const second = run(1e12);
  assert.ok(first.gasUsed > 0);
  assert.equal(first.gasUsed, second.gasUsed, "same input, same gas");
  assert.throws(() => run(first.gasUsed - 1), OutOfGasError);
  assert.deepEqual(run(first.gasUsed).result, first.result, "exactly enough gas succeeds");
});

test("storing the same code twice returns the cached entry; invalid wasm is refused with the checker's message", async () => {
  const vm = mockVm();
  const a = vm.storeCode(cw20Wasm);
  const b = vm.storeCode(new Uint8Array(cw20Wasm));
  assert.equal(a, b);
  assert.equal(a.checksum.length, 64);
  assert.throws(
    () => vm.storeCode(readFileSync(contractsDir + "cw20-base.wasm").subarray(0, 1000)),
    (err: unknown) => err instanceof Error && "code" in err,
  );
  const noMarker = await watToWasm(PROBE_WAT.replace('(func (export "interface_version_8"))', ""));
  assert.throws(
    () => vm.storeCode(noMarker),
    (err: unknown) => err instanceof CompileError && /interface_version/.test(err.message),
  );
});

test("MemoryStorage iterators are snapshots in both directions with bounds", () => {
  const s = new MemoryStorage();
  const k = (x: string) => new TextEncoder().encode(x);
  for (const key of ["a", "b", "c", "d"]) s.set(k(key), k(key.toUpperCase()));
  const asc = s.range(k("b"), k("d"), "ascending");
  s.set(k("bb"), k("new"));
  s.remove(k("c"));
  const keys = (it: Iterator<{ key: Uint8Array }>) => {
    const out: string[] = [];
    for (let r = it.next(); !r.done; r = it.next()) out.push(new TextDecoder().decode(r.value.key));
    return out;
  };
  assert.deepEqual(keys(asc), ["b", "c"]);
  assert.deepEqual(keys(s.range(undefined, undefined, "descending")), ["d", "bb", "b", "a"]);
  assert.deepEqual(keys(s.range(k("z"), k("a"), "ascending")), []);
});

test("env and info reach the contract as JSON; raw bytes pass through untouched", async () => {
  const vm = mockVm();
  const { checksum } = vm.storeCode(cw20Wasm);
  const target = {
    vm,
    checksum,
    backend: { storage: new MemoryStorage(), querier: new TestContract(vm, checksum).querier },
    options: { gasLimit: 1e12 },
  };
  const { result } = calls.instantiate(
    target,
    mockEnv(mockAddress("c")),
    mockInfo(alice),
    new TextEncoder().encode("{"),
  );
  assert.ok("error" in result);
  assert.match(result.error, /Error parsing into type cw20_base::msg::InstantiateMsg/);
});
