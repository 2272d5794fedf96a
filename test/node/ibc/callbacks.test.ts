/**
 * ADR-8 IBC callbacks on the nodes' ICS-20 stack (ibc-go's callbacks middleware with wasmd's contract keeper),
 * between two real nodes, asserted through ibc-probe's recorded callbacks, balances and the callback events.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ibcDenom } from "../../../src/ibc/apps/transfer/denom.js";
import type { Event } from "../../../src/node/events.js";
import { Relayer } from "../../../src/relayer/relayer.js";
import { b64, bankSend, builtContract } from "../helpers.js";
import { alice, bob, HOUR, type IbcNode, twoNodes } from "./helpers.js";

interface HistoryRecord {
  kind: string;
  msg: Record<string, unknown>;
}

function history(node: IbcNode, contract: string, kind: string): HistoryRecord[] {
  return node.query<{ records: HistoryRecord[] }>(contract, { history: { kind } }).records;
}

/** Events of the txs committed after `height`, with their attributes as a plain object. */
function eventsSince(node: IbcNode, height: number, type: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let h = height + 1; h <= node.chain.head().height; h++) {
    for (const result of node.chain.blockResults(h)) {
      for (const e of result.events as Event[]) {
        if (e.type === type) out.push(Object.fromEntries(e.attributes.map((a) => [a.key, a.value])));
      }
    }
  }
  return out;
}

const SECOND = 1_000_000_000n;

/** A transfer channel between alpha and beta, a probe on each, and alpha's probe holding 10_000 ugrid. */
async function setup(t: { after(fn: () => void): void }) {
  const { a, b } = twoNodes(t);
  const pa = a.instantiate(alice, a.storeCode(alice, builtContract("ibc-probe")), { config: {} });
  const pb = b.instantiate(alice, b.storeCode(alice, builtContract("ibc-probe")), { config: {} });
  a.run(alice, [bankSend(alice.address, pa, [{ denom: "ugrid", amount: 10_000n }])]);
  const relayer = new Relayer(a.endpoint, b.endpoint);
  const { channel } = await relayer.createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  const chA = channel.a.channelId;
  const chB = channel.b.channelId;
  /** The probe on alpha sends `amount` ugrid over ICS-20 with `memo` (IbcMsg::Transfer: the contract is the sender). */
  const probeTransfer = (memo: string, amount = 100n, receiver = bob.address, timeoutNs = b.headTime() + HOUR) => {
    const r = a.execute(alice, pa, {
      transfer: {
        channel_id: chA,
        to_address: receiver,
        amount: { denom: "ugrid", amount: amount.toString() },
        timeout: { timestamp: timeoutNs.toString() },
        memo,
      },
    });
    assert.equal(r.code, 0, r.log);
    return r;
  };
  const configure = (node: IbcNode, contract: string, config: unknown) => {
    const r = node.execute(alice, contract, { configure: config });
    assert.equal(r.code, 0, r.log);
  };
  const voucher = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: chB }] });
  return { a, b, pa, pb, relayer, chA, chB, probeTransfer, configure, voucher };
}

