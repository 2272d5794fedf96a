import { test } from "node:test";
import assert from "node:assert/strict";
import { isIbcError } from "../../src/ibc/errors.js";
import { ChannelErrors } from "../../src/ibc/channel/errors.js";
import { HostErrors } from "../../src/ibc/host/errors.js";
import {
  formatChannelId,
  formatClientId,
  formatConnectionId,
  isGeneratedChannelId,
  parseClientId,
  parseIdentifierSequence,
  validateChannelId,
  validateClientId,
  validateConnectionId,
  validatePortId,
} from "../../src/ibc/host/identifiers.js";
import {
  channelPath,
  clientConnectionsPath,
  clientStatePath,
  connectionPath,
  consensusStatePath,
  nextSequenceAckPath,
  nextSequenceRecvPath,
  nextSequenceSendPath,
  packetAcknowledgementPath,
  packetCommitmentPath,
  packetReceiptPath,
} from "../../src/ibc/host/paths.js";

test("ICS-24 paths are ibc-go's, byte for byte", () => {
  assert.equal(clientStatePath("06-solomachine-0"), "clients/06-solomachine-0/clientState");
  assert.equal(
    consensusStatePath("07-tendermint-3", { revisionNumber: 1n, revisionHeight: 42n }),
    "clients/07-tendermint-3/consensusStates/1-42",
  );
  assert.equal(clientConnectionsPath("06-solomachine-0"), "clients/06-solomachine-0/connections");
  assert.equal(connectionPath("connection-7"), "connections/connection-7");
  assert.equal(channelPath("transfer", "channel-3"), "channelEnds/ports/transfer/channels/channel-3");
  assert.equal(nextSequenceSendPath("transfer", "channel-3"), "nextSequenceSend/ports/transfer/channels/channel-3");
  assert.equal(nextSequenceRecvPath("transfer", "channel-3"), "nextSequenceRecv/ports/transfer/channels/channel-3");
  assert.equal(nextSequenceAckPath("transfer", "channel-3"), "nextSequenceAck/ports/transfer/channels/channel-3");
  assert.equal(
    packetCommitmentPath("transfer", "channel-3", 17n),
    "commitments/ports/transfer/channels/channel-3/sequences/17",
  );
  assert.equal(
    packetReceiptPath("wasm.addr", "channel-0", 1n),
    "receipts/ports/wasm.addr/channels/channel-0/sequences/1",
  );
  assert.equal(
    packetAcknowledgementPath("transfer", "channel-0", 2n),
    "acks/ports/transfer/channels/channel-0/sequences/2",
  );
});

test("identifiers are generated from counters starting at 0", () => {
  assert.equal(formatClientId("06-solomachine", 0n), "06-solomachine-0");
  assert.equal(formatConnectionId(0n), "connection-0");
  assert.equal(formatChannelId(12n), "channel-12");
  assert.deepEqual(parseClientId("06-solomachine-4"), { clientType: "06-solomachine", sequence: 4n });
  assert.equal(parseIdentifierSequence("channel-9", "channel-"), 9n);
  assert.equal(isGeneratedChannelId("channel-0"), true);
  assert.equal(isGeneratedChannelId("channel-x"), false);
  assert.equal(isGeneratedChannelId("channel-1channel-2"), false);
  assert.equal(isGeneratedChannelId("mychannel"), false);
  assert.throws(
    () => parseClientId("solomachine"),
    (e) => isIbcError(e, HostErrors.InvalidID),
  );
  assert.throws(() => parseIdentifierSequence("channel-18446744073709551616", "channel-"), /no valid sequence/);
});

test("identifier validation: charset and the length bounds of each kind", () => {
  for (const ok of ["transfer", "wasm.cosmos1abc", "a_b+c-d#e[f]g<h>", "ab"]) validatePortId(ok);
  validatePortId("p".repeat(128));
  const invalid = (fn: () => void, pattern: RegExp) =>
    assert.throws(fn, (e: unknown) => isIbcError(e, HostErrors.InvalidID) && pattern.test((e as Error).message));
  invalid(() => validatePortId("p".repeat(129)), /invalid length: 129, must be between 2-128/);
  invalid(() => validatePortId("p"), /invalid length: 1/);
  invalid(() => validatePortId("   "), /cannot be blank/);
  invalid(() => validatePortId("ports/x"), /cannot contain separator/);
  invalid(() => validatePortId("has space"), /must contain only alphanumeric/);
  invalid(() => validatePortId("émoji"), /must contain only alphanumeric/);
  validateChannelId("channel-0");
  invalid(() => validateChannelId("chan-0"), /must be between 8-64/);
  validateConnectionId("connection-0");
  invalid(() => validateConnectionId("conn-0"), /must be between 10-64/);
  validateClientId("06-solomachine-0");
  invalid(() => validateClientId("abc"), /must be between 4-64/);
  invalid(() => validateClientId("c".repeat(65)), /must be between 4-64/);
  // The error carries ibc-go's codespace and code.
  try {
    validateChannelId("");
  } catch (e) {
    assert.ok(isIbcError(e));
    assert.equal(e.codespace, "host");
    assert.equal(e.abciCode, 2);
    assert.equal(e.code, "ibc.host.InvalidID");
    assert.equal(e.is(ChannelErrors.InvalidChannelIdentifier), false);
  }
});
