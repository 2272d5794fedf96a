import { test } from "node:test";
import assert from "node:assert/strict";
import * as calls from "../../src/vm/calls.js";
import { AbortError } from "../../src/vm/errors.js";
import { mockAddress, type TestContract } from "../../src/vm/testing/mock.js";
import type { IbcChannel, IbcOrder, IbcPacket } from "../../src/vm/types.js";
import { contractReport, deploy, fromBase64, toBase64 } from "./built.js";

const admin = mockAddress("admin");
const relayer = mockAddress("relayer");

function channel(order: IbcOrder = "ORDER_UNORDERED", version = "probe-1"): IbcChannel {
  return {
    endpoint: { port_id: `wasm.${mockAddress("ibc-probe")}`, channel_id: "channel-0" },
    counterparty_endpoint: { port_id: "wasm.counterparty", channel_id: "channel-7" },
    order,
    version,
    connection_id: "connection-0",
  };
}

function packet(sequence: number, data = "hello"): IbcPacket {
  return {
    data: toBase64(data),
    src: { port_id: "wasm.counterparty", channel_id: "channel-7" },
    dest: { port_id: `wasm.${mockAddress("ibc-probe")}`, channel_id: "channel-0" },
    sequence,
    timeout: { block: { revision: 1, height: 500 }, timestamp: null },
  };
}

function probe(config?: unknown): TestContract {
  const contract = deploy("ibc-probe");
  const { result } = contract.instantiate(admin, config === undefined ? {} : { config });
  assert.ok("ok" in result, JSON.stringify(result));
  return contract;
}

interface HistoryRecord {
  id: number;
  kind: string;
  block_height: number;
  msg: unknown;
}

function history(contract: TestContract, kind?: string): HistoryRecord[] {
  const answer = contract.query<{ records: HistoryRecord[] }>({ history: kind ? { kind } : {} });
  assert.ok("ok" in answer, JSON.stringify(answer));
  return answer.ok.records;
}

test("ibc-probe is a valid, IBC-enabled contract with a reply entry point", () => {
  const report = contractReport("ibc-probe");
  assert.equal(report.valid, true, JSON.stringify(report.violations));
  assert.equal(report.ibcEnabled, true);
  assert.ok(report.entryPoints.includes("reply"));
  assert.deepEqual([...report.requiredCapabilities].sort(), ["cosmwasm_2_1", "iterator", "stargate"]);
});

test("channel open keeps the proposed version by default and records the message exactly as delivered", () => {
  const contract = probe();
  const msg = { open_init: { channel: channel() } };
  assert.deepEqual(calls.ibcChannelOpen(contract.target, contract.env(), msg).result, { ok: null });
  const tryMsg = { open_try: { channel: channel(), counterparty_version: "probe-1" } };
  assert.deepEqual(calls.ibcChannelOpen(contract.target, contract.env(), tryMsg).result, { ok: null });
  assert.deepEqual(
    history(contract).map((r) => [r.kind, r.msg]),
    [
      ["ibc_channel_open", msg],
      ["ibc_channel_open", tryMsg],
    ],
  );
  assert.equal(history(contract)[0].block_height, contract.height);
});

test("channel open can override the version, require an ordering or refuse with a given error", () => {
  const versioned = probe({ open: { version: "probe-2" } });
  const open = { open_init: { channel: channel("ORDER_UNORDERED", "") } };
  assert.deepEqual(calls.ibcChannelOpen(versioned.target, versioned.env(), open).result, {
    ok: { version: "probe-2" },
  });

  const ordered = probe({ open: { order: "ORDER_ORDERED" } });
  assert.deepEqual(calls.ibcChannelOpen(ordered.target, ordered.env(), open).result, {
    error: "expected channel order ORDER_ORDERED, got ORDER_UNORDERED",
  });
  const orderedOpen = { open_init: { channel: channel("ORDER_ORDERED") } };
  assert.deepEqual(calls.ibcChannelOpen(ordered.target, ordered.env(), orderedOpen).result, { ok: null });

  const refusing = probe({ open: { error: "no channels today" } });
  assert.deepEqual(calls.ibcChannelOpen(refusing.target, refusing.env(), open).result, {
    error: "no channels today",
  });
  assert.deepEqual(history(refusing), []);
});

