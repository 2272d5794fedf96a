import { Packet as PacketCodec } from "cosmjs-types/ibc/core/channel/v1/channel";
import type { Packet } from "../../../ibc/channel/types.js";
import type { ExecContext } from "../../context.js";
import { concat, encodeU64 } from "../../keys.js";

/**
 * Packets a contract received without acknowledging them yet (wasmd's StoreAsyncAckPacket): a receive that answers
 * a null acknowledgement leaves its packet here, and the contract's `write_acknowledgement` takes it out again, once.
 * Kept in the state (it is part of what every node must agree on), under `ibc-wasm/async/<port>/<channel>/<seq>`.
 */
const MODULE = "ibc-wasm";

function key(portId: string, channelId: string, sequence: bigint): Uint8Array {
  return concat(`async/${portId}/${channelId}/`, encodeU64(sequence));
}

export function storeAsyncAckPacket(ctx: ExecContext, packet: Packet): void {
  ctx
    .moduleStore(MODULE)
    .set(key(packet.destinationPort, packet.destinationChannel, packet.sequence), PacketCodec.encode(packet).finish());
}

export function loadAsyncAckPacket(
  ctx: ExecContext,
  portId: string,
  channelId: string,
  sequence: bigint,
): Packet | undefined {
  const bytes = ctx.moduleStore(MODULE).get(key(portId, channelId, sequence));
  return bytes === undefined ? undefined : PacketCodec.decode(bytes);
}

export function deleteAsyncAckPacket(ctx: ExecContext, portId: string, channelId: string, sequence: bigint): void {
  ctx.moduleStore(MODULE).delete(key(portId, channelId, sequence));
}
