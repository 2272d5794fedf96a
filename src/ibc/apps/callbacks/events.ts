import { event, type IbcEvent } from "../../events.js";
import { type CallbackData, type CallbackType, MODULE_NAME } from "./types.js";

export const SOURCE_CALLBACK_EVENT = "ibc_src_callback";
export const DESTINATION_CALLBACK_EVENT = "ibc_dest_callback";

/**
 * ibc-go EmitCallbackEvent: `ibc_src_callback` for send/ack/timeout callbacks, `ibc_dest_callback` for receive,
 * with the callback's address, gas limits, sequence, base application version and result (and error).
 */
export function callbackEvent(
  portId: string,
  channelId: string,
  sequence: bigint,
  type: CallbackType,
  data: CallbackData,
  error?: Error,
): IbcEvent {
  const attributes: [string, string][] = [
    ["module", MODULE_NAME],
    ["callback_type", type],
    ["callback_address", data.callbackAddress],
    ["callback_exec_gas_limit", data.executionGasLimit.toString()],
    ["callback_commit_gas_limit", data.commitGasLimit.toString()],
    ["packet_sequence", sequence.toString()],
    ["callback_base_application_version", data.applicationVersion],
  ];
  if (error === undefined) attributes.push(["callback_result", "success"]);
  else attributes.push(["callback_error", error.message], ["callback_result", "failure"]);
  if (type === "receive_packet") {
    attributes.push(["packet_dest_port", portId], ["packet_dest_channel", channelId]);
    return event(DESTINATION_CALLBACK_EVENT, attributes);
  }
  attributes.push(["packet_src_port", portId], ["packet_src_channel", channelId]);
  return event(SOURCE_CALLBACK_EVENT, attributes);
}
