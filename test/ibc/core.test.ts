import { test } from "node:test";
import assert from "node:assert/strict";
import * as ibc from "../../src/ibc/index.js";
import { isIbcError } from "../../src/ibc/errors.js";
import { PortErrors } from "../../src/ibc/port/errors.js";
import { PortRouter } from "../../src/ibc/port/router.js";
import { MemoryKv } from "../../src/store/memory.js";
import { connectedChains, Order, RecordingApp, State } from "./harness.js";

test("port routing: exact routes win, then the longest prefix, e.g. wasm.<contract>", () => {
  const transfer = new RecordingApp();
  const wasm = new RecordingApp();
  const special = new RecordingApp();
  const router = new PortRouter()
    .addRoute("transfer", transfer)
    .addPrefixRoute("wasm.", wasm)
    .addRoute("wasm.special", special);
  assert.equal(router.route("transfer"), transfer);
  assert.equal(router.route("wasm.plg1contract"), wasm);
  assert.equal(router.route("wasm.special"), special);
  assert.equal(router.route("wasm."), undefined, "a prefix alone is not a port");
  assert.equal(router.route("transfer2"), undefined);
  router.addPrefixRoute("wasm.plg1", special);
  assert.equal(router.route("wasm.plg1contract"), special, "longest prefix");
  assert.deepEqual(router.routes(), ["transfer", "wasm.*", "wasm.plg1*", "wasm.special"]);
  assert.throws(
    () => router.addRoute("transfer", wasm),
    (e) => isIbcError(e, PortErrors.PortExists),
  );
  assert.throws(
    () => router.mustRoute("nope"),
    (e) => isIbcError(e, PortErrors.InvalidRoute),
  );
});

test("a failing message leaves the store byte-for-byte unchanged", () => {
  const { alpha, relay } = connectedChains();
  alpha.router.addRoute("pinga", new RecordingApp());
  const before = [...alpha.store.iterate()].map(({ key, value }) => [
    Buffer.from(key).toString(),
    Buffer.from(value).toString("hex"),
  ]);
  assert.throws(() =>
    alpha.deliver({
      typeUrl: "/ibc.core.channel.v1.MsgChannelOpenTry",
      value: {
        portId: "pinga",
        previousChannelId: "",
        channel: {
          state: State.STATE_TRYOPEN,
          ordering: Order.ORDER_UNORDERED,
          counterparty: { portId: "pingb", channelId: "channel-0" },
          connectionHops: [relay.connectionOnA],
          version: "",
        },
        counterpartyVersion: "v1",
        proofInit: new Uint8Array([1, 2, 3]),
        proofHeight: ibc.ZERO_HEIGHT,
        signer: alpha.relayer,
      },
    }),
  );
  const after = [...alpha.store.iterate()].map(({ key, value }) => [
    Buffer.from(key).toString(),
    Buffer.from(value).toString("hex"),
  ]);
  assert.deepEqual(after, before);
});

test("messages arrive as protobuf bytes too (a transaction's Any), and results carry the response Any", () => {
  const { alpha, beta, relay } = connectedChains();
  alpha.router.addRoute("pinga", new RecordingApp());
  const msg: ibc.IbcMessage = {
    typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
    value: {
      portId: "pinga",
      channel: {
        state: State.STATE_INIT,
        ordering: Order.ORDER_ORDERED,
        counterparty: { portId: "pingb", channelId: "" },
        connectionHops: [relay.connectionOnA],
        version: "v1",
      },
      signer: alpha.relayer,
    },
  };
  const result = alpha.deliver({ typeUrl: msg.typeUrl, value: ibc.encodeIbcMessage(msg) });
  assert.equal(result.channelId, "channel-0");
  assert.equal(result.response.typeUrl, "/ibc.core.channel.v1.MsgChannelOpenInitResponse");
  assert.deepEqual(Buffer.from(result.response.value).toString("hex"), "0a096368616e6e656c2d30" + "12027631");
  assert.throws(
    () => alpha.deliver({ typeUrl: msg.typeUrl, value: new Uint8Array([0xff]) }),
    (e) => isIbcError(e, ibc.CoreErrors.InvalidType),
  );
  assert.equal(ibc.queryChannels(beta.ctx()).length, 0);
});

test("queries: channels, connections, client states, sequences, pending packets", () => {
  const { alpha, beta, relay } = connectedChains();
  alpha.router.addRoute("pinga", new RecordingApp());
  beta.router.addRoute("pingb", new RecordingApp());
  const pair = relay.openChannel({
    port: "pinga",
    counterpartyPort: "pingb",
    order: Order.ORDER_UNORDERED,
    version: "v1",
  });
  for (let i = 0; i < 11; i++) alpha.send("pinga", pair.a.channel, `p${i}`);
  const ctx = alpha.ctx();
  assert.deepEqual(
    ibc.queryConnections(ctx).map((c) => c.id),
    ["connection-0"],
  );
  assert.equal(ibc.queryClientState(ctx, relay.clientOnA)!.typeUrl, "/ibc.lightclients.solomachine.v3.ClientState");
  // Only client states, not the connections list kept under the same client prefix.
  assert.deepEqual(
    ibc.queryClientStates(ctx).map((c) => [c.clientId, c.clientState.typeUrl]),
    [[relay.clientOnA, "/ibc.lightclients.solomachine.v3.ClientState"]],
  );
  assert.deepEqual(ibc.queryNextSequences(ctx, "pinga", pair.a.channel), { send: 12n, recv: 1n, ack: 1n });
  // Numeric order, not byte order of the paths (…/sequences/10 sorts before …/2 as bytes).
  assert.deepEqual(
    ibc.queryPacketCommitments(ctx, "pinga", pair.a.channel).map((c) => c.sequence),
    [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n],
  );
  assert.deepEqual(ibc.queryUnreceivedPackets(beta.ctx(), "pingb", pair.b.channel, [3n, 1n, 3n]), [1n, 3n]);
  assert.deepEqual(ibc.queryUnreceivedAcks(ctx, "pinga", pair.a.channel, [2n, 40n]), [2n]);
});

test("proofs need a signer; proving a path that holds nothing is NotFound", () => {
  const { alpha, relay } = connectedChains();
  assert.throws(
    () => alpha.core.proveState(alpha.ctx(), "connections/connection-9", relay.request(alpha)),
    (e) => isIbcError(e, ibc.CoreErrors.NotFound),
  );
  const bare = new ibc.IbcCore({ router: new PortRouter() });
  assert.throws(
    () => bare.proveState(alpha.ctx(), "connections/connection-0", relay.request(alpha)),
    (e) => isIbcError(e, ibc.CoreErrors.InvalidRequest),
  );
});

test("the block height may be a number, as the node keeps it; the revision comes from the chain id", () => {
  const core = new ibc.IbcCore({ router: new PortRouter() });
  const ctx = core.context(new MemoryKv(), { chainId: "grid-7", height: 42, timeNs: 1n });
  assert.deepEqual(ctx.selfHeight(), { revisionNumber: 7n, revisionHeight: 42n });
  assert.equal(ibc.revisionOfChainId("grid"), 0n);
  assert.equal(ibc.revisionOfChainId("grid-01"), 0n, "a revision has no leading zero");
  assert.equal(ibc.revisionOfChainId("a-b-12"), 12n);
});
