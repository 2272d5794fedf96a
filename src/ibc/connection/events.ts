import { event, moduleEvent, type IbcEvent } from "../events.js";

/** 03-connection events with ibc-go's types and attributes (03-connection/keeper/events.go). */
const CATEGORY = "ibc_connection";

export type ConnectionEventType =
  "connection_open_init" | "connection_open_try" | "connection_open_ack" | "connection_open_confirm";

/**
 * Init carries no counterparty connection id (it is not known yet); the other steps do.
 */
export function connectionEvents(
  type: ConnectionEventType,
  connectionId: string,
  clientId: string,
  counterparty: { clientId: string; connectionId: string },
): IbcEvent[] {
  const attributes: [string, string][] = [
    ["connection_id", connectionId],
    ["client_id", clientId],
    ["counterparty_client_id", counterparty.clientId],
  ];
  if (type !== "connection_open_init") attributes.push(["counterparty_connection_id", counterparty.connectionId]);
  return [event(type, attributes), moduleEvent(CATEGORY)];
}
