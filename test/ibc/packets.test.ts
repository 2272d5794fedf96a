import { test } from "node:test";
import assert from "node:assert/strict";
import { Misbehaviour } from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { ed25519 } from "@noble/curves/ed25519.js";
import { toHex, utf8 } from "../../src/ibc/bytes.js";
import { ChannelErrors } from "../../src/ibc/channel/errors.js";
import { ClientErrors } from "../../src/ibc/client/errors.js";
import { MISBEHAVIOUR_TYPE_URL } from "../../src/ibc/client/solomachine/client-state.js";
import { proofSignBytes } from "../../src/ibc/client/solomachine/proof.js";
import { encodeSingleSignature } from "../../src/ibc/client/solomachine/signature.js";
import { SoloMachineErrors } from "../../src/ibc/client/solomachine/errors.js";
import { applyPrefix, encodeMerklePath } from "../../src/ibc/commitment/merkle.js";
import { commitAcknowledgement, commitPacket } from "../../src/ibc/commitment/packet.js";
import { isIbcError, type IbcErrorKind } from "../../src/ibc/errors.js";
import type { IbcEvent } from "../../src/ibc/events.js";
import { channelPath, packetCommitmentPath, packetReceiptPath } from "../../src/ibc/host/paths.js";
import {
  queryChannel,
  queryPacketAcknowledgement,
  queryPacketCommitment,
  queryPacketCommitments,
  queryPacketReceipt,
  queryUnreceivedAcks,
  queryUnreceivedPackets,
} from "../../src/ibc/queries.js";
import { connectedChains, Order, RecordingApp, State, type TestChain, writtenAck } from "./harness.js";

const fails = (kind: IbcErrorKind, pattern?: RegExp) => (e: unknown) =>
  isIbcError(e, kind) && (pattern === undefined || pattern.test((e as Error).message));
const attrs = (e: IbcEvent) => e.attributes.map((a) => [a.key, a.value]);
const has = (chain: TestChain, key: string) => chain.store.has(utf8(key));

function setup(order: Order) {
  const { alpha, beta, relay } = connectedChains();
  const appA = new RecordingApp();
  const appB = new RecordingApp();
  alpha.router.addRoute("pinga", appA);
  beta.router.addRoute("pingb", appB);
  const pair = relay.openChannel({ port: "pinga", counterpartyPort: "pingb", order, version: "ping-1" });
  return { alpha, beta, relay, appA, appB, chA: pair.a.channel, chB: pair.b.channel };
}