test("source callback: the sending contract hears of a success ack, an error ack and a timeout", async (t) => {
  const { a, b, pa, relayer, chA, chB, probeTransfer, voucher } = await setup(t);
  const memo = JSON.stringify({ src_callback: { address: pa } });

  const sent = probeTransfer(memo);
  const send = sent.events.filter((e) => e.type === "ibc_src_callback");
  assert.equal(send.length, 1, "a successful send callback is reported");
  assert.deepEqual(
    Object.fromEntries(send[0]!.attributes.filter((x) => x.key !== "msg_index").map((x) => [x.key, x.value])),
    {
      module: "ibccallbacks",
      callback_type: "send_packet",
      callback_address: pa,
      callback_exec_gas_limit: "1000000",
      callback_commit_gas_limit: "1000000",
      packet_sequence: "1",
      callback_base_application_version: "ics20-1",
      callback_result: "success",
      packet_src_port: "transfer",
      packet_src_channel: chA,
    },
  );
  const before = a.chain.head().height;
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(b.balance(bob.address, voucher), 100n);
  const [ack] = history(a, pa, "ibc_source_callback").map((r) => r.msg);
  const packetData = b64({ amount: "100", denom: "ugrid", memo, receiver: bob.address, sender: pa });
  assert.deepEqual(ack, {
    acknowledgement: {
      acknowledgement: { data: b64({ result: "AQ==" }) },
      original_packet: {
        data: packetData,
        src: { port_id: "transfer", channel_id: chA },
        dest: { port_id: "transfer", channel_id: chB },
        sequence: 1,
        timeout: {
          block: null,
          timestamp: (ack as { acknowledgement: { original_packet: { timeout: { timestamp: string } } } })
            .acknowledgement.original_packet.timeout.timestamp,
        },
      },
      relayer: (ack as { acknowledgement: { relayer: string } }).acknowledgement.relayer,
    },
  });
  const [ackEvent] = eventsSince(a, before, "ibc_src_callback");
  assert.equal(ackEvent!.callback_type, "acknowledgement_packet");
  assert.equal(ackEvent!.callback_result, "success");
  assert.equal(ackEvent!.packet_sequence, "1");

  // An error ack (an address beta cannot decode): the tokens come back, and the callback sees the error ack.
  probeTransfer(memo, 50n, "not-an-address");
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(a.balance(pa, "ugrid"), 10_000n - 100n);
  const errorAck = history(a, pa, "ibc_source_callback")[1]!.msg.acknowledgement as {
    acknowledgement: { data: string };
  };
  assert.match(
    Buffer.from(errorAck.acknowledgement.data, "base64").toString(),
    /^\{"error":"ABCI code: \d+: error handling packet/,
  );

  // A timeout: refunded, and the callback gets {"timeout": {packet, relayer}}.
  probeTransfer(memo, 25n, bob.address, b.headTime() + 10n * SECOND);
  b.advance(60);
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 1, closes: 0, failures: [] });
  assert.equal(a.balance(pa, "ugrid"), 10_000n - 100n);
  const timeout = history(a, pa, "ibc_source_callback")[2]!.msg;
  assert.deepEqual(Object.keys(timeout), ["timeout"]);
  const inner = timeout.timeout as { packet: { sequence: number }; relayer: string };
  assert.equal(inner.packet.sequence, 3);
  assert.match(inner.relayer, /^grid1/);
});

test("source callback rules at send: only the packet's sender may be its callback address", async (t) => {
  const { a, pa, relayer, chA } = await setup(t);
  // A user's MsgTransfer naming a contract: wasmd refuses the send (the contract did not send the packet).
  const refused = a.transfer(alice, {
    channel: chA,
    receiver: bob.address,
    denom: "ugrid",
    amount: 10n,
    timeoutNs: a.headTime() + HOUR,
    memo: JSON.stringify({ src_callback: { address: pa } }),
  });
  assert.equal(refused.codespace, "wasm");
  assert.equal(refused.code, 5);
  assert.match(refused.log, /contract address \S+ does not match packet sender \S+: execute wasm contract failed/);
  assert.equal(a.balance(alice.address, "ugrid"), 1_000_000n - 10_000n, "nothing was escrowed");

  // Malformed callback data refuses the send too (ibccallbacks/8).
  const malformed = a.transfer(alice, {
    channel: chA,
    receiver: bob.address,
    denom: "ugrid",
    amount: 10n,
    timeoutNs: a.headTime() + HOUR,
    memo: JSON.stringify({ src_callback: { address: alice.address, gas_limit: 5 } }),
  });
  assert.equal(malformed.codespace, "ibccallbacks");
  assert.equal(malformed.code, 8);

  // A user naming itself passes the send check; at the ack there is no contract there, which only the event says.
  const self = a.transfer(alice, {
    channel: chA,
    receiver: bob.address,
    denom: "ugrid",
    amount: 10n,
    timeoutNs: a.headTime() + HOUR,
    memo: JSON.stringify({ src_callback: { address: alice.address }, note: "other memo keys are ignored" }),
  });
  assert.equal(self.code, 0, self.log);
  const before = a.chain.head().height;
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  const [event] = eventsSince(a, before, "ibc_src_callback");
  assert.equal(event!.callback_result, "failure");
  assert.match(event!.callback_error!, /^on source chain callback ack: address \S+: no such contract/);

  // Memos without callbacks (not JSON, a string value) change nothing.
  for (const memo of ["just a note", JSON.stringify({ src_callback: "nope" }), "[1,2]"]) {
    const r = a.transfer(alice, {
      channel: chA,
      receiver: bob.address,
      denom: "ugrid",
      amount: 1n,
      timeoutNs: a.headTime() + HOUR,
      memo,
    });
    assert.equal(r.code, 0, r.log);
    assert.equal(r.events.filter((e) => e.type === "ibc_src_callback").length, 0);
  }
  assert.deepEqual(await relayer.clear(), { packets: 3, acks: 3, timeouts: 0, closes: 0, failures: [] });
});

