import { test } from "node:test";
import assert from "node:assert/strict";
import { resultAcknowledgement } from "../../src/ibc/channel/acknowledgement.js";
import { State } from "../../src/ibc/channel/types.js";
import { utf8 } from "../../src/ibc/bytes.js";
import { Order, ping, Relayer, twoChains } from "./helpers.js";

const none = { packets: 0, acks: 0, timeouts: 0, closes: 0, failures: [] };

async function pingPath(order: Order) {
  const { alpha, beta, pingOn } = twoChains();
  const relayer = new Relayer(alpha, beta);
  const path = await relayer.createChannel({ portA: "ping", portB: "ping", version: "ping-1", order });
  return { alpha, beta, pingOn, relayer, chA: path.channel.a.channelId, chB: path.channel.b.channelId };
}

test("an ordered channel delivers in sequence, both ways, in one batch per direction", async () => {
  const { alpha, beta, pingOn, relayer, chA, chB } = await pingPath(Order.ORDER_ORDERED);
  for (const text of ["one", "two", "three", "four"]) ping(alpha, chA, text);
  ping(beta, chB, "back");
  assert.deepEqual(await relayer.clear(), { ...none, packets: 5, acks: 5 });
  assert.deepEqual(pingOn(beta).received, [1n, 2n, 3n, 4n]);
  assert.deepEqual(pingOn(alpha).acknowledged, [1n, 2n, 3n, 4n]);
  assert.deepEqual(pingOn(alpha).received, [1n]);
  const recvBlocks = beta.disk.blocks.filter((b) => b.events.some((e) => e.type === "recv_packet"));
  assert.equal(recvBlocks.length, 1, "one transaction carried all four receives");
  assert.equal(recvBlocks[0]!.events.filter((e) => e.type === "recv_packet").length, 4);
  assert.deepEqual(await relayer.clear(), none);
});

test("an ordered timeout closes the channel; the close is confirmed and the packets behind it time out on close", async () => {
  const { alpha, beta, pingOn, relayer, chA, chB } = await pingPath(Order.ORDER_ORDERED);
  ping(alpha, chA, "first", { height: beta.head.height + 2n });
  ping(alpha, chA, "second"); // one hour by timestamp: receivable, but not before "first"
  beta.advance(3);
  const summary = await relayer.clear();
  assert.deepEqual(summary, { ...none, timeouts: 2, closes: 1 });
  assert.deepEqual(pingOn(alpha).timedOut, [1n, 2n]);
  assert.deepEqual(pingOn(beta).received, []);
  assert.deepEqual(pingOn(beta).closed, [`confirm:${chB}`]);
  assert.equal(alpha.queryChannels()[0]!.state, State.STATE_CLOSED);
  assert.equal(beta.queryChannels()[0]!.state, State.STATE_CLOSED);
  assert.deepEqual(alpha.queryPacketCommitments("ping", chA), []);
  assert.deepEqual(await relayer.clear(), none);
});

test("packets to a channel its counterparty closed time out on close (unordered)", async () => {
  const { alpha, beta, pingOn, relayer, chA, chB } = await pingPath(Order.ORDER_UNORDERED);
  ping(alpha, chA, "in flight");
  beta.run((ctx) => beta.core.closeChannel(ctx, "ping", chB));
  assert.deepEqual(await relayer.clear(), { ...none, timeouts: 1, closes: 1 });
  assert.deepEqual(pingOn(alpha).timedOut, [1n]);
  assert.deepEqual(pingOn(alpha).closed, [`confirm:${chA}`]);
  assert.deepEqual(pingOn(beta).received, []);
});

test("an asynchronous acknowledgement is relayed once the application writes it", async () => {
  const { alpha, beta, pingOn, relayer, chA, chB } = await pingPath(Order.ORDER_UNORDERED);
  const packet = ping(alpha, chA, "async");
  ping(alpha, chA, "sync");
  assert.deepEqual(await relayer.clear(), { ...none, packets: 2, acks: 1 });
  assert.deepEqual(pingOn(alpha).acknowledged, [2n]);
  assert.deepEqual(alpha.queryPacketCommitments("ping", chA), [1n], "waiting for its ack");
  assert.deepEqual(await relayer.clear(), none, "nothing to do until the ack exists");
  beta.advance(2);
  beta.run((ctx) =>
    beta.core.writeAcknowledgement(ctx, { ...packet, destinationChannel: chB }, resultAcknowledgement(utf8("late"))),
  );
  assert.deepEqual(await relayer.clear(), { ...none, acks: 1 });
  assert.deepEqual(pingOn(alpha).acknowledged, [1n, 2n]);
  assert.deepEqual(alpha.queryPacketCommitments("ping", chA), []);
});
