import { fromBech32 } from "@cosmjs/encoding";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { type MsgTransfer, MsgTransferResponse } from "cosmjs-types/ibc/applications/transfer/v1/tx";
import { PrefixKv } from "../../../store/prefix.js";
import { fromUtf8, utf8 } from "../../bytes.js";
import {
  type Acknowledgement,
  abciErrorAcknowledgement,
  canonicalAcknowledgement,
  parseAcknowledgement,
  resultAcknowledgement,
} from "../../channel/acknowledgement.js";
import { ChannelErrors } from "../../channel/errors.js";
import { Order, type Packet } from "../../channel/types.js";
import { bytesEqual } from "../../bytes.js";
import type { Height } from "../../client/height.js";
import type { IbcContext } from "../../context.js";
import { PlurigridError } from "../../../errors.js";
import { CoreErrors, IbcError, ibcError } from "../../errors.js";
import { CHANNEL_PREFIX, parseIdentifierSequence, validateChannelId } from "../../host/identifiers.js";
import { PortErrors } from "../../port/errors.js";
import type { ChannelOpenInfo, IBCModule, PacketDataProvider, PacketDataUnmarshaler } from "../../port/module.js";
import { queryChannel } from "../../queries.js";
import type { Coin, TransferBank } from "./bank.js";
import { type Denom, denomPath, extractDenomFromPath, hasPrefix, ibcDenom, IBC_DENOM_PREFIX } from "./denom.js";
import { TransferErrors } from "./errors.js";
import { escrowAddress } from "./escrow.js";
import { ackEvents, denomEvent, recvEvents, timeoutEvents, transferEvents, type TokenInfo } from "./events.js";
import {
  decodePacketData,
  encodePacketData,
  ICS20_VERSION,
  MAX_MEMO_LENGTH,
  MAX_RECEIVER_LENGTH,
  parseAmount,
  type TransferPacket,
  validatePacketData,
} from "./packet.js";

/**
 * ICS-20 fungible token transfer as an IBC application (ibc-go apps/transfer: ibc_module.go, keeper/relay.go,
 * msg_server.go), over a small bank interface. A token leaving its origin is escrowed and arrives as a voucher
 * `ibc/<hash of its trace>` minted on the other side; a voucher going back is burned and its original unescrowed.
 * Error acknowledgements and timeouts refund the sender (unescrow, or re-mint a burned voucher).
 */

/** What the core offers applications (IbcCore implements it). */
export interface Ics4Wrapper {
  sendPacket(
    ctx: IbcContext,
    args: {
      sourcePort: string;
      sourceChannel: string;
      timeoutHeight: Height;
      timeoutTimestamp: bigint;
      data: Uint8Array;
    },
  ): bigint;
}

export interface TransferModuleOptions {
  ics4: Ics4Wrapper;
  bank: TransferBank;
  /** Bech32 prefix of this chain's addresses (receivers are decoded with it; escrow accounts use it). */
  addressPrefix: string;
  /** The port the module is bound to; ibc-go's is "transfer". */
  portId?: string;
  /** Where the module keeps its state (denom traces, escrow totals) in the node's store. */
  namespace?: string;
}

export interface MsgTransferArgs {
  sourceChannel: string;
  token: { denom: string; amount: string };
  sender: string;
  receiver: string;
  timeoutHeight: Height;
  timeoutTimestamp: bigint;
  memo?: string;
}

const MAX_UINT32 = 0xffffffffn;
const UNBOUNDED_SPEND_LIMIT = ((1n << 256n) - 1n).toString();

export class TransferModule implements IBCModule, PacketDataUnmarshaler {
  readonly portId: string;
  private readonly ics4: Ics4Wrapper;
  private readonly bank: TransferBank;
  private readonly addressPrefix: string;
  private readonly namespace: string;

