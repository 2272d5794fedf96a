import { kinds } from "../errors.js";

/** 03-connection (codespace `connection`). */
export const ConnectionErrors = kinds("connection", {
  ConnectionExists: [2, "connection already exists"],
  ConnectionNotFound: [3, "connection not found"],
  ClientConnectionPathsNotFound: [4, "light client connection paths not found"],
  ConnectionPath: [5, "connection path is not associated to the given light client"],
  InvalidConnectionState: [6, "invalid connection state"],
  InvalidCounterparty: [7, "invalid counterparty connection"],
  InvalidConnection: [8, "invalid connection"],
  InvalidVersion: [9, "invalid connection version"],
  VersionNegotiationFailed: [10, "connection version negotiation failed"],
  InvalidConnectionIdentifier: [11, "invalid connection identifier"],
});
