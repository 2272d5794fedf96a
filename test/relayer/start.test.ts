import { test } from "node:test";
import assert from "node:assert/strict";
import { FaultyEndpoint, Relayer, transferPath } from "./helpers.js";

test("start keeps relaying new work on every pass until its pass budget is spent", async () => {
  const { alpha, relayer, alice, bob, chA } = await transferPath();
  const passes: number[] = [];
  const total = await relayer.start({
    intervalMs: 0,
    maxPasses: 3,
    onPass: (summary, pass) => {
      passes.push(summary.packets);
      if (pass < 3) alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 1n });
    },
  });
  assert.deepEqual(passes, [0, 1, 1]);
  assert.deepEqual(total, { packets: 2, acks: 2, timeouts: 0, closes: 0, failures: [] });
});

test("start stops when its signal aborts, and survives a failing pass when told how to report it", async () => {
  const { alpha, beta, alice, bob, chA } = await transferPath();
  const faulty = new FaultyEndpoint(beta);
  const relayer = new Relayer(alpha, faulty);
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 3n });
  faulty.nextFault = "throw";
  const controller = new AbortController();
  const errors: string[] = [];
  let passes = 0;
  const total = await relayer.start({
    intervalMs: 5,
    signal: controller.signal,
    onError: (error, pass) => errors.push(`${pass}: ${(error as Error).message}`),
    onPass: () => {
      passes++;
      controller.abort();
    },
  });
  assert.deepEqual(errors, ["1: connection reset (injected)"]);
  assert.equal(passes, 1);
  assert.equal(total.packets, 1);
  // Without onError the first failure ends the loop.
  faulty.nextFault = "throw";
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 3n });
  await assert.rejects(relayer.start({ intervalMs: 0, maxPasses: 5 }), /connection reset/);
});
