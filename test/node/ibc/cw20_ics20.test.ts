/**
 * cw-plus's cw20-ics20 (v1.0.1, unmodified) on real nodes: cw20 tokens leave node A through the contract's
 * `wasm.` port, arrive on node B's native ICS-20 module as vouchers, and come back; timeouts and error
 * acknowledgements refund, and the contract's channel balance stays exact through all of it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ibcDenom } from "../../../src/ibc/apps/transfer/denom.js";
import { Order } from "../../../src/ibc/channel/types.js";
import { RelayerError } from "../../../src/relayer/errors.js";
import { Relayer } from "../../../src/relayer/relayer.js";
import { alice, bob, deployCw20Ics20, HOUR, IbcNode, twoNodes } from "./helpers.js";

test("cw20 tokens to a node's native ICS-20 and back, a timeout and error acks refund, balances exact", async (t) => {
  const { a, b } = twoNodes(t);
  const cw = deployCw20Ics20(a);
  assert.match(cw.port, /^wasm\.grid1/);
  const relayer = new Relayer(a.endpoint, b.endpoint);
  const { channel } = await relayer.createChannel({ portA: cw.port, portB: "transfer", version: "ics20-1" });
  const chA = channel.a.channelId;
  const chB = channel.b.channelId;
  const voucher = ibcDenom({ base: `cw20:${cw.kwh}`, trace: [{ portId: "transfer", channelId: chB }] });

  // To B: escrowed in the contract, a voucher minted for bob.
  assert.equal(cw.sendTokens(chA, bob.address, 500n).code, 0);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(b.balance(bob.address, voucher), 500n);
  assert.equal(cw.cw20Balance(alice.address), 1_000_000n - 500n);
  assert.equal(cw.cw20Balance(cw.ics20), 500n);
  assert.equal(cw.channelBalance(chA), 500n);

  // Back to A: the voucher burned on B, the tokens released from the contract.
  const back = b.transfer(bob, {
    channel: chB,
    receiver: alice.address,
    denom: voucher,
    amount: 200n,
    timeoutNs: a.headTime() + HOUR,
  });
  assert.equal(back.code, 0, back.log);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(b.balance(bob.address, voucher), 300n);
  assert.equal(cw.cw20Balance(alice.address), 1_000_000n - 300n);
  assert.equal(cw.channelBalance(chA), 300n);

  // A timeout (60 s on the contract's clock) refunds alice; the channel balance is where it was.
  assert.equal(cw.sendTokens(chA, bob.address, 100n, 60).code, 0);
  assert.equal(cw.cw20Balance(alice.address), 1_000_000n - 400n);
  b.advance(120);
  assert.deepEqual(await relayer.clear(), { packets: 0, acks: 0, timeouts: 1, closes: 0, failures: [] });
  assert.equal(cw.cw20Balance(alice.address), 1_000_000n - 300n);
  assert.equal(cw.channelBalance(chA), 300n);

  // An error ack from B's ICS-20 (the receiver is no address) refunds alice.
  assert.equal(cw.sendTokens(chA, "not-an-address", 50n).code, 0);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(cw.cw20Balance(alice.address), 1_000_000n - 300n);
  assert.equal(cw.channelBalance(chA), 300n);

  // An error ack from the contract: a failed payout (its reply's data overrides the ack) refunds bob's voucher.
  const invalid = b.transfer(bob, {
    channel: chB,
    receiver: "grid1notvalid",
    denom: voucher,
    amount: 10n,
    timeoutNs: a.headTime() + HOUR,
  });
  assert.equal(invalid.code, 0, invalid.log);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(b.balance(bob.address, voucher), 300n);
  assert.equal(cw.channelBalance(chA), 300n);
  assert.equal(cw.cw20Balance(cw.ics20), 300n);

  // The acknowledgements as written: B's ICS-20 (ibc-go's deterministic error ack), A's contract (its own words).
  const acks = async (node: IbcNode, port: string, channel: string) =>
    (await node.endpoint.queryWrittenAcknowledgements(port, channel, [1n, 2n, 3n, 4n])).map((w) =>
      Buffer.from(w.acknowledgement).toString(),
    );
  assert.deepEqual(await acks(b, "transfer", chB), [
    '{"result":"AQ=="}',
    '{"error":"ABCI code: 5: error handling packet: see events for details"}',
  ]);
  const [first, second] = await acks(a, cw.port, chA);
  assert.equal(first, '{"result":"MQ=="}');
  assert.match(second!, /^\{"error":"Generic error: addr_validate errored: .*: execute wasm contract failed"\}$/);
});

test("cw20-ics20 refuses an ordered channel with its own message; the handshake fails on that step", async (t) => {
  const { a, b } = twoNodes(t);
  const cw = deployCw20Ics20(a);
  const relayer = new Relayer(b.endpoint, a.endpoint);
  await assert.rejects(
    relayer.createChannel({ portA: "transfer", portB: cw.port, version: "ics20-1", order: Order.ORDER_ORDERED }),
    (err: unknown) => {
      assert.ok(err instanceof RelayerError, String(err));
      assert.equal(err.code, "relayer.handshake_failed");
      assert.match(err.message, /transfer channels must be ORDER_UNORDERED/);
      return true;
    },
  );
  const fromA = new Relayer(a.endpoint, b.endpoint);
  await assert.rejects(
    fromA.createChannel({ portA: cw.port, portB: "transfer", version: "ics20-1", order: Order.ORDER_ORDERED }),
    (err: unknown) => {
      assert.ok(err instanceof RelayerError);
      assert.match(
        err.message,
        new RegExp(`ibc_channel_open on ${cw.port.replace(".", "\\.")}/channel-\\d+: Only supports unordered channel`),
      );
      return true;
    },
  );
  assert.deepEqual(
    (await a.endpoint.queryChannels()).map((c) => c.portId),
    [],
    "no channel end was written on A",
  );
});

test("cw20-ics20 on both nodes: a token foreign to the receiving contract gets its error ack and is refunded", async (t) => {
  const { a, b } = twoNodes(t);
  const onA = deployCw20Ics20(a);
  const onB = deployCw20Ics20(b);
  const relayer = new Relayer(a.endpoint, b.endpoint);
  const { channel } = await relayer.createChannel({ portA: onA.port, portB: onB.port, version: "ics20-1" });
  assert.equal(onA.sendTokens(channel.a.channelId, bob.address, 40n).code, 0);
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n - 40n);
  assert.deepEqual(await relayer.clear(), { packets: 1, acks: 1, timeouts: 0, closes: 0, failures: [] });
  assert.equal(onA.cw20Balance(alice.address), 1_000_000n);
  assert.equal(onA.channelBalance(channel.a.channelId), 0n);
  assert.equal(onB.channelBalance(channel.b.channelId), 0n);
});
