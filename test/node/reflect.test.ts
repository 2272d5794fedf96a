/**
 * Submessages, replies, data and events against the reflect contract (contracts/reflect): a parent reflect dispatches
 * submessages to child reflects whose `respond` writes state and then answers or fails. What must hold is wasmd's
 * behaviour (reference §3, x/wasm/keeper/msg_dispatcher.go).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { MsgExecuteContractResponse } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import type { Event } from "../../src/node/events.js";
import type { TxResult } from "../../src/node/tx/result.js";
import { b64, bankSend, builtContract, executeMsg, TestAccount, TestChain, ugrid } from "./helpers.js";

const alice = new TestAccount("alice");
const bob = new TestAccount("bob");

type ReplyOn = "always" | "error" | "success" | "never";

interface Setup {
  t: TestChain;
  parent: string;
  child: string;
  grandchild: string;
}

function setup(): Setup {
  const t = TestChain.withAccounts([alice, 1_000_000_000]);
  const codeId = t.storeCode(alice, builtContract("reflect"));
  const parent = t.instantiate(alice, codeId, {}, { label: "parent" });
  const child = t.instantiate(alice, codeId, {}, { label: "child" });
  const grandchild = t.instantiate(alice, codeId, {}, { label: "grandchild" });
  t.run(alice, [bankSend(alice.address, parent, ugrid(1_000))]);
  return { t, parent, child, grandchild };
}

const execute = (contract: string, msg: unknown) => ({
  wasm: { execute: { contract_addr: contract, msg: b64(msg), funds: [] } },
});
const respond = (contract: string, body: Record<string, unknown>) => execute(contract, { respond: body });
const sub = (id: number, msg: unknown, replyOn: ReplyOn, extra: Record<string, unknown> = {}) => ({
  id,
  msg,
  reply_on: replyOn,
  ...extra,
});

function reflect(t: TestChain, parent: string, msgs: unknown[], extra: Record<string, unknown> = {}): TxResult {
  return t.execute(alice, parent, { reflect_sub_msgs: { msgs, ...extra } });
}

const value = (t: TestChain, contract: string, key: string) =>
  t.query<{ value: string | null }>(contract, { value: { key } }).value;
const replies = (t: TestChain, contract: string) =>
  t.query<{ replies: { id: number; payload: string; gas_used: number; result: Record<string, unknown> }[] }>(contract, {
    replies: {},
  }).replies;

/** The data the tx's first message returned (MsgExecuteContractResponse.data), as text. */
function txData(result: TxResult): string | null {
  const responses = TxMsgData.decode(Buffer.from(result.data, "base64")).msgResponses;
  const data = MsgExecuteContractResponse.decode(responses[0].value).data;
  return data.length === 0 ? null : Buffer.from(data).toString("utf8");
}

const eventTrail = (events: readonly Event[]) =>
  events
    .filter((e) => ["execute", "reply", "wasm"].includes(e.type))
    .map((e) => `${e.type}:${e.attributes.find((a) => a.key === "_contract_address")!.value}`);

test("reply_on on success: always and success reply, error and never do not; the child's writes are kept", () => {
  const { t, parent, child } = setup();
  const modes: ReplyOn[] = ["always", "success", "error", "never"];
  modes.forEach((mode, i) => {
    const result = reflect(t, parent, [
      sub(i + 1, respond(child, { set: [{ key: mode, value: "written" }], data: b64(mode) }), mode),
    ]);
    assert.equal(result.code, 0, `${mode}: ${result.log}`);
    assert.equal(value(t, child, mode), "written", mode);
  });
  const got = replies(t, parent);
  assert.deepEqual(
    got.map((r) => r.id),
    [1, 2],
  );
  const first = got[0].result as {
    ok: { events: Event[]; data: string; msg_responses: { type_url: string; value: string }[] };
  };
  // The data of a wasm submessage is its MsgExecuteContractResponse, protobuf-encoded, as on wasmd.
  const response = MsgExecuteContractResponse.decode(Buffer.from(first.ok.data, "base64"));
  assert.equal(Buffer.from(response.data).toString(), JSON.stringify("always"));
  assert.deepEqual(
    first.ok.msg_responses.map((r) => r.type_url),
    ["/cosmwasm.wasm.v1.MsgExecuteContractResponse"],
  );
  assert.equal(first.ok.msg_responses[0].value, first.ok.data);
  // Events of the submessage, without `message`, attributes sorted by key.
  assert.deepEqual(
    first.ok.events.map((e) => e.type),
    ["execute", "wasm"],
  );
  assert.deepEqual(
    first.ok.events[1].attributes.map((a) => a.key),
    ["_contract_address", "action"],
  );
  assert.equal(got[0].gas_used, 0, "wasmd leaves gas_used at 0");
});

