import { test } from "node:test";
import assert from "node:assert/strict";
import { ConnectionErrors } from "../../src/ibc/connection/errors.js";
import { compatibleVersions, isSupportedVersion, pickVersion } from "../../src/ibc/connection/version.js";
import { isIbcError } from "../../src/ibc/errors.js";
import { queryConnection } from "../../src/ibc/queries.js";
import { setConnection } from "../../src/ibc/connection/store.js";
import { connectedChains, Order, RecordingApp, State } from "./harness.js";

test("version negotiation: ibc-go's default version, feature intersection, no empty feature sets", () => {
  assert.deepEqual(compatibleVersions(), [{ identifier: "1", features: ["ORDER_ORDERED", "ORDER_UNORDERED"] }]);
  assert.deepEqual(
    pickVersion(compatibleVersions(), [{ identifier: "1", features: ["ORDER_UNORDERED", "ORDER_DAG"] }]),
    {
      identifier: "1",
      features: ["ORDER_UNORDERED"],
    },
  );
  assert.throws(
    () => pickVersion(compatibleVersions(), [{ identifier: "1", features: ["ORDER_DAG"] }]),
    (e) => isIbcError(e, ConnectionErrors.VersionNegotiationFailed),
  );
  assert.throws(
    () => pickVersion(compatibleVersions(), [{ identifier: "2", features: ["ORDER_ORDERED"] }]),
    (e) => isIbcError(e, ConnectionErrors.VersionNegotiationFailed),
  );
  assert.equal(isSupportedVersion(compatibleVersions(), { identifier: "1", features: [] }), false);
  assert.equal(isSupportedVersion(compatibleVersions(), { identifier: "1", features: ["ORDER_ORDERED"] }), true);
  assert.equal(isSupportedVersion(compatibleVersions(), { identifier: "1", features: ["ORDER_DAG"] }), false);
});

test("a channel's ordering must be a feature of its connection's negotiated version", () => {
  const { alpha, beta, relay } = connectedChains();
  alpha.router.addRoute("pinga", new RecordingApp());
  beta.router.addRoute("pingb", new RecordingApp());
  // As if the counterparty had offered unordered channels only.
  alpha.run((ctx) => {
    const connection = queryConnection(ctx, relay.connectionOnA)!;
    setConnection(ctx, relay.connectionOnA, {
      ...connection,
      versions: [{ identifier: "1", features: ["ORDER_UNORDERED"] }],
    });
  });
  assert.throws(
    () =>
      alpha.deliver({
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
      }),
    (e) =>
      isIbcError(e, ConnectionErrors.InvalidVersion) &&
      /does not support channel ordering: ORDER_ORDERED/.test((e as Error).message),
  );
});
