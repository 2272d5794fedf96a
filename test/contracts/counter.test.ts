import { test } from "node:test";
import assert from "node:assert/strict";
import { AbortError } from "../../src/vm/errors.js";
import { mockAddress } from "../../src/vm/testing/mock.js";
import { parseModule } from "../../src/vm/wasm/module.js";
import { contractReport, contractWasm, deploy, dumpStorage } from "./built.js";

const owner = mockAddress("owner");
const stranger = mockAddress("stranger");

test("the counter is a valid CosmWasm contract with the three classic entry points and no start function", () => {
  const report = contractReport("counter");
  assert.equal(report.valid, true, JSON.stringify(report.violations));
  assert.deepEqual(report.entryPoints, ["instantiate", "execute", "query"]);
  assert.equal(report.ibcEnabled, false);
  assert.equal(parseModule(contractWasm("counter")).start, undefined);
  assert.deepEqual([...report.imports].sort(), ["env.abort", "env.db_read", "env.db_write"]);
});

test('instantiate stores the state as JSON under the key `state`, as a Rust contract with Item::new("state") would', () => {
  const counter = deploy("counter");
  const { result } = counter.instantiate(owner, { count: 7 });
  assert.deepEqual(result, {
    ok: {
      messages: [],
      attributes: [
        { key: "method", value: "instantiate" },
        { key: "owner", value: owner },
        { key: "count", value: "7" },
      ],
      events: [],
      data: null,
    },
  });
  assert.deepEqual(dumpStorage(counter), [["state", `{"count":7,"owner":"${owner}"}`]]);
  assert.deepEqual(counter.query({ get_count: {} }), { ok: { count: 7 } });
});

test("increment adds one and reports it with an attribute and a custom event", () => {
  const counter = deploy("counter");
  counter.instantiate(owner, { count: 7 });
  const { result } = counter.execute(stranger, { increment: {} });
  assert.ok("ok" in result);
  assert.deepEqual(result.ok.attributes, [{ key: "action", value: "increment" }]);
  assert.deepEqual(result.ok.events, [{ type: "counter", attributes: [{ key: "count", value: "8" }] }]);
  counter.execute(stranger, "increment"); // a unit variant may also be a bare string
  assert.deepEqual(counter.query({ get_count: {} }), { ok: { count: 9 } });
});

test("only the owner may reset; anyone else gets the contract error Unauthorized and nothing changes", () => {
  const counter = deploy("counter");
  counter.instantiate(owner, { count: 7 });
  assert.deepEqual(counter.execute(stranger, { reset: { count: 0 } }).result, { error: "Unauthorized" });
  assert.deepEqual(counter.query({ get_count: {} }), { ok: { count: 7 } });
  assert.ok("ok" in counter.execute(owner, { reset: { count: 100 } }).result);
  assert.deepEqual(counter.query({ get_count: {} }), { ok: { count: 100 } });
});

test("malformed messages are contract errors worded like cosmwasm-std's parse errors", () => {
  const counter = deploy("counter");
  assert.deepEqual(counter.instantiate(owner, {}).result, {
    error: "Error parsing into type InstantiateMsg: missing field `count`",
  });
  assert.deepEqual(counter.instantiate(owner, { count: -1 }).result, {
    error: "Error parsing into type InstantiateMsg: invalid value: integer `-1`, expected u64 at `count`",
  });
  counter.instantiate(owner, { count: 1 });
  assert.deepEqual(counter.execute(owner, { reset: { count: "5" } }).result, {
    error: 'Error parsing into type ExecuteMsg: invalid type: string "5", expected u64 at `reset.count`',
  });
  assert.deepEqual(counter.execute(owner, { decrement: {} }).result, {
    error: "Error parsing into type ExecuteMsg: unknown variant `decrement`, expected one of `increment`, `reset`",
  });
  assert.deepEqual(counter.execute(owner, { increment: {}, reset: {} }).result, {
    error: "Error parsing into type ExecuteMsg: expected a map with a single key",
  });
  assert.deepEqual(counter.execute(owner, new TextEncoder().encode('{"increment":')).result, {
    error: "Error parsing into type ExecuteMsg: EOF while parsing a value at line 1 column 13",
  });
  assert.deepEqual(counter.query({ get_owner: {} }), {
    error: "Error parsing into type QueryMsg: unknown variant `get_owner`, expected `get_count`",
  });
});

test("a panic inside the contract is a VM error carrying its message", () => {
  const counter = deploy("counter");
  assert.throws(
    () => counter.execute(owner, { increment: {} }),
    (err: unknown) => err instanceof AbortError && err.message === "Aborted: Item `state` not found",
  );
});

test("every call starts from a fresh instance: repeated identical calls cost identical gas", () => {
  const counter = deploy("counter");
  counter.instantiate(owner, { count: 7 });
  const first = counter.execute(owner, { reset: { count: 1 } });
  const second = counter.execute(owner, { reset: { count: 1 } });
  assert.equal(first.gasUsed, second.gasUsed);
});
