import { Decoder } from "../json/decoder";
import { Variant } from "../json/variant";
import { JsonValue } from "../json/value";
import { JsonWriter } from "../json/writer";
import { Binary } from "./binary";
import { Coin } from "./coin";
import { CosmosMsg } from "./cosmos_msg";
import { Attribute, Event, writeAttributes, writeEvents, writeMessages } from "./response";
import { SubMsg } from "./submsg";
import { Timestamp } from "./timestamp";

/** One end of a channel. */
export class IbcEndpoint {
  constructor(
    readonly portId: string,
    readonly channelId: string,
  ) {}

  static decode(d: Decoder): IbcEndpoint {
    return new IbcEndpoint(d.string("port_id"), d.string("channel_id"));
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("port_id").string(this.portId).key("channel_id").string(this.channelId).endObject();
  }
}

export enum IbcOrder {
  Unordered,
  Ordered,
}

export function ibcOrderToString(order: IbcOrder): string {
  return order == IbcOrder.Ordered ? "ORDER_ORDERED" : "ORDER_UNORDERED";
}

/** The order named `name` ("ORDER_UNORDERED" / "ORDER_ORDERED"), or -1. */
export function ibcOrderFromString(name: string): i32 {
  if (name == "ORDER_UNORDERED") return IbcOrder.Unordered;
  if (name == "ORDER_ORDERED") return IbcOrder.Ordered;
  return -1;
}

function decodeOrder(d: Decoder): IbcOrder {
  const name = d.asString();
  const order = ibcOrderFromString(name);
  if (order < 0) {
    d.fail("unknown variant `" + name + "`, expected `ORDER_UNORDERED` or `ORDER_ORDERED`");
    return IbcOrder.Unordered;
  }
  return <IbcOrder>order;
}

/** A channel as the contract sees it: `endpoint` is always the local end. */
export class IbcChannel {
  constructor(
    readonly endpoint: IbcEndpoint,
    readonly counterpartyEndpoint: IbcEndpoint,
    readonly order: IbcOrder,
    readonly version: string,
    readonly connectionId: string,
  ) {}

  static decode(d: Decoder): IbcChannel {
    return new IbcChannel(
      IbcEndpoint.decode(d.field("endpoint")),
      IbcEndpoint.decode(d.field("counterparty_endpoint")),
      decodeOrder(d.field("order")),
      d.string("version"),
      d.string("connection_id"),
    );
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("endpoint");
    this.endpoint.writeJson(w);
    w.key("counterparty_endpoint");
    this.counterpartyEndpoint.writeJson(w);
    w.key("order").string(ibcOrderToString(this.order));
    w.key("version").string(this.version).key("connection_id").string(this.connectionId).endObject();
  }
}

/** A height on the counterparty chain: the packet times out once that chain reaches it. */
export class IbcTimeoutBlock {
  constructor(
    readonly revision: u64,
    readonly height: u64,
  ) {}

  static decode(d: Decoder): IbcTimeoutBlock {
    return new IbcTimeoutBlock(d.u64("revision"), d.u64("height"));
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("revision").u64(this.revision).key("height").u64(this.height).endObject();
  }
}

/** When a packet times out: a counterparty block height, a timestamp, or both (at least one). */
export class IbcTimeout {
  constructor(
    readonly block: IbcTimeoutBlock | null,
    readonly timestamp: Timestamp | null,
  ) {}

  static withBlock(block: IbcTimeoutBlock): IbcTimeout {
    return new IbcTimeout(block, null);
  }

  static withTimestamp(timestamp: Timestamp): IbcTimeout {
    return new IbcTimeout(null, timestamp);
  }

  static withBoth(block: IbcTimeoutBlock, timestamp: Timestamp): IbcTimeout {
    return new IbcTimeout(block, timestamp);
  }