test("a failing source callback never blocks the packet: its state is dropped and the event says why", async (t) => {
  const { a, pa, relayer, probeTransfer, configure } = await setup(t);
  const memo = JSON.stringify({ src_callback: { address: pa, gas_limit: "300000" } });
  configure(a, pa, { source_callback: { error: "not now" } });
  probeTransfer(memo, 100n, "not-an-address");
  let before = a.chain.head().height;
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(a.balance(pa, "ugrid"), 10_000n, "the error ack refunded the contract anyway");
  assert.deepEqual(history(a, pa, "ibc_source_callback"), []);
  let [event] = eventsSince(a, before, "ibc_src_callback");
  assert.equal(event!.callback_result, "failure");
  assert.equal(event!.callback_exec_gas_limit, "300000");
  assert.equal(event!.callback_commit_gas_limit, "300000");
  assert.equal(event!.callback_error, "on source chain callback ack: not now: execute wasm contract failed");

  // Out of gas at the commit limit (the relayer gave enough): the callback's failure, not the tx's. wasmd's engine
  // stops at exactly the limit and panics, which ibc-go reports as a callback panic (ibccallbacks/7).
  configure(a, pa, { source_callback: { exhaust_gas: true } });
  probeTransfer(memo, 40n);
  before = a.chain.head().height;
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  [event] = eventsSince(a, before, "ibc_src_callback");
  assert.equal(event!.callback_result, "failure");
  assert.equal(
    event!.callback_error,
    "ibc acknowledgement_packet callback panicked with: {Wasm engine function execution}: callback panic",
  );
  assert.deepEqual(await a.endpoint.queryPacketCommitments("transfer", "channel-0"), [], "the ack was processed");
  assert.deepEqual(history(a, pa, "ibc_source_callback"), []);
});

