import { test } from "node:test";
import assert from "node:assert/strict";
import { ibcDenom } from "../../src/ibc/apps/transfer/denom.js";
import { DEFAULT_BLOCK_TIME_NS } from "../../src/relayer/memory_chain.js";
import { transferPath } from "./helpers.js";

const none = { packets: 0, acks: 0, timeouts: 0, closes: 0, failures: [] };

test("a transfer timed out by height is refunded once the destination passes that height", async () => {
  const { alpha, beta, relayer, alice, bob, chA } = await transferPath();
  const timeoutHeight = { revisionNumber: 1n, revisionHeight: beta.head.height + 3n };
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 250n, timeoutHeight });
  assert.equal(alpha.balance(alice, "ugrid"), 1_000_000n - 250n);
  beta.advance(2); // beta's next block is the timeout height: the packet can no longer be received
  assert.deepEqual(await relayer.clear(), none, "neither receivable nor provably timed out yet: left alone");
  beta.advance(1);
  assert.deepEqual(await relayer.clear(), { ...none, timeouts: 1 });
  assert.equal(alpha.balance(alice, "ugrid"), 1_000_000n, "refunded");
  assert.deepEqual(alpha.queryPacketCommitments("transfer", chA), []);
  assert.deepEqual(beta.queryUnreceivedPackets("transfer", "channel-0", [1n]), [1n], "never received");
  assert.deepEqual(await relayer.clear(), none);
});

test("a transfer timed out by timestamp is refunded: the client learns the destination's time first", async () => {
  const { alpha, beta, relayer, alice, bob, chA, chB } = await transferPath();
  const timeoutTimestamp = beta.head.timeNs + 4n * DEFAULT_BLOCK_TIME_NS;
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 40n, timeoutTimestamp });
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 2n }); // one hour
  beta.advance(4);
  const summary = await relayer.clear();
  assert.deepEqual(summary, { ...none, packets: 1, acks: 1, timeouts: 1 });
  assert.equal(alpha.balance(alice, "ugrid"), 1_000_000n - 2n);
  const voucher = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: chB }] });
  assert.equal(beta.balance(bob, voucher), 2n);
  // The batch to alpha carried a client update before the timeout.
  const types = alpha.disk.blocks.flatMap((b) => b.events.map((e) => e.type));
  assert.ok(types.indexOf("update_client") < types.indexOf("timeout_packet"));
});

test("an error acknowledgement refunds the sender", async () => {
  const { alpha, beta, relayer, alice, chA } = await transferPath();
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: "not-an-address", denom: "ugrid", amount: 9n });
  assert.deepEqual(await relayer.clear(), { ...none, packets: 1, acks: 1 });
  assert.equal(alpha.balance(alice, "ugrid"), 1_000_000n);
  assert.deepEqual(beta.queryPacketAcknowledgements("transfer", "channel-0"), [1n]);
});
