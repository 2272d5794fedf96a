import { event, moduleEvent, type IbcEvent } from "../events.js";
import { formatHeight, type Height } from "./height.js";

/** 02-client events with ibc-go's types and attributes (02-client/keeper/events.go). */
const CATEGORY = "ibc_client";

export function createClientEvents(clientId: string, clientType: string, initialHeight: Height): IbcEvent[] {
  return [
    event("create_client", [
      ["client_id", clientId],
      ["client_type", clientType],
      ["consensus_height", formatHeight(initialHeight)],
    ]),
    moduleEvent(CATEGORY),
  ];
}

export function updateClientEvents(clientId: string, clientType: string, heights: Height[]): IbcEvent[] {
  return [
    event("update_client", [
      ["client_id", clientId],
      ["client_type", clientType],
      // Deprecated in ibc-go in favour of consensus_heights, still emitted.
      ["consensus_height", heights.length > 0 ? formatHeight(heights[0]!) : ""],
      ["consensus_heights", heights.map(formatHeight).join(",")],
    ]),
    moduleEvent(CATEGORY),
  ];
}

export function clientMisbehaviourEvents(clientId: string, clientType: string): IbcEvent[] {
  return [
    event("client_misbehaviour", [
      ["client_id", clientId],
      ["client_type", clientType],
    ]),
    moduleEvent(CATEGORY),
  ];
}
