import { test } from "node:test";
import assert from "node:assert/strict";
import { State as ConnectionState } from "cosmjs-types/ibc/core/connection/v1/connection";
import { ChannelErrors } from "../../src/ibc/channel/errors.js";
import { ClientErrors } from "../../src/ibc/client/errors.js";
import { SoloMachineErrors } from "../../src/ibc/client/solomachine/errors.js";
import { ConnectionErrors } from "../../src/ibc/connection/errors.js";
import { CoreErrors, isIbcError, type IbcErrorKind } from "../../src/ibc/errors.js";
import { channelPath, connectionPath } from "../../src/ibc/host/paths.js";
import { PortErrors } from "../../src/ibc/port/errors.js";
import { queryChannel, queryChannels, queryConnection, queryNextSequences } from "../../src/ibc/queries.js";
import { connectedChains, Order, RecordingApp, Relay, State, TestChain } from "./harness.js";

const fails = (kind: IbcErrorKind, pattern?: RegExp) => (e: unknown) =>
  isIbcError(e, kind) && (pattern === undefined || pattern.test((e as Error).message));

const attrs = (e: { attributes: { key: string; value: string }[] }) => e.attributes.map((a) => [a.key, a.value]);

test("clients: each chain creates a solo-machine client of the other, with ibc-go's create_client event", () => {
  const alpha = new TestChain("alpha-1", 1);
  const beta = new TestChain("beta-1", 2);
  const relay = new Relay(alpha, beta);
  const states = beta.core.selfClientStates(beta.ctx(), Relay.diversifier(beta, alpha));
  const result = alpha.deliver({
    typeUrl: "/ibc.core.client.v1.MsgCreateClient",
    value: { clientState: states.clientState, consensusState: states.consensusState, signer: alpha.relayer },
  });
  assert.equal(result.clientId, "06-solomachine-0");
  assert.equal(result.response.typeUrl, "/ibc.core.client.v1.MsgCreateClientResponse");
  assert.deepEqual(
    result.events.map((e) => [e.type, attrs(e)]),
    [
      [
        "create_client",
        [
          ["client_id", "06-solomachine-0"],
          ["client_type", "06-solomachine"],
          ["consensus_height", "0-1"],
        ],
      ],
      ["message", [["module", "ibc_client"]]],
    ],
  );
  relay.clientOnA = result.clientId!;
  // A header from beta moves alpha's client to beta's time: update_client with the new height.
  beta.advance();
  const update = relay.updateClient(beta);
  assert.deepEqual(attrs(update.events[0]!), [
    ["client_id", "06-solomachine-0"],
    ["client_type", "06-solomachine"],
    ["consensus_height", "0-2"],
    ["consensus_heights", "0-2"],
  ]);
  assert.equal(
    alpha.core.clients.timestampAtHeight(alpha.ctx(), "06-solomachine-0", { revisionNumber: 0n, revisionHeight: 2n }),
    beta.block.timeNs,
  );
  // Bad signer addresses are ibc/5 InvalidAddress.
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.client.v1.MsgCreateClient",
        value: { clientState: states.clientState, consensusState: states.consensusState, signer: "cosmos1xyz" },
      }),
    fails(CoreErrors.InvalidAddress),
  );
  assert.throws(
    () => alpha.deliver({ typeUrl: "/ibc.core.client.v1.MsgNope", value: new Uint8Array() }),
    fails(CoreErrors.UnknownRequest),
  );
});