test("unordered: send, receive, acknowledge — commitments, receipts and acks at ibc-go's paths and encodings", () => {
  const { alpha, beta, relay, appA, appB, chA, chB } = setup(Order.ORDER_UNORDERED);
  const timeoutTimestamp = alpha.block.timeNs + 60_000_000_000n;
  const { events } = alpha.run((ctx) =>
    alpha.core.sendPacket(ctx, {
      sourcePort: "pinga",
      sourceChannel: chA,
      timeoutHeight: { revisionNumber: 1n, revisionHeight: 1000n },
      timeoutTimestamp,
      data: utf8("hello"),
    }),
  );
  assert.deepEqual(
    events.map((e) => [e.type, attrs(e)]),
    [
      [
        "send_packet",
        [
          ["packet_data_hex", toHex(utf8("hello"))],
          ["packet_timeout_height", "1-1000"],
          ["packet_timeout_timestamp", timeoutTimestamp.toString()],
          ["packet_sequence", "1"],
          ["packet_src_port", "pinga"],
          ["packet_src_channel", chA],
          ["packet_dst_port", "pingb"],
          ["packet_dst_channel", chB],
          ["packet_channel_ordering", "ORDER_UNORDERED"],
          ["packet_connection", "connection-0"],
          ["connection_id", "connection-0"],
        ],
      ],
      ["message", [["module", "ibc_channel"]]],
    ],
  );
  const packet = {
    sequence: 1n,
    sourcePort: "pinga",
    sourceChannel: chA,
    destinationPort: "pingb",
    destinationChannel: chB,
    data: utf8("hello"),
    timeoutHeight: { revisionNumber: 1n, revisionHeight: 1000n },
    timeoutTimestamp,
  };
  assert.deepEqual(queryPacketCommitment(alpha.ctx(), "pinga", chA, 1n), commitPacket(packet));
  assert.deepEqual(queryUnreceivedPackets(beta.ctx(), "pingb", chB, [1n]), [1n]);

  const recv = relay.recvPacket(alpha, packet);
  assert.equal(recv.outcome, "SUCCESS");
  assert.deepEqual(
    recv.events.map((e) => e.type),
    ["recv_packet", "message", "app_recv", "write_acknowledgement", "message"],
  );
  const ackEvent = recv.events.find((e) => e.type === "write_acknowledgement")!;
  const ack = utf8(`{"result":"${Buffer.from("hello").toString("base64")}"}`);
  assert.deepEqual(attrs(ackEvent), [
    ["packet_data_hex", toHex(utf8("hello"))],
    ["packet_timeout_height", "1-1000"],
    ["packet_timeout_timestamp", timeoutTimestamp.toString()],
    ["packet_sequence", "1"],
    ["packet_src_port", "pinga"],
    ["packet_src_channel", chA],
    ["packet_dst_port", "pingb"],
    ["packet_dst_channel", chB],
    ["packet_ack_hex", toHex(ack)],
    ["packet_channel_ordering", "ORDER_UNORDERED"],
    ["packet_connection", "connection-0"],
    ["connection_id", "connection-0"],
  ]);
  assert.equal(queryPacketReceipt(beta.ctx(), "pingb", chB, 1n), true);
  assert.deepEqual(beta.ctx().ibc.get(packetReceiptPath("pingb", chB, 1n)), new Uint8Array([1]));
  assert.deepEqual(queryPacketAcknowledgement(beta.ctx(), "pingb", chB, 1n), commitAcknowledgement(ack));
  assert.deepEqual(queryUnreceivedPackets(beta.ctx(), "pingb", chB, [1n, 2n]), [2n]);
  assert.ok(has(beta, "app/recv/1"));
  assert.deepEqual(appB.calls.slice(-1), ["recv:1"]);

  assert.deepEqual(queryUnreceivedAcks(alpha.ctx(), "pinga", chA, [1n]), [1n]);
  const acked = relay.acknowledge(alpha, packet, ack);
  assert.equal(acked.outcome, "SUCCESS");
  assert.equal(acked.events[0]!.type, "acknowledge_packet");
  assert.deepEqual(
    attrs(acked.events[0]!).map(([k]) => k),
    [
      "packet_timeout_height",
      "packet_timeout_timestamp",
      "packet_sequence",
      "packet_src_port",
      "packet_src_channel",
      "packet_dst_port",
      "packet_dst_channel",
      "packet_channel_ordering",
      "packet_connection",
      "connection_id",
    ],
  );
  assert.equal(queryPacketCommitment(alpha.ctx(), "pinga", chA, 1n), undefined);
  assert.deepEqual(queryUnreceivedAcks(alpha.ctx(), "pinga", chA, [1n]), []);
  assert.deepEqual(appA.calls.slice(-1), ["ack:1"]);
});

test("replayed and duplicated datagrams are no-ops: NOOP, no events, no state change, no proof consumed", () => {
  const { alpha, beta, relay, appA, appB, chA } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "once");
  const first = relay.recvPacket(alpha, packet);
  const ack = writtenAck(first.events)!;
  const calls = appB.calls.length;
  const sequence = beta.clientSequence(relay.clientOnB);
  const again = relay.recvPacket(alpha, packet);
  assert.equal(again.outcome, "NOOP");
  assert.deepEqual(again.events, []);
  assert.equal(appB.calls.length, calls, "the application did not run twice");
  assert.equal(beta.clientSequence(relay.clientOnB), sequence, "a no-op does not consume the proof");
  assert.equal(again.response.typeUrl, "/ibc.core.channel.v1.MsgRecvPacketResponse");

  assert.equal(relay.acknowledge(alpha, packet, ack).outcome, "SUCCESS");
  const ackCalls = appA.calls.length;
  // The ack proof for the retry is at the same client sequence as the unconsumed one: same bytes, so it is allowed.
  const dup = relay.acknowledge(alpha, packet, ack);
  assert.equal(dup.outcome, "NOOP");
  assert.equal(appA.calls.length, ackCalls);
});

