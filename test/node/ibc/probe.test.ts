/**
 * wasmd's IBC semantics on real nodes, asserted through ibc-probe's recorded history (a callback that errors or
 * traps leaves no record): handshake refusals and version overrides, async acks, error acks, traps that fail the
 * relay tx, ack/timeout errors, ordered channels closed by a timeout, contract-initiated closes, IBC queries.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { Order, State } from "../../../src/ibc/channel/types.js";
import { RelayerError } from "../../../src/relayer/errors.js";
import { Relayer } from "../../../src/relayer/relayer.js";
import { ibcDenom } from "../../../src/ibc/apps/transfer/denom.js";
import { b64, bankSend, builtContract } from "../helpers.js";
import { alice, bob, HOUR, type IbcNode, twoNodes } from "./helpers.js";

interface HistoryRecord {
  kind: string;
  msg: { [key: string]: unknown };
}

function history(node: IbcNode, contract: string, kind?: string): HistoryRecord[] {
  return node.query<{ records: HistoryRecord[] }>(contract, { history: kind === undefined ? {} : { kind } }).records;
}

const kinds = (node: IbcNode, contract: string) => history(node, contract).map((r) => r.kind);

/** A probe on each node (configured as given), and a relayer between them. */
function probes(t: { after(fn: () => void): void }, configA: unknown = {}, configB: unknown = {}) {
  const { a, b } = twoNodes(t);
  const pa = a.instantiate(alice, a.storeCode(alice, builtContract("ibc-probe")), { config: configA });
  const pb = b.instantiate(alice, b.storeCode(alice, builtContract("ibc-probe")), { config: configB });
  const relayer = new Relayer(a.endpoint, b.endpoint);
  const open = async (order = Order.ORDER_UNORDERED) => {
    const { channel } = await relayer.createChannel({
      portA: a.portOf(pa),
      portB: b.portOf(pb),
      version: "probe-1",
      order,
    });
    return channel;
  };
  const configure = (node: IbcNode, contract: string, config: unknown) => {
    const r = node.execute(alice, contract, { configure: config });
    assert.equal(r.code, 0, r.log);
  };
  const sendPacket = (channel: string, data: string, timeoutNs = b.headTime() + HOUR) => {
    const r = a.execute(alice, pa, {
      send_packet: { channel_id: channel, data: b64(data), timeout: { timestamp: timeoutNs.toString() } },
    });
    assert.equal(r.code, 0, r.log);
    return r;
  };
  return { a, b, pa, pb, relayer, open, configure, sendPacket };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("handshake: a contract refuses with its own message and nothing is written; a contract may set the version", async (t) => {
  const { a, b, pa, pb, open, configure } = probes(t, {}, { open: { error: "not this channel" } });
  await assert.rejects(open(), (err: unknown) => {
    assert.ok(err instanceof RelayerError);
    assert.match(err.message, new RegExp(`ibc_channel_open on ${escape(b.portOf(pb))}/channel-0: not this channel`));
    return true;
  });
  assert.deepEqual(await b.endpoint.queryChannels(), [], "OpenTry wrote nothing on B");
  assert.deepEqual(kinds(b, pb), []);
  assert.deepEqual(kinds(a, pa), ["ibc_channel_open"], "A's OpenInit went through");

  configure(b, pb, { open: { version: "probe-2" } });
  const channel = await open();
  const [endA] = (await a.endpoint.queryChannels()).filter((c) => c.channelId === channel.a.channelId);
  const [endB] = await b.endpoint.queryChannels();
  assert.equal(endB!.version, "probe-2");
  assert.equal(endA!.version, "probe-2", "OpenAck takes the counterparty's version");
  const connect = history(a, pa, "ibc_channel_connect").map((r) => r.msg);
  assert.deepEqual(
    connect.map((m) => (m.open_ack as { counterparty_version: string }).counterparty_version),
    ["probe-2"],
  );
  assert.deepEqual(kinds(b, pb), ["ibc_channel_open", "ibc_channel_connect"]);
});

test("async ack written later by the contract, once; a contract error is an error ack and leaves no state", async (t) => {
  const { a, b, pa, pb, relayer, open, configure, sendPacket } = probes(t, {}, { receive: { async: true } });
  const channel = await open();
  const chA = channel.a.channelId;
  const chB = channel.b.channelId;
  const sent = sendPacket(chA, "one");
  assert.ok(sent.events.some((e) => e.type === "send_packet"));

  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 0, timeouts: 0, closes: 0, failures: [] });
  assert.deepEqual(kinds(b, pb).slice(-1), ["ibc_packet_receive"]);
  assert.deepEqual(await a.endpoint.queryPacketCommitments(a.portOf(pa), chA), [1n]);

  const write = { write_acknowledgement: { channel_id: chB, packet_sequence: 1, ack: b64("late") } };
  assert.equal(b.execute(alice, pb, write).code, 0);
  const again = b.execute(alice, pb, write);
  assert.notEqual(again.code, 0);
  assert.match(again.log, /no packet 1 on wasm\.\S+\/channel-0 awaits an acknowledgement/);

  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 1, timeouts: 0, closes: 0, failures: [] });
  const acks = history(a, pa, "ibc_packet_ack").map((r) => r.msg);
  assert.deepEqual(
    acks.map((m) => (m.acknowledgement as { data: string }).data),
    [b64("late")],
  );

  // A contract error: error ack with the contract's message; its state (the record) is discarded.
  configure(b, pb, { receive: { error: "refused" } });
  const receivesBefore = history(b, pb, "ibc_packet_receive").length;
  sendPacket(chA, "two");
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(history(b, pb, "ibc_packet_receive").length, receivesBefore);
  assert.deepEqual(await b.endpoint.queryUnreceivedPackets(b.portOf(pb), chB, [2n]), [], "the receipt is stored");
  const [written] = await b.endpoint.queryWrittenAcknowledgements(b.portOf(pb), chB, [2n]);
  assert.equal(Buffer.from(written!.acknowledgement).toString(), '{"error":"refused"}');
  assert.equal(
    (history(a, pa, "ibc_packet_ack")[1]!.msg.acknowledgement as { data: string }).data,
    b64({ error: "refused" }),
  );
});

