/**
 * The counter: the example of contracts/README.md. Instantiate with a starting count, anyone may increment it,
 * only the owner may reset it, and a query reads it.
 *
 *   instantiate {"count": 7}
 *   execute     {"increment": {}}          attribute action=increment, event wasm-counter {count}
 *   execute     {"reset": {"count": 0}}    owner only, else the contract error "Unauthorized"
 *   query       {"get_count": {}}          → {"count": 8}
 */
import {
  Binary,
  Decoder,
  Env,
  err,
  Event,
  handleExecute,
  handleInstantiate,
  handleQuery,
  Item,
  JsonValue,
  JsonWriter,
  MessageInfo,
  ok,
  queryAnswer,
  Response,
  Result,
  Variant,
} from "../sdk";

export { allocate, deallocate, interface_version_8 } from "../sdk/exports";

/** What the contract stores: one JSON object under the key "state". */
class State {
  constructor(
    public count: u64,
    public owner: string,
  ) {}

  static decode(d: Decoder): State {
    return new State(d.u64("count"), d.string("owner"));
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("count").u64(this.count).key("owner").string(this.owner).endObject();
  }
}

const STATE = new Item<State>("state", State.decode);

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
  const d = Decoder.of(msg, "InstantiateMsg");
  const count = d.u64("count");
  if (d.failed) return d.toError<Response>();
  STATE.save(new State(count, info.sender));
  return ok(
    new Response()
      .addAttribute("method", "instantiate")
      .addAttribute("owner", info.sender)
      .addAttribute("count", count.toString()),
  );
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Result<Response> {
  const m = Variant.of(msg, "ExecuteMsg");
  if (m.is("increment")) return increment();
  if (m.is("reset")) {
    const count = m.body.u64("count");
    if (m.failed) return m.toError<Response>();
    return reset(info, count);
  }
  return m.unknown<Response>();
}

function increment(): Result<Response> {
  const state = STATE.load();
  state.count += 1;
  STATE.save(state);
  const event = new Event("counter").addAttribute("count", state.count.toString());
  return ok(new Response().addAttribute("action", "increment").addEvent(event));
}

function reset(info: MessageInfo, count: u64): Result<Response> {
  const state = STATE.load();
  if (info.sender != state.owner) return err<Response>("Unauthorized");
  state.count = count;
  STATE.save(state);
  return ok(new Response().addAttribute("action", "reset"));
}

function onQuery(env: Env, msg: JsonValue): Result<Binary> {
  const m = Variant.of(msg, "QueryMsg");
  if (m.is("get_count")) {
    const w = new JsonWriter();
    w.beginObject().key("count").u64(STATE.load().count).endObject();
    return queryAnswer(w);
  }
  return m.unknown<Binary>();
}