test("connection handshake, started on either chain, opens both ends with ibc-go's events", () => {
  for (const starter of ["alpha", "beta"] as const) {
    const alpha = new TestChain("alpha-1", 1);
    const beta = new TestChain("beta-1", 2);
    const relay = new Relay(alpha, beta);
    relay.createClients();
    const init = starter === "alpha" ? alpha : beta;
    const events: string[] = [];
    const original = { a: alpha.deliver.bind(alpha), b: beta.deliver.bind(beta) };
    alpha.deliver = (m) => {
      const r = original.a(m);
      events.push(...r.events.filter((e) => e.type !== "message").map((e) => `alpha:${e.type}`));
      return r;
    };
    beta.deliver = (m) => {
      const r = original.b(m);
      events.push(...r.events.filter((e) => e.type !== "message").map((e) => `beta:${e.type}`));
      return r;
    };
    relay.connect(init);
    const other = starter === "alpha" ? "beta" : "alpha";
    assert.deepEqual(events, [
      `${starter}:connection_open_init`,
      `${other}:connection_open_try`,
      `${starter}:connection_open_ack`,
      `${other}:connection_open_confirm`,
    ]);
    const onA = queryConnection(alpha.ctx(), relay.connectionOnA)!;
    const onB = queryConnection(beta.ctx(), relay.connectionOnB)!;
    assert.equal(onA.state, ConnectionState.STATE_OPEN);
    assert.equal(onB.state, ConnectionState.STATE_OPEN);
    assert.equal(onA.counterparty.connectionId, relay.connectionOnB);
    assert.equal(onB.counterparty.connectionId, relay.connectionOnA);
    assert.deepEqual(onA.versions, [{ identifier: "1", features: ["ORDER_ORDERED", "ORDER_UNORDERED"] }]);
    assert.equal(relay.connectionOnA, "connection-0");
  }
});

test("connection events carry ibc-go's attributes", () => {
  const alpha = new TestChain("alpha-1", 1);
  const beta = new TestChain("beta-1", 2);
  const relay = new Relay(alpha, beta);
  relay.createClients();
  const prefix = { keyPrefix: new TextEncoder().encode("ibc") };
  const init = alpha.deliver({
    typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenInit",
    value: {
      clientId: relay.clientOnA,
      counterparty: { clientId: relay.clientOnB, connectionId: "", prefix },
      version: undefined,
      delayPeriod: 0n,
      signer: alpha.relayer,
    },
  });
  assert.deepEqual(
    init.events.map((e) => [e.type, attrs(e)]),
    [
      [
        "connection_open_init",
        [
          ["connection_id", "connection-0"],
          ["client_id", "06-solomachine-0"],
          ["counterparty_client_id", "06-solomachine-0"],
        ],
      ],
      ["message", [["module", "ibc_connection"]]],
    ],
  );
  // An unsupported version or a frozen/unknown client is refused.
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenInit",
        value: {
          clientId: relay.clientOnA,
          counterparty: { clientId: relay.clientOnB, connectionId: "", prefix },
          version: { identifier: "2", features: ["ORDER_ORDERED"] },
          delayPeriod: 0n,
          signer: alpha.relayer,
        },
      }),
    fails(ConnectionErrors.InvalidVersion),
  );
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.connection.v1.MsgConnectionOpenInit",
        value: {
          clientId: "06-solomachine-9",
          counterparty: { clientId: relay.clientOnB, connectionId: "", prefix },
          version: undefined,
          delayPeriod: 0n,
          signer: alpha.relayer,
        },
      }),
    fails(ClientErrors.ClientNotActive),
  );
  // Failed messages leave no trace: the next connection is still connection-1.
  assert.equal(queryConnection(alpha.ctx(), "connection-1"), undefined);
});