test("reply_on on failure: always and error reply with the error and the child's writes are rolled back; success and never fail the tx", () => {
  const { t, parent, child } = setup();
  for (const mode of ["always", "error"] as ReplyOn[]) {
    const result = reflect(
      t,
      parent,
      [sub(7, respond(child, { set: [{ key: mode, value: "lost" }], error: `boom ${mode}` }), mode)],
      {
        replies: [{ id: 7, set: [{ key: `handled ${mode}`, value: "yes" }] }],
      },
    );
    assert.equal(result.code, 0, `${mode}: ${result.log}`);
    assert.equal(value(t, child, mode), null, `${mode}: the failed submessage's write is rolled back`);
    assert.equal(value(t, parent, `handled ${mode}`), "yes", `${mode}: the parent went on`);
    const last = replies(t, parent).at(-1)!;
    // A contract error is deterministic, so the reply carries it in full (wasmd's DeterministicError).
    assert.deepEqual(last.result, { error: `boom ${mode}: execute wasm contract failed` });
  }
  for (const mode of ["success", "never"] as ReplyOn[]) {
    const before = replies(t, parent).length;
    const result = reflect(
      t,
      parent,
      [sub(8, respond(child, { set: [{ key: mode, value: "lost" }], error: "no" }), mode)],
      {
        replies: [{ id: 8, set: [{ key: `handled ${mode}`, value: "yes" }] }],
      },
    );
    assert.equal(result.code, 5, mode);
    assert.equal(result.codespace, "wasm");
    assert.equal(result.log, "failed to execute message; message index: 0: no: execute wasm contract failed");
    assert.equal(value(t, child, mode), null);
    assert.equal(value(t, parent, `handled ${mode}`), null);
    assert.equal(replies(t, parent).length, before, "no reply, and the parent's own writes are gone too");
  }
});

test("errors that are not the contract's own are redacted in replies (VM errors, bank errors)", () => {
  const { t, parent, child } = setup();
  const result = reflect(t, parent, [
    sub(1, execute(child, { panic: { message: "kaput" } }), "error"),
    sub(2, { bank: { send: { to_address: bob.address, amount: [{ denom: "ugrid", amount: "999999" }] } } }, "error"),
    sub(3, execute(bob.address, { anything: {} }), "error"),
  ]);
  assert.equal(result.code, 0, result.log);
  assert.deepEqual(
    replies(t, parent).map((r) => r.result),
    [
      { error: "codespace: wasm, code: 29" },
      { error: "codespace: sdk, code: 5" },
      { error: "codespace: wasm, code: 22" },
    ],
  );
});

test("nested submessages run depth-first: S1, its own submessages and replies, reply(S1), then S2", () => {
  const { t, parent, child, grandchild } = setup();
  const nested = execute(child, {
    reflect_sub_msgs: { msgs: [sub(21, respond(grandchild, { set: [{ key: "g", value: "1" }] }), "always")] },
  });
  const result = reflect(t, parent, [
    sub(11, nested, "always"),
    sub(12, respond(grandchild, { set: [{ key: "h", value: "2" }] }), "always"),
  ]);
  assert.equal(result.code, 0, result.log);
  assert.deepEqual(eventTrail(result.events), [
    `execute:${parent}`,
    `wasm:${parent}`,
    `execute:${child}`,
    `wasm:${child}`,
    `execute:${grandchild}`,
    `wasm:${grandchild}`,
    `reply:${child}`,
    `wasm:${child}`,
    `reply:${parent}`,
    `wasm:${parent}`,
    `execute:${grandchild}`,
    `wasm:${grandchild}`,
    `reply:${parent}`,
    `wasm:${parent}`,
  ]);
  assert.deepEqual(
    replies(t, parent).map((r) => r.id),
    [11, 12],
  );
  assert.deepEqual(
    replies(t, child).map((r) => r.id),
    [21],
  );
  assert.equal(value(t, grandchild, "g"), "1");
  assert.equal(value(t, grandchild, "h"), "2");
});

