import type { Counterparty } from "cosmjs-types/ibc/core/channel/v1/channel";
import { Order, orderName, type Packet } from "../../../ibc/channel/types.js";
import { type Height, ZERO_HEIGHT } from "../../../ibc/client/height.js";
import type { IbcChannel, IbcOrder, IbcPacket, IbcTimeout } from "../../../vm/types.js";
import { wasmErrors } from "../../errors.js";

/**
 * IBC values as contracts see them (cosmwasm-std's JSON shapes, wasmd's conversions in x/wasm/ibc.go): a channel
 * with the local end as `endpoint`, a packet with its timeout as an optional block and an optional timestamp.
 */

/** The prefix of every contract's port (wasmd's PortIDForContract): `wasm.<bech32 address>`. */
export const WASM_PORT_PREFIX = "wasm.";

/** The contract bound to a `wasm.` port; a port of any other shape is ErrInvalid. */
export function contractOfPort(portId: string): string {
  if (!portId.startsWith(WASM_PORT_PREFIX) || portId.length === WASM_PORT_PREFIX.length) {
    throw wasmErrors.invalid.wrap(`without prefix: contract port id ${portId}`);
  }
  return portId.slice(WASM_PORT_PREFIX.length);
}

export function contractOrder(order: Order): IbcOrder {
  if (order === Order.ORDER_ORDERED) return "ORDER_ORDERED";
  if (order === Order.ORDER_UNORDERED) return "ORDER_UNORDERED";
  throw wasmErrors.invalid.wrap(`channel order ${orderName(order)}`);
}

/** A channel end as a contract sees it: the local end first. */
export function contractChannel(
  portId: string,
  channelId: string,
  channel: { ordering: Order; counterparty: Counterparty; version: string; connectionHops: string[] },
): IbcChannel {
  return {
    endpoint: { port_id: portId, channel_id: channelId },
    counterparty_endpoint: { port_id: channel.counterparty.portId, channel_id: channel.counterparty.channelId },
    order: contractOrder(channel.ordering),
    version: channel.version,
    connection_id: channel.connectionHops[0] ?? "",
  };
}

/** wasmd's newIBCPacket: a zero timeout height is no block timeout, a zero timestamp no timestamp. */
export function contractPacket(packet: Packet): IbcPacket {
  const height = packet.timeoutHeight;
  const noHeight = height.revisionNumber === 0n && height.revisionHeight === 0n;
  return {
    data: Buffer.from(packet.data).toString("base64"),
    src: { port_id: packet.sourcePort, channel_id: packet.sourceChannel },
    dest: { port_id: packet.destinationPort, channel_id: packet.destinationChannel },
    sequence: Number(packet.sequence),
    timeout: {
      block: noHeight ? null : { revision: Number(height.revisionNumber), height: Number(height.revisionHeight) },
      timestamp: packet.timeoutTimestamp === 0n ? null : packet.timeoutTimestamp.toString(),
    },
  };
}

/** A contract's IbcTimeout as ibc-go's (timeout height, timeout timestamp); absent parts are zero. */
export function timeoutOfContract(timeout: unknown, what: string): { height: Height; timestamp: bigint } {
  if (timeout === null || typeof timeout !== "object" || Array.isArray(timeout)) {
    throw wasmErrors.invalidMsg.wrap(`${what}.timeout is not an object`);
  }
  const t = timeout as Partial<IbcTimeout>;
  let height = ZERO_HEIGHT;
  if (t.block !== undefined && t.block !== null) {
    const { revision, height: h } = t.block;
    height = {
      revisionNumber: u64(revision, `${what}.timeout.block.revision`),
      revisionHeight: u64(h, `${what}.timeout.block.height`),
    };
  }
  const timestamp =
    t.timestamp === undefined || t.timestamp === null ? 0n : u64(t.timestamp, `${what}.timeout.timestamp`);
  return { height, timestamp };
}

/** A u64 from contract JSON: a number (u64 fields) or a decimal string (Uint64, Timestamp). */
export function u64(value: unknown, what: string): bigint {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^[0-9]{1,20}$/.test(value) && BigInt(value) < 1n << 64n) return BigInt(value);
  throw wasmErrors.invalidMsg.wrap(`${what} is not a u64: ${JSON.stringify(value)}`);
}
