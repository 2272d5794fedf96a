/**
 * reflect: dispatches the messages it is given and records the replies it gets, for testing a node's
 * submessage semantics (reply_on modes, gas limits, data propagation, rollback).
 *
 * execute {"reflect_msgs": {"msgs": [CosmosMsg]}}                      plain messages (reply_on never)
 *         {"reflect_sub_msgs": {"msgs": [SubMsg], "data"?: b64, "replies"?: [ReplyPlan]}}
 *         {"respond": {"set"?: [{key, value}], "error"?: string, "data"?: b64, "attributes"?: [...], "events"?: [...]}}
 *                          writes `set`, then fails with `error` or answers with data/attributes/events;
 *                          the callee side of a test (its writes show whether the node rolled them back)
 *         {"panic": {"message"}}                                      a VM error
 * reply   recorded verbatim; then the ReplyPlan for its id, if any:
 *         {"id", "set"?: [{key, value}], "error"?: string, "data"?: b64, "msgs"?: [SubMsg]}
 * query   {"replies": {}} → {"replies": [Reply]}    {"reply": {"id"}} → the last Reply with that id
 *         {"value": {"key"}} → {"value": string | null}    {"values": {}} → {"values": [{key, value}]}
 */
import {
  Attribute,
  Binary,
  Decoder,
  Env,
  err,
  Event,
  handleExecute,
  handleInstantiate,
  handleQuery,
  handleReply,
  Item,
  JsonValue,
  JsonWriter,
  Map,
  MessageInfo,
  ok,
  Order,
  panic,
  queryAnswer,
  RawMsg,
  Reply,
  Response,
  Result,
  SubMsg,
  Variant,
} from "../sdk";

export { allocate, deallocate, interface_version_8 } from "../sdk/exports";
export { requires_iterator } from "../sdk/capabilities";

/** Replies in arrival order. */
const REPLIES = new Map<u64, JsonValue>("replies");
const REPLY_COUNT = new Item<u64>("reply_count");
/** What to do when the reply for a submessage id arrives. */
const REPLY_PLANS = new Map<u64, JsonValue>("reply_plans");
/** Plain key-value state that tests read to see which writes survived. */
const VALUES = new Map<string, string>("values");

export function instantiate(env: usize, info: usize, msg: usize): usize {
  return handleInstantiate(env, info, msg, onInstantiate);
}

export function execute(env: usize, info: usize, msg: usize): usize {
  return handleExecute(env, info, msg, onExecute);
}

export function reply(env: usize, msg: usize): usize {
  return handleReply(env, msg, onReply);
}