test("ordered channels deliver in order: out-of-order packets are error 21, earlier ones no-ops", () => {
  const { alpha, beta, relay, appB, chA, chB } = setup(Order.ORDER_ORDERED);
  const p1 = alpha.send("pinga", chA, "one");
  const p2 = alpha.send("pinga", chA, "two");
  const p3 = alpha.send("pinga", chA, "three");
  assert.deepEqual(
    queryPacketCommitments(alpha.ctx(), "pinga", chA).map((c) => c.sequence),
    [1n, 2n, 3n],
  );
  assert.throws(
    () => relay.recvPacket(alpha, p2),
    (e: unknown) =>
      isIbcError(e, ChannelErrors.PacketSequenceOutOfOrder) &&
      e.codespace === "channel" &&
      e.abciCode === 21 &&
      /expects packet 1; packet 2 refused/.test(e.message),
  );
  assert.deepEqual(
    appB.calls.filter((c) => c.startsWith("recv")),
    [],
  );
  const acks = [p1, p2, p3].map((p) => writtenAck(relay.recvPacket(alpha, p).events)!);
  assert.deepEqual(
    appB.calls.filter((c) => c.startsWith("recv")),
    ["recv:1", "recv:2", "recv:3"],
  );
  assert.equal(relay.recvPacket(alpha, p1).outcome, "NOOP");
  assert.deepEqual(queryUnreceivedPackets(beta.ctx(), "pingb", chB, [1n, 2n, 3n, 4n]), [4n]);
  // Acks too must come in order.
  assert.throws(
    () => relay.acknowledge(alpha, p2, acks[1]!),
    fails(ChannelErrors.PacketSequenceOutOfOrder, /expects the ack of packet 1/),
  );
  relay.acknowledge(alpha, p1, acks[0]!);
  relay.acknowledge(alpha, p2, acks[1]!);
  relay.acknowledge(alpha, p3, acks[2]!);
  assert.deepEqual(queryPacketCommitments(alpha.ctx(), "pinga", chA), []);
});

test("error acks keep the receipt but drop the application's writes; its events become ibccallbackerror-*", () => {
  const { alpha, beta, relay, chA, chB } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "fail");
  const result = relay.recvPacket(alpha, packet);
  assert.equal(result.acknowledgement!.success, false);
  assert.equal(Buffer.from(writtenAck(result.events)!).toString(), '{"error":"app failed"}');
  assert.equal(has(beta, "app/recv/1"), false, "the callback's state was discarded");
  assert.equal(queryPacketReceipt(beta.ctx(), "pingb", chB, 1n), true);
  const errorEvent = result.events.find((e) => e.type === "ibccallbackerror-app_recv")!;
  assert.deepEqual(attrs(errorEvent), [["ibccallbackerror-sequence", "1"]]);
  assert.equal(
    result.events.some((e) => e.type === "app_recv"),
    false,
  );
});

test("async acks: state kept, no ack until the application writes it, once", () => {
  const { alpha, beta, relay, chA, chB } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "async");
  const result = relay.recvPacket(alpha, packet);
  assert.equal(result.acknowledgement, null);
  assert.equal(writtenAck(result.events), undefined);
  assert.ok(has(beta, "app/recv/1"));
  assert.equal(queryPacketAcknowledgement(beta.ctx(), "pingb", chB, 1n), undefined);
  const { events } = beta.run((ctx) => beta.core.writeAcknowledgement(ctx, packet, utf8('{"result":"AQ=="}')));
  assert.equal(events[0]!.type, "write_acknowledgement");
  assert.throws(
    () => beta.run((ctx) => beta.core.writeAcknowledgement(ctx, packet, utf8('{"result":"AQ=="}'))),
    fails(ChannelErrors.AcknowledgementExists),
  );
  assert.throws(
    () => beta.run((ctx) => beta.core.writeAcknowledgement(ctx, { ...packet, sequence: 9n }, utf8("x"))),
    fails(ChannelErrors.InvalidPacket, /packet 9 was not received/),
  );
  assert.equal(relay.acknowledge(alpha, packet, utf8('{"result":"AQ=="}')).outcome, "SUCCESS");
});

