import { Decoder } from "../json/decoder";
import { Variant } from "../json/variant";
import { JsonValue } from "../json/value";
import { JsonWriter } from "../json/writer";
import { Binary } from "./binary";
import { CosmosMsg, RawMsg } from "./cosmos_msg";
import { Event } from "./response";

/** When the chain calls the contract's `reply` after a submessage ran. */
export enum ReplyOn {
  Never,
  Success,
  Error,
  Always,
}

const REPLY_ON_NAMES: string[] = ["never", "success", "error", "always"];

export function replyOnToString(mode: ReplyOn): string {
  return REPLY_ON_NAMES[<i32>mode];
}

/** The mode named `name` ("always", "error", "success", "never"), or -1. */
export function replyOnFromString(name: string): i32 {
  return REPLY_ON_NAMES.indexOf(name);
}

/**
 * A message with reply semantics (cosmwasm-std SubMsg): it runs in its own sub-context after the call; with
 * reply_on success/error/always the chain calls `reply` with `id` and `payload`, and a failure the contract asked
 * to hear about (error/always) is rolled back without failing the caller.
 */
export class SubMsg {
  payload: Binary = new Binary();
  /** Only meaningful when `hasGasLimit`. */
  gasLimit: u64 = 0;
  hasGasLimit: bool = false;

  constructor(
    readonly id: u64,
    readonly msg: CosmosMsg,
    readonly replyOn: ReplyOn,
  ) {}

  /** No reply (id 0); a failure fails the caller. */
  static new(msg: CosmosMsg): SubMsg {
    return new SubMsg(0, msg, ReplyOn.Never);
  }

  static replyOnSuccess(msg: CosmosMsg, id: u64): SubMsg {
    return new SubMsg(id, msg, ReplyOn.Success);
  }

  static replyOnError(msg: CosmosMsg, id: u64): SubMsg {
    return new SubMsg(id, msg, ReplyOn.Error);
  }

  static replyAlways(msg: CosmosMsg, id: u64): SubMsg {
    return new SubMsg(id, msg, ReplyOn.Always);
  }

  withGasLimit(limit: u64): SubMsg {
    this.gasLimit = limit;
    this.hasGasLimit = true;
    return this;
  }

  /** Bytes handed back unchanged in the Reply. */
  withPayload(payload: Binary): SubMsg {
    this.payload = payload;
    return this;
  }

  /** Reads a SubMsg as JSON (`msg` is kept verbatim as a RawMsg). */
  static decode(d: Decoder): SubMsg {
    const id = d.u64("id");
    const msg = d.field("msg");
    if (!d.failed) msg.expectObject();
    const modeName = d.string("reply_on");
    let mode = replyOnFromString(modeName);
    if (mode < 0 && !d.failed) {
      d.field("reply_on").fail(
        "unknown variant `" + modeName + "`, expected one of `always`, `error`, `success`, `never`",
      );
      mode = 0;
    }
    const sub = new SubMsg(id, new RawMsg(msg.value.raw()), <ReplyOn>mode);
    const payload = d.optionalBinary("payload");
    if (payload != null) sub.payload = payload;
    const gas = d.optionalField("gas_limit");
    if (gas != null) sub.withGasLimit(gas.asU64());
    return sub;
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("id").u64(this.id).key("payload");
    this.payload.writeJson(w);
    w.key("msg");
    this.msg.writeJson(w);
    w.key("gas_limit");
    if (this.hasGasLimit) w.u64(this.gasLimit);
    else w.null();
    w.key("reply_on").string(replyOnToString(this.replyOn)).endObject();
  }
}

/** One message response of a submessage (Any-encoded: `type_url` and protobuf `value`). */
export class MsgResponse {
  constructor(
    readonly typeUrl: string,
    readonly value: Binary,
  ) {}
}

/** What a successful submessage produced. */
export class SubMsgResponse {
  constructor(
    readonly events: Event[],
    /** The deprecated `data` field (the executed contract's data on wasmd); null when absent. */
    readonly data: Binary | null,
    readonly msgResponses: MsgResponse[],
  ) {}
}

/**
 * The argument of `reply`. Reads both the CosmWasm 2.x/3.x shape (payload, gas_used, msg_responses) and the
 * older one without them.
 */
export class Reply {
  constructor(
    readonly id: u64,
    readonly payload: Binary,
    readonly gasUsed: u64,
    /** The submessage's response when it succeeded, else null. */
    readonly response: SubMsgResponse | null,
    /** The error message when it failed, else null. */
    readonly error: string | null,
    /** The reply exactly as delivered. */
    readonly source: JsonValue,
  ) {}

  get isOk(): bool {
    return this.response != null;
  }

  static decode(d: Decoder): Reply {
    const id = d.u64("id");
    const payload = d.optionalBinary("payload");
    const gasUsed = d.optionalU64("gas_used", 0);
    const result = Variant.from(d.field("result"));
    let response: SubMsgResponse | null = null;
    let error: string | null = null;
    if (result.is("ok")) {
      const body = result.body;
      const events = new Array<Event>();
      const items = body.array("events");
      for (let i = 0; i < items.length; i++) events.push(Event.decode(items[i]));
      const responses = new Array<MsgResponse>();
      const encoded = body.optionalArray("msg_responses");
      for (let i = 0; i < encoded.length; i++) {
        responses.push(new MsgResponse(encoded[i].string("type_url"), encoded[i].binary("value")));
      }
      response = new SubMsgResponse(events, body.optionalBinary("data"), responses);
    } else if (result.is("error")) {
      error = result.body.asString();
    } else result.unknown<Reply>();
    return new Reply(id, payload != null ? payload : new Binary(), gasUsed, response, error, d.value);
  }
}
