import { Attribute, Binary, Decoder, Event, ibcOrderFromString, Item, JsonValue, parseJson, SubMsg } from "../sdk";

/**
 * How the probe behaves, set by instantiate/configure and kept verbatim as JSON. Every part is optional:
 *
 *   {
 *     "open":    {"error"?: string, "version"?: string, "order"?: "ORDER_ORDERED" | "ORDER_UNORDERED"},
 *     "connect": {"error"?: string},
 *     "close":   {"error"?: string},
 *     "receive": {"ack"?: base64, "error"?: string, "panic"?: string, "async"?: bool,
 *                 "messages"?: [SubMsg], "attributes"?: [Attribute], "events"?: [Event]},
 *     "ack":     {"error"?: string},
 *     "timeout": {"error"?: string},
 *     "reply":   {"error"?: string, "data"?: base64},
 *     "source_callback":      {"error"?: string, "panic"?: string, "exhaust_gas"?: bool},
 *     "destination_callback": {"error"?: string, "panic"?: string, "exhaust_gas"?: bool}
 *   }
 */
const CONFIG = new Item<JsonValue>("config");

/** Checks every part of a configuration so that a typo fails at configure time, not inside a callback. */
export function validateConfig(d: Decoder): void {
  const open = d.optionalField("open");
  if (open != null) {
    open.optionalString("error");
    open.optionalString("version");
    const order = open.optionalString("order");
    if (order != null && ibcOrderFromString(order) < 0) open.field("order").fail("unknown order `" + order + "`");
  }
  const sections = ["connect", "close", "ack", "timeout"];
  for (let i = 0; i < sections.length; i++) {
    const section = d.optionalField(sections[i]);
    if (section != null) section.optionalString("error");
  }
  const callbacks = ["source_callback", "destination_callback"];
  for (let i = 0; i < callbacks.length; i++) {
    const section = d.optionalField(callbacks[i]);
    if (section != null) {
      section.optionalString("error");
      section.optionalString("panic");
      section.optionalBool("exhaust_gas", false);
    }
  }
  const receive = d.optionalField("receive");
  if (receive != null) {
    receive.optionalBinary("ack");
    receive.optionalString("error");
    receive.optionalString("panic");
    receive.optionalBool("async", false);
    decodeMessages(receive);
    decodeAttributes(receive);
    decodeEvents(receive);
  }
  const reply = d.optionalField("reply");
  if (reply != null) {
    reply.optionalString("error");
    reply.optionalBinary("data");
  }
}

export function saveConfig(config: JsonValue): void {
  CONFIG.save(config);
}

/** The part of the configuration for one callback; an empty decoder (every field absent) when unset. */
export function section(name: string): Decoder {
  const d = Decoder.of(CONFIG.load(), "ProbeConfig");
  const part = d.optionalField(name);
  return part != null ? part : Decoder.of(EMPTY, "ProbeConfig");
}

/** `{}`: every part unset. */
export function emptyConfig(): JsonValue {
  return EMPTY;
}

export function configJson(): JsonValue {
  return CONFIG.load();
}

export function decodeMessages(d: Decoder): SubMsg[] {
  const items = d.optionalArray("messages");
  const out = new Array<SubMsg>();
  for (let i = 0; i < items.length; i++) out.push(SubMsg.decode(items[i]));
  return out;
}

export function decodeAttributes(d: Decoder): Attribute[] {
  const items = d.optionalArray("attributes");
  const out = new Array<Attribute>();
  for (let i = 0; i < items.length; i++) out.push(Attribute.decode(items[i]));
  return out;
}

export function decodeEvents(d: Decoder): Event[] {
  const items = d.optionalArray("events");
  const out = new Array<Event>();
  for (let i = 0; i < items.length; i++) out.push(Event.decode(items[i]));
  return out;
}

/** The acknowledgement returned by default: the standard success envelope around the byte 0x01. */
export function defaultAck(): Binary {
  const one = new Uint8Array(1);
  one[0] = 1;
  return new Binary(one);
}

const EMPTY_TEXT = String.UTF8.encode("{}");
const EMPTY = parseJson(changetype<usize>(EMPTY_TEXT), 2).value;
