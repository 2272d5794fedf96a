import type { MeteredOutcome, CallbackGas, ContractKeeper } from "../../../ibc/apps/callbacks/middleware.js";
import { type Denom, hasPrefix, ibcDenom } from "../../../ibc/apps/transfer/denom.js";
import { decodePacketData, ICS20_VERSION, validatePacketData } from "../../../ibc/apps/transfer/packet.js";
import { TransferErrors } from "../../../ibc/apps/transfer/errors.js";
import type { Acknowledgement } from "../../../ibc/channel/acknowledgement.js";
import type { Packet } from "../../../ibc/channel/types.js";
import { IbcContext } from "../../../ibc/context.js";
import { ibcError, IbcError } from "../../../ibc/errors.js";
import { PlurigridError } from "../../../errors.js";
import type { AddressCodec } from "../../address.js";
import type { ExecContext } from "../../context.js";
import { AbciError, sdkErrors, wasmErrors } from "../../errors.js";
import { GasMeter, OutOfGas } from "../../gas.js";
import { GasKv } from "../../gas_kv.js";
import type { WasmRelay } from "../wasm/relay.js";
import { hostOf, onBranch } from "./context.js";
import { contractPacket } from "./convert.js";
import { OutOfGasInCallback } from "./errors.js";

/** wasmd's DefaultMaxIBCCallbackGas: the most SDK gas a callback may ask the relayer to pay for. */
export const DEFAULT_MAX_IBC_CALLBACK_GAS = 1_000_000n;

/**
 * Contracts as the actors of ADR-8 callbacks (wasmd x/wasm/ibc.go, IBCHandler's ContractKeeper methods, and
 * keeper/relay.go IBCSourceCallback/IBCDestinationCallback), and the node's gas for them:
 *
 * - Send: only the contract that sent the packet may ask for its source callbacks — the callback address must be the
 *   packet's sender, else the send fails (wasm/5). Nothing is called.
 * - Ack/timeout: the same check, then the contract's `ibc_source_callback` with `{"acknowledgement": {…}}` or
 *   `{"timeout": {…}}`.
 * - Receive: the contract's `ibc_destination_callback` with `{packet, ack}`, plus `transfer {sender, receiver,
 *   funds}` for a successful ICS-20 receive (funds in the receiving chain's denom). Any address may be named.
 * Any contract error, VM error or missing contract is the callback's error (the middleware decides what it means).
 */
export class ContractCallbacks implements ContractKeeper, CallbackGas {
  constructor(
    private readonly relay: WasmRelay,
    private readonly addresses: AddressCodec,
    private readonly transferPortId: string,
  ) {}

  // --- ContractKeeper ---

  ibcSendPacketCallback(_ctx: IbcContext, args: { callbackAddress: string; senderAddress: string }): void {
    this.validateSender(args.callbackAddress, args.senderAddress);
  }

  ibcOnAcknowledgementPacketCallback(
    ctx: IbcContext,
    args: {
      packet: Packet;
      acknowledgement: Uint8Array;
      relayer: string;
      callbackAddress: string;
      senderAddress: string;
    },
  ): void {
    const contract = this.validateSender(args.callbackAddress, args.senderAddress);
    this.call(ctx, "on source chain callback ack", (exec) =>
      this.relay.ibcSourceCallback(exec, contract, {
        acknowledgement: {
          acknowledgement: { data: Buffer.from(args.acknowledgement).toString("base64") },
          original_packet: contractPacket(args.packet),
          relayer: args.relayer,
        },
      }),
    );
  }

  ibcOnTimeoutPacketCallback(
    ctx: IbcContext,
    args: { packet: Packet; relayer: string; callbackAddress: string; senderAddress: string },
  ): void {
    const contract = this.validateSender(args.callbackAddress, args.senderAddress);
    this.call(ctx, "on source chain callback timeout", (exec) =>
      this.relay.ibcSourceCallback(exec, contract, {
        timeout: { packet: contractPacket(args.packet), relayer: args.relayer },
      }),
    );
  }

  ibcReceivePacketCallback(
    ctx: IbcContext,
    args: { packet: Packet; acknowledgement: Acknowledgement; callbackAddress: string; version: string },
  ): void {
    // No sender check: the receiver of a packet is never its sender.
    const contract = this.addresses.fromBytes(this.accAddress(args.callbackAddress, ""));
    const { packet, acknowledgement } = args;
    const transfer =
      packet.destinationPort === this.transferPortId && acknowledgement.success
        ? this.transferInfo(packet, args.version)
        : undefined;
    this.call(ctx, "on destination chain callback", (exec) =>
      this.relay.ibcDestinationCallback(exec, contract, {
        ack: { data: Buffer.from(acknowledgement.bytes).toString("base64") },
        packet: contractPacket(packet),
        ...(transfer === undefined ? {} : { transfer }),
      }),
    );
  }

