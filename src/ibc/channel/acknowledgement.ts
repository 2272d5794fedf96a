import { bytesEqual, fromUtf8, toBase64, utf8 } from "../bytes.js";
import { ibcError } from "../errors.js";
import { goJsonObject } from "../json.js";
import { ChannelErrors } from "./errors.js";

/**
 * Acknowledgements. Core IBC treats an ack as opaque bytes (a contract may return anything), but applications
 * usually use ICS-04's standard envelope, ibc-go's Acknowledgement in protobuf JSON: `{"result":"<base64>"}` or
 * `{"error":"<text>"}`. What an application returns from OnRecvPacket is the bytes plus whether it succeeded: the
 * core keeps the callback's state changes only for successful (or asynchronous) acknowledgements.
 */
export interface Acknowledgement {
  readonly success: boolean;
  readonly bytes: Uint8Array;
}

/** ibc-go NewResultAcknowledgement: `{"result":"<base64 of result>"}`; ICS-20 uses result = [1] → "AQ==". */
export function resultAcknowledgement(result: Uint8Array): Acknowledgement {
  return { success: true, bytes: utf8(goJsonObject([["result", toBase64(result)]])) };
}

/** `{"error":"<message>"}` (ICS-04's error envelope; cw20-ics20 and wasmd write the contract's message). */
export function errorAcknowledgement(message: string): Acknowledgement {
  return { success: false, bytes: utf8(goJsonObject([["error", message]])) };
}

/**
 * ibc-go NewErrorAcknowledgement: only the ABCI code is deterministic across nodes, so the text is fixed:
 * "ABCI code: <code>: error handling packet: see events for details".
 */
export function abciErrorAcknowledgement(abciCode: number): Acknowledgement {
  return errorAcknowledgement(`ABCI code: ${abciCode}: error handling packet: see events for details`);
}

export interface ParsedAcknowledgement {
  result?: Uint8Array;
  error?: string;
}

const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const URL_BASE64 = /^(?:[A-Za-z0-9\-_]{4})*(?:[A-Za-z0-9\-_]{2}==|[A-Za-z0-9\-_]{3}=)?$/;

/**
 * Reads bytes as ibc-go's Acknowledgement JSON (protojson: only `result` (base64) and `error` (string), at most one
 * of them); undefined when they are not one, e.g. a contract's raw ack.
 */
export function parseAcknowledgement(bytes: Uint8Array): ParsedAcknowledgement | undefined {
  const text = fromUtf8(bytes);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  const parsed: ParsedAcknowledgement = {};
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    if (value === null) continue;
    if (key === "result" && typeof value === "string" && (STD_BASE64.test(value) || URL_BASE64.test(value))) {
      parsed.result = new Uint8Array(Buffer.from(value, STD_BASE64.test(value) ? "base64" : "base64url"));
    } else if (key === "error" && typeof value === "string") parsed.error = value;
    else return undefined;
  }
  if (parsed.result !== undefined && parsed.error !== undefined) return undefined;
  return parsed;
}

/** The canonical bytes ibc-go would marshal a parsed acknowledgement to. */
export function canonicalAcknowledgement(ack: ParsedAcknowledgement): Uint8Array {
  if (ack.result !== undefined) return resultAcknowledgement(ack.result).bytes;
  if (ack.error !== undefined) return errorAcknowledgement(ack.error).bytes;
  return utf8("{}");
}

/**
 * ibc-go AcknowledgePacket: bytes that parse as a standard acknowledgement must be in its canonical encoding, so
 * one acknowledgement has one commitment. Other bytes (application-specific acks) pass untouched.
 */
export function checkAcknowledgementEncoding(bytes: Uint8Array): void {
  const parsed = parseAcknowledgement(bytes);
  if (parsed !== undefined && !bytesEqual(canonicalAcknowledgement(parsed), bytes)) {
    throw ibcError(
      ChannelErrors.InvalidAcknowledgement,
      "acknowledgement marshalling error: not in canonical JSON form",
    );
  }
}