test("channel handshake, both orders and both orderings; the app picks the version and sees every step", () => {
  for (const order of [Order.ORDER_UNORDERED, Order.ORDER_ORDERED]) {
    for (const starter of ["alpha", "beta"] as const) {
      const { alpha, beta, relay } = connectedChains();
      const appA = new RecordingApp();
      const appB = new RecordingApp();
      alpha.router.addRoute("pinga", appA);
      beta.router.addRoute("pingb", appB);
      const init = starter === "alpha" ? alpha : beta;
      const pair = relay.openChannel({
        init,
        port: init === alpha ? "pinga" : "pingb",
        counterpartyPort: init === alpha ? "pingb" : "pinga",
        order,
        version: "ping-1",
      });
      const [initApp, tryApp] = init === alpha ? [appA, appB] : [appB, appA];
      assert.deepEqual(initApp.calls, ["openInit", "openAck"]);
      assert.deepEqual(tryApp.calls, ["openTry", "openConfirm"]);
      for (const end of [pair.a, pair.b]) {
        const channel = queryChannel(end.chain.ctx(), end.port, end.channel)!;
        assert.equal(channel.state, State.STATE_OPEN);
        assert.equal(channel.ordering, order);
        assert.equal(channel.version, "ping-1");
        assert.deepEqual(queryNextSequences(end.chain.ctx(), end.port, end.channel), { send: 1n, recv: 1n, ack: 1n });
      }
      assert.equal(queryChannel(alpha.ctx(), "pinga", pair.a.channel)!.counterparty.channelId, pair.b.channel);
      assert.deepEqual(
        queryChannels(alpha.ctx()).map((c) => [c.portId, c.channelId]),
        [["pinga", "channel-0"]],
      );
    }
  }
});

test("channel handshake events: exact attributes of each step", () => {
  const { alpha, beta, relay } = connectedChains();
  alpha.router.addRoute("pinga", new RecordingApp());
  beta.router.addRoute("pingb", new RecordingApp());
  const seen: { chain: string; type: string; attributes: string[][] }[] = [];
  for (const [name, chain] of [
    ["alpha", alpha],
    ["beta", beta],
  ] as const) {
    const deliver = chain.deliver.bind(chain);
    chain.deliver = (m) => {
      const r = deliver(m);
      for (const e of r.events)
        if (e.type.startsWith("channel_")) seen.push({ chain: name, type: e.type, attributes: attrs(e) });
      return r;
    };
  }
  relay.openChannel({ port: "pinga", counterpartyPort: "pingb", order: Order.ORDER_UNORDERED, version: "v1" });
  const common = (port: string, chan: string, cpPort: string) => [
    ["port_id", port],
    ["channel_id", chan],
    ["counterparty_port_id", cpPort],
  ];
  assert.deepEqual(seen, [
    {
      chain: "alpha",
      type: "channel_open_init",
      attributes: [...common("pinga", "channel-0", "pingb"), ["connection_id", "connection-0"], ["version", "v1"]],
    },
    {
      chain: "beta",
      type: "channel_open_try",
      attributes: [
        ...common("pingb", "channel-0", "pinga"),
        ["counterparty_channel_id", "channel-0"],
        ["connection_id", "connection-0"],
        ["version", "v1"],
      ],
    },
    {
      chain: "alpha",
      type: "channel_open_ack",
      attributes: [
        ...common("pinga", "channel-0", "pingb"),
        ["counterparty_channel_id", "channel-0"],
        ["connection_id", "connection-0"],
      ],
    },
    {
      chain: "beta",
      type: "channel_open_confirm",
      attributes: [
        ...common("pingb", "channel-0", "pinga"),
        ["counterparty_channel_id", "channel-0"],
        ["connection_id", "connection-0"],
      ],
    },
  ]);
});

