import type { Any } from "cosmjs-types/google/protobuf/any";
import {
  MsgAcknowledgementResponse,
  MsgRecvPacketResponse,
  MsgTimeoutOnCloseResponse,
  MsgTimeoutResponse,
  ResponseResultType,
} from "cosmjs-types/ibc/core/channel/v1/tx";
import { encodeIbcMessage, type IbcMessage } from "../ibc/messages.js";
import type { ChainEndpoint, MessageResult } from "./chain.js";
import { RelayerError } from "./errors.js";

/** The Any a transaction carries for a decoded IBC message. */
export function toAny(message: IbcMessage): Any {
  return { typeUrl: message.typeUrl, value: encodeIbcMessage(message) };
}

/** Submits one message as its own transaction (handshake steps, client creation); throws when it fails. */
export async function submitOne(host: ChainEndpoint, message: Any, what: string): Promise<MessageResult> {
  const result = await host.submit([message]);
  if (!result.committed) {
    throw new RelayerError(
      "relayer.handshake_failed",
      `${host.chainId} refused to ${what}: [${result.error.code}] ${result.error.message}`,
      { chainId: host.chainId, typeUrl: message.typeUrl, error: result.error },
    );
  }
  return result.messages[0]!;
}

const PACKET_RESPONSES: Record<string, { decode(bytes: Uint8Array): { result: ResponseResultType } }> = {
  "/ibc.core.channel.v1.MsgRecvPacketResponse": MsgRecvPacketResponse,
  "/ibc.core.channel.v1.MsgAcknowledgementResponse": MsgAcknowledgementResponse,
  "/ibc.core.channel.v1.MsgTimeoutResponse": MsgTimeoutResponse,
  "/ibc.core.channel.v1.MsgTimeoutOnCloseResponse": MsgTimeoutOnCloseResponse,
};

/** A packet message the chain found redundant (already relayed): it changed nothing. */
export function isNoop(result: MessageResult): boolean {
  const codec = PACKET_RESPONSES[result.response.typeUrl];
  return (
    codec !== undefined && codec.decode(result.response.value).result === ResponseResultType.RESPONSE_RESULT_TYPE_NOOP
  );
}