  static decode(d: Decoder): IbcTimeout {
    const block = d.optionalField("block");
    return new IbcTimeout(block != null ? IbcTimeoutBlock.decode(block) : null, d.optionalTimestamp("timestamp"));
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("block");
    const block = this.block;
    if (block != null) block.writeJson(w);
    else w.null();
    w.key("timestamp");
    const timestamp = this.timestamp;
    if (timestamp != null) timestamp.writeJson(w);
    else w.null();
    w.endObject();
  }
}

export class IbcPacket {
  constructor(
    readonly data: Binary,
    readonly src: IbcEndpoint,
    readonly dest: IbcEndpoint,
    readonly sequence: u64,
    readonly timeout: IbcTimeout,
  ) {}

  static decode(d: Decoder): IbcPacket {
    return new IbcPacket(
      d.binary("data"),
      IbcEndpoint.decode(d.field("src")),
      IbcEndpoint.decode(d.field("dest")),
      d.u64("sequence"),
      IbcTimeout.decode(d.field("timeout")),
    );
  }
}

export class IbcAcknowledgement {
  constructor(readonly data: Binary) {}

  static decode(d: Decoder): IbcAcknowledgement {
    return new IbcAcknowledgement(d.binary("data"));
  }
}

export enum IbcChannelOpenKind {
  OpenInit,
  OpenTry,
}

/** `{"open_init":{"channel"}}` or `{"open_try":{"channel","counterparty_version"}}`. */
export class IbcChannelOpenMsg {
  constructor(
    readonly kind: IbcChannelOpenKind,
    readonly channel: IbcChannel,
    /** Only for OpenTry. */
    readonly counterpartyVersion: string | null,
    /** The message exactly as delivered. */
    readonly source: JsonValue,
  ) {}

  static decode(d: Decoder): IbcChannelOpenMsg {
    const m = Variant.from(d);
    if (m.is("open_init")) {
      return new IbcChannelOpenMsg(
        IbcChannelOpenKind.OpenInit,
        IbcChannel.decode(m.body.field("channel")),
        null,
        d.value,
      );
    }
    if (m.is("open_try")) {
      const channel = IbcChannel.decode(m.body.field("channel"));
      return new IbcChannelOpenMsg(IbcChannelOpenKind.OpenTry, channel, m.body.string("counterparty_version"), d.value);
    }
    m.unknown<IbcChannelOpenMsg>();
    return new IbcChannelOpenMsg(IbcChannelOpenKind.OpenInit, placeholderChannel(), null, d.value);
  }
}

export enum IbcChannelConnectKind {
  OpenAck,
  OpenConfirm,
}

/** `{"open_ack":{"channel","counterparty_version"}}` or `{"open_confirm":{"channel"}}`. */
export class IbcChannelConnectMsg {
  constructor(
    readonly kind: IbcChannelConnectKind,
    readonly channel: IbcChannel,
    /** Only for OpenAck. */
    readonly counterpartyVersion: string | null,
    readonly source: JsonValue,
  ) {}

  static decode(d: Decoder): IbcChannelConnectMsg {
    const m = Variant.from(d);
    if (m.is("open_ack")) {
      const channel = IbcChannel.decode(m.body.field("channel"));
      return new IbcChannelConnectMsg(
        IbcChannelConnectKind.OpenAck,
        channel,
        m.body.string("counterparty_version"),
        d.value,
      );
    }
    if (m.is("open_confirm")) {
      return new IbcChannelConnectMsg(
        IbcChannelConnectKind.OpenConfirm,
        IbcChannel.decode(m.body.field("channel")),
        null,
        d.value,
      );
    }
    m.unknown<IbcChannelConnectMsg>();
    return new IbcChannelConnectMsg(IbcChannelConnectKind.OpenAck, placeholderChannel(), null, d.value);
  }
}

export enum IbcChannelCloseKind {
  CloseInit,
  CloseConfirm,
}

/** `{"close_init":{"channel"}}` or `{"close_confirm":{"channel"}}`. */
export class IbcChannelCloseMsg {
  constructor(
    readonly kind: IbcChannelCloseKind,
    readonly channel: IbcChannel,
    readonly source: JsonValue,
  ) {}

