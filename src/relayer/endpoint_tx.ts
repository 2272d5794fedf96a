import {
  MsgInstantiateContract,
  MsgInstantiateContractResponse,
  MsgStoreCode,
  MsgStoreCodeResponse,
} from "cosmjs-types/cosmwasm/wasm/v1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { ChainEndpoint, MessageResult } from "./chain.js";
import { RelayerError } from "./errors.js";

/**
 * Driving a chain through its ChainEndpoint with ordinary txs of the endpoint's signer (deploying the contracts a
 * channel needs, sending tokens): what the showcase and the IBC benchmark do before and between relayer passes.
 */

/** A protobuf message as an Any, from a cosmjs-types codec. */
export function anyOf<T>(type: { typeUrl: string; encode(message: T): { finish(): Uint8Array } }, value: T): Any {
  return { typeUrl: type.typeUrl, value: type.encode(value).finish() };
}

export const jsonBytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

/** Executes `messages` as one tx of the endpoint's signer; a tx that did not commit is an error naming the chain. */
export async function submitOrThrow(endpoint: ChainEndpoint, messages: Any[]): Promise<MessageResult[]> {
  const result = await endpoint.submit(messages);
  if (!result.committed) {
    throw new RelayerError(
      "relayer.tx_failed",
      `${endpoint.chainId}: tx failed: ${result.error.code}: ${result.error.message}`,
      {
        chainId: endpoint.chainId,
        error: result.error,
      },
    );
  }
  return result.messages;
}

/** Stores `wasm` and instantiates it (no admin, no funds); returns the contract address. */
export async function storeAndInstantiate(
  endpoint: ChainEndpoint,
  wasm: Uint8Array,
  msg: unknown,
  label: string,
): Promise<string> {
  const [stored] = await submitOrThrow(endpoint, [
    anyOf(MsgStoreCode, MsgStoreCode.fromPartial({ sender: endpoint.signer, wasmByteCode: wasm })),
  ]);
  const { codeId } = MsgStoreCodeResponse.decode(stored!.response.value);
  const [instantiated] = await submitOrThrow(endpoint, [
    anyOf(
      MsgInstantiateContract,
      MsgInstantiateContract.fromPartial({ sender: endpoint.signer, codeId, label, msg: jsonBytes(msg), funds: [] }),
    ),
  ]);
  return MsgInstantiateContractResponse.decode(instantiated!.response.value).address;
}
