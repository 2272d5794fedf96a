import { ClientPaths, ConnectionEnd, State } from "cosmjs-types/ibc/core/connection/v1/connection";
import type { IbcContext } from "../context.js";
import { ibcError } from "../errors.js";
import { formatConnectionId } from "../host/identifiers.js";
import { clientConnectionsPath, connectionPath, NEXT_CONNECTION_SEQUENCE_PATH } from "../host/paths.js";
import { ConnectionErrors } from "./errors.js";

/** Connection ends in the IBC store: protobuf ConnectionEnd at connections/{id}, as ibc-go stores and proves them. */
export { ConnectionEnd, State as ConnectionState };

export function getConnection(ctx: IbcContext, connectionId: string): ConnectionEnd | undefined {
  const bytes = ctx.ibc.get(connectionPath(connectionId));
  return bytes === undefined ? undefined : ConnectionEnd.decode(bytes);
}

export function mustGetConnection(ctx: IbcContext, connectionId: string): ConnectionEnd {
  const connection = getConnection(ctx, connectionId);
  if (connection === undefined) {
    throw ibcError(ConnectionErrors.ConnectionNotFound, `connection ${connectionId} not found`, { connectionId });
  }
  return connection;
}

export function setConnection(ctx: IbcContext, connectionId: string, connection: ConnectionEnd): void {
  ctx.ibc.set(connectionPath(connectionId), encodeConnection(connection));
}

export function encodeConnection(connection: ConnectionEnd): Uint8Array {
  return ConnectionEnd.encode(connection).finish();
}

export function generateConnectionId(ctx: IbcContext): string {
  const sequence = ctx.ibc.getUint64(NEXT_CONNECTION_SEQUENCE_PATH) ?? 0n;
  ctx.ibc.setUint64(NEXT_CONNECTION_SEQUENCE_PATH, sequence + 1n);
  return formatConnectionId(sequence);
}

/** Records that `connectionId` runs over `clientId` (clients/{id}/connections, a ClientPaths). */
export function addConnectionToClient(ctx: IbcContext, clientId: string, connectionId: string): void {
  const path = clientConnectionsPath(clientId);
  const bytes = ctx.ibc.get(path);
  const paths = bytes === undefined ? [] : ClientPaths.decode(bytes).paths;
  ctx.ibc.set(path, ClientPaths.encode({ paths: [...paths, connectionId] }).finish());
}

export function clientConnections(ctx: IbcContext, clientId: string): string[] {
  const bytes = ctx.ibc.get(clientConnectionsPath(clientId));
  return bytes === undefined ? [] : ClientPaths.decode(bytes).paths;
}

/** ibc-go's state names (ConnectionEnd.State.String()). */
export function connectionStateName(state: State): string {
  switch (state) {
    case State.STATE_INIT:
      return "STATE_INIT";
    case State.STATE_TRYOPEN:
      return "STATE_TRYOPEN";
    case State.STATE_OPEN:
      return "STATE_OPEN";
    default:
      return "STATE_UNINITIALIZED_UNSPECIFIED";
  }
}
