/**
 * ibc-probe: a scriptable IBC-enabled contract for testing a node's IBC paths. Its behaviour in every callback is
 * configured (see config.ts), every callback is recorded verbatim (history.ts), and execute messages make it act.
 *
 * instantiate {"config"?: ProbeConfig}
 * execute     {"configure": ProbeConfig}                                   replaces the configuration
 *             {"send_packet": {"channel_id", "data": b64, "timeout": IbcTimeout}}
 *             {"transfer": {"channel_id", "to_address", "amount": Coin, "timeout": IbcTimeout, "memo"?}}
 *             {"close_channel": {"channel_id"}}
 *             {"write_acknowledgement": {"channel_id", "packet_sequence", "ack": b64}}   for a deferred ack
 * query       {"history": {"kind"?: string, "after"?: id}}  → {"records": [{"id", "kind", "block_height", "msg"}]}
 *             {"config": {}}                               → the configuration
 * Recorded kinds: ibc_channel_open, ibc_channel_connect, ibc_channel_close, ibc_packet_receive, ibc_packet_ack,
 * ibc_packet_timeout, reply, ibc_source_callback, ibc_destination_callback (ADR-8 callbacks).
 */
import {
  Binary,
  Coin,
  Decoder,
  Env,
  err,
  handleExecute,
  handleIbcChannelClose,
  handleIbcChannelConnect,
  handleIbcChannelOpen,
  handleIbcPacketAck,
  handleIbcPacketReceive,
  handleIbcPacketTimeout,
  handleIbcSourceCallback,
  handleIbcDestinationCallback,
  handleInstantiate,
  handleQuery,
  handleReply,
  IbcBasicResponse,
  IbcChannelCloseMsg,
  IbcChannelConnectMsg,
  IbcChannelOpenMsg,
  IbcChannelOpenResponse,
  IbcMsg,
  ibcOrderToString,
  IbcPacketAckMsg,
  IbcPacketReceiveMsg,
  IbcPacketTimeoutMsg,
  IbcSourceCallbackMsg,
  IbcDestinationCallbackMsg,
  IbcReceiveResponse,
  IbcTimeout,
  JsonValue,
  JsonWriter,
  MessageInfo,
  ok,
  panic,
  queryAnswer,
  Reply,
  Response,
  Result,
  StdAck,
  Variant,
} from "../sdk";
import {
  configJson,
  emptyConfig,
  decodeAttributes,
  decodeEvents,
  decodeMessages,
  defaultAck,
  saveConfig,
  section,
  validateConfig,
} from "./config";
import { record, writeHistory } from "./history";

export { allocate, deallocate, interface_version_8 } from "../sdk/exports";
export { requires_cosmwasm_2_1, requires_iterator, requires_stargate } from "../sdk/capabilities";

export function instantiate(env: usize, info: usize, msg: usize): usize {
  return handleInstantiate(env, info, msg, onInstantiate);
}

export function execute(env: usize, info: usize, msg: usize): usize {
  return handleExecute(env, info, msg, onExecute);
}

export function query(env: usize, msg: usize): usize {
  return handleQuery(env, msg, onQuery);
}

export function reply(env: usize, msg: usize): usize {
  return handleReply(env, msg, onReply);
}

export function ibc_channel_open(env: usize, msg: usize): usize {
  return handleIbcChannelOpen(env, msg, onChannelOpen);
}

export function ibc_channel_connect(env: usize, msg: usize): usize {
  return handleIbcChannelConnect(env, msg, onChannelConnect);
}

export function ibc_channel_close(env: usize, msg: usize): usize {
  return handleIbcChannelClose(env, msg, onChannelClose);
}

export function ibc_packet_receive(env: usize, msg: usize): usize {
  return handleIbcPacketReceive(env, msg, onPacketReceive);
}

export function ibc_packet_ack(env: usize, msg: usize): usize {
  return handleIbcPacketAck(env, msg, onPacketAck);
}