test("connect and close are recorded with their full message, or fail with the configured error", () => {
  const contract = probe();
  const ack = { open_ack: { channel: channel(), counterparty_version: "probe-1" } };
  const connected = calls.ibcChannelConnect(contract.target, contract.env(), ack).result;
  assert.deepEqual(connected, {
    ok: { messages: [], attributes: [{ key: "callback", value: "ibc_channel_connect" }], events: [] },
  });
  const close = { close_confirm: { channel: channel() } };
  assert.ok("ok" in calls.ibcChannelClose(contract.target, contract.env(), close).result);
  assert.deepEqual(
    history(contract).map((r) => r.msg),
    [ack, close],
  );

  const failing = probe({ connect: { error: "connect refused" }, close: { error: "stay open" } });
  const confirm = { open_confirm: { channel: channel() } };
  assert.deepEqual(calls.ibcChannelConnect(failing.target, failing.env(), confirm).result, {
    error: "connect refused",
  });
  assert.deepEqual(
    calls.ibcChannelClose(failing.target, failing.env(), { close_init: { channel: channel() } }).result,
    {
      error: "stay open",
    },
  );
});

test("receive acknowledges with the standard success envelope by default, or with the configured bytes", () => {
  const contract = probe();
  const msg = { packet: packet(1), relayer };
  const { result } = calls.ibcPacketReceive(contract.target, contract.env(), msg);
  assert.ok("ok" in result);
  assert.equal(fromBase64(result.ok.acknowledgement!), '{"result":"AQ=="}');
  assert.deepEqual(history(contract, "ibc_packet_receive")[0].msg, msg);

  const custom = probe({ receive: { ack: toBase64("raw ack bytes") } });
  const answer = calls.ibcPacketReceive(custom.target, custom.env(), msg).result;
  assert.ok("ok" in answer);
  assert.equal(fromBase64(answer.ok.acknowledgement!), "raw ack bytes");
});

test("receive can return a contract error, trap as a VM error, or defer the acknowledgement", () => {
  const msg = { packet: packet(2), relayer };
  const erring = probe({ receive: { error: "cannot process packet" } });
  assert.deepEqual(calls.ibcPacketReceive(erring.target, erring.env(), msg).result, {
    error: "cannot process packet",
  });
  assert.deepEqual(history(erring), []);

  const trapping = probe({ receive: { panic: "receive exploded" } });
  assert.throws(
    () => calls.ibcPacketReceive(trapping.target, trapping.env(), msg),
    (e: unknown) => e instanceof AbortError && e.message === "Aborted: receive exploded",
  );

  const deferring = probe({ receive: { async: true } });
  const { result } = calls.ibcPacketReceive(deferring.target, deferring.env(), msg);
  assert.ok("ok" in result);
  assert.equal(result.ok.acknowledgement, null);
  const written = deferring.execute(admin, {
    write_acknowledgement: { channel_id: "channel-0", packet_sequence: 2, ack: toBase64("late") },
  }).result;
  assert.ok("ok" in written);
  assert.deepEqual(written.ok.messages[0].msg, {
    ibc: { write_acknowledgement: { channel_id: "channel-0", packet_sequence: 2, ack: { data: toBase64("late") } } },
  });
});

test("receive attaches the configured submessages (every reply_on mode), attributes and events verbatim", () => {
  const bank = { bank: { send: { to_address: mockAddress("bob"), amount: [{ denom: "ugrid", amount: "5" }] } } };
  const wasm = { wasm: { execute: { contract_addr: mockAddress("other"), msg: toBase64("{}"), funds: [] } } };
  const send = {
    ibc: {
      send_packet: {
        channel_id: "channel-0",
        data: toBase64("pong"),
        timeout: { block: null, timestamp: "1700000000000000000" },
      },
    },
  };
  const messages = [
    { id: 1, payload: "", msg: bank, gas_limit: null, reply_on: "never" },
    { id: 2, payload: toBase64("p2"), msg: wasm, gas_limit: 150000, reply_on: "success" },
    { id: 3, payload: "", msg: send, gas_limit: null, reply_on: "error" },
    { id: 4, payload: toBase64("p4"), msg: bank, gas_limit: 1, reply_on: "always" },
  ];
  const attributes = [{ key: "probe", value: "received" }];
  const events = [{ type: "probe", attributes: [{ key: "sequence", value: "3" }] }];
  const contract = probe({ receive: { messages, attributes, events } });
  const { result } = calls.ibcPacketReceive(contract.target, contract.env(), { packet: packet(3), relayer });
  assert.ok("ok" in result);
  assert.deepEqual(result.ok.messages, messages);
  assert.deepEqual(result.ok.attributes, attributes);
  assert.deepEqual(result.ok.events, events);
});

