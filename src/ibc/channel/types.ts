import { type Channel, Order, type Packet, State } from "cosmjs-types/ibc/core/channel/v1/channel";

/**
 * Channel ends and packets are cosmjs-types' protobuf types (ibc.core.channel.v1), the exact shapes ibc-go stores,
 * proves and puts in messages. This file adds ibc-go's enum names, which events and errors print.
 */
export { Order, State };
export type { Channel, Packet };

/** ibc-go's Order.String(): "ORDER_ORDERED", "ORDER_UNORDERED", "ORDER_NONE_UNSPECIFIED". */
export function orderName(order: Order): string {
  switch (order) {
    case Order.ORDER_ORDERED:
      return "ORDER_ORDERED";
    case Order.ORDER_UNORDERED:
      return "ORDER_UNORDERED";
    default:
      return "ORDER_NONE_UNSPECIFIED";
  }
}

/** ibc-go's State.String() ("STATE_OPEN", …); messages print the short form ("OPEN") via `stateLabel`. */
export function stateName(state: State): string {
  switch (state) {
    case State.STATE_INIT:
      return "STATE_INIT";
    case State.STATE_TRYOPEN:
      return "STATE_TRYOPEN";
    case State.STATE_OPEN:
      return "STATE_OPEN";
    case State.STATE_CLOSED:
      return "STATE_CLOSED";
    default:
      return "STATE_UNINITIALIZED_UNSPECIFIED";
  }
}

/** "OPEN", "CLOSED", … for human-readable errors ("channel-3 is CLOSED; packet 17 refused"). */
export function stateLabel(state: State): string {
  return stateName(state)
    .replace(/^STATE_/, "")
    .replace("_UNSPECIFIED", "");
}