export function ibc_packet_timeout(env: usize, msg: usize): usize {
  return handleIbcPacketTimeout(env, msg, onPacketTimeout);
}

export function ibc_source_callback(env: usize, msg: usize): usize {
  return handleIbcSourceCallback(env, msg, onSourceCallback);
}

export function ibc_destination_callback(env: usize, msg: usize): usize {
  return handleIbcDestinationCallback(env, msg, onDestinationCallback);
}

// ---- instantiate, execute, query ----

function configure(config: JsonValue): Result<Response> {
  const d = Decoder.of(config, "ProbeConfig");
  d.expectObject();
  validateConfig(d);
  if (d.failed) return d.toError<Response>();
  saveConfig(config);
  return ok(new Response().addAttribute("action", "configure"));
}

function onInstantiate(env: Env, info: MessageInfo, msg: JsonValue): Result<Response> {
  const d = Decoder.of(msg, "InstantiateMsg");
  d.expectObject();
  if (d.failed) return d.toError<Response>();
  const config = d.raw("config");
  if (config != null && !config.isNull) return configure(config);
  return configure(emptyConfig());
}

function onExecute(env: Env, info: MessageInfo, msg: JsonValue): Result<Response> {
  const m = Variant.of(msg, "ExecuteMsg");
  if (m.is("configure")) return configure(m.body.value);
  if (m.is("send_packet")) {
    const channel = m.body.string("channel_id");
    const data = m.body.binary("data");
    const timeout = IbcTimeout.decode(m.body.field("timeout"));
    if (m.failed) return m.toError<Response>();
    return ok(
      new Response().addAttribute("action", "send_packet").addMessage(IbcMsg.sendPacket(channel, data, timeout)),
    );
  }
  if (m.is("transfer")) {
    const channel = m.body.string("channel_id");
    const to = m.body.string("to_address");
    const amount = Coin.decode(m.body.field("amount"));
    const timeout = IbcTimeout.decode(m.body.field("timeout"));
    const memo = m.body.optionalString("memo");
    if (m.failed) return m.toError<Response>();
    return ok(
      new Response().addAttribute("action", "transfer").addMessage(IbcMsg.transfer(channel, to, amount, timeout, memo)),
    );
  }
  if (m.is("close_channel")) {
    const channel = m.body.string("channel_id");
    if (m.failed) return m.toError<Response>();
    return ok(new Response().addAttribute("action", "close_channel").addMessage(IbcMsg.closeChannel(channel)));
  }
  if (m.is("write_acknowledgement")) {
    const channel = m.body.string("channel_id");
    const sequence = m.body.u64("packet_sequence");
    const ack = m.body.binary("ack");
    if (m.failed) return m.toError<Response>();
    const write = IbcMsg.writeAcknowledgement(channel, sequence, ack);
    return ok(new Response().addAttribute("action", "write_acknowledgement").addMessage(write));
  }
  return m.unknown<Response>();
}

function onQuery(env: Env, msg: JsonValue): Result<Binary> {
  const m = Variant.of(msg, "QueryMsg");
  if (m.is("history")) {
    const kind = m.body.optionalString("kind");
    const after = m.body.optionalField("after");
    const afterId = after != null ? after.asU64() : 0;
    if (m.failed) return m.toError<Binary>();
    const w = new JsonWriter(1024);
    writeHistory(w, kind, afterId, after != null);
    return queryAnswer(w);
  }
  if (m.is("config")) {
    const w = new JsonWriter();
    w.value(configJson());
    return queryAnswer(w);
  }
  return m.unknown<Binary>();
}

// ---- IBC callbacks ----