  constructor(options: TransferModuleOptions) {
    this.ics4 = options.ics4;
    this.bank = options.bank;
    this.addressPrefix = options.addressPrefix;
    this.portId = options.portId ?? "transfer";
    this.namespace = options.namespace ?? "transfer/";
  }

  // --- state: denom traces and escrow totals ---

  private state(ctx: IbcContext): PrefixKv {
    return new PrefixKv(ctx.store, this.namespace);
  }

  /** The trace behind an `ibc/<HASH>` denom this chain has minted vouchers of. */
  denomTrace(ctx: IbcContext, ibcDenomOrHash: string): Denom | undefined {
    const hash = ibcDenomOrHash.startsWith(`${IBC_DENOM_PREFIX}/`) ? ibcDenomOrHash.slice(4) : ibcDenomOrHash;
    const path = this.state(ctx).get(utf8(`denoms/${hash.toUpperCase()}`));
    return path === undefined ? undefined : extractDenomFromPath(fromUtf8(path)!);
  }

  private recordDenom(ctx: IbcContext, denom: Denom): void {
    const key = utf8(`denoms/${ibcDenom(denom).slice(4)}`);
    const state = this.state(ctx);
    if (!state.has(key)) state.set(key, utf8(denomPath(denom)));
  }

  /** Amount of a native denom held in all of this chain's transfer escrows. */
  totalEscrow(ctx: IbcContext, denom: string): bigint {
    const bytes = this.state(ctx).get(utf8(`totalEscrow/${denom}`));
    return bytes === undefined ? 0n : BigInt(fromUtf8(bytes)!);
  }

  private adjustEscrow(ctx: IbcContext, denom: string, delta: bigint): void {
    this.state(ctx).set(utf8(`totalEscrow/${denom}`), utf8((this.totalEscrow(ctx, denom) + delta).toString()));
  }

  escrowAddress(channelId: string): string {
    return escrowAddress(this.portId, channelId, this.addressPrefix);
  }

  private escrow(ctx: IbcContext, from: string, channelId: string, coin: Coin): void {
    this.bank.send(ctx, from, this.escrowAddress(channelId), [coin]);
    this.adjustEscrow(ctx, coin.denom, coin.amount);
  }

  private unescrow(ctx: IbcContext, channelId: string, to: string, coin: Coin): void {
    this.bank.send(ctx, this.escrowAddress(channelId), to, [coin]);
    this.adjustEscrow(ctx, coin.denom, -coin.amount);
  }

  private decodeAddress(address: string, what: string): void {
    try {
      const { prefix } = fromBech32(address, 1023);
      if (prefix !== this.addressPrefix) throw new Error(`prefix ${prefix}`);
    } catch (error) {
      throw ibcError(CoreErrors.InvalidAddress, `failed to decode ${what} address: ${address}`, {}, error);
    }
  }

  // --- sending (ibc-go msg_server Transfer + keeper SendTransfer) ---

