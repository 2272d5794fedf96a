import { test } from "node:test";
import assert from "node:assert/strict";
import { ibcDenom } from "../../src/ibc/apps/transfer/denom.js";
import { FaultyEndpoint, type MemoryChain, ping, receiveCounts, Relayer, twoChains } from "./helpers.js";

const none = { packets: 0, acks: 0, timeouts: 0, closes: 0, failures: [] };

/** A transfer channel, Alice funded, and `n` transfers to Bob waiting on alpha. */
async function pendingTransfers(n: number) {
  const { alpha, beta, pingOn } = twoChains();
  const path = await new Relayer(alpha, beta).createChannel({ portA: "transfer", portB: "transfer", version: "" });
  const chA = path.channel.a.channelId;
  const chB = path.channel.b.channelId;
  const alice = alpha.address("alice");
  const bob = beta.address("bob");
  alpha.mint(alice, [{ denom: "ugrid", amount: 1_000n }]);
  for (let i = 1; i <= n; i++) {
    alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: BigInt(i) });
  }
  const voucher = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: chB }] });
  return { alpha, beta, pingOn, chA, chB, alice, bob, voucher };
}

/** Every packet received exactly once, every commitment cleared, every token where it should be. */
function assertExactlyOnce(alpha: MemoryChain, beta: MemoryChain, s: Awaited<ReturnType<typeof pendingTransfers>>) {
  const total = (10 * 11) / 2;
  const counts = receiveCounts(beta, s.chB);
  assert.equal(counts.size, 10, "no packet lost");
  assert.ok(
    [...counts.values()].every((c) => c === 1),
    "none received twice",
  );
  assert.equal(beta.balance(s.bob, s.voucher), BigInt(total));
  assert.equal(alpha.balance(s.alice, "ugrid"), BigInt(1_000 - total));
  assert.deepEqual(alpha.queryPacketCommitments("transfer", s.chA), []);
}

test("relayer restart in the middle of a batch: no packet lost, none delivered twice", async () => {
  const s = await pendingTransfers(10);
  const beta = new FaultyEndpoint(s.beta);
  beta.nextFault = "deliver-half";
  await assert.rejects(new Relayer(s.alpha, beta).clear(), /crashed after half a batch/);
  assert.equal(receiveCounts(s.beta, s.chB).size, 5, "half the batch landed");
  // Alpha signed ten proofs for beta's client, which only consumed five: the new relayer re-signs from there.
  const fresh = new Relayer(s.alpha, s.beta);
  assert.deepEqual(await fresh.clear(), { ...none, packets: 5, acks: 10 });
  assertExactlyOnce(s.alpha, s.beta, s);
  assert.deepEqual(await fresh.clear(), none);
});

test("relayer dies after its batch landed but before it saw the result: nothing is sent again", async () => {
  const s = await pendingTransfers(10);
  const beta = new FaultyEndpoint(s.beta);
  beta.nextFault = "deliver-then-throw";
  await assert.rejects(new Relayer(s.alpha, beta).clear(), /before reading the result/);
  assert.deepEqual(await new Relayer(s.alpha, s.beta).clear(), { ...none, acks: 10 });
  assertExactlyOnce(s.alpha, s.beta, s);
});

test("a transport error before anything landed loses nothing", async () => {
  const s = await pendingTransfers(10);
  const beta = new FaultyEndpoint(s.beta);
  beta.nextFault = "throw";
  await assert.rejects(new Relayer(s.alpha, beta).clear(), /connection reset/);
  assert.deepEqual(await new Relayer(s.alpha, beta).clear(), { ...none, packets: 10, acks: 10 });
  assertExactlyOnce(s.alpha, s.beta, s);
});

test("both nodes restart between passes: the relayer carries on from their state", async () => {
  const s = await pendingTransfers(10);
  const beta = new FaultyEndpoint(s.beta);
  beta.nextFault = "deliver-half";
  await assert.rejects(new Relayer(s.alpha, beta).clear());
  // New processes on the same disks: new cores, signers (journals persisted), routers and event indexes.
  const alpha2 = s.alpha.restart();
  const beta2 = s.beta.restart();
  assert.deepEqual(await new Relayer(alpha2, beta2).clear(), { ...none, packets: 5, acks: 10 });
  assertExactlyOnce(alpha2, beta2, s);
});

test("a message that fails its transaction is set aside; the rest of the batch is proven again and delivered", async () => {
  for (const hideFailedIndex of [false, true]) {
    const { alpha, beta, pingOn } = twoChains();
    const path = await new Relayer(alpha, beta).createChannel({ portA: "ping", portB: "ping", version: "ping-1" });
    const chA = path.channel.a.channelId;
    for (const text of ["a", "bad-ack", "c", "d"]) ping(alpha, chA, text);
    const faultyAlpha = new FaultyEndpoint(alpha);
    faultyAlpha.hideFailedIndex = hideFailedIndex;
    const relayer = new Relayer(faultyAlpha, beta);
    const summary = await relayer.clear();
    assert.equal(summary.packets, 4);
    assert.equal(summary.acks, 3);
    assert.deepEqual(
      summary.failures.map((f) => [f.chainId, f.kind, f.sequence, f.error.message]),
      [["alpha-1", "ack", 2n, "ping refuses this acknowledgement"]],
      `hideFailedIndex=${hideFailedIndex}`,
    );
    assert.deepEqual(pingOn(alpha).acknowledged, [1n, 3n, 4n]);
    assert.deepEqual(alpha.queryPacketCommitments("ping", chA), [2n]);
    // The failing ack keeps failing, reported each time, and nothing else happens.
    const again = await relayer.clear();
    assert.deepEqual([again.acks, again.failures.length], [0, 1]);
  }
});

test("two relayers racing on one path: the loser finds the work done and delivers nothing twice", async () => {
  const s = await pendingTransfers(10);
  const beta = new FaultyEndpoint(s.beta);
  const winner = new Relayer(s.alpha, s.beta);
  let winnerSummary;
  beta.beforeSubmit = async () => {
    winnerSummary = await winner.clear();
  };
  const loser = await new Relayer(s.alpha, beta).clear();
  assert.deepEqual(winnerSummary, { ...none, packets: 10, acks: 10 });
  assert.deepEqual(loser, none);
  assertExactlyOnce(s.alpha, s.beta, s);
});

test("batches: many datagrams per transaction, split at maxMessagesPerTx", async () => {
  const s = await pendingTransfers(10);
  const beta = new FaultyEndpoint(s.beta);
  const alpha = new FaultyEndpoint(s.alpha);
  await new Relayer(alpha, beta, { maxMessagesPerTx: 4 }).clear();
  assert.deepEqual(beta.submitted, [4, 4, 2]);
  assert.deepEqual(alpha.submitted, [4, 4, 2]);
  assertExactlyOnce(s.alpha, s.beta, s);
  const one = await pendingTransfers(10);
  const oneBeta = new FaultyEndpoint(one.beta);
  await new Relayer(one.alpha, oneBeta).clear();
  assert.deepEqual(oneBeta.submitted, [10]);
});