test("a failed submessage drops everything below it, including its own successful submessages, while the parent goes on", () => {
  const { t, parent, child, grandchild } = setup();
  // The child's submessage succeeds (grandchild writes), then the child's reply fails: the child's whole call fails.
  const failing = execute(child, {
    reflect_sub_msgs: {
      msgs: [sub(31, respond(grandchild, { set: [{ key: "deep", value: "written" }] }), "always")],
      replies: [{ id: 31, error: "reply refuses" }],
    },
  });
  const result = reflect(
    t,
    parent,
    [
      sub(0, { bank: { send: { to_address: bob.address, amount: [{ denom: "ugrid", amount: "10" }] } } }, "never"),
      sub(30, failing, "error"),
    ],
    { replies: [{ id: 30, set: [{ key: "recovered", value: "yes" }] }] },
  );
  assert.equal(result.code, 0, result.log);
  assert.equal(value(t, grandchild, "deep"), null, "the grandchild's write went with the failed child call");
  assert.equal(replies(t, child).length, 0, "the child's recorded reply was rolled back too");
  assert.equal(value(t, parent, "recovered"), "yes");
  assert.equal(t.balance(bob.address), 10n, "the earlier bank submessage is kept");
  // wrapped by "reply" on the way out, so no longer deterministic: redacted
  assert.deepEqual(replies(t, parent).at(-1)!.result, { error: "codespace: wasm, code: 5" });
  assert.ok(
    !result.events.some((e) => e.attributes.some((a) => a.value === grandchild)),
    "no events of the dropped calls",
  );
});

test("data: the last non-null reply data wins over the contract's own data", () => {
  const { t, parent, child } = setup();
  const ok = (id: number) => sub(id, respond(child, {}), "always");
  const cases: [unknown[], string | null][] = [
    [[], "own"],
    [[{ id: 1, data: b64("first") }], "first"],
    [[{ id: 1, data: b64("first") }, { id: 2 }], "first"],
    [
      [
        { id: 1, data: b64("first") },
        { id: 2, data: b64("second") },
      ],
      "second",
    ],
    [[{ id: 1 }, { id: 2 }], "own"],
  ];
  for (const [plans, expected] of cases) {
    const result = reflect(t, parent, [ok(1), ok(2)], { data: b64("own"), replies: plans });
    assert.equal(result.code, 0, result.log);
    assert.equal(txData(result), expected === null ? null : JSON.stringify(expected), JSON.stringify(plans));
  }
});

test("a submessage gas limit: running out fails only that submessage, and the parent pays the whole limit", () => {
  const { t, parent, child } = setup();
  const limited = reflect(t, parent, [
    sub(41, respond(child, { set: [{ key: "g", value: "1" }] }), "always", { gas_limit: 3_000 }),
  ]);
  assert.equal(limited.code, 0, limited.log);
  assert.deepEqual(replies(t, parent).at(-1)!.result, { error: "codespace: sdk, code: 11" });
  assert.equal(value(t, child, "g"), null);

  const generous = reflect(t, parent, [
    sub(42, respond(child, { set: [{ key: "g", value: "2" }] }), "always", { gas_limit: 5_000_000 }),
  ]);
  assert.equal(generous.code, 0, generous.log);
  assert.equal(value(t, child, "g"), "2");
  assert.ok("ok" in replies(t, parent).at(-1)!.result);

  // reply_on never: the submessage's out of gas fails the tx.
  const never = reflect(t, parent, [
    sub(43, respond(child, { set: [{ key: "n", value: "1" }] }), "never", { gas_limit: 3_000 }),
  ]);
  assert.equal(never.code, 11);
  assert.match(never.log, /SubMsg hit gas limit: out of gas/);
  assert.equal(value(t, child, "n"), null);

  // Without its own limit, running out of the tx's gas is the tx's failure, whatever reply_on says. The limit is
  // set between what the parent alone needs and what it needs with the submessage, so the child runs out.
  const needs = (msgs: unknown[]) =>
    t.chain.simulateTx(t.sign(alice, [executeMsg(alice.address, parent, { reflect_sub_msgs: { msgs } })]), t.nextTime())
      .gasUsed;
  const withChild = [sub(44, respond(child, { set: [{ key: "t", value: "1" }] }), "always")];
  const limit = Math.floor((needs([]) + needs(withChild)) / 2);
  const tight = t.deliver(alice, [executeMsg(alice.address, parent, { reflect_sub_msgs: { msgs: withChild } })], {
    gas: limit,
  });
  assert.equal(tight.code, 11);
  assert.equal(value(t, child, "t"), null);
  assert.match(tight.log, new RegExp(`^out of gas in location: .*; gasWanted: ${limit}, gasUsed: \\d+: out of gas$`));
});