  /** MsgTransfer: moves the sender's tokens into escrow (or burns returning vouchers) and sends the packet. */
  transfer(ctx: IbcContext, msg: MsgTransferArgs): bigint {
    validateChannelId(msg.sourceChannel);
    this.decodeAddress(msg.sender, "sender");
    const memo = msg.memo ?? "";
    if (msg.receiver.trim() === "") throw ibcError(CoreErrors.InvalidAddress, "missing recipient address");
    if (utf8(msg.receiver).length > MAX_RECEIVER_LENGTH) {
      throw ibcError(CoreErrors.InvalidAddress, `recipient address must not exceed ${MAX_RECEIVER_LENGTH} bytes`);
    }
    if (utf8(memo).length > MAX_MEMO_LENGTH) {
      throw ibcError(TransferErrors.InvalidMemo, `memo must not exceed ${MAX_MEMO_LENGTH} bytes`);
    }
    const amount = parseAmount(msg.token.amount);
    if (amount === undefined || amount <= 0n) {
      throw ibcError(CoreErrors.InvalidCoins, `invalid token amount ${msg.token.amount}`);
    }
    const denom = this.tokenDenom(ctx, msg.token.denom);
    const data = {
      denom: denomPath(denom),
      amount: amount.toString(),
      sender: msg.sender,
      receiver: msg.receiver,
      memo,
    };
    validatePacketData(data);
    const coin: Coin = { denom: ibcDenom(denom), amount };
    if (hasPrefix(denom, this.portId, msg.sourceChannel)) {
      // A voucher going back where it came from: burn it.
      this.bank.burn(ctx, msg.sender, [coin]);
    } else {
      this.escrow(ctx, msg.sender, msg.sourceChannel, coin);
    }
    const sequence = this.ics4.sendPacket(ctx, {
      sourcePort: this.portId,
      sourceChannel: msg.sourceChannel,
      timeoutHeight: msg.timeoutHeight,
      timeoutTimestamp: msg.timeoutTimestamp,
      data: encodePacketData(data),
    });
    ctx.emit(...transferEvents({ ...data, denom }));
    return sequence;
  }

  /**
   * ibc-go's MsgTransfer as it arrives in a transaction: sent from this module's port, `ics20-1` JSON encoding.
   * An amount of 2^256 - 1 (ibc-go's UnboundedSpendLimit) sends the sender's whole balance of the denom.
   */
  msgTransfer(ctx: IbcContext, msg: MsgTransfer): { sequence: bigint; response: Any } {
    if (msg.sourcePort !== this.portId) {
      throw ibcError(PortErrors.InvalidPort, `invalid source port: ${msg.sourcePort}, expected ${this.portId}`);
    }
    if (msg.encoding !== "" && msg.encoding !== "application/json") {
      throw ibcError(CoreErrors.InvalidType, `encoding ${msg.encoding} is not supported on ${ICS20_VERSION} channels`);
    }
    let amount = msg.token.amount;
    if (amount === UNBOUNDED_SPEND_LIMIT) {
      const balance = this.bank.balance(ctx, msg.sender, msg.token.denom);
      if (balance === 0n)
        throw ibcError(TransferErrors.InvalidAmount, `empty spendable balance for ${msg.token.denom}`);
      amount = balance.toString();
    }
    const sequence = this.transfer(ctx, {
      sourceChannel: msg.sourceChannel,
      token: { denom: msg.token.denom, amount },
      sender: msg.sender,
      receiver: msg.receiver,
      timeoutHeight: msg.timeoutHeight,
      timeoutTimestamp: msg.timeoutTimestamp,
      memo: msg.memo,
    });
    const response = {
      typeUrl: "/ibc.applications.transfer.v1.MsgTransferResponse",
      value: MsgTransferResponse.encode({ sequence }).finish(),
    };
    return { sequence, response };
  }

  /** The trace of a bank denom: `ibc/<HASH>` must be a voucher this chain minted; anything else is native. */
  private tokenDenom(ctx: IbcContext, bankDenom: string): Denom {
    if (!bankDenom.startsWith(`${IBC_DENOM_PREFIX}/`)) return { base: bankDenom, trace: [] };
    const hash = bankDenom.slice(4);
    if (!/^[0-9A-Fa-f]{64}$/.test(hash)) {
      throw ibcError(TransferErrors.InvalidDenomForTransfer, `invalid denom trace hash ${hash}`);
    }
    const denom = this.denomTrace(ctx, hash);
    if (denom === undefined) throw ibcError(TransferErrors.DenomNotFound, `denomination ${bankDenom} not found`);
    return denom;
  }

  // --- channel handshake (ibc-go ValidateTransferChannelParams and the callbacks) ---