test("an application that throws fails the whole receive: no receipt, the packet can be relayed again", () => {
  const { alpha, beta, relay, chA, chB } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "throw");
  const sequence = beta.clientSequence(relay.clientOnB);
  assert.throws(() => relay.recvPacket(alpha, packet), /app crashed/);
  assert.equal(queryPacketReceipt(beta.ctx(), "pingb", chB, 1n), false);
  assert.equal(beta.clientSequence(relay.clientOnB), sequence);
});

test("receiving refuses tampered packets and proofs of other commitments", () => {
  const { alpha, beta, relay, chA } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "real");
  const other = alpha.send("pinga", chA, "other");
  const deliver = (p: typeof packet, proof: Uint8Array) =>
    beta.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgRecvPacket",
      value: { packet: p, proofCommitment: proof, proofHeight: alpha.ctx().selfHeight(), signer: beta.relayer },
    });
  const proofOf = (p: typeof packet) =>
    relay.proof(alpha, packetCommitmentPath(p.sourcePort, p.sourceChannel, p.sequence)).proof;
  assert.throws(
    () => deliver({ ...packet, data: utf8("fake") }, proofOf(packet)),
    fails(SoloMachineErrors.SignatureVerificationFailed, /failed packet commitment verification/),
  );
  assert.throws(() => deliver(packet, proofOf(other)), fails(SoloMachineErrors.SignatureVerificationFailed));
  assert.throws(
    () => deliver({ ...packet, sourceChannel: "channel-9" }, proofOf(packet)),
    fails(ChannelErrors.InvalidPacket, /source channel/),
  );
  assert.throws(
    () => deliver({ ...packet, sequence: 0n }, proofOf(packet)),
    fails(ChannelErrors.InvalidPacket, /sequence cannot be 0/),
  );
  assert.throws(
    () => deliver({ ...packet, data: new Uint8Array() }, proofOf(packet)),
    fails(ChannelErrors.InvalidPacket, /data bytes cannot be empty/),
  );
  assert.equal(deliver(packet, proofOf(packet)).outcome, "SUCCESS");
});

test("timeout by height: the receiver refuses the late packet (40), the sender times it out once", () => {
  const { alpha, beta, relay, appA, chA, chB } = setup(Order.ORDER_UNORDERED);
  const timeoutHeight = { revisionNumber: 1n, revisionHeight: beta.block.height + 2n };
  const packet = alpha.send("pinga", chA, "late", { height: timeoutHeight });
  // Not yet timed out: beta will not sign that it is unreceivable.
  assert.throws(
    () => beta.core.proveUnreceivedPacket(beta.ctx(), packet, relay.request(beta)),
    fails(ChannelErrors.TimeoutNotReached, /can still be received/),
  );
  beta.advance(2n);
  assert.throws(
    () => relay.recvPacket(alpha, packet),
    (e: unknown) =>
      isIbcError(e, ChannelErrors.TimeoutElapsed) &&
      e.abciCode === 40 &&
      /current height: 1-3, timeout height 1-3/.test(e.message),
  );
  const result = relay.timeout(alpha, packet);
  assert.equal(result.outcome, "SUCCESS");
  assert.deepEqual(attrs(result.events.find((e) => e.type === "timeout_packet")!), [
    ["packet_timeout_height", "1-3"],
    ["packet_timeout_timestamp", "0"],
    ["packet_sequence", "1"],
    ["packet_src_port", "pinga"],
    ["packet_src_channel", chA],
    ["packet_dst_port", "pingb"],
    ["packet_dst_channel", chB],
    ["connection_id", "connection-0"],
    ["packet_channel_ordering", "ORDER_UNORDERED"],
  ]);
  assert.equal(queryPacketCommitment(alpha.ctx(), "pinga", chA, 1n), undefined);
  assert.deepEqual(appA.calls.slice(-1), ["timeout:1"]);
  assert.equal(queryChannel(alpha.ctx(), "pinga", chA)!.state, State.STATE_OPEN, "unordered channels stay open");
  assert.equal(relay.timeout(alpha, packet).outcome, "NOOP");
  assert.equal(appA.calls.filter((c) => c === "timeout:1").length, 1);
});

