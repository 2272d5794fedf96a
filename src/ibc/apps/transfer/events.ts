import { event, moduleEvent, type IbcEvent } from "../../events.js";
import { goJsonString } from "../../json.js";
import type { ParsedAcknowledgement } from "../../channel/acknowledgement.js";
import { type Denom, denomHash, denomJson, denomPath } from "./denom.js";
import { toHex } from "../../bytes.js";

/** ICS-20 events with ibc-go's types and attributes (apps/transfer/internal/events). */
const MODULE = "transfer";

export interface TokenInfo {
  sender: string;
  receiver: string;
  denom: Denom;
  amount: string;
  memo: string;
}

export function transferEvents(t: TokenInfo): IbcEvent[] {
  return [
    event("ibc_transfer", [
      ["sender", t.sender],
      ["receiver", t.receiver],
      ["denom", denomPath(t.denom)],
      ["amount", t.amount],
      ["memo", t.memo],
    ]),
    moduleEvent(MODULE),
  ];
}

export function recvEvents(t: TokenInfo, success: boolean, error?: string): IbcEvent[] {
  const attributes: [string, string][] = [
    ["sender", t.sender],
    ["receiver", t.receiver],
    ["denom", denomPath(t.denom)],
    ["amount", t.amount],
    ["memo", t.memo],
    ["success", String(success)],
  ];
  if (error !== undefined) attributes.push(["error", error]);
  return [event("fungible_token_packet", attributes), moduleEvent(MODULE)];
}

/** `denomination`: a voucher denom seen for the first time on this chain. */
export function denomEvent(denom: Denom): IbcEvent {
  return event("denomination", [
    ["denom_hash", toHex(denomHash(denom)).toUpperCase()],
    ["denom", denomJson(denom)],
  ]);
}

// Go's proto text format string escaping (gogoproto CompactTextString), used by ibc-go's ack.String().
function protoTextBytes(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x0a) out += "\\n";
    else if (b === 0x0d) out += "\\r";
    else if (b === 0x09) out += "\\t";
    else if (b === 0x22) out += '\\"';
    else if (b === 0x5c) out += "\\\\";
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += "\\" + b.toString(8).padStart(3, "0");
  }
  return out + '"';
}

/** ibc-go's `ack.String()` of the standard acknowledgement, e.g. `result:"\001" `. */
export function acknowledgementText(ack: ParsedAcknowledgement): string {
  if (ack.result !== undefined) return `result:${protoTextBytes(ack.result)} `;
  if (ack.error !== undefined) return `error:${protoTextBytes(new TextEncoder().encode(ack.error))} `;
  return "";
}

export function ackEvents(t: TokenInfo, ack: ParsedAcknowledgement): IbcEvent[] {
  const outcome =
    ack.result !== undefined
      ? event("fungible_token_packet", [["success", Buffer.from(ack.result).toString("latin1")]])
      : event("fungible_token_packet", [["error", ack.error ?? ""]]);
  return [
    event("fungible_token_packet", [
      ["sender", t.sender],
      ["receiver", t.receiver],
      ["denom", denomPath(t.denom)],
      ["amount", t.amount],
      ["memo", t.memo],
      ["acknowledgement", acknowledgementText(ack)],
    ]),
    moduleEvent(MODULE),
    outcome,
  ];
}

/** `timeout`: the refund receiver is the original sender; refund_tokens is the token as JSON. */
export function timeoutEvents(t: TokenInfo): IbcEvent[] {
  const tokenJson = `{"denom":${denomJson(t.denom)}${t.amount === "" ? "" : `,"amount":${goJsonString(t.amount)}`}}`;
  return [
    event("timeout", [
      ["receiver", t.sender],
      ["refund_tokens", tokenJson],
      ["memo", t.memo],
    ]),
    moduleEvent(MODULE),
  ];
}