  private validateChannelParams(channel: ChannelOpenInfo): void {
    const sequence = parseIdentifierSequence(channel.channelId, CHANNEL_PREFIX);
    if (sequence > MAX_UINT32) {
      throw ibcError(
        TransferErrors.MaxTransferChannels,
        `channel sequence ${sequence} is greater than max allowed transfer channels`,
      );
    }
    if (channel.order !== Order.ORDER_UNORDERED) {
      throw ibcError(ChannelErrors.InvalidChannelOrdering, "transfer channels must be ORDER_UNORDERED");
    }
    if (channel.portId !== this.portId) {
      throw ibcError(PortErrors.InvalidPort, `invalid port: ${channel.portId}, expected ${this.portId}`);
    }
  }

  onChanOpenInit(_ctx: IbcContext, channel: ChannelOpenInfo & { version: string }): string {
    this.validateChannelParams(channel);
    const version = channel.version.trim() === "" ? ICS20_VERSION : channel.version;
    if (version !== ICS20_VERSION) {
      throw ibcError(TransferErrors.InvalidVersion, `expected ${ICS20_VERSION}, got ${version}`);
    }
    return version;
  }

  onChanOpenTry(_ctx: IbcContext, channel: ChannelOpenInfo & { counterpartyVersion: string }): string {
    this.validateChannelParams(channel);
    // ibc-go answers an unsupported proposal with the version it supports.
    return ICS20_VERSION;
  }

  onChanOpenAck(_ctx: IbcContext, args: { counterpartyVersion: string }): void {
    if (args.counterpartyVersion !== ICS20_VERSION) {
      throw ibcError(
        TransferErrors.InvalidVersion,
        `invalid counterparty version: expected ${ICS20_VERSION}, got ${args.counterpartyVersion}`,
      );
    }
  }

  onChanOpenConfirm(): void {}

  onChanCloseInit(): void {
    throw ibcError(CoreErrors.InvalidRequest, "user cannot close channel");
  }

  onChanCloseConfirm(): void {}

  // --- packets ---

  /**
   * ibc-go's UnmarshalPacketData, for middleware (the callbacks): the validated packet data on a channel of this
   * module, with the channel's version; the memo is its custom data and the sender its packet sender.
   */
  unmarshalPacketData(
    ctx: IbcContext,
    portId: string,
    channelId: string,
    data: Uint8Array,
  ): { packetData: PacketDataProvider; version: string } {
    const channel = queryChannel(ctx, portId, channelId);
    if (channel === undefined) {
      throw ibcError(CoreErrors.NotFound, `app version not found for port ${portId} and channel ${channelId}`);
    }
    const parsed = this.parse(channel.version, data).data;
    return {
      packetData: {
        customPacketData: (key) => memoField(parsed.memo, key),
        packetSender: () => parsed.sender,
      },
      version: channel.version,
    };
  }

  private parse(channelVersion: string, data: Uint8Array): TransferPacket {
    if (channelVersion !== ICS20_VERSION) throw ibcError(TransferErrors.InvalidVersion, channelVersion);
    return validatePacketData(decodePacketData(data));
  }

  /** Mints vouchers, or unescrows tokens coming home; any failure becomes an error ack with its ABCI code. */
  onRecvPacket(
    ctx: IbcContext,
    { channelVersion, packet }: { channelVersion: string; packet: Packet },
  ): Acknowledgement {
    let parsed: TransferPacket | undefined;
    try {
      parsed = this.parse(channelVersion, packet.data);
      this.receive(ctx, parsed, packet);
      ctx.emit(...recvEvents(tokenInfo(parsed), true));
      return resultAcknowledgement(new Uint8Array([1]));
    } catch (error) {
      // Errors of the protocol, the packet or the bank become an error ack; anything else is a bug and fails the
      // message, as a panic would in ibc-go.
      if (!(error instanceof PlurigridError) && abciCodeOf(error) === undefined) throw error;
      const info = parsed === undefined ? emptyToken() : tokenInfo(parsed);
      ctx.emit(...recvEvents(info, false, (error as Error).message));
      return abciErrorAcknowledgement(error instanceof IbcError ? error.abciCode : (abciCodeOf(error) ?? 1));
    }
  }