test("the receive event says whether the contract took the packet", async (t) => {
  const { b, pb, open, configure, sendPacket, relayer } = probes(t);
  const channel = await open();
  sendPacket(channel.a.channelId, "ok");
  await relayer.clear();
  configure(b, pb, { receive: { error: "refused" } });
  sendPacket(channel.a.channelId, "refused");
  await relayer.clear();
  const received = [];
  for (let h = 1; h <= b.chain.head().height; h++) {
    for (const result of b.chain.blockResults(h)) {
      for (const e of result.events) {
        if (e.type.endsWith("ibc_packet_received")) {
          received.push([e.type, e.attributes.filter((x) => x.key !== "msg_index").map((x) => `${x.key}=${x.value}`)]);
        }
      }
    }
  }
  const wasm = `_contract_address=${pb}`;
  assert.deepEqual(received, [
    ["ibc_packet_received", ["module=wasm", wasm, "success=true"]],
    // ibc-go renames a failed receive's events so indexers do not take them for effects.
    [
      "ibccallbackerror-ibc_packet_received",
      ["ibccallbackerror-module=wasm", `ibccallbackerror-${wasm}`, "ibccallbackerror-success=false"],
    ],
  ]);
});

test("a trap in ibc_packet_receive fails the relay tx; once the contract is fixed the packet is relayed again", async (t) => {
  const { a, b, pa, pb, relayer, open, configure, sendPacket } = probes(t, {}, { receive: { panic: "boom" } });
  const channel = await open();
  sendPacket(channel.a.channelId, "trap");
  const summary = await relayer.clear();
  assert.equal(summary.packets, 0);
  assert.equal(summary.failures.length, 1);
  const [failure] = summary.failures;
  assert.equal(failure!.chainId, "beta-1");
  assert.equal(failure!.kind, "recv");
  assert.equal(failure!.sequence, 1n);
  assert.match(
    failure!.error.message,
    new RegExp(`ibc_packet_receive on ${escape(b.portOf(pb))}/channel-0 packet 1: .*boom`),
  );
  assert.deepEqual(await b.endpoint.queryUnreceivedPackets(b.portOf(pb), channel.b.channelId, [1n]), [1n]);
  assert.deepEqual(history(b, pb, "ibc_packet_receive"), []);

  configure(b, pb, {});
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(history(a, pa, "ibc_packet_ack").length, 1);
});

test("ack and timeout errors in the sender's contract fail the relay tx and keep the commitment", async (t) => {
  const { a, b, pa, relayer, open, configure, sendPacket } = probes(t, { ack: { error: "ack refused" } });
  const channel = await open();
  const chA = channel.a.channelId;
  const port = a.portOf(pa);
  sendPacket(chA, "one");
  const first = await relayer.clear();
  assert.equal(first.packets, 1);
  assert.equal(first.acks, 0);
  assert.equal(first.failures[0]?.kind, "ack");
  assert.match(
    first.failures[0]!.error.message,
    new RegExp(`ibc_packet_ack on ${escape(port)}/${chA} packet 1: ack refused`),
  );
  assert.deepEqual(await a.endpoint.queryPacketCommitments(port, chA), [1n]);
  configure(a, pa, {});
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.deepEqual(await a.endpoint.queryPacketCommitments(port, chA), []);

  configure(a, pa, { timeout: { error: "timeout refused" } });
  sendPacket(chA, "late", b.headTime() + 10_000_000_000n);
  b.advance(60);
  const second = await relayer.clear();
  assert.equal(second.timeouts, 0);
  assert.equal(second.failures[0]?.kind, "timeout");
  assert.match(second.failures[0]!.error.message, /ibc_packet_timeout on .* packet 2: timeout refused/);
  assert.deepEqual(await a.endpoint.queryPacketCommitments(port, chA), [2n]);
  configure(a, pa, {});
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 1, closes: 0, failures: [] });
  assert.deepEqual(
    kinds(a, pa).filter((k) => k.startsWith("ibc_packet")),
    ["ibc_packet_ack", "ibc_packet_timeout"],
  );
});