test("handshake failures: unknown port, app refusal, wrong state, forged and replayed proofs", () => {
  const { alpha, beta, relay } = connectedChains();
  const appA = new RecordingApp();
  alpha.router.addRoute("pinga", appA);
  beta.router.addRoute("pingb", new RecordingApp());
  const channel = (counterpartyPort: string) => ({
    state: State.STATE_INIT,
    ordering: Order.ORDER_UNORDERED,
    counterparty: { portId: counterpartyPort, channelId: "" },
    connectionHops: [relay.connectionOnA],
    version: "v1",
  });
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
        value: { portId: "nobody", channel: channel("pingb"), signer: alpha.relayer },
      }),
    fails(PortErrors.InvalidRoute, /route not found to portID: nobody/),
  );
  appA.refuse.add("openInit");
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
        value: { portId: "pinga", channel: channel("pingb"), signer: alpha.relayer },
      }),
    /app refuses openInit/,
  );
  assert.equal(queryChannels(alpha.ctx()).length, 0, "a refused OpenInit writes nothing, not even the id counter");
  appA.refuse.clear();
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
        value: {
          portId: "pinga",
          channel: { ...channel("pingb"), connectionHops: ["connection-0", "connection-1"] },
          signer: alpha.relayer,
        },
      }),
    fails(ChannelErrors.TooManyConnectionHops),
  );
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
        value: {
          portId: "pinga",
          channel: { ...channel("pingb"), counterparty: { portId: "pingb", channelId: "channel-7" } },
          signer: alpha.relayer,
        },
      }),
    fails(ChannelErrors.InvalidCounterparty),
  );
  const init = alpha.deliver({
    typeUrl: "/ibc.core.channel.v1.MsgChannelOpenInit",
    value: { portId: "pinga", channel: channel("pingb"), signer: alpha.relayer },
  });
  assert.equal(init.channelId, "channel-0");

  const tryMsg = (proof: Uint8Array) => ({
    typeUrl: "/ibc.core.channel.v1.MsgChannelOpenTry" as const,
    value: {
      portId: "pingb",
      previousChannelId: "",
      channel: {
        state: State.STATE_TRYOPEN,
        ordering: Order.ORDER_UNORDERED,
        counterparty: { portId: "pinga", channelId: "channel-0" },
        connectionHops: [relay.connectionOnB],
        version: "",
      },
      counterpartyVersion: "v1",
      proofInit: proof,
      proofHeight: alpha.ctx().selfHeight(),
      signer: beta.relayer,
    },
  });
  // A proof signed by someone else's key.
  const forger = new TestChain("alpha-1", 9);
  const forged = forger.signer.proveMembership(
    { ...relay.request(alpha), timestamp: alpha.block.timeNs },
    channelPath("pinga", "channel-0"),
    alpha.ctx().ibc.get(channelPath("pinga", "channel-0"))!,
  );
  assert.throws(
    () => beta.deliver(tryMsg(forged)),
    fails(SoloMachineErrors.SignatureVerificationFailed, /failed channel state verification/),
  );
  // A genuine proof of a different state (alpha's connection, not its channel).
  const wrongPath = relay.proof(alpha, connectionPath(relay.connectionOnA)).proof;
  assert.throws(() => beta.deliver(tryMsg(wrongPath)), fails(SoloMachineErrors.SignatureVerificationFailed));
  const genuine = relay.proof(alpha, channelPath("pinga", "channel-0")).proof;
  const sequenceBefore = beta.clientSequence(relay.clientOnB);
  const tryResult = beta.deliver(tryMsg(genuine));
  assert.equal(tryResult.channelId, "channel-0");
  assert.equal(beta.clientSequence(relay.clientOnB), sequenceBefore + 1n, "the proof consumed one sequence");
  // Replaying the same (genuine) proof: its sequence is spent.
  assert.throws(() => beta.deliver(tryMsg(genuine)), fails(SoloMachineErrors.SignatureVerificationFailed));
  assert.equal(queryChannel(beta.ctx(), "pingb", "channel-1"), undefined);

  // OpenConfirm needs TRYOPEN; OpenAck needs INIT.
  assert.throws(
    () =>
      alpha.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelOpenConfirm",
        value: {
          portId: "pinga",
          channelId: "channel-0",
          proofAck: genuine,
          proofHeight: alpha.ctx().selfHeight(),
          signer: alpha.relayer,
        },
      }),
    fails(ChannelErrors.InvalidChannelState, /channel-0 is INIT; OpenConfirm needs TRYOPEN/),
  );
  assert.throws(
    () =>
      beta.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelOpenAck",
        value: {
          portId: "pingb",
          channelId: "channel-0",
          counterpartyChannelId: "channel-0",
          counterpartyVersion: "v1",
          proofTry: genuine,
          proofHeight: alpha.ctx().selfHeight(),
          signer: beta.relayer,
        },
      }),
    fails(ChannelErrors.InvalidChannelState, /TRYOPEN; OpenAck needs INIT/),
  );
  assert.throws(
    () =>
      beta.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelOpenConfirm",
        value: {
          portId: "pingb",
          channelId: "chan",
          proofAck: genuine,
          proofHeight: alpha.ctx().selfHeight(),
          signer: beta.relayer,
        },
      }),
    fails(ChannelErrors.InvalidChannelIdentifier),
  );
});

