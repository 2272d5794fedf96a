import { test } from "node:test";
import assert from "node:assert/strict";
import { State } from "../../src/ibc/channel/types.js";
import { State as ConnectionState } from "cosmjs-types/ibc/core/connection/v1/connection";
import { RelayerError } from "../../src/relayer/errors.js";
import { freezeClient, MemoryChain, Order, Relayer, transferPath, twoChains } from "./helpers.js";

test("create-channel between two fresh chains creates clients, a connection and an open channel", async () => {
  const { alpha, beta } = twoChains();
  const relayer = new Relayer(alpha, beta);
  const path = await relayer.createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  assert.deepEqual(path.clients, { a: "06-solomachine-0", b: "06-solomachine-0" });
  assert.deepEqual(path.connections, { a: "connection-0", b: "connection-0" });
  assert.deepEqual(path.channel, {
    a: { portId: "transfer", channelId: "channel-0" },
    b: { portId: "transfer", channelId: "channel-0" },
    version: "ics20-1",
    order: Order.ORDER_UNORDERED,
  });
  for (const [chain, other] of [
    [alpha, beta],
    [beta, alpha],
  ] as const) {
    const [connection] = chain.queryConnections();
    assert.equal(connection!.state, ConnectionState.STATE_OPEN);
    assert.equal(connection!.counterparty.connectionId, "connection-0");
    const [channel] = chain.queryChannels();
    assert.equal(channel!.state, State.STATE_OPEN);
    assert.equal(channel!.version, "ics20-1");
    assert.deepEqual(channel!.counterparty, { portId: "transfer", channelId: "channel-0" });
    // The client follows the other chain, with a diversifier of its own.
    const [client] = chain.queryClientStates();
    assert.equal(client!.clientId, "06-solomachine-0");
    assert.ok(other.chainId.length > 0);
  }
  // The relayer finds the channel on the chains themselves.
  const links = await relayer.links();
  assert.deepEqual(
    links.map((l) => [l.a.channelId, l.b.channelId, l.a.clientId, l.b.connectionId]),
    [["channel-0", "channel-0", "06-solomachine-0", "connection-0"]],
  );
});

test("a second channel reuses the clients and the open connection; a new Relayer finds them too", async () => {
  const { alpha, beta } = twoChains();
  await new Relayer(alpha, beta).createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  const again = await new Relayer(alpha, beta).createChannel({
    portA: "ping",
    portB: "ping",
    version: "ping-1",
    order: Order.ORDER_ORDERED,
  });
  assert.deepEqual(again.clients, { a: "06-solomachine-0", b: "06-solomachine-0" });
  assert.deepEqual(again.connections, { a: "connection-0", b: "connection-0" });
  assert.deepEqual(again.channel.a, { portId: "ping", channelId: "channel-1" });
  assert.equal(again.channel.order, Order.ORDER_ORDERED);
  assert.equal(alpha.queryConnections().length, 1);
  assert.equal(beta.queryClientStates().length, 1);
  // The channel can be opened from b's side too: sides are just names.
  const reversed = await new Relayer(beta, alpha).createChannel({ portA: "ping", portB: "ping", version: "ping-2" });
  assert.deepEqual(reversed.connections, { a: "connection-0", b: "connection-0" });
  assert.equal(reversed.channel.version, "ping-2");
});

test("clients of a third chain are not reused; each new client gets its own diversifier", async () => {
  const { alpha, beta } = twoChains();
  const gamma = new MemoryChain({ chainId: "gamma-1", nodeKey: new Uint8Array(32).fill(3) });
  const withGamma = await new Relayer(alpha, gamma).createClients();
  assert.deepEqual(withGamma, { a: "06-solomachine-0", b: "06-solomachine-0" });
  const withBeta = await new Relayer(alpha, beta).createClients();
  assert.deepEqual(withBeta, { a: "06-solomachine-1", b: "06-solomachine-0" });
  assert.deepEqual(await new Relayer(alpha, beta).createClients(), withBeta);
});

test("a frozen client is reported on every pass and replaced, not reused, by the next create-channel", async () => {
  const { alpha, beta, relayer, alice, bob, chA } = await transferPath();
  alpha.transfer({ sourceChannel: chA, sender: alice, receiver: bob, denom: "ugrid", amount: 5n });
  freezeClient(beta, "06-solomachine-0", 1); // beta's client of alpha
  const summary = await relayer.clear();
  assert.equal(summary.packets, 0);
  assert.deepEqual(
    summary.failures.map((f) => [f.chainId, f.kind, f.channelId, f.sequence, f.error.code]),
    [["beta-1", "recv", "channel-0", 1n, "relayer.client_frozen"]],
  );
  const fresh = await relayer.createChannel({ portA: "transfer", portB: "transfer", version: "ics20-1" });
  assert.deepEqual(fresh.clients, { a: "06-solomachine-0", b: "06-solomachine-1" });
  assert.deepEqual(fresh.connections, { a: "connection-1", b: "connection-1" });
});

test("a path needs two different chains; handshake refusals are typed", async () => {
  const { alpha, beta } = twoChains();
  assert.throws(
    () => new Relayer(alpha, alpha),
    (e: unknown) => e instanceof RelayerError && e.code === "relayer.same_chain",
  );
  // ICS-20 refuses ordered channels on OpenInit.
  await assert.rejects(
    new Relayer(alpha, beta).createChannel({
      portA: "transfer",
      portB: "transfer",
      version: "ics20-1",
      order: Order.ORDER_ORDERED,
    }),
    (e: unknown) =>
      e instanceof RelayerError &&
      e.code === "relayer.handshake_failed" &&
      /alpha-1 refused.*ORDER_UNORDERED/.test(e.message),
  );
  await assert.rejects(
    new Relayer(alpha, beta).createChannel({ portA: "nope", portB: "transfer", version: "x" }),
    (e: unknown) => e instanceof RelayerError && e.code === "relayer.handshake_failed",
  );
});
