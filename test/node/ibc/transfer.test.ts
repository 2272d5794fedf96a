/** Native ICS-20 between two real nodes (SQLite homes), relayed by the Relayer through their ChainEndpoints. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ibcDenom } from "../../../src/ibc/apps/transfer/denom.js";
import { Relayer } from "../../../src/relayer/relayer.js";
import { alice, bob, HOUR, twoNodes } from "./helpers.js";

test("native ICS-20 both ways between two nodes: vouchers, escrow, and back home", async (t) => {
  const { a, b } = twoNodes(t);
  const relayer = new Relayer(a.endpoint, b.endpoint);
  const { channel } = await relayer.createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  const chA = channel.a.channelId;
  const chB = channel.b.channelId;

  a.transfer(alice, {
    channel: chA,
    receiver: bob.address,
    denom: "ugrid",
    amount: 700n,
    timeoutNs: b.headTime() + HOUR,
  });
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  const voucher = ibcDenom({ base: "ugrid", trace: [{ portId: "transfer", channelId: chB }] });
  assert.equal(b.balance(bob.address, voucher), 700n);
  assert.equal(a.balance(alice.address, "ugrid"), 1_000_000n - 700n);

  // Back home: the voucher is burned on B and the escrow released on A.
  const back = b.transfer(bob, {
    channel: chB,
    receiver: alice.address,
    denom: voucher,
    amount: 200n,
    timeoutNs: a.headTime() + HOUR,
  });
  assert.equal(back.code, 0, back.log);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(b.balance(bob.address, voucher), 500n);
  assert.equal(a.balance(alice.address, "ugrid"), 1_000_000n - 500n);
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 0, closes: 0, failures: [] });
});