test("ack and timeout are recorded with the full message, or fail with the configured error", () => {
  const contract = probe();
  const ackMsg = { acknowledgement: { data: toBase64('{"result":"AQ=="}') }, original_packet: packet(4), relayer };
  const timeoutMsg = { packet: packet(5), relayer };
  assert.ok("ok" in calls.ibcPacketAck(contract.target, contract.env(), ackMsg).result);
  assert.ok("ok" in calls.ibcPacketTimeout(contract.target, contract.env(), timeoutMsg).result);
  assert.deepEqual(history(contract, "ibc_packet_ack")[0].msg, ackMsg);
  assert.deepEqual(history(contract, "ibc_packet_timeout")[0].msg, timeoutMsg);

  const failing = probe({ ack: { error: "ack rejected" }, timeout: { error: "timeout rejected" } });
  assert.deepEqual(calls.ibcPacketAck(failing.target, failing.env(), ackMsg).result, { error: "ack rejected" });
  assert.deepEqual(calls.ibcPacketTimeout(failing.target, failing.env(), timeoutMsg).result, {
    error: "timeout rejected",
  });
  assert.deepEqual(history(failing), []);
});

test("execute sends packets with height and timestamp timeouts, ICS-20 transfers and channel closes", () => {
  const contract = probe();
  const timeout = { block: { revision: 1, height: 1000 }, timestamp: "1800000000000000000" };
  const sent = contract.execute(admin, { send_packet: { channel_id: "channel-0", data: toBase64("ping"), timeout } });
  assert.ok("ok" in sent.result);
  assert.deepEqual(sent.result.ok.messages, [
    {
      id: 0,
      payload: "",
      msg: { ibc: { send_packet: { channel_id: "channel-0", data: toBase64("ping"), timeout } } },
      gas_limit: null,
      reply_on: "never",
    },
  ]);
  const heightOnly = { block: { revision: 0, height: 20 }, timestamp: null };
  const transfer = {
    channel_id: "channel-1",
    to_address: "cosmos1receiver",
    amount: { denom: "ugrid", amount: "340282366920938463463374607431768211455" },
    timeout: heightOnly,
    memo: null,
  };
  const transferred = contract.execute(admin, { transfer }).result;
  assert.ok("ok" in transferred);
  assert.deepEqual(transferred.ok.messages[0].msg, { ibc: { transfer } });
  const closed = contract.execute(admin, { close_channel: { channel_id: "channel-0" } }).result;
  assert.ok("ok" in closed);
  assert.deepEqual(closed.ok.messages[0].msg, { ibc: { close_channel: { channel_id: "channel-0" } } });
});

test("reply records the reply as delivered and can set data or fail", () => {
  const contract = probe({ reply: { data: toBase64("from reply") } });
  const reply = {
    id: 7,
    payload: toBase64("p"),
    gas_used: 1234,
    result: { ok: { events: [], data: null, msg_responses: [] } },
  };
  const { result } = calls.reply(contract.target, contract.env(), reply);
  assert.ok("ok" in result);
  assert.equal(result.ok.data, toBase64("from reply"));
  assert.deepEqual(history(contract, "reply")[0].msg, reply);
  const failing = probe({ reply: { error: "reply failed" } });
  assert.deepEqual(calls.reply(failing.target, failing.env(), reply).result, { error: "reply failed" });
});

test("history can be filtered by kind and read incrementally; a bad configuration is refused up front", () => {
  const contract = probe();
  calls.ibcChannelOpen(contract.target, contract.env(), { open_init: { channel: channel() } });
  calls.ibcPacketReceive(contract.target, contract.env(), { packet: packet(1), relayer });
  calls.ibcPacketReceive(contract.target, contract.env(), { packet: packet(2), relayer });
  assert.deepEqual(
    history(contract).map((r) => [r.id, r.kind]),
    [
      [0, "ibc_channel_open"],
      [1, "ibc_packet_receive"],
      [2, "ibc_packet_receive"],
    ],
  );
  const after = contract.query<{ records: HistoryRecord[] }>({ history: { after: 1 } });
  assert.ok("ok" in after);
  assert.deepEqual(
    after.ok.records.map((r) => r.id),
    [2],
  );

  assert.deepEqual(contract.execute(admin, { configure: { receive: { ack: "not base64!" } } }).result, {
    error: 'Error parsing into type ProbeConfig: invalid base64: string "not base64!" at `receive.ack`',
  });
  assert.deepEqual(contract.execute(admin, { configure: { open: { order: "ORDER_SIDEWAYS" } } }).result, {
    error: "Error parsing into type ProbeConfig: unknown order `ORDER_SIDEWAYS` at `open.order`",
  });
  assert.deepEqual(contract.query({ config: {} }), { ok: {} });
});
