import { toBech32 } from "@cosmjs/encoding";
import { sha256 } from "../../../crypto/index.js";
import { concatBytes, utf8 } from "../../bytes.js";

/**
 * The escrow account of a transfer channel end (ibc-go GetEscrowAddress, ADR-028 address hash): the first 20
 * bytes of sha256("ics20-1" ‖ 0x00 ‖ "{port}/{channel}"). The version string stays "ics20-1" for every channel
 * version so escrow addresses never move.
 */
export function escrowAddressBytes(portId: string, channelId: string): Uint8Array {
  return sha256(concatBytes(utf8("ics20-1"), new Uint8Array([0]), utf8(`${portId}/${channelId}`))).subarray(0, 20);
}

export function escrowAddress(portId: string, channelId: string, bech32Prefix: string): string {
  return toBech32(bech32Prefix, escrowAddressBytes(portId, channelId));
}