test("destination callback: the named contract hears of the receive, with what the transfer delivered", async (t) => {
  const { a, b, pb, relayer, chA, chB, voucher } = await setup(t);
  const memo = JSON.stringify({ dest_callback: { address: pb } });
  const r = a.transfer(alice, {
    channel: chA,
    receiver: bob.address,
    denom: "ugrid",
    amount: 70n,
    timeoutNs: b.headTime() + HOUR,
    memo,
  });
  assert.equal(r.code, 0, r.log);
  assert.equal(r.events.filter((e) => e.type === "ibc_src_callback").length, 0, "no source callback asked for");
  const before = b.chain.head().height;
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(b.balance(bob.address, voucher), 70n);
  const [received] = history(b, pb, "ibc_destination_callback").map((x) => x.msg);
  const packet = received!.packet as { data: string; src: unknown; dest: unknown; sequence: number };
  assert.deepEqual(received!.ack, { data: b64({ result: "AQ==" }) });
  assert.equal(
    Buffer.from(packet.data, "base64").toString(),
    JSON.stringify({ amount: "70", denom: "ugrid", memo, receiver: bob.address, sender: alice.address }),
  );
  assert.deepEqual(packet.src, { port_id: "transfer", channel_id: chA });
  assert.deepEqual(packet.dest, { port_id: "transfer", channel_id: chB });
  assert.deepEqual(received!.transfer, {
    sender: alice.address,
    receiver: bob.address,
    funds: [{ denom: voucher, amount: "70" }],
  });
  const [event] = eventsSince(b, before, "ibc_dest_callback");
  assert.equal(event!.callback_type, "receive_packet");
  assert.equal(event!.callback_result, "success");
  assert.equal(event!.packet_dest_port, "transfer");
  assert.equal(event!.packet_dest_channel, chB);

  // Coming home, the funds are the native denom again.
  const back = b.transfer(bob, {
    channel: chB,
    receiver: alice.address,
    denom: voucher,
    amount: 20n,
    timeoutNs: a.headTime() + HOUR,
    memo: JSON.stringify({ dest_callback: { address: bob.address } }),
  });
  assert.equal(back.code, 0, back.log);
  const beforeA = a.chain.head().height;
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  // Bob is no contract on alpha: the callback fails, so the receive is error-acknowledged and bob refunded.
  const failedEvents = eventsSince(a, beforeA, "ibccallbackerror-ibc_dest_callback");
  assert.equal(failedEvents.length, 1, "the failed receive's events are kept as error events");
  assert.equal(failedEvents[0]!["ibccallbackerror-callback_result"], "failure");
  assert.equal(a.balance(alice.address, "ugrid"), 1_000_000n - 10_000n - 70n, "nothing arrived");
  assert.equal(b.balance(bob.address, voucher), 70n, "the voucher came back to bob");
  const acks = await a.endpoint.queryWrittenAcknowledgements("transfer", chA, [1n]);
  assert.equal(
    Buffer.from(acks[0]!.acknowledgement).toString(),
    '{"error":"ABCI code: 22: error handling packet: see events for details"}',
  );
});

test("a failing destination callback turns the receive into an error ack; the sender is refunded", async (t) => {
  const { a, b, pb, relayer, chA, voucher, configure } = await setup(t);
  const transfer = (memo: string) => {
    const r = a.transfer(alice, {
      channel: chA,
      receiver: bob.address,
      denom: "ugrid",
      amount: 30n,
      timeoutNs: b.headTime() + HOUR,
      memo,
    });
    assert.equal(r.code, 0, r.log);
  };
  configure(b, pb, { destination_callback: { error: "no thanks" } });
  transfer(JSON.stringify({ dest_callback: { address: pb } }));
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(b.balance(bob.address, voucher), 0n, "the receive was reverted");
  assert.equal(a.balance(alice.address, "ugrid"), 1_000_000n - 10_000n, "refunded on the error ack");
  const [ack] = await b.endpoint.queryWrittenAcknowledgements("transfer", "channel-0", [1n]);
  assert.equal(
    Buffer.from(ack!.acknowledgement).toString(),
    '{"error":"ABCI code: 5: error handling packet: see events for details"}',
  );

  configure(b, pb, { destination_callback: { exhaust_gas: true } });
  transfer(JSON.stringify({ dest_callback: { address: pb, gas_limit: "200000" } }));
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  const [oog] = await b.endpoint.queryWrittenAcknowledgements("transfer", "channel-0", [2n]);
  assert.equal(
    Buffer.from(oog!.acknowledgement).toString(),
    '{"error":"ABCI code: 7: error handling packet: see events for details"}',
  );

  // Malformed destination callback data is an error ack as well (ibccallbacks/8), without calling anyone.
  transfer(JSON.stringify({ dest_callback: { address: "" } }));
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  const [malformed] = await b.endpoint.queryWrittenAcknowledgements("transfer", "channel-0", [3n]);
  assert.equal(
    Buffer.from(malformed!.acknowledgement).toString(),
    '{"error":"ABCI code: 8: error handling packet: see events for details"}',
  );
  assert.deepEqual(history(b, pb, "ibc_destination_callback"), []);
  assert.equal(b.balance(bob.address, voucher), 0n);
  assert.equal(a.balance(alice.address, "ugrid"), 1_000_000n - 10_000n);
});
