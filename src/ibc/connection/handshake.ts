import { type ConnectionEnd, State } from "cosmjs-types/ibc/core/connection/v1/connection";
import type {
  MsgConnectionOpenAck,
  MsgConnectionOpenConfirm,
  MsgConnectionOpenInit,
  MsgConnectionOpenTry,
} from "cosmjs-types/ibc/core/connection/v1/tx";
import { ClientErrors } from "../client/errors.js";
import type { ClientKeeper } from "../client/keeper.js";
import { commitmentPrefixBytes } from "../commitment/merkle.js";
import { CommitmentErrors } from "../commitment/errors.js";
import type { IbcContext } from "../context.js";
import { ibcError } from "../errors.js";
import {
  CONNECTION_PREFIX,
  parseIdentifierSequence,
  validateClientId,
  validateConnectionId,
} from "../host/identifiers.js";
import { ConnectionErrors } from "./errors.js";
import { connectionEvents } from "./events.js";
import {
  addConnectionToClient,
  connectionStateName,
  generateConnectionId,
  mustGetConnection,
  setConnection,
} from "./store.js";
import {
  compatibleVersions,
  isSupportedVersion,
  MAX_COUNTERPARTY_VERSIONS,
  pickVersion,
  validateVersion,
  type Version,
} from "./version.js";
import { verifyConnectionState } from "./verify.js";

/**
 * The ICS-03 connection handshake (ibc-go 03-connection/keeper/handshake.go and the messages' ValidateBasic):
 * Init on A (INIT), Try on B proving A's INIT end (TRYOPEN), Ack on A proving B's TRYOPEN end (OPEN), Confirm on B
 * proving A's OPEN end (OPEN). Each step proves the counterparty's end exactly as this chain expects it to be.
 */

const MAX_MERKLE_PREFIX_LENGTH = 256;

function validateCounterparty(counterparty: MsgConnectionOpenInit["counterparty"]): void {
  if (counterparty.connectionId !== "") validateConnectionId(counterparty.connectionId);
  validateClientId(counterparty.clientId);
  if (counterparty.prefix.keyPrefix.length === 0) {
    throw ibcError(ConnectionErrors.InvalidCounterparty, "counterparty prefix cannot be empty");
  }
  if (counterparty.prefix.keyPrefix.length > MAX_MERKLE_PREFIX_LENGTH) {
    throw ibcError(
      ConnectionErrors.InvalidCounterparty,
      `counterparty prefix length exceeds maximum length of ${MAX_MERKLE_PREFIX_LENGTH} bytes`,
    );
  }
}

function validateOwnConnectionId(connectionId: string): void {
  try {
    parseIdentifierSequence(connectionId, CONNECTION_PREFIX);
  } catch {
    throw ibcError(ConnectionErrors.InvalidConnectionIdentifier, `invalid connection identifier ${connectionId}`, {
      connectionId,
    });
  }
}

function requireProof(proof: Uint8Array, what: string): void {
  if (proof.length === 0) throw ibcError(CommitmentErrors.InvalidProof, `cannot submit an empty ${what}`);
}

function requireState(connectionId: string, connection: ConnectionEnd, expected: State): void {
  if (connection.state !== expected) {
    throw ibcError(
      ConnectionErrors.InvalidConnectionState,
      `${connectionId} is ${connectionStateName(connection.state)}, expected ${connectionStateName(expected)}`,
      { connectionId, state: connectionStateName(connection.state) },
    );
  }
}

/** The prefix this chain's own state is proven under, as the counterparty must have recorded it. */
function selfPrefix() {
  return { keyPrefix: commitmentPrefixBytes() };
}

export function connOpenInit(ctx: IbcContext, clients: ClientKeeper, msg: MsgConnectionOpenInit): string {
  validateClientId(msg.clientId);
  if (msg.counterparty.connectionId !== "") {
    throw ibcError(ConnectionErrors.InvalidCounterparty, "counterparty connection identifier must be empty");
  }
  if (msg.version !== undefined) validateVersion(msg.version);
  validateCounterparty(msg.counterparty);

  let versions = compatibleVersions();
  if (msg.version !== undefined) {
    if (!isSupportedVersion(compatibleVersions(), msg.version)) {
      throw ibcError(ConnectionErrors.InvalidVersion, "version is not supported", { version: msg.version });
    }
    versions = [msg.version];
  }
  clients.requireActive(ctx, msg.clientId, "open a connection");
  const connectionId = generateConnectionId(ctx);
  addConnectionToClient(ctx, msg.clientId, connectionId);
  setConnection(ctx, connectionId, {
    clientId: msg.clientId,
    versions,
    state: State.STATE_INIT,
    counterparty: msg.counterparty,
    delayPeriod: msg.delayPeriod,
  });
  ctx.emit(...connectionEvents("connection_open_init", connectionId, msg.clientId, msg.counterparty));
  return connectionId;
}

