import { MsgTransfer } from "cosmjs-types/ibc/applications/transfer/v1/tx";
import type { TransferModule } from "../../../ibc/apps/transfer/module.js";
import type { IbcCore } from "../../../ibc/core.js";
import { IBC_MESSAGE_TYPES, type IbcMessage } from "../../../ibc/messages.js";
import type { AddressCodec } from "../../address.js";
import { defineRoute, type MsgRoute } from "../../router.js";
import { asTxError } from "./errors.js";
import { ibcContextOf } from "./context.js";

interface Codec<T> {
  decode(bytes: Uint8Array): T;
  encode(message: T): { finish(): Uint8Array };
  toJSON(message: T): unknown;
}

/**
 * ibc-go's messages as node routes (ibc-go's MsgServer behind baseapp's router): each rides in an ordinary signed tx,
 * signed by its `signer`, and runs through the IBC core on the message's branch of the state, with the tx's context
 * attached for the applications' callbacks. The core applies a message atomically; the tx keeps it only if every
 * other message of the tx succeeds too. The core's own reads and writes of IBC state are charged to the tx's gas at
 * the SDK's KV costs, as ibc-go's are; the bank and the contracts its applications call charge it as usual.
 */
export function ibcRoutes(core: IbcCore, addresses: AddressCodec): MsgRoute<unknown>[] {
  return Object.entries(IBC_MESSAGE_TYPES).map(([typeUrl, type]) => {
    const codec = type as unknown as Codec<{ signer: string }>;
    return defineRoute<{ signer: string }>({
      typeUrl,
      decode: (bytes) => codec.decode(bytes),
      encode: (msg) => codec.encode(msg).finish(),
      signers: (msg) => [msg.signer],
      validateBasic: (msg) => {
        addresses.toBytes(msg.signer, "signer");
      },
      handle: (ctx, msg) => {
        const ibc = ibcContextOf(core, ctx);
        const result = asTxError(() => core.execute(ibc, { typeUrl, value: msg } as IbcMessage));
        ctx.events.emit(...result.events);
        return result.response;
      },
      toJSON: (msg) => codec.toJSON(msg),
    });
  });
}

/** ICS-20's MsgTransfer (ibc-go apps/transfer msg_server): the sender's tokens leave through the `transfer` port. */
export function transferRoute(core: IbcCore, transfer: TransferModule, addresses: AddressCodec): MsgRoute<unknown> {
  return defineRoute<MsgTransfer>({
    typeUrl: MsgTransfer.typeUrl,
    decode: (bytes) => MsgTransfer.decode(bytes),
    encode: (msg) => MsgTransfer.encode(msg).finish(),
    signers: (msg) => [msg.sender],
    validateBasic: (msg) => {
      addresses.toBytes(msg.sender, "sender");
    },
    handle: (ctx, msg) => {
      const ibc = ibcContextOf(core, ctx);
      const { response } = asTxError(() => transfer.msgTransfer(ibc, msg));
      ctx.events.emit(...ibc.events);
      return response;
    },
    toJSON: (msg) => MsgTransfer.toJSON(msg),
  });
}