  static decode(d: Decoder): IbcChannelCloseMsg {
    const m = Variant.from(d);
    if (m.is("close_init")) {
      return new IbcChannelCloseMsg(IbcChannelCloseKind.CloseInit, IbcChannel.decode(m.body.field("channel")), d.value);
    }
    if (m.is("close_confirm")) {
      return new IbcChannelCloseMsg(
        IbcChannelCloseKind.CloseConfirm,
        IbcChannel.decode(m.body.field("channel")),
        d.value,
      );
    }
    m.unknown<IbcChannelCloseMsg>();
    return new IbcChannelCloseMsg(IbcChannelCloseKind.CloseInit, placeholderChannel(), d.value);
  }
}

export class IbcPacketReceiveMsg {
  constructor(
    readonly packet: IbcPacket,
    readonly relayer: string,
    readonly source: JsonValue,
  ) {}

  static decode(d: Decoder): IbcPacketReceiveMsg {
    return new IbcPacketReceiveMsg(IbcPacket.decode(d.field("packet")), d.string("relayer"), d.value);
  }
}

export class IbcPacketAckMsg {
  constructor(
    readonly acknowledgement: IbcAcknowledgement,
    readonly originalPacket: IbcPacket,
    readonly relayer: string,
    readonly source: JsonValue,
  ) {}

  static decode(d: Decoder): IbcPacketAckMsg {
    return new IbcPacketAckMsg(
      IbcAcknowledgement.decode(d.field("acknowledgement")),
      IbcPacket.decode(d.field("original_packet")),
      d.string("relayer"),
      d.value,
    );
  }
}

export class IbcPacketTimeoutMsg {
  constructor(
    readonly packet: IbcPacket,
    readonly relayer: string,
    readonly source: JsonValue,
  ) {}

  static decode(d: Decoder): IbcPacketTimeoutMsg {
    return new IbcPacketTimeoutMsg(IbcPacket.decode(d.field("packet")), d.string("relayer"), d.value);
  }
}

/** `ibc_source_callback`'s message (ADR-8, cosmwasm-std 2.1 IbcSourceCallbackMsg): an ack or a timeout. */
export class IbcSourceCallbackMsg {
  constructor(
    /** The acknowledgement, or null for a timeout. */
    readonly acknowledgement: IbcAcknowledgement | null,
    /** The original packet (acknowledgement) or the packet (timeout). */
    readonly packet: IbcPacket,
    readonly relayer: string,
    readonly source: JsonValue,
  ) {}

  get isTimeout(): bool {
    return this.acknowledgement == null;
  }

  static decode(d: Decoder): IbcSourceCallbackMsg {
    const m = Variant.from(d);
    if (m.is("acknowledgement")) {
      return new IbcSourceCallbackMsg(
        IbcAcknowledgement.decode(m.body.field("acknowledgement")),
        IbcPacket.decode(m.body.field("original_packet")),
        m.body.string("relayer"),
        d.value,
      );
    }
    if (m.is("timeout")) {
      return new IbcSourceCallbackMsg(
        null,
        IbcPacket.decode(m.body.field("packet")),
        m.body.string("relayer"),
        d.value,
      );
    }
    m.unknown<IbcSourceCallbackMsg>();
    return new IbcSourceCallbackMsg(null, IbcPacket.decode(d), "", d.value);
  }
}

/** What an ICS-20 receive delivered (cosmwasm-std 2.2 IbcTransferCallback). */
export class IbcTransferCallback {
  constructor(
    readonly sender: string,
    readonly receiver: string,
    readonly funds: Coin[],
  ) {}

  static decode(d: Decoder): IbcTransferCallback {
    return new IbcTransferCallback(d.string("sender"), d.string("receiver"), Coin.decodeList(d.array("funds")));
  }
}

/** `ibc_destination_callback`'s message (cosmwasm-std IbcDestinationCallbackMsg); `transfer` since 2.2. */
export class IbcDestinationCallbackMsg {
  constructor(
    readonly packet: IbcPacket,
    readonly ack: IbcAcknowledgement,
    readonly transfer: IbcTransferCallback | null,
    readonly source: JsonValue,
  ) {}