export function connOpenTry(ctx: IbcContext, clients: ClientKeeper, msg: MsgConnectionOpenTry): string {
  validateClientId(msg.clientId);
  validateConnectionId(msg.counterparty.connectionId);
  if (msg.counterpartyVersions.length === 0) {
    throw ibcError(ConnectionErrors.InvalidVersion, "empty counterparty versions");
  }
  if (msg.counterpartyVersions.length > MAX_COUNTERPARTY_VERSIONS) {
    throw ibcError(
      ConnectionErrors.InvalidVersion,
      `counterparty versions must not exceed ${MAX_COUNTERPARTY_VERSIONS} items`,
    );
  }
  msg.counterpartyVersions.forEach((v: Version) => validateVersion(v));
  requireProof(msg.proofInit, "proof init");
  validateCounterparty(msg.counterparty);

  const connectionId = generateConnectionId(ctx);
  // What A must have stored on ConnOpenInit: its end, pointing at this chain's client id and prefix.
  const expected: ConnectionEnd = {
    state: State.STATE_INIT,
    clientId: msg.counterparty.clientId,
    counterparty: { clientId: msg.clientId, connectionId: "", prefix: selfPrefix() },
    versions: msg.counterpartyVersions,
    delayPeriod: msg.delayPeriod,
  };
  const version = pickVersion(compatibleVersions(), msg.counterpartyVersions);
  const connection: ConnectionEnd = {
    state: State.STATE_TRYOPEN,
    clientId: msg.clientId,
    counterparty: msg.counterparty,
    versions: [version],
    delayPeriod: msg.delayPeriod,
  };
  verifyConnectionState(
    ctx,
    clients,
    connection,
    msg.proofHeight,
    msg.proofInit,
    msg.counterparty.connectionId,
    expected,
  );
  if (!clients.exists(ctx, msg.clientId)) {
    throw ibcError(ClientErrors.ClientNotFound, `client ${msg.clientId} not found`, { clientId: msg.clientId });
  }
  addConnectionToClient(ctx, msg.clientId, connectionId);
  setConnection(ctx, connectionId, connection);
  ctx.emit(...connectionEvents("connection_open_try", connectionId, msg.clientId, msg.counterparty));
  return connectionId;
}

export function connOpenAck(ctx: IbcContext, clients: ClientKeeper, msg: MsgConnectionOpenAck): void {
  validateOwnConnectionId(msg.connectionId);
  validateConnectionId(msg.counterpartyConnectionId);
  validateVersion(msg.version);
  requireProof(msg.proofTry, "proof try");

  const connection = mustGetConnection(ctx, msg.connectionId);
  requireState(msg.connectionId, connection, State.STATE_INIT);
  if (!isSupportedVersion(connection.versions, msg.version)) {
    throw ibcError(
      ConnectionErrors.InvalidConnectionState,
      `the counterparty selected version ${JSON.stringify(msg.version)} is not supported by versions selected on INIT`,
    );
  }
  const expected: ConnectionEnd = {
    state: State.STATE_TRYOPEN,
    clientId: connection.counterparty.clientId,
    counterparty: { clientId: connection.clientId, connectionId: msg.connectionId, prefix: selfPrefix() },
    versions: [msg.version],
    delayPeriod: connection.delayPeriod,
  };
  verifyConnectionState(
    ctx,
    clients,
    connection,
    msg.proofHeight,
    msg.proofTry,
    msg.counterpartyConnectionId,
    expected,
  );

  const opened: ConnectionEnd = {
    ...connection,
    state: State.STATE_OPEN,
    versions: [msg.version],
    counterparty: { ...connection.counterparty, connectionId: msg.counterpartyConnectionId },
  };
  setConnection(ctx, msg.connectionId, opened);
  ctx.emit(...connectionEvents("connection_open_ack", msg.connectionId, opened.clientId, opened.counterparty));
}

export function connOpenConfirm(ctx: IbcContext, clients: ClientKeeper, msg: MsgConnectionOpenConfirm): void {
  validateOwnConnectionId(msg.connectionId);
  requireProof(msg.proofAck, "proof ack");

  const connection = mustGetConnection(ctx, msg.connectionId);
  requireState(msg.connectionId, connection, State.STATE_TRYOPEN);
  const expected: ConnectionEnd = {
    state: State.STATE_OPEN,
    clientId: connection.counterparty.clientId,
    counterparty: { clientId: connection.clientId, connectionId: msg.connectionId, prefix: selfPrefix() },
    versions: connection.versions,
    delayPeriod: connection.delayPeriod,
  };
  verifyConnectionState(
    ctx,
    clients,
    connection,
    msg.proofHeight,
    msg.proofAck,
    connection.counterparty.connectionId,
    expected,
  );
  const opened: ConnectionEnd = { ...connection, state: State.STATE_OPEN };
  setConnection(ctx, msg.connectionId, opened);
  ctx.emit(...connectionEvents("connection_open_confirm", msg.connectionId, opened.clientId, opened.counterparty));
}