  /** What an ICS-20 receive delivered, as the receiver sees it: the voucher (or the unwound native denom). */
  private transferInfo(packet: Packet, version: string) {
    let parsed: ReturnType<typeof validatePacketData>;
    try {
      if (version !== ICS20_VERSION) throw ibcError(TransferErrors.InvalidVersion, version);
      parsed = validatePacketData(decodePacketData(packet.data));
    } catch (err) {
      if (err instanceof IbcError) throw new IbcError(err.kind, `unmarshal transfer packet data: ${err.message}`);
      throw err;
    }
    const receiver = this.addresses.fromBytes(this.accAddress(parsed.data.receiver, ""));
    const denom: Denom = hasPrefix(parsed.denom, packet.sourcePort, packet.sourceChannel)
      ? { base: parsed.denom.base, trace: parsed.denom.trace.slice(1) }
      : {
          base: parsed.denom.base,
          trace: [{ portId: packet.destinationPort, channelId: packet.destinationChannel }, ...parsed.denom.trace],
        };
    return {
      sender: parsed.data.sender,
      receiver,
      funds: [{ denom: ibcDenom(denom), amount: parsed.data.amount }],
    };
  }

  /** wasmd validateSender: both addresses of this chain, and the same account. */
  private validateSender(callbackAddress: string, senderAddress: string): string {
    const contract = this.accAddress(callbackAddress, "contract address");
    const sender = this.accAddress(senderAddress, "packet sender address");
    if (Buffer.compare(Buffer.from(contract), Buffer.from(sender)) !== 0) {
      throw wasmErrors.executeFailed.wrap(
        `contract address ${callbackAddress} does not match packet sender ${senderAddress}`,
      );
    }
    return this.addresses.fromBytes(contract);
  }

  /**
   * sdk.AccAddressFromBech32. Its failures are plain Go errors, which carry ABCI code 1 (sdk internal) into an error
   * acknowledgement.
   */
  private accAddress(address: string, what: string): Uint8Array {
    try {
      return this.addresses.toBytes(address, what === "" ? "address" : what);
    } catch (err) {
      if (!(err instanceof AbciError)) throw err;
      const message = address.trim() === "" ? "empty address string is not allowed" : err.message;
      throw new AbciError(sdkErrors.internal, what === "" ? message : `${what}: ${message}`);
    }
  }

  /** The contract on the callback's branch and meter; its errors say which callback failed. */
  private call(ctx: IbcContext, desc: string, run: (exec: ExecContext) => void): void {
    try {
      onBranch(ctx, run);
    } catch (err) {
      if (err instanceof AbciError) throw err.wrap(desc);
      throw err;
    }
  }

  // --- CallbackGas ---

  remaining(ctx: IbcContext): bigint {
    return BigInt(hostOf(ctx).gasMeter.remaining);
  }

  run(ctx: IbcContext, limit: bigint, descriptor: string, body: (ctx: IbcContext) => void): MeteredOutcome {
    const parent = hostOf(ctx);
    const meter = new GasMeter(Number(limit));
    const metered = new IbcContext(
      ctx.store,
      ctx.block,
      ctx.events,
      ctx.namespace,
      parent.withGasMeter(meter),
      (store) => new GasKv(store, meter),
    );
    try {
      body(metered);
      return { kind: "ok" };
    } catch (err) {
      const outOfGas = err instanceof OutOfGasInCallback ? err.outOfGas : err;
      if (outOfGas instanceof OutOfGas && outOfGas.meter === meter) {
        return { kind: "out_of_gas", pastLimit: meter.consumed > meter.limit, descriptor: outOfGas.descriptor };
      }
      // Errors of the protocol and the modules are the callback's; anything else is a bug and fails the block.
      if (err instanceof PlurigridError && !(err instanceof OutOfGas)) return { kind: "error", error: err };
      throw err;
    } finally {
      parent.gasMeter.consume(Math.min(meter.consumed, meter.limit), descriptor);
    }
  }

  outOfGas(ctx: IbcContext, descriptor: string): Error {
    const meter = hostOf(ctx).gasMeter;
    return new OutOfGas(meter, descriptor);
  }
}