test("timeout by timestamp: error 39 before it passes on the counterparty, success after", () => {
  const { alpha, beta, relay, appA, chA } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "slow", { timestamp: beta.block.timeNs + 10_000_000_000n });
  // A relayer with a genuine non-receipt proof, before the timeout: the core refuses (ibc-go TimeoutNotReached).
  const early = beta.signer.proveNonMembership(
    { ...relay.request(beta), timestamp: beta.block.timeNs },
    packetReceiptPath(packet.destinationPort, packet.destinationChannel, packet.sequence),
  );
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgTimeout",
        value: {
          packet,
          proofUnreceived: early,
          proofHeight: beta.ctx().selfHeight(),
          nextSequenceRecv: 1n,
          signer: alpha.relayer,
        },
      }),
    (e: unknown) =>
      isIbcError(e, ChannelErrors.TimeoutNotReached) && e.abciCode === 39 && /timeout timestamp/.test(e.message),
  );
  beta.advance(2n); // 10 s later
  assert.throws(() => relay.recvPacket(alpha, packet), fails(ChannelErrors.TimeoutElapsed, /current timestamp/));
  assert.equal(relay.timeout(alpha, packet).outcome, "SUCCESS");
  assert.deepEqual(appA.calls.slice(-1), ["timeout:1"]);
});

test("an ordered channel whose packet times out is closed (channel_close, no close callback)", () => {
  const { alpha, beta, relay, appA, chA, chB } = setup(Order.ORDER_ORDERED);
  const packet = alpha.send("pinga", chA, "x", {
    height: { revisionNumber: 1n, revisionHeight: beta.block.height + 1n },
  });
  beta.advance(1n);
  const result = relay.timeout(alpha, packet);
  const closedEvent = result.events.find((e) => e.type === "channel_close")!;
  assert.deepEqual(attrs(closedEvent), [
    ["port_id", "pinga"],
    ["channel_id", chA],
    ["counterparty_port_id", "pingb"],
    ["counterparty_channel_id", chB],
    ["connection_id", "connection-0"],
    ["packet_channel_ordering", "ORDER_ORDERED"],
  ]);
  assert.equal(queryChannel(alpha.ctx(), "pinga", chA)!.state, State.STATE_CLOSED);
  assert.equal(appA.calls.includes("closeInit"), false);
  assert.throws(
    () => alpha.send("pinga", chA, "more"),
    fails(ChannelErrors.InvalidChannelState, new RegExp(`${chA} is CLOSED; packet 2 refused`)),
  );
});

test("ordered timeouts prove nextSequenceRecv; a packet already received cannot be timed out", () => {
  const { alpha, beta, relay, chA } = setup(Order.ORDER_ORDERED);
  const p1 = alpha.send("pinga", chA, "a", { height: { revisionNumber: 1n, revisionHeight: beta.block.height + 1n } });
  relay.recvPacket(alpha, p1);
  beta.advance(1n);
  assert.throws(
    () => beta.core.proveUnreceivedPacket(beta.ctx(), p1, relay.request(beta)),
    fails(ChannelErrors.PacketReceived),
  );
});

