import { test } from "node:test";
import assert from "node:assert/strict";
import { transferPath } from "./helpers.js";
import { ibcDenom } from "../../src/ibc/apps/transfer/denom.js";

test("ICS-20 transfers both ways, cleared by the relayer with counts", async () => {
  const { alpha, beta, relayer, alice, bob, chA, chB } = await transferPath();
  for (let i = 1n; i <= 3n; i++) {
    alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 100n * i });
  }
  beta.transfer({ sourceChannel: chB, sender: bob, receiver: alice, denom: "uwatt", amount: 7n });
  const summary = await relayer.clear();
  assert.deepEqual(summary, { packets: 4, acks: 4, timeouts: 0, closes: 0, failures: [] });
  const voucherOnB = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: chB }] });
  const voucherOnA = ibcDenom({ base: "uwatt", trace: [{ portId: "transfer", channelId: chA }] });
  assert.equal(beta.balance(bob, voucherOnB), 600n);
  assert.equal(alpha.balance(alice, "ugrid"), 1_000_000n - 600n);
  assert.equal(alpha.balance(alice, voucherOnA), 7n);
  assert.deepEqual(alpha.queryPacketCommitments("transfer", chA), []);
  assert.deepEqual(beta.queryPacketCommitments("transfer", chB), []);
  // A second clear finds nothing to do.
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 0, closes: 0, failures: [] });
});

test("the public entry point runs the README example", async () => {
  const { MemoryChain, Relayer } = await import("../../src/relayer/index.js");
  const alpha = new MemoryChain({ chainId: "alpha-1", nodeKey: new Uint8Array(32).fill(7) });
  const beta = new MemoryChain({ chainId: "beta-1", nodeKey: new Uint8Array(32).fill(8) });
  const relayer = new Relayer(alpha, beta);
  const { channel } = await relayer.createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  const sender = alpha.address("sender");
  alpha.mint(sender, [{ denom: "ugrid", amount: 5n }]);
  alpha.transfer({
    sourceChannel: channel.a.channelId,
    sender,
    receiver: beta.address("receiver"),
    denom: "ugrid",
    amount: 5n,
  });
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
});

test("a pass asks only about pending packets, never about the channel's whole acknowledgement history", async () => {
  const { alpha, beta, relayer, alice, bob, chA, chB } = await transferPath();
  for (let i = 0; i < 5; i++) {
    alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 1n });
  }
  await relayer.clear();
  assert.equal(beta.queryPacketAcknowledgements("transfer", chB).length, 5, "acknowledgements are kept forever");
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 1n });

  const asked: (bigint[] | undefined)[] = [];
  const original = beta.queryPacketAcknowledgements.bind(beta);
  beta.queryPacketAcknowledgements = (portId: string, channelId: string, sequences?: bigint[]) => {
    asked.push(sequences);
    return original(portId, channelId, sequences);
  };
  assert.deepEqual(await relayer.relayOnce(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.deepEqual(asked, [[6n]], "only the packet alpha still holds a commitment for");
  assert.deepEqual(beta.queryPacketAcknowledgements("transfer", chB, [2n, 6n, 9n]), [2n, 6n]);
  assert.deepEqual(beta.queryPacketAcknowledgements("transfer", chB, []), []);
});
