import { sha256 } from "../../crypto/index.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { AuthInfo, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { sdkErrors } from "../errors.js";
import type { MsgRouter, RoutedMsg } from "../router.js";

/** A transaction as the node reads it: the raw parts (signatures are over these exact bytes) and what they say. */
export interface DecodedTx {
  bytes: Uint8Array;
  /** sha256 of the bytes, as CometBFT names txs (upper-case hex). */
  hash: string;
  raw: TxRaw;
  body: TxBody;
  authInfo: AuthInfo;
  msgs: RoutedMsg[];
}

/** Field numbers each message may carry; anything else is refused (the SDK's RejectUnknownFields). */
const TX_RAW_FIELDS = new Set([1, 2, 3]);
/** messages, memo, timeout_height, unordered, timeout_timestamp, extension options (critical / non-critical). */
const TX_BODY_FIELDS = new Set([1, 2, 3, 4, 5, 1023, 2047]);
const AUTH_INFO_FIELDS = new Set([1, 2, 3]);

/**
 * Decodes TxRaw bytes (the Cosmos SDK wire format): every part must be well-formed protobuf with known fields, every
 * message a registered type. Failures are ABCI `sdk/2 tx parse error`.
 */
export function decodeTx(bytes: Uint8Array, router: MsgRouter): DecodedTx {
  const hash = txHash(bytes);
  if (bytes.length === 0) throw sdkErrors.txDecode.wrap("tx bytes are empty");
  const raw = decodePart("TxRaw", bytes, TX_RAW_FIELDS, () => TxRaw.decode(bytes));
  const body = decodePart("TxBody", raw.bodyBytes, TX_BODY_FIELDS, () => TxBody.decode(raw.bodyBytes));
  const authInfo = decodePart("AuthInfo", raw.authInfoBytes, AUTH_INFO_FIELDS, () =>
    AuthInfo.decode(raw.authInfoBytes),
  );
  const msgs = body.messages.map((any) => router.decode(any));
  return { bytes, hash, raw, body, authInfo, msgs };
}

export function txHash(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes)).toUpperCase();
}

function decodePart<T>(what: string, bytes: Uint8Array, allowed: ReadonlySet<number>, decode: () => T): T {
  checkWireFormat(what, bytes, allowed);
  try {
    return decode();
  } catch (err) {
    throw sdkErrors.txDecode.wrap(`${what}: ${(err as Error).message}`);
  }
}

/** Walks the top-level fields of a protobuf message: well-formed, and only the allowed field numbers. */
function checkWireFormat(what: string, bytes: Uint8Array, allowed: ReadonlySet<number>): void {
  let at = 0;
  const fail = (problem: string): never => {
    throw sdkErrors.txDecode.wrap(`${what}: ${problem}`);
  };
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (at >= bytes.length) fail("truncated varint");
      const b = bytes[at++];
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
    }
    return fail("varint too long");
  };
  while (at < bytes.length) {
    const tag = varint();
    const field = Number(tag >> 3n);
    const wireType = Number(tag & 7n);
    if (field === 0) fail("field number 0");
    if (!allowed.has(field)) fail(`unknown field ${field}`);
    switch (wireType) {
      case 0:
        varint();
        break;
      case 1:
        at += 8;
        break;
      case 2: {
        const length = varint();
        if (length > BigInt(bytes.length - at)) fail(`field ${field} is longer than the message`);
        at += Number(length);
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        fail(`unsupported wire type ${wireType} in field ${field}`);
    }
    if (at > bytes.length) fail(`field ${field} is truncated`);
  }
}