function onChannelOpen(env: Env, msg: IbcChannelOpenMsg): Result<IbcChannelOpenResponse | null> {
  const config = section("open");
  const error = config.optionalString("error");
  if (error != null) return err<IbcChannelOpenResponse | null>(error);
  const order = config.optionalString("order");
  const actual = ibcOrderToString(msg.channel.order);
  if (order != null && order != actual) {
    return err<IbcChannelOpenResponse | null>("expected channel order " + order + ", got " + actual);
  }
  record("ibc_channel_open", env, msg.source);
  const version = config.optionalString("version");
  return ok<IbcChannelOpenResponse | null>(version != null ? new IbcChannelOpenResponse(version) : null);
}

function basic(kind: string, name: string, env: Env, source: JsonValue): Result<IbcBasicResponse> {
  const error = section(name).optionalString("error");
  if (error != null) return err<IbcBasicResponse>(error);
  record(kind, env, source);
  return ok(new IbcBasicResponse().addAttribute("callback", kind));
}

function onChannelConnect(env: Env, msg: IbcChannelConnectMsg): Result<IbcBasicResponse> {
  return basic("ibc_channel_connect", "connect", env, msg.source);
}

function onChannelClose(env: Env, msg: IbcChannelCloseMsg): Result<IbcBasicResponse> {
  return basic("ibc_channel_close", "close", env, msg.source);
}

function onPacketAck(env: Env, msg: IbcPacketAckMsg): Result<IbcBasicResponse> {
  return basic("ibc_packet_ack", "ack", env, msg.source);
}

function onPacketTimeout(env: Env, msg: IbcPacketTimeoutMsg): Result<IbcBasicResponse> {
  return basic("ibc_packet_timeout", "timeout", env, msg.source);
}

function onPacketReceive(env: Env, msg: IbcPacketReceiveMsg): Result<IbcReceiveResponse> {
  const config = section("receive");
  const crash = config.optionalString("panic");
  if (crash != null) panic(crash);
  const error = config.optionalString("error");
  if (error != null) return err<IbcReceiveResponse>(error);
  record("ibc_packet_receive", env, msg.source);
  let response: IbcReceiveResponse;
  if (config.optionalBool("async", false)) response = IbcReceiveResponse.withoutAck();
  else {
    const ack = config.optionalBinary("ack");
    response = new IbcReceiveResponse(ack != null ? ack : StdAck.success(defaultAck()));
  }
  const messages = decodeMessages(config);
  for (let i = 0; i < messages.length; i++) response.addSubmessage(messages[i]);
  const attributes = decodeAttributes(config);
  for (let i = 0; i < attributes.length; i++) response.addAttribute(attributes[i].key, attributes[i].value);
  const events = decodeEvents(config);
  for (let i = 0; i < events.length; i++) response.addEvent(events[i]);
  return ok(response);
}

function onReply(env: Env, reply: Reply): Result<Response> {
  const config = section("reply");
  const error = config.optionalString("error");
  if (error != null) return err<Response>(error);
  record("reply", env, reply.source);
  const response = new Response();
  const data = config.optionalBinary("data");
  if (data != null) response.setData(data);
  return ok(response);
}

// ---- ADR-8 callbacks ----

/** Spun by `exhaust_gas`: a global store per turn, so the loop is not optimised away and burns every unit of gas. */
let spins: u64 = 0;

function callback(kind: string, name: string, env: Env, source: JsonValue): Result<IbcBasicResponse> {
  const config = section(name);
  const crash = config.optionalString("panic");
  if (crash != null) panic(crash);
  if (config.optionalBool("exhaust_gas", false)) {
    while (spins != U64.MAX_VALUE) spins++;
  }
  return basic(kind, name, env, source);
}

function onSourceCallback(env: Env, msg: IbcSourceCallbackMsg): Result<IbcBasicResponse> {
  return callback("ibc_source_callback", "source_callback", env, msg.source);
}

function onDestinationCallback(env: Env, msg: IbcDestinationCallbackMsg): Result<IbcBasicResponse> {
  return callback("ibc_destination_callback", "destination_callback", env, msg.source);
}
