import { test } from "node:test";
import assert from "node:assert/strict";
import * as calls from "../../src/vm/calls.js";
import { AbortError } from "../../src/vm/errors.js";
import { mockAddress, type TestContract } from "../../src/vm/testing/mock.js";
import { contractReport, deploy, dumpStorage, toBase64 } from "./built.js";

const user = mockAddress("user");
const bank = { bank: { send: { to_address: mockAddress("bob"), amount: [{ denom: "ugrid", amount: "1" }] } } };
const call = (msg: unknown) => ({
  wasm: { execute: { contract_addr: mockAddress("callee"), msg: toBase64(JSON.stringify(msg)), funds: [] } },
});

function reflect(): TestContract {
  const contract = deploy("reflect");
  assert.ok("ok" in contract.instantiate(user, {}).result);
  return contract;
}

function okReply(id: number, data: string | null = null) {
  return { id, payload: "", gas_used: 4200, result: { ok: { events: [], data, msg_responses: [] } } };
}

test("reflect is a valid contract with a reply entry point that needs range iteration", () => {
  const report = contractReport("reflect");
  assert.equal(report.valid, true, JSON.stringify(report.violations));
  assert.equal(report.ibcEnabled, false);
  assert.deepEqual(report.entryPoints, ["instantiate", "execute", "reply", "query"]);
  assert.deepEqual(report.requiredCapabilities, ["iterator"]);
});

test("reflect_msgs dispatches plain messages and reflect_sub_msgs submessages exactly as given", () => {
  const contract = reflect();
  const plain = contract.execute(user, { reflect_msgs: { msgs: [bank, call({ ping: {} })] } }).result;
  assert.ok("ok" in plain);
  assert.deepEqual(
    plain.ok.messages.map((m) => [m.id, m.reply_on, m.gas_limit, m.msg]),
    [
      [0, "never", null, bank],
      [0, "never", null, call({ ping: {} })],
    ],
  );

  const subs = [
    { id: 1, payload: "", msg: bank, gas_limit: null, reply_on: "never" },
    { id: 2, payload: toBase64("two"), msg: call({}), gas_limit: 60000, reply_on: "success" },
    { id: 3, payload: "", msg: call({}), gas_limit: null, reply_on: "error" },
    { id: 4, payload: toBase64("four"), msg: bank, gas_limit: 0, reply_on: "always" },
  ];
  const { result } = contract.execute(user, { reflect_sub_msgs: { msgs: subs, data: toBase64("parent data") } });
  assert.ok("ok" in result);
  assert.deepEqual(result.ok.messages, subs);
  assert.equal(result.ok.data, toBase64("parent data"));
});

test("a submessage with an unknown reply_on mode is refused with the field named", () => {
  const contract = reflect();
  const bad = { id: 1, msg: bank, gas_limit: null, reply_on: "sometimes" };
  assert.deepEqual(contract.execute(user, { reflect_sub_msgs: { msgs: [bad] } }).result, {
    error:
      "Error parsing into type ExecuteMsg: unknown variant `sometimes`, expected one of `always`, `error`, `success`, `never` at `reflect_sub_msgs.msgs[0].reply_on`",
  });
});

test("replies are recorded as delivered (2.x and 1.x shapes) and follow the plan for their id", () => {
  const contract = reflect();
  const nested = { id: 9, payload: "", msg: bank, gas_limit: null, reply_on: "always" };
  contract.execute(user, {
    reflect_sub_msgs: {
      msgs: [],
      replies: [
        { id: 2, data: toBase64("overridden"), msgs: [nested], set: [{ key: "replied", value: "2" }] },
        { id: 3, error: "reply refuses" },
      ],
    },
  });
  const plain = calls.reply(contract.target, contract.env(), okReply(1)).result;
  assert.ok("ok" in plain);
  assert.deepEqual(plain.ok.attributes, [
    { key: "action", value: "reply" },
    { key: "id", value: "1" },
  ]);
  assert.equal(plain.ok.data, null);

  const planned = calls.reply(contract.target, contract.env(), okReply(2, toBase64("child data"))).result;
  assert.ok("ok" in planned);
  assert.equal(planned.ok.data, toBase64("overridden"));
  assert.deepEqual(planned.ok.messages, [nested]);
  assert.deepEqual(contract.query({ value: { key: "replied" } }), { ok: { value: "2" } });

  const legacy = { id: 3, result: { error: "codespace: wasm, code: 5" } }; // CosmWasm 1.x shape
  assert.deepEqual(calls.reply(contract.target, contract.env(), legacy as never).result, { error: "reply refuses" });

  const replies = contract.query<{ replies: unknown[] }>({ replies: {} });
  assert.ok("ok" in replies);
  assert.deepEqual(replies.ok.replies, [okReply(1), okReply(2, toBase64("child data")), legacy]);
  assert.deepEqual(contract.query({ reply: { id: 2 } }), { ok: okReply(2, toBase64("child data")) });
  assert.deepEqual(contract.query({ reply: { id: 5 } }), { error: "no reply with id 5" });
});

test("respond writes its values first, then answers with data, attributes and events or fails", () => {
  const contract = reflect();
  const answered = contract.execute(user, {
    respond: {
      set: [{ key: "b", value: "2" }],
      data: toBase64("callee data"),
      attributes: [{ key: "k", value: "v" }],
      events: [{ type: "callee", attributes: [{ key: "x", value: "y" }] }],
    },
  }).result;
  assert.ok("ok" in answered);
  assert.equal(answered.ok.data, toBase64("callee data"));
  assert.deepEqual(answered.ok.attributes, [
    { key: "action", value: "respond" },
    { key: "k", value: "v" },
  ]);
  assert.deepEqual(answered.ok.events, [{ type: "callee", attributes: [{ key: "x", value: "y" }] }]);

  const failed = contract.execute(user, { respond: { set: [{ key: "a", value: "1" }], error: "callee failed" } });
  assert.deepEqual(failed.result, { error: "callee failed" });
  // The engine applies writes as they happen; discarding a failed call's writes is the node's job.
  assert.deepEqual(contract.query({ values: {} }), {
    ok: {
      values: [
        { key: "a", value: "1" },
        { key: "b", value: "2" },
      ],
    },
  });
  assert.deepEqual(
    dumpStorage(contract).find(([k]) => k.endsWith("a")),
    ["\\x00\\x06valuesa", '"1"'],
    "Map<string, string> keys are laid out as cw-storage-plus does: u16 length, namespace, key",
  );
});

test("panic ends the call with a VM error", () => {
  const contract = reflect();
  assert.throws(
    () => contract.execute(user, { panic: { message: "reflect panicked" } }),
    (e: unknown) => e instanceof AbortError && e.message === "Aborted: reflect panicked",
  );
});
