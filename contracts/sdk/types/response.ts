import { Decoder } from "../json/decoder";
import { JsonWriter } from "../json/writer";
import { Binary } from "./binary";
import { CosmosMsg } from "./cosmos_msg";
import { SubMsg } from "./submsg";

/** A key-value pair; response attributes land in the `wasm` event the chain emits for the call. */
export class Attribute {
  constructor(
    readonly key: string,
    readonly value: string,
  ) {}

  static decode(d: Decoder): Attribute {
    return new Attribute(d.string("key"), d.string("value"));
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("key").string(this.key).key("value").string(this.value).endObject();
  }
}

/** A custom event; the chain emits it as type `wasm-<type>` with `_contract_address` prepended. */
export class Event {
  readonly attributes: Attribute[] = new Array<Attribute>();

  constructor(readonly type: string) {}

  addAttribute(key: string, value: string): Event {
    this.attributes.push(new Attribute(key, value));
    return this;
  }

  static decode(d: Decoder): Event {
    const event = new Event(d.string("type"));
    const attributes = d.array("attributes");
    for (let i = 0; i < attributes.length; i++) event.attributes.push(Attribute.decode(attributes[i]));
    return event;
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("type").string(this.type).key("attributes");
    writeAttributes(w, this.attributes);
    w.endObject();
  }
}

/** The answer of instantiate, execute, migrate, sudo and reply (cosmwasm-std Response), built fluently. */
export class Response {
  readonly messages: SubMsg[] = new Array<SubMsg>();
  readonly attributes: Attribute[] = new Array<Attribute>();
  readonly events: Event[] = new Array<Event>();
  /** Returned to the caller (the transaction, or the parent contract's reply). */
  data: Binary | null = null;

  addAttribute(key: string, value: string): Response {
    this.attributes.push(new Attribute(key, value));
    return this;
  }

  addEvent(event: Event): Response {
    this.events.push(event);
    return this;
  }

  /** A message dispatched after this call; its failure fails the whole transaction (reply_on never). */
  addMessage(msg: CosmosMsg): Response {
    this.messages.push(SubMsg.new(msg));
    return this;
  }

  addSubmessage(sub: SubMsg): Response {
    this.messages.push(sub);
    return this;
  }

  setData(data: Binary): Response {
    this.data = data;
    return this;
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("messages");
    writeMessages(w, this.messages);
    w.key("attributes");
    writeAttributes(w, this.attributes);
    w.key("events");
    writeEvents(w, this.events);
    w.key("data");
    const data = this.data;
    if (data != null) data.writeJson(w);
    else w.null();
    w.endObject();
  }
}

export function writeMessages(w: JsonWriter, messages: SubMsg[]): void {
  w.beginArray();
  for (let i = 0; i < messages.length; i++) messages[i].writeJson(w);
  w.endArray();
}

export function writeAttributes(w: JsonWriter, attributes: Attribute[]): void {
  w.beginArray();
  for (let i = 0; i < attributes.length; i++) attributes[i].writeJson(w);
  w.endArray();
}

export function writeEvents(w: JsonWriter, events: Event[]): void {
  w.beginArray();
  for (let i = 0; i < events.length; i++) events[i].writeJson(w);
  w.endArray();
}