test("an ordered channel closed by a timeout calls ibc_packet_timeout, not ibc_channel_close; the other end closes", async (t) => {
  const { a, b, pa, pb, relayer, open, sendPacket } = probes(t);
  const channel = await open(Order.ORDER_ORDERED);
  sendPacket(channel.a.channelId, "too late", b.headTime() + 10_000_000_000n);
  b.advance(60);
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 1, closes: 1, failures: [] });
  const [endA] = await a.endpoint.queryChannels();
  const [endB] = await b.endpoint.queryChannels();
  assert.equal(endA!.state, State.STATE_CLOSED);
  assert.equal(endB!.state, State.STATE_CLOSED);
  assert.deepEqual(kinds(a, pa), ["ibc_channel_open", "ibc_channel_connect", "ibc_packet_timeout"]);
  const closes = history(b, pb, "ibc_channel_close").map((r) => Object.keys(r.msg));
  assert.deepEqual(closes, [["close_confirm"]]);
});

test("a contract closes its channel end (no callback on its side); the relayer closes the other end", async (t) => {
  const { a, b, pa, pb, relayer, open } = probes(t);
  const channel = await open();
  const r = a.execute(alice, pa, { close_channel: { channel_id: channel.a.channelId } });
  assert.equal(r.code, 0, r.log);
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 0, closes: 1, failures: [] });
  assert.deepEqual(history(a, pa, "ibc_channel_close"), []);
  assert.deepEqual(
    history(b, pb, "ibc_channel_close").map((r) => Object.keys(r.msg)),
    [["close_confirm"]],
  );
  const again = a.execute(alice, pa, { close_channel: { channel_id: channel.a.channelId } });
  assert.notEqual(again.code, 0);
  assert.match(again.log, /close channel: .*CLOSED/);
});

test("a contract's transfer goes out through the node's ICS-20; a contract without a port cannot send packets", async (t) => {
  const { a, b, pa } = probes(t);
  const relayer = new Relayer(a.endpoint, b.endpoint);
  const { channel } = await relayer.createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  a.run(alice, [bankSend(alice.address, pa, [{ denom: "ugrid", amount: 50n }])]);
  const r = a.execute(alice, pa, {
    transfer: {
      channel_id: channel.a.channelId,
      to_address: bob.address,
      amount: { denom: "ugrid", amount: "30" },
      timeout: { timestamp: (b.headTime() + HOUR).toString() },
    },
  });
  assert.equal(r.code, 0, r.log);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  const voucher = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: channel.b.channelId }] });
  assert.equal(b.balance(bob.address, voucher), 30n);
  assert.equal(a.balance(pa, "ugrid"), 20n);

  const reflect = a.instantiate(alice, a.storeCode(alice, builtContract("reflect")), {});
  const send = { ibc: { send_packet: { channel_id: "channel-0", data: b64("x"), timeout: { timestamp: "1" } } } };
  const refused = a.execute(alice, reflect, { reflect_msgs: { msgs: [send] } });
  assert.notEqual(refused.code, 0);
  assert.match(refused.log, /ibc not supported: unsupported for this contract/);
});

test("a contract's IBC queries: its port, an open channel, its channels", async (t) => {
  const { a, pa, open } = probes(t);
  const channel = await open();
  const port = a.portOf(pa);
  const ask = (query: unknown) => {
    const ctx = a.chain.queryContext();
    return JSON.parse(new TextDecoder().decode(a.app.wasm.queries.handle(ctx, pa, { ibc: query }))) as unknown;
  };
  assert.deepEqual(ask({ port_id: {} }), { port_id: port });
  const expected = {
    endpoint: { port_id: port, channel_id: channel.a.channelId },
    counterparty_endpoint: { port_id: channel.b.portId, channel_id: channel.b.channelId },
    order: "ORDER_UNORDERED",
    version: "probe-1",
    connection_id: "connection-0",
  };
  assert.deepEqual(ask({ channel: { channel_id: channel.a.channelId } }), { channel: expected });
  assert.deepEqual(ask({ channel: { channel_id: "channel-9" } }), { channel: null });
  assert.deepEqual(ask({ list_channels: {} }), { channels: [expected] });
  assert.deepEqual(ask({ list_channels: { port_id: "transfer" } }), { channels: [] });
});
