/** Native ICS-20 between two real nodes (SQLite homes), relayed by the Relayer through their ChainEndpoints. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ibcDenom } from "../../../src/ibc/apps/transfer/denom.js";
import { Relayer } from "../../../src/relayer/relayer.js";
import { MsgChannelCloseInit, MsgChannelOpenInit } from "cosmjs-types/ibc/core/channel/v1/tx";
import { Order, State } from "../../../src/ibc/channel/types.js";
import { SoloMachineErrors } from "../../../src/ibc/client/solomachine/errors.js";
import { IbcError } from "../../../src/ibc/errors.js";
import { connectionPath } from "../../../src/ibc/host/paths.js";
import { KV_GAS } from "../../../src/node/gas.js";
import { readClient } from "../../../src/relayer/clients.js";
import { toAny } from "../../../src/relayer/submit.js";
import { alice, bob, HOUR, relayerAccount, twoNodes } from "./helpers.js";

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

test("restarted nodes carry on relaying, and a node's signer journal survives the restart", async (t) => {
  const { a, b } = twoNodes(t);
  const { channel } = await new Relayer(a.endpoint, b.endpoint).createChannel({
    portA: "transfer",
    portB: "transfer",
    version: "ics20-1",
  });
  a.transfer(alice, {
    channel: channel.a.channelId,
    receiver: bob.address,
    denom: "ugrid",
    amount: 5n,
    timeoutNs: b.headTime() + HOUR,
  });
  a.restart();
  b.restart();
  assert.deepEqual(await new Relayer(a.endpoint, b.endpoint).clear(), {
    packets: 1,
    acks: 1,
    timeouts: 0,
    closes: 0,
    failures: [],
  });

  // B's client of A has consumed A's proofs up to some sequence; A remembers it signed there, across restarts.
  const view = await readClient(b.endpoint, (await b.endpoint.queryClientStates())[0]!.clientId);
  a.restart();
  const path = connectionPath("connection-0");
  assert.throws(
    () => a.endpoint.proveState(path, { diversifier: view.diversifier, sequence: view.sequence - 1n }),
    (err: unknown) => err instanceof IbcError && err.is(SoloMachineErrors.InvalidSequence),
  );
  // Re-signing at the client's own sequence is what a relayer does after a failed tx: allowed when it says so.
  const proof = a.endpoint.proveState(path, {
    diversifier: view.diversifier,
    sequence: view.sequence,
    replaceUndelivered: true,
  });
  assert.ok(proof.proof.length > 0);
});

test("a relayer tx that fails names the failing message, and none of its messages applies", async (t) => {
  const { a, b } = twoNodes(t);
  await new Relayer(a.endpoint, b.endpoint).createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  const before = a.chain.head().height;
  const channelsBefore = (await a.endpoint.queryChannels()).length;
  const openInit = {
    typeUrl: MsgChannelOpenInit.typeUrl,
    value: MsgChannelOpenInit.encode({
      portId: "transfer",
      channel: {
        state: State.STATE_INIT,
        ordering: Order.ORDER_UNORDERED,
        counterparty: { portId: "transfer", channelId: "" },
        connectionHops: ["connection-0"],
        version: "ics20-1",
      },
      signer: relayerAccount.address,
    }).finish(),
  };
  const closeInit = {
    typeUrl: MsgChannelCloseInit.typeUrl,
    value: MsgChannelCloseInit.encode({
      portId: "transfer",
      channelId: "channel-0",
      signer: relayerAccount.address,
    }).finish(),
  };
  const alone = a.endpoint.submit([openInit]);
  assert.ok(alone.committed);
  assert.deepEqual(
    alone.messages[0]!.events.filter((e) => e.type === "channel_open_init").length,
    1,
    "a message's events come with it",
  );
  const result = a.endpoint.submit([openInit, closeInit]);
  assert.ok(!result.committed);
  assert.equal(result.failedMessageIndex, 1);
  assert.equal(result.height, BigInt(before + 2));
  assert.equal(result.error.code, "abci.ibc.8");
  assert.match(result.error.message, /message index: 1: user cannot close channel/);
  assert.equal(
    (await a.endpoint.queryChannels()).length,
    channelsBefore + 1,
    "the first message of the failed tx left nothing",
  );
});

test("the IBC core's own state reads and writes are charged to the relay tx's gas, as ibc-go's store is", async (t) => {
  const { a, b } = twoNodes(t);
  await new Relayer(a.endpoint, b.endpoint).createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  const clientId = (await b.endpoint.queryClientStates())[0]!.clientId;
  /** A tx on B with `count` client updates of A's client (pure IBC core work: no bank, no contract). */
  const updates = async (count: number) => {
    const view = await readClient(b.endpoint, clientId);
    const messages = [];
    for (let i = 0n; i < BigInt(count); i++) {
      const clientMessage = a.endpoint.signClientUpdate({
        diversifier: view.diversifier,
        sequence: view.sequence + i,
        replaceUndelivered: true,
      });
      messages.push(
        toAny({
          typeUrl: "/ibc.core.client.v1.MsgUpdateClient",
          value: { clientId, clientMessage, signer: relayerAccount.address },
        }),
      );
    }
    const result = b.run(relayerAccount, messages);
    return { gasUsed: result.gasUsed, bytes: b.chain.blockTxs(result.height)[0]!.length };
  };
  const one = await updates(1);
  const two = await updates(2);
  // The second message costs its bytes at the ante's 10 gas/byte, plus what the core reads and writes: at least the
  // client state and consensus state read (1000 flat each) and both written back (2000 flat each).
  const ownGas = two.gasUsed - one.gasUsed - 10 * (two.bytes - one.bytes);
  assert.ok(ownGas >= 2 * KV_GAS.readCostFlat + 2 * KV_GAS.writeCostFlat, `an update's own gas: ${ownGas}`);
});
