import { MsgIBCSendResponse } from "cosmjs-types/cosmwasm/wasm/v1/ibc";
import { MsgTransfer } from "cosmjs-types/ibc/applications/transfer/v1/tx";
import type { IbcCore } from "../../../ibc/core.js";
import { IbcError } from "../../../ibc/errors.js";
import type { ExecContext } from "../../context.js";
import { wasmErrors } from "../../errors.js";
import type { Event } from "../../events.js";
import type { MsgRouter } from "../../router.js";
import {
  type ContractCaller,
  type ContractMsgHandler,
  type DispatchResult,
  type Messenger,
  singleVariant,
} from "../wasm/messenger.js";
import { deleteAsyncAckPacket, loadAsyncAckPacket } from "./async_acks.js";
import { timeoutOfContract, u64 } from "./convert.js";
import { toAbciError } from "./errors.js";
import { ibcContextOf } from "./context.js";

/**
 * Contracts' `{"ibc": …}` messages (wasmd's IBCRawPacketHandler and EncodeIBCMsg):
 * - `send_packet {channel_id, data, timeout}`: from the contract's own `wasm.` port; the data of the result is
 *   MsgIBCSendResponse{sequence}, which the contract reads in its reply.
 * - `transfer {channel_id, to_address, amount, timeout, memo?}`: an ICS-20 MsgTransfer from the `transfer` port,
 *   signed by the contract, through the router like any SDK message.
 * - `write_acknowledgement {channel_id, packet_sequence, ack: {data}}`: the acknowledgement of a packet the contract
 *   received asynchronously; usable once per packet.
 * - `close_channel {channel_id}`: closes the contract's channel end (no close callback runs, as in wasmd).
 */
export function contractIbcMessages(core: IbcCore, router: MsgRouter, messenger: Messenger): ContractMsgHandler {
  return (ctx, caller, body) => {
    const [variant, inner] = singleVariant(body);
    const o = fields(inner, `ibc.${variant}`);
    const what = `ibc.${variant}`;
    switch (variant) {
      case "transfer": {
        const amount = fields(o.amount, `${what}.amount`);
        const timeout = timeoutOfContract(o.timeout, what);
        const msg = MsgTransfer.fromPartial({
          sourcePort: "transfer",
          sourceChannel: text(o, "channel_id", what),
          token: { denom: text(amount, "denom", `${what}.amount`), amount: text(amount, "amount", `${what}.amount`) },
          sender: caller.address,
          receiver: text(o, "to_address", what),
          timeoutHeight: timeout.height,
          timeoutTimestamp: timeout.timestamp,
          memo: typeof o.memo === "string" ? o.memo : "",
        });
        return messenger.dispatchSdkMsgs(ctx, caller, [router.routed(MsgTransfer.typeUrl, msg)]);
      }
      case "send_packet": {
        const port = ownPort(caller);
        const channelId = text(o, "channel_id", what);
        if (channelId === "") throw wasmErrors.empty.wrap("ibc channel");
        const data = binary(o, "data", what);
        const timeout = timeoutOfContract(o.timeout, what);
        return onIbc(ctx, core, "channel", (ibc) => {
          const sequence = core.sendPacket(ibc, {
            sourcePort: port,
            sourceChannel: channelId,
            timeoutHeight: timeout.height,
            timeoutTimestamp: timeout.timestamp,
            data,
          });
          const response = MsgIBCSendResponse.encode({ sequence }).finish();
          return {
            data: [response],
            msgResponses: [[{ typeUrl: "/cosmwasm.wasm.v1.MsgIBCSendResponse", value: response }]],
          };
        });
      }
      case "write_acknowledgement": {
        const port = ownPort(caller);
        const channelId = text(o, "channel_id", what);
        const sequence = u64(o.packet_sequence, `${what}.packet_sequence`);
        const ack = binary(fields(o.ack, `${what}.ack`), "data", `${what}.ack`);
        const packet = loadAsyncAckPacket(ctx, port, channelId, sequence);
        if (packet === undefined) {
          throw wasmErrors.invalid.wrap(
            `packet: no packet ${sequence} on ${port}/${channelId} awaits an acknowledgement from this contract`,
          );
        }
        return onIbc(ctx, core, "acknowledgement", (ibc) => {
          core.writeAcknowledgement(ibc, packet, ack);
          deleteAsyncAckPacket(ctx, port, channelId, sequence);
          return { data: [], msgResponses: [] };
        });
      }
      case "close_channel": {
        const port = ownPort(caller);
        const channelId = text(o, "channel_id", what);
        return onIbc(ctx, core, "close channel", (ibc) => {
          core.closeChannel(ibc, port, channelId);
          return { data: [], msgResponses: [] };
        });
      }
      default:
        throw wasmErrors.unknownMsg.wrap(`unknown variant of IBC: ${variant}`);
    }
  };
}

/**
 * Runs the IBC core on the submessage's state (the caller's context is already its own branch, dropped on failure)
 * and hands the core's events back with the result; an IbcError becomes the AbciError the contract's reply sees.
 */
function onIbc(
  ctx: ExecContext,
  core: IbcCore,
  what: string,
  body: (ibc: ReturnType<IbcCore["context"]>) => Omit<DispatchResult, "events">,
): DispatchResult {
  const ibc = ibcContextOf(core, ctx);
  try {
    const result = body(ibc);
    return { ...result, events: ibc.events as Event[] };
  } catch (err) {
    if (err instanceof IbcError) throw toAbciError(err).wrap(what);
    throw err;
  }
}

function ownPort(caller: ContractCaller): string {
  if (caller.ibcPortId === "") throw wasmErrors.unsupportedForContract.wrap("ibc not supported");
  return caller.ibcPortId;
}

function fields(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw wasmErrors.invalidMsg.wrap(`${what} is not an object`);
  }
  return value as Record<string, unknown>;
}

function text(o: Record<string, unknown>, key: string, what: string): string {
  const v = o[key];
  if (typeof v !== "string") throw wasmErrors.invalidMsg.wrap(`${what}.${key} is not a string`);
  return v;
}

function binary(o: Record<string, unknown>, key: string, what: string): Uint8Array {
  const v = text(o, key, what);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
    throw wasmErrors.invalidMsg.wrap(`${what}.${key} is not base64`);
  }
  return Buffer.from(v, "base64");
}
