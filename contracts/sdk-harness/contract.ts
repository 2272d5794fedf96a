/**
 * sdk-harness: exposes SDK functions through messages so that tests can check them through the ABI, the way
 * every contract uses them. It is not meant for deployment.
 *
 * query {"uint128": {"op": "add"|"sub"|"mul"|"div"|"rem", "a", "b"}}   → {"result": string | null}
 *       {"base64": {"text"}}            → {"bytes": [u8], "reencoded": string} or an error for invalid base64
 *       {"echo": {"value": string}}     → {"value": string, "utf8_length": n}   (UTF-16 ↔ UTF-8 round trip)
 *       {"addr": {"address"}}           → {"validated", "canonical": b64, "humanized"} or the host's error
 *       {"balance": {"address", "denom"}}  → the Coin;   {"smart": {"contract", "msg": b64}} → the answer
 *       {"ed25519": {"message", "signature", "public_key"}} (base64) → {"valid": bool} or the error
 *       {"numbers": {"values": [JSON]}} → {"u64": [...], "i64": [...]} decoded with the Decoder (errors surface)
 *       {"range": {"min"?: {"value": u64, "inclusive": bool}, "max"?: …, "descending"?: bool}} → {"keys": [u64]}
 *       {"prefix": {"owner"}}           → {"entries": [[denom, amount]]} from Map<Key, Uint128>
 * execute {"put": {"ids": [u64]}}                        saves each id in Map<u64, bool> "ids"
 *         {"put_balance": {"owner", "denom", "amount"}}   saves Map<Key(owner, denom), Uint128> "balances"
 */
import {
  Api,
  Binary,
  Bound,
  Crypto,
  Decoder,
  Env,
  err,
  handleExecute,
  handleQuery,
  handleInstantiate,
  JsonValue,
  JsonWriter,
  Key,
  Map,
  MessageInfo,
  ok,
  Order,
  Querier,
  queryAnswer,
  Response,
  Result,
  Uint128,
  utf8,
  Variant,
} from "../sdk";

export { allocate, deallocate, interface_version_8 } from "../sdk/exports";
export { requires_iterator } from "../sdk/capabilities";

const IDS = new Map<u64, bool>("ids");
const BALANCES = new Map<Key, Uint128>("balances");

export function instantiate(env: usize, info: usize, msg: usize): usize {
  return handleInstantiate(env, info, msg, onInstantiate);
}

export function execute(env: usize, info: usize, msg: usize): usize {
  return handleExecute(env, info, msg, onExecute);
}

export function query(env: usize, msg: usize): usize {
  return handleQuery(env, msg, onQuery);
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Result<Response> {
  return ok(new Response());
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Result<Response> {
  const m = Variant.of(msg, "ExecuteMsg");
  if (m.is("put")) {
    const ids = m.body.array("ids");
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i].asU64();
      if (!m.failed) IDS.save(id, true);
    }
    return m.failed ? m.toError<Response>() : ok(new Response());
  }
  if (m.is("put_balance")) {
    const key = Key.str(m.body.string("owner")).str(m.body.string("denom"));
    const amount = m.body.uint128("amount");
    if (m.failed) return m.toError<Response>();
    BALANCES.save(key, amount);
    return ok(new Response());
  }
  return m.unknown<Response>();
}

function answer(w: JsonWriter): Result<Binary> {
  return queryAnswer(w);
}

function uint128(d: Decoder): Result<Binary> {
  const op = d.string("op");
  const a = d.uint128("a");
  const b = d.uint128("b");
  if (d.failed) return d.toError<Binary>();
  let r: Uint128 | null = null;
  if (op == "add") r = a.checkedAdd(b);
  else if (op == "sub") r = a.checkedSub(b);
  else if (op == "mul") r = a.checkedMul(b);
  else if (op == "div") r = a.checkedDiv(b);
  else if (op == "rem") r = a.checkedRem(b);
  else return err<Binary>("unknown op " + op);
  const w = new JsonWriter();
  w.beginObject().key("result");
  if (r != null) r.writeJson(w);
  else w.null();
  return answer(w.endObject());
}

