import { fromUtf8, utf8 } from "../../bytes.js";
import { CoreErrors, ibcError } from "../../errors.js";
import { goJsonObject } from "../../json.js";
import { type Denom, extractDenomFromPath, validateDenom } from "./denom.js";
import { TransferErrors } from "./errors.js";

/**
 * ICS-20 packet data, `ics20-1` JSON (ibc-go apps/transfer/types/packet.go). The bytes we send are ibc-go v7/v8's
 * GetBytes: keys sorted (amount, denom, memo, receiver, sender), empty fields omitted, strings escaped as Go does —
 * the same keys cw20-ics20 reads and writes. Reading accepts any key order and ignores unknown keys, as Go's
 * json.Unmarshal does.
 */
export interface FungibleTokenPacketData {
  denom: string;
  amount: string;
  sender: string;
  receiver: string;
  memo: string;
}

export const ICS20_VERSION = "ics20-1";
export const MAX_MEMO_LENGTH = 32768;
export const MAX_RECEIVER_LENGTH = 2048;

export function encodePacketData(data: FungibleTokenPacketData): Uint8Array {
  const entries: [string, string][] = [
    ["amount", data.amount],
    ["denom", data.denom],
    ["memo", data.memo],
    ["receiver", data.receiver],
    ["sender", data.sender],
  ];
  return utf8(goJsonObject(entries.filter(([, value]) => value !== "")));
}

const FIELDS = ["denom", "amount", "sender", "receiver", "memo"] as const;

/** Parses packet bytes; CoreErrors.InvalidType when they are not ICS-20 JSON (the ack then carries ABCI code 12). */
export function decodePacketData(bytes: Uint8Array): FungibleTokenPacketData {
  const invalid = (why: string) =>
    ibcError(CoreErrors.InvalidType, `cannot unmarshal ICS20-V1 transfer packet data: ${why}`);
  const text = fromUtf8(bytes);
  if (text === undefined) throw invalid("not UTF-8");
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid((error as Error).message);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw invalid("not a JSON object");
  const data: FungibleTokenPacketData = { denom: "", amount: "", sender: "", receiver: "", memo: "" };
  for (const [key, value] of Object.entries(json as Record<string, unknown>)) {
    // Go matches struct fields exactly first, else case-insensitively.
    const field = FIELDS.find((f) => f === key) ?? FIELDS.find((f) => f === key.toLowerCase());
    if (field === undefined || value === null) continue;
    if (typeof value !== "string") throw invalid(`${key} must be a string`);
    data[field] = value;
  }
  return data;
}

/** ibc-go's math.Int parsing: a signed decimal integer of at most 256 bits; undefined otherwise. */
export function parseAmount(amount: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(amount)) return undefined;
  const value = BigInt(amount);
  const magnitude = value < 0n ? -value : value;
  return magnitude >= 1n << 256n ? undefined : value;
}

/** The validated packet: its denom split into trace and base, its amount as a positive integer. */
export interface TransferPacket {
  data: FungibleTokenPacketData;
  denom: Denom;
  amount: bigint;
}

/** ibc-go FungibleTokenPacketData.ValidateBasic plus the memo limit of the internal representation. */
export function validatePacketData(data: FungibleTokenPacketData): TransferPacket {
  const amount = parseAmount(data.amount);
  if (amount === undefined) {
    throw ibcError(TransferErrors.InvalidAmount, `unable to parse transfer amount (${data.amount}) into math.Int`);
  }
  if (amount <= 0n) throw ibcError(TransferErrors.InvalidAmount, `amount must be strictly positive: got ${amount}`);
  if (data.sender.trim() === "") throw ibcError(CoreErrors.InvalidAddress, "sender address cannot be blank");
  if (data.receiver.trim() === "") throw ibcError(CoreErrors.InvalidAddress, "receiver address cannot be blank");
  const denom = extractDenomFromPath(data.denom);
  validateDenom(denom);
  if (new TextEncoder().encode(data.memo).length > MAX_MEMO_LENGTH) {
    throw ibcError(TransferErrors.InvalidMemo, `memo must not exceed ${MAX_MEMO_LENGTH} bytes`);
  }
  return { data, denom, amount };
}