test("closing: CloseInit asks the app first, CloseConfirm proves the counterparty closed; CLOSED is final", () => {
  const { alpha, beta, relay } = connectedChains();
  const appA = new RecordingApp();
  const appB = new RecordingApp();
  alpha.router.addRoute("pinga", appA);
  beta.router.addRoute("pingb", appB);
  const pair = relay.openChannel({
    port: "pinga",
    counterpartyPort: "pingb",
    order: Order.ORDER_UNORDERED,
    version: "v1",
  });
  const close = {
    typeUrl: "/ibc.core.channel.v1.MsgChannelCloseInit" as const,
    value: { portId: "pinga", channelId: pair.a.channel, signer: alpha.relayer },
  };
  appA.refuse.add("closeInit");
  assert.throws(() => alpha.deliver(close), /app refuses closeInit/);
  assert.equal(queryChannel(alpha.ctx(), "pinga", pair.a.channel)!.state, State.STATE_OPEN);
  appA.refuse.clear();
  const closed = alpha.deliver(close);
  assert.equal(closed.events[0]!.type, "channel_close_init");
  assert.equal(queryChannel(alpha.ctx(), "pinga", pair.a.channel)!.state, State.STATE_CLOSED);
  assert.throws(() => alpha.deliver(close), fails(ChannelErrors.InvalidChannelState, /already CLOSED/));

  const proof = relay.proof(alpha, channelPath("pinga", pair.a.channel));
  const confirm = beta.deliver({
    typeUrl: "/ibc.core.channel.v1.MsgChannelCloseConfirm",
    value: {
      portId: "pingb",
      channelId: pair.b.channel,
      proofInit: proof.proof,
      proofHeight: proof.proofHeight,
      signer: beta.relayer,
    },
  });
  assert.equal(confirm.events[0]!.type, "channel_close_confirm");
  assert.equal(queryChannel(beta.ctx(), "pingb", pair.b.channel)!.state, State.STATE_CLOSED);
  assert.deepEqual(appB.calls.slice(-1), ["closeConfirm"]);
});

test("a CloseConfirm without the counterparty having closed does not verify", () => {
  const { alpha, beta, relay } = connectedChains();
  alpha.router.addRoute("pinga", new RecordingApp());
  beta.router.addRoute("pingb", new RecordingApp());
  const pair = relay.openChannel({
    port: "pinga",
    counterpartyPort: "pingb",
    order: Order.ORDER_ORDERED,
    version: "v1",
  });
  const proof = relay.proof(alpha, channelPath("pinga", pair.a.channel)); // alpha's end is OPEN
  assert.throws(
    () =>
      beta.deliver({
        typeUrl: "/ibc.core.channel.v1.MsgChannelCloseConfirm",
        value: {
          portId: "pingb",
          channelId: pair.b.channel,
          proofInit: proof.proof,
          proofHeight: proof.proofHeight,
          signer: beta.relayer,
        },
      }),
    fails(SoloMachineErrors.SignatureVerificationFailed),
  );
  assert.equal(queryChannel(beta.ctx(), "pingb", pair.b.channel)!.state, State.STATE_OPEN);
});