function onQuery(env: Env, msg: JsonValue): Result<Binary> {
  const m = Variant.of(msg, "QueryMsg");
  const q = m.body;
  if (m.is("uint128")) return uint128(q);
  if (m.is("base64")) {
    const text = q.string("text");
    if (m.failed) return m.toError<Binary>();
    const decoded = Binary.fromBase64(text);
    if (decoded == null) return err<Binary>("invalid base64");
    const w = new JsonWriter().beginObject().key("bytes").beginArray();
    for (let i = 0; i < decoded.length; i++) w.u64(decoded.bytes[i]);
    return answer(w.endArray().key("reencoded").string(decoded.toBase64()).endObject());
  }
  if (m.is("echo")) {
    const value = q.string("value");
    if (m.failed) return m.toError<Binary>();
    const w = new JsonWriter().beginObject().key("value").string(value);
    return answer(w.key("utf8_length").u64(utf8(value).length).endObject());
  }
  if (m.is("addr")) {
    const address = q.string("address");
    if (m.failed) return m.toError<Binary>();
    const validated = Api.addrValidate(address);
    if (validated.isErr) return validated.cast<Binary>();
    const canonical = Api.addrCanonicalize(address);
    if (canonical.isErr) return canonical.cast<Binary>();
    const humanized = Api.addrHumanize(canonical.value);
    if (humanized.isErr) return humanized.cast<Binary>();
    const w = new JsonWriter().beginObject().key("validated").string(validated.value);
    w.key("canonical").base64(canonical.value).key("humanized").string(humanized.value);
    return answer(w.endObject());
  }
  if (m.is("balance")) {
    const address = q.string("address");
    const denom = q.string("denom");
    if (m.failed) return m.toError<Binary>();
    const coin = Querier.balance(address, denom);
    if (coin.isErr) return coin.cast<Binary>();
    const w = new JsonWriter();
    coin.value.writeJson(w);
    return answer(w);
  }
  if (m.is("smart")) {
    const contract = q.string("contract");
    const body = q.binary("msg");
    if (m.failed) return m.toError<Binary>();
    const result = Querier.wasmSmart(contract, new JsonWriter().rawBytes(body.bytes));
    if (result.isErr) return result.cast<Binary>();
    return answer(new JsonWriter().value(result.value));
  }
  if (m.is("ed25519")) {
    const message = q.binary("message");
    const signature = q.binary("signature");
    const publicKey = q.binary("public_key");
    if (m.failed) return m.toError<Binary>();
    const valid = Crypto.ed25519Verify(message.bytes, signature.bytes, publicKey.bytes);
    if (valid.isErr) return valid.cast<Binary>();
    return answer(new JsonWriter().beginObject().key("valid").bool(valid.value).endObject());
  }
  if (m.is("numbers")) {
    const values = q.array("values");
    const w = new JsonWriter().beginObject().key("u64").beginArray();
    for (let i = 0; i < values.length; i++) w.u64(values[i].asU64());
    w.endArray().key("i64").beginArray();
    for (let i = 0; i < values.length; i++) w.i64(values[i].asI64());
    if (m.failed) return m.toError<Binary>();
    return answer(w.endArray().endObject());
  }
  if (m.is("range")) {
    const min = bound(q.optionalField("min"));
    const max = bound(q.optionalField("max"));
    const order = q.optionalBool("descending", false) ? Order.Descending : Order.Ascending;
    if (m.failed) return m.toError<Binary>();
    const w = new JsonWriter().beginObject().key("keys").beginArray();
    const it = IDS.range(min, max, order);
    while (it.next()) w.u64(it.key);
    return answer(w.endArray().endObject());
  }
  if (m.is("prefix")) {
    const owner = q.string("owner");
    if (m.failed) return m.toError<Binary>();
    const w = new JsonWriter().beginObject().key("entries").beginArray();
    const it = BALANCES.prefix<string>(Key.str(owner)).range(null, null, Order.Ascending);
    while (it.next()) {
      w.beginArray().string(it.key);
      it.value.writeJson(w);
      w.endArray();
    }
    return answer(w.endArray().endObject());
  }
  return m.unknown<Binary>();
}

function bound(d: Decoder | null): Bound | null {
  if (d == null) return null;
  const value = d.u64("value");
  return d.bool("inclusive") ? Bound.inclusive<u64>(value) : Bound.exclusive<u64>(value);
}