  private receive(ctx: IbcContext, { data, denom, amount }: TransferPacket, packet: Packet): void {
    this.decodeAddress(data.receiver, "receiver");
    if (hasPrefix(denom, packet.sourcePort, packet.sourceChannel)) {
      // The token left this chain over this channel: strip that hop and release it from escrow.
      const home: Denom = { base: denom.base, trace: denom.trace.slice(1) };
      this.unescrow(ctx, packet.destinationChannel, data.receiver, { denom: ibcDenom(home), amount });
      return;
    }
    const voucher: Denom = {
      base: denom.base,
      trace: [{ portId: packet.destinationPort, channelId: packet.destinationChannel }, ...denom.trace],
    };
    this.recordDenom(ctx, voucher);
    ctx.emit(denomEvent(voucher));
    this.bank.mint(ctx, data.receiver, [{ denom: ibcDenom(voucher), amount }]);
  }

  onAcknowledgementPacket(
    ctx: IbcContext,
    {
      channelVersion,
      packet,
      acknowledgement,
    }: { channelVersion: string; packet: Packet; acknowledgement: Uint8Array },
  ): void {
    const ack = parseAcknowledgement(acknowledgement);
    if (ack === undefined || (ack.result === undefined && ack.error === undefined)) {
      throw ibcError(CoreErrors.UnknownRequest, "cannot unmarshal ICS-20 transfer packet acknowledgement");
    }
    const parsed = this.parse(channelVersion, packet.data);
    if (!bytesEqual(canonicalAcknowledgement(ack), acknowledgement)) {
      throw ibcError(CoreErrors.InvalidType, "acknowledgement did not marshal to expected bytes");
    }
    if (ack.error !== undefined) this.refund(ctx, parsed, packet);
    ctx.emit(...ackEvents(tokenInfo(parsed), ack));
  }

  onTimeoutPacket(ctx: IbcContext, { channelVersion, packet }: { channelVersion: string; packet: Packet }): void {
    const parsed = this.parse(channelVersion, packet.data);
    this.refund(ctx, parsed, packet);
    ctx.emit(...timeoutEvents(tokenInfo(parsed)));
  }

  /** Undoes the send: re-mint a burned voucher, or release escrowed tokens, to the sender. */
  private refund(ctx: IbcContext, { data, denom, amount }: TransferPacket, packet: Packet): void {
    this.decodeAddress(data.sender, "sender");
    const coin: Coin = { denom: ibcDenom(denom), amount };
    if (hasPrefix(denom, packet.sourcePort, packet.sourceChannel)) this.bank.mint(ctx, data.sender, [coin]);
    else this.unescrow(ctx, packet.sourceChannel, data.sender, coin);
  }
}

/** ibc-go GetCustomPacketData: the memo read as a JSON object (Go's map), `key`'s value; undefined otherwise. */
function memoField(memo: string, key: string): unknown {
  if (memo === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(memo);
  } catch {
    return undefined;
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) return undefined;
  return Object.prototype.hasOwnProperty.call(json, key) ? (json as Record<string, unknown>)[key] : undefined;
}

function tokenInfo({ data, denom }: TransferPacket): TokenInfo {
  return { sender: data.sender, receiver: data.receiver, denom, amount: data.amount, memo: data.memo };
}

function emptyToken(): TokenInfo {
  return { sender: "", receiver: "", denom: { base: "", trace: [] }, amount: "", memo: "" };
}

/** An error's own ABCI code (a bank may attach one, e.g. the SDK's 5 for insufficient funds); ibc-go uses 1 otherwise. */
function abciCodeOf(error: unknown): number | undefined {
  const code = (error as { abciCode?: unknown } | null)?.abciCode;
  return typeof code === "number" ? code : undefined;
}
