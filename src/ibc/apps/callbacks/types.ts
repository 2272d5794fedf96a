import { ibcError, IbcError, kinds } from "../../errors.js";
import type { PacketDataProvider } from "../../port/module.js";

/**
 * ADR-8 callbacks data (ibc-go modules/apps/callbacks/types: callbacks.go, keys.go, errors.go). A packet opts in
 * through its application's custom data — for ICS-20 the memo as a JSON object:
 *
 *   {"src_callback": {"address": "<addr>", "gas_limit"?: "<uint64 as a string>", "calldata"?: "<hex>"},
 *    "dest_callback": {…the same…}}
 *
 * A key whose value is not a JSON object means no callback. An object with a malformed address, gas limit or
 * calldata is a callback packet with invalid data (the send is refused, the receive error-acknowledged).
 */

export const MODULE_NAME = "ibccallbacks";
export const SOURCE_CALLBACK_KEY = "src_callback";
export const DESTINATION_CALLBACK_KEY = "dest_callback";

export type CallbackType = "send_packet" | "acknowledgement_packet" | "timeout_packet" | "receive_packet";

/** Errors of the `ibccallbacks` codespace (ibc-go apps/callbacks/types/errors.go). */
export const CallbackErrors = kinds(MODULE_NAME, {
  CannotUnmarshalPacketData: [2, "cannot unmarshal packet data"],
  NotPacketDataProvider: [3, "packet is not a PacketDataProvider"],
  CallbackKeyNotFound: [4, "callback key not found in packet data"],
  CallbackAddressNotFound: [5, "callback address not found in packet data"],
  CallbackOutOfGas: [6, "callback out of gas"],
  CallbackPanic: [7, "callback panic"],
  InvalidCallbackData: [8, "invalid callback data"],
});

export interface CallbackData {
  callbackAddress: string;
  /** Gas the callback runs with: min(gas left in the context, commitGasLimit). */
  executionGasLimit: bigint;
  /** The packet's sender (source callbacks only; "" for destination callbacks). */
  senderAddress: string;
  /** Gas the callback may use at most: the user's gas_limit, or the maximum when unset, zero or above it. */
  commitGasLimit: bigint;
  /** The channel's application version. */
  applicationVersion: string;
  calldata: Uint8Array | undefined;
}

/** Out of gas below the commit limit: the relayer gave too little gas, so the tx fails and may be retried. */
export function allowRetry(data: CallbackData): boolean {
  return data.executionGasLimit < data.commitGasLimit;
}

/** An error with Go's errorsmod.Wrap text, "<desc>: <kind description>". */
function invalidCallbackData(desc?: string): IbcError {
  const kind = CallbackErrors.InvalidCallbackData;
  return ibcError(kind, desc === undefined ? kind.description : `${desc}: ${kind.description}`);
}

export type CallbackDataResult =
  | { isCallbackPacket: false }
  | { isCallbackPacket: true; data: CallbackData }
  | { isCallbackPacket: true; error: IbcError };

/** ibc-go GetCallbackData: the callback `key` asks for, if any, and whether its data is well formed. */
export function getCallbackData(
  packetData: PacketDataProvider,
  version: string,
  sourcePortId: string,
  remainingGas: bigint,
  maxGas: bigint,
  key: typeof SOURCE_CALLBACK_KEY | typeof DESTINATION_CALLBACK_KEY,
): CallbackDataResult {
  const raw = packetData.customPacketData(key);
  if (raw === undefined || raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return { isCallbackPacket: false };
  }
  const callback = raw as Record<string, unknown>;
  const address = callback.address;
  if (typeof address !== "string" || address.trim() === "") {
    return { isCallbackPacket: true, error: invalidCallbackData() };
  }
  const senderAddress = key === SOURCE_CALLBACK_KEY ? packetData.packetSender(sourcePortId) : "";
  try {
    let commitGasLimit = userGasLimit(callback);
    if (commitGasLimit === 0n || commitGasLimit > maxGas) commitGasLimit = maxGas;
    const executionGasLimit = remainingGas < commitGasLimit ? remainingGas : commitGasLimit;
    return {
      isCallbackPacket: true,
      data: {
        callbackAddress: address,
        executionGasLimit,
        senderAddress,
        commitGasLimit,
        applicationVersion: version,
        calldata: calldataOf(callback),
      },
    };
  } catch (error) {
    if (error instanceof IbcError) return { isCallbackPacket: true, error };
    throw error;
  }
}

const MAX_UINT64 = (1n << 64n) - 1n;

/** `gas_limit`: a decimal uint64 in a string (a JSON number is refused); absent or "" is 0. */
function userGasLimit(callback: Record<string, unknown>): bigint {
  if (!Object.prototype.hasOwnProperty.call(callback, "gas_limit")) return 0n;
  const value = callback.gas_limit;
  if (typeof value !== "string") throw invalidCallbackData(`gas limit [${goValue(value)}] must be a string`);
  if (value === "") return 0n;
  if (!/^[0-9]+$/.test(value)) {
    throw invalidCallbackData(
      `gas limit must be a valid uint64: strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`,
    );
  }
  const gas = BigInt(value);
  if (gas > MAX_UINT64) {
    throw invalidCallbackData(
      `gas limit must be a valid uint64: strconv.ParseUint: parsing ${JSON.stringify(value)}: value out of range`,
    );
  }
  return gas;
}

/** `calldata`: hex in a string; absent or "" is none. */
function calldataOf(callback: Record<string, unknown>): Uint8Array | undefined {
  if (!Object.prototype.hasOwnProperty.call(callback, "calldata")) return undefined;
  const value = callback.calldata;
  if (typeof value !== "string") throw invalidCallbackData("calldata must be a string");
  if (value === "") return undefined;
  const bad = [...value].findIndex((c) => !/[0-9a-fA-F]/.test(c));
  if (bad >= 0 || value.length % 2 === 1) {
    const why =
      bad >= 0
        ? `encoding/hex: invalid byte: U+${value.codePointAt(bad)!.toString(16).toUpperCase().padStart(4, "0")} '${value[bad]}'`
        : "encoding/hex: odd length hex string";
    throw invalidCallbackData(`calldata must be a valid hex string: ${why}`);
  }
  return Uint8Array.from(Buffer.from(value, "hex"));
}

/** Roughly Go's %v for a JSON value decoded into `any` (numbers are float64, objects maps). */
function goValue(value: unknown): string {
  if (value === null) return "<nil>";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