test("timeout on close: the counterparty closed its end, so a pending packet is refunded early", () => {
  const { alpha, beta, relay, appA, chA, chB } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "pending");
  beta.deliver({
    typeUrl: "/ibc.core.channel.v1.MsgChannelCloseInit",
    value: { portId: "pingb", channelId: chB, signer: beta.relayer },
  });
  // Packets to a closed channel are refused there.
  assert.throws(
    () => relay.recvPacket(alpha, packet),
    fails(ChannelErrors.InvalidChannelState, new RegExp(`${chB} is CLOSED; packet 1 refused`)),
  );
  const closed = relay.proof(beta, channelPath("pingb", chB));
  const unreceived = beta.core.proveUnreceivedPacket(beta.ctx(), packet, {
    ...relay.request(beta),
    sequence: relay.request(beta).sequence + 1n,
  });
  const result = alpha.deliver({
    typeUrl: "/ibc.core.channel.v1.MsgTimeoutOnClose",
    value: {
      packet,
      proofUnreceived: unreceived.proof,
      proofClose: closed.proof,
      proofHeight: closed.proofHeight,
      nextSequenceRecv: unreceived.nextSequenceRecv,
      signer: alpha.relayer,
    },
  });
  assert.equal(result.outcome, "SUCCESS");
  assert.deepEqual(appA.calls.slice(-1), ["timeout:1"]);
  assert.equal(queryPacketCommitment(alpha.ctx(), "pinga", chA, 1n), undefined);
});

test("sending is refused when the timeout already passed on the counterparty as last seen (40)", () => {
  const { alpha, beta, relay, chA } = setup(Order.ORDER_UNORDERED);
  beta.advance(3n);
  relay.updateClient(beta); // alpha learns beta's time
  assert.throws(
    () => alpha.send("pinga", chA, "x", { timestamp: beta.block.timeNs - 1n }),
    fails(ChannelErrors.TimeoutElapsed, /invalid packet timeout for packet 1/),
  );
  assert.throws(
    () => alpha.send("pinga", chA, "x", { timestamp: 0n, height: { revisionNumber: 0n, revisionHeight: 0n } }),
    fails(ChannelErrors.InvalidPacket, /cannot both be 0/),
  );
});

test("non-canonical standard acks are refused (16) before any proof is checked", () => {
  const { alpha, relay, chA } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "x");
  relay.recvPacket(alpha, packet);
  assert.throws(
    () => relay.acknowledge(alpha, packet, utf8('{"result": "eA=="}')),
    fails(ChannelErrors.InvalidAcknowledgement),
  );
});

test("misbehaviour: two signatures at one sequence freeze the client; nothing moves over it afterwards", () => {
  const { alpha, beta, relay, chA } = setup(Order.ORDER_UNORDERED);
  const packet = alpha.send("pinga", chA, "before");
  const sequence = beta.clientSequence(relay.clientOnB);
  const secret = new Uint8Array(32).fill(1); // alpha's key in the harness
  const sign = (data: string, timestamp: bigint) => {
    const path = encodeMerklePath(applyPrefix(utf8("ibc"), utf8("clients/x/clientState")));
    const bytes = proofSignBytes({ sequence, timestamp, diversifier: "alpha-1>beta-1", key: path, data: utf8(data) });
    return { signature: encodeSingleSignature(ed25519.sign(bytes, secret)), path, data: utf8(data), timestamp };
  };
  const misbehaviour = {
    sequence,
    signatureOne: sign("one", alpha.block.timeNs),
    signatureTwo: sign("two", alpha.block.timeNs),
  };
  const result = beta.deliver({
    typeUrl: "/ibc.core.client.v1.MsgSubmitMisbehaviour",
    value: {
      clientId: relay.clientOnB,
      misbehaviour: { typeUrl: MISBEHAVIOUR_TYPE_URL, value: Misbehaviour.encode(misbehaviour).finish() },
      signer: beta.relayer,
    },
  });
  assert.deepEqual(
    result.events.map((e) => [e.type, attrs(e)]),
    [
      [
        "client_misbehaviour",
        [
          ["client_id", relay.clientOnB],
          ["client_type", "06-solomachine"],
        ],
      ],
      ["message", [["module", "ibc_client"]]],
    ],
  );
  assert.equal(beta.core.clients.status(beta.ctx(), relay.clientOnB), "Frozen");
  assert.throws(() => relay.recvPacket(alpha, packet), fails(ClientErrors.ClientNotActive, /Frozen/));
  assert.throws(() => beta.send("pingb", "channel-0", "x"), fails(ClientErrors.ClientNotActive));
  assert.throws(() => relay.updateClient(alpha), fails(ClientErrors.ClientNotActive));
});
