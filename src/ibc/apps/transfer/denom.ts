import { sha256 } from "../../../crypto/index.js";
import { toHex } from "../../bytes.js";
import { ibcError } from "../../errors.js";
import { goJsonString } from "../../json.js";
import {
  isGeneratedChannelId,
  isGeneratedClientId,
  validateChannelId,
  validatePortId,
} from "../../host/identifiers.js";
import { TransferErrors } from "./errors.js";

/**
 * ICS-20 denominations with their trace (ibc-go apps/transfer/types/denom.go, hop.go): a base denom and the hops
 * (port/channel on each receiving chain) it travelled through, most recent first. The full path
 * `transfer/channel-1/transfer/channel-0/uatom` is what packets carry; the bank holds vouchers as
 * `ibc/<SHA-256 of the path, uppercase hex>`.
 */
export interface Hop {
  portId: string;
  channelId: string;
}

export interface Denom {
  base: string;
  trace: Hop[];
}

export const IBC_DENOM_PREFIX = "ibc";

export function isNative(denom: Denom): boolean {
  return denom.trace.length === 0;
}

/** `trace/…/base`, or the base for a native denom. */
export function denomPath(denom: Denom): string {
  return [...denom.trace.map((h) => `${h.portId}/${h.channelId}`), denom.base].join("/");
}

/** sha256(path), as ibc-go's Denom.Hash. */
export function denomHash(denom: Denom): Uint8Array {
  return sha256(new TextEncoder().encode(denomPath(denom)));
}

/** `ibc/<HASH>` for a traced denom, the base for a native one (ibc-go IBCDenom). */
export function ibcDenom(denom: Denom): string {
  return isNative(denom) ? denom.base : `${IBC_DENOM_PREFIX}/${toHex(denomHash(denom)).toUpperCase()}`;
}

/** Whether the most recent hop is `portId/channelId`: the token came to this chain over that channel. */
export function hasPrefix(denom: Denom, portId: string, channelId: string): boolean {
  return !isNative(denom) && denom.trace[0]!.portId === portId && denom.trace[0]!.channelId === channelId;
}

/**
 * Splits a full denom path into hops and base (ibc-go ExtractDenomFromPath): pairs are read as hops while the
 * second element looks like a channel or client id ibc-go would generate; the rest is the base (which may itself
 * contain slashes, e.g. `gamm/pool/1`).
 */
export function extractDenomFromPath(fullPath: string): Denom {
  const parts = fullPath.split("/");
  if (parts.length === 1) return { base: fullPath, trace: [] };
  const trace: Hop[] = [];
  let baseParts: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const next = parts[i + 1];
    if (
      i < parts.length - 1 &&
      parts.length > 2 &&
      next !== undefined &&
      (isGeneratedChannelId(next) || isGeneratedClientId(next))
    ) {
      trace.push({ portId: parts[i]!, channelId: next });
    } else {
      baseParts = parts.slice(i);
      break;
    }
  }
  return { base: baseParts.join("/"), trace };
}

export function validateDenom(denom: Denom): void {
  if (denom.base.trim() === "") {
    throw ibcError(TransferErrors.InvalidDenomForTransfer, "base denomination cannot be blank");
  }
  for (const hop of denom.trace) {
    validatePortId(hop.portId);
    validateChannelId(hop.channelId);
  }
}

/** ibc-go's json.Marshal of a Denom, for events (`base` omitted when empty, `trace` null when empty as Go's nil slice). */
export function denomJson(denom: Denom): string {
  const hops = denom.trace.map(
    (h) => `{"port_id":${goJsonString(h.portId)},"channel_id":${goJsonString(h.channelId)}}`,
  );
  const trace = hops.length === 0 ? "null" : `[${hops.join(",")}]`;
  return denom.base === "" ? `{"trace":${trace}}` : `{"base":${goJsonString(denom.base)},"trace":${trace}}`;
}