export function query(env: usize, msg: usize): usize {
  return handleQuery(env, msg, onQuery);
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Result<Response> {
  return ok(new Response().addAttribute("action", "instantiate"));
}

function decodeSubMsgs(d: Decoder, key: string): SubMsg[] {
  const items = d.optionalArray(key);
  const out = new Array<SubMsg>();
  for (let i = 0; i < items.length; i++) out.push(SubMsg.decode(items[i]));
  return out;
}

/** Applies `set: [{key, value}]` from a message or a plan. */
function applySets(d: Decoder): void {
  const items = d.optionalArray("set");
  for (let i = 0; i < items.length; i++) {
    const key = items[i].string("key");
    const value = items[i].string("value");
    if (!d.failed) VALUES.save(key, value);
  }
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Result<Response> {
  const m = Variant.of(msg, "ExecuteMsg");
  if (m.is("reflect_msgs")) {
    const items = m.body.array("msgs");
    const response = new Response().addAttribute("action", "reflect_msgs");
    for (let i = 0; i < items.length; i++) {
      items[i].expectObject();
      response.addMessage(new RawMsg(items[i].value.raw()));
    }
    return m.failed ? m.toError<Response>() : ok(response);
  }
  if (m.is("reflect_sub_msgs")) {
    const subs = decodeSubMsgs(m.body, "msgs");
    const data = m.body.optionalBinary("data");
    const plans = m.body.optionalArray("replies");
    for (let i = 0; i < plans.length; i++) plans[i].u64("id");
    if (m.failed) return m.toError<Response>();
    for (let i = 0; i < plans.length; i++) REPLY_PLANS.save(plans[i].u64("id"), plans[i].value);
    const response = new Response().addAttribute("action", "reflect_sub_msgs");
    for (let i = 0; i < subs.length; i++) response.addSubmessage(subs[i]);
    if (data != null) response.setData(data);
    return ok(response);
  }
  if (m.is("respond")) return respond(m.body);
  if (m.is("panic")) {
    const message = m.body.string("message");
    if (m.failed) return m.toError<Response>();
    panic(message);
  }
  return m.unknown<Response>();
}

function respond(d: Decoder): Result<Response> {
  const error = d.optionalString("error");
  const data = d.optionalBinary("data");
  const attributes = d.optionalArray("attributes");
  const events = d.optionalArray("events");
  applySets(d);
  const response = new Response().addAttribute("action", "respond");
  for (let i = 0; i < attributes.length; i++) {
    const attribute = Attribute.decode(attributes[i]);
    response.addAttribute(attribute.key, attribute.value);
  }
  for (let i = 0; i < events.length; i++) response.addEvent(Event.decode(events[i]));
  if (d.failed) return d.toError<Response>();
  if (error != null) return err<Response>(error);
  if (data != null) response.setData(data);
  return ok(response);
}

function onReply(env: Env, reply: Reply): Result<Response> {
  const count = REPLY_COUNT.loadOr(0);
  REPLIES.save(count, reply.source);
  REPLY_COUNT.save(count + 1);
  const response = new Response().addAttribute("action", "reply").addAttribute("id", reply.id.toString());
  const plan = REPLY_PLANS.mayLoad(reply.id);
  if (plan == null) return ok(response);
  const d = Decoder.of(plan, "ReplyPlan");
  applySets(d);
  const error = d.optionalString("error");
  const data = d.optionalBinary("data");
  const subs = decodeSubMsgs(d, "msgs");
  if (d.failed) return d.toError<Response>();
  if (error != null) return err<Response>(error);
  for (let i = 0; i < subs.length; i++) response.addSubmessage(subs[i]);
  if (data != null) response.setData(data);
  return ok(response);
}

function onQuery(env: Env, msg: JsonValue): Result<Binary> {
  const m = Variant.of(msg, "QueryMsg");
  if (m.is("replies")) {
    const w = new JsonWriter(1024);
    w.beginObject().key("replies").beginArray();
    const it = REPLIES.range(null, null, Order.Ascending);
    while (it.next()) w.value(it.value);
    w.endArray().endObject();
    return queryAnswer(w);
  }
  if (m.is("reply")) {
    const id = m.body.u64("id");
    if (m.failed) return m.toError<Binary>();
    const it = REPLIES.range(null, null, Order.Descending);
    while (it.next()) {
      if (Decoder.of(it.value, "Reply").u64("id") == id) return queryAnswer(new JsonWriter().value(it.value));
    }
    return err<Binary>("no reply with id " + id.toString());
  }
  if (m.is("value")) {
    const key = m.body.string("key");
    if (m.failed) return m.toError<Binary>();
    const w = new JsonWriter();
    w.beginObject().key("value").optionalString(VALUES.mayLoad(key)).endObject();
    return queryAnswer(w);
  }
  if (m.is("values")) {
    const w = new JsonWriter();
    w.beginObject().key("values").beginArray();
    const it = VALUES.range(null, null, Order.Ascending);
    while (it.next()) w.beginObject().key("key").string(it.key).key("value").string(it.value).endObject();
    w.endArray().endObject();
    return queryAnswer(w);
  }
  return m.unknown<Binary>();
}