  static decode(d: Decoder): IbcDestinationCallbackMsg {
    const transfer = d.optionalField("transfer");
    return new IbcDestinationCallbackMsg(
      IbcPacket.decode(d.field("packet")),
      IbcAcknowledgement.decode(d.field("ack")),
      transfer != null ? IbcTransferCallback.decode(transfer) : null,
      d.value,
    );
  }
}

/** The answer of `ibc_channel_open` that sets the channel version; answer null to keep the proposed one. */
export class IbcChannelOpenResponse {
  constructor(readonly version: string) {}

  writeJson(w: JsonWriter): void {
    w.beginObject().key("version").string(this.version).endObject();
  }
}

/** The answer of ibc_channel_connect/close and ibc_packet_ack/timeout. */
export class IbcBasicResponse {
  readonly messages: SubMsg[] = new Array<SubMsg>();
  readonly attributes: Attribute[] = new Array<Attribute>();
  readonly events: Event[] = new Array<Event>();

  addAttribute(key: string, value: string): IbcBasicResponse {
    this.attributes.push(new Attribute(key, value));
    return this;
  }

  addEvent(event: Event): IbcBasicResponse {
    this.events.push(event);
    return this;
  }

  addMessage(msg: CosmosMsg): IbcBasicResponse {
    this.messages.push(SubMsg.new(msg));
    return this;
  }

  addSubmessage(sub: SubMsg): IbcBasicResponse {
    this.messages.push(sub);
    return this;
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("messages");
    writeMessages(w, this.messages);
    w.key("attributes");
    writeAttributes(w, this.attributes);
    w.key("events");
    writeEvents(w, this.events);
    w.endObject();
  }
}

/**
 * The answer of `ibc_packet_receive`. `acknowledgement` holds the raw ack bytes written for the packet; null
 * (`withoutAck`) defers it: the contract writes it later with `IbcMsg.writeAcknowledgement`.
 */
export class IbcReceiveResponse {
  readonly messages: SubMsg[] = new Array<SubMsg>();
  readonly attributes: Attribute[] = new Array<Attribute>();
  readonly events: Event[] = new Array<Event>();

  constructor(readonly acknowledgement: Binary | null) {}

  static withoutAck(): IbcReceiveResponse {
    return new IbcReceiveResponse(null);
  }

  addAttribute(key: string, value: string): IbcReceiveResponse {
    this.attributes.push(new Attribute(key, value));
    return this;
  }

  addEvent(event: Event): IbcReceiveResponse {
    this.events.push(event);
    return this;
  }

  addMessage(msg: CosmosMsg): IbcReceiveResponse {
    this.messages.push(SubMsg.new(msg));
    return this;
  }

  addSubmessage(sub: SubMsg): IbcReceiveResponse {
    this.messages.push(sub);
    return this;
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("acknowledgement");
    const ack = this.acknowledgement;
    if (ack != null) ack.writeJson(w);
    else w.null();
    w.key("messages");
    writeMessages(w, this.messages);
    w.key("attributes");
    writeAttributes(w, this.attributes);
    w.key("events");
    writeEvents(w, this.events);
    w.endObject();
  }
}

/**
 * The standard acknowledgement envelope of ICS-20 and most IBC apps (cosmwasm-std StdAck):
 * `{"result":"<base64>"}` on success, `{"error":"<message>"}` on failure.
 */
export class StdAck {
  static success(data: Binary): Binary {
    const w = new JsonWriter(64);
    w.beginObject().key("result");
    data.writeJson(w);
    w.endObject();
    return Binary.fromJson(w);
  }

  static error(message: string): Binary {
    const w = new JsonWriter(64);
    w.beginObject().key("error").string(message).endObject();
    return Binary.fromJson(w);
  }
}

function placeholderChannel(): IbcChannel {
  const none = new IbcEndpoint("", "");
  return new IbcChannel(none, none, IbcOrder.Unordered, "", "");
}
