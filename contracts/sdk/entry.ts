import { Decoder } from "./json/decoder";
import { parseJson } from "./json/parser";
import { JsonValue } from "./json/value";
import { JsonWriter } from "./json/writer";
import { regionLength, regionOffset } from "./memory";
import { Result } from "./result";
import { Binary } from "./types/binary";
import { Env, MessageInfo } from "./types/env";
import {
  IbcBasicResponse,
  IbcChannelCloseMsg,
  IbcChannelConnectMsg,
  IbcChannelOpenMsg,
  IbcChannelOpenResponse,
  IbcPacketAckMsg,
  IbcPacketReceiveMsg,
  IbcPacketTimeoutMsg,
  IbcSourceCallbackMsg,
  IbcDestinationCallbackMsg,
  IbcReceiveResponse,
} from "./types/ibc";
import { Response } from "./types/response";
import { Reply } from "./types/submsg";

/**
 * Entry-point glue (cosmwasm-std's do_instantiate, do_execute, …): decode the argument regions, call the handler,
 * encode its Result as a ContractResult (`{"ok":…}` or `{"error":"…"}`) and return the result region. A contract
 * exports one function per entry point and delegates, e.g.
 *
 *   export function execute(env: usize, info: usize, msg: usize): usize {
 *     return handleExecute(env, info, msg, onExecute);
 *   }
 *
 * Arguments that do not parse produce a contract error ("Error parsing into type Env: …"), as in cosmwasm-std.
 */

export type InstantiateHandler = (env: Env, info: MessageInfo, msg: JsonValue) => Result<Response>;
export type ExecuteHandler = (env: Env, info: MessageInfo, msg: JsonValue) => Result<Response>;
export type QueryHandler = (env: Env, msg: JsonValue) => Result<Binary>;
export type MigrateHandler = (env: Env, msg: JsonValue) => Result<Response>;
export type SudoHandler = (env: Env, msg: JsonValue) => Result<Response>;
export type ReplyHandler = (env: Env, reply: Reply) => Result<Response>;
export type IbcChannelOpenHandler = (env: Env, msg: IbcChannelOpenMsg) => Result<IbcChannelOpenResponse | null>;
export type IbcChannelConnectHandler = (env: Env, msg: IbcChannelConnectMsg) => Result<IbcBasicResponse>;
export type IbcChannelCloseHandler = (env: Env, msg: IbcChannelCloseMsg) => Result<IbcBasicResponse>;
export type IbcPacketReceiveHandler = (env: Env, msg: IbcPacketReceiveMsg) => Result<IbcReceiveResponse>;
export type IbcPacketAckHandler = (env: Env, msg: IbcPacketAckMsg) => Result<IbcBasicResponse>;
export type IbcPacketTimeoutHandler = (env: Env, msg: IbcPacketTimeoutMsg) => Result<IbcBasicResponse>;
export type IbcSourceCallbackHandler = (env: Env, msg: IbcSourceCallbackMsg) => Result<IbcBasicResponse>;
export type IbcDestinationCallbackHandler = (env: Env, msg: IbcDestinationCallbackMsg) => Result<IbcBasicResponse>;

/** Parses the JSON in an argument region; the error names the expected type. */
function parseArgument(region: usize, typeName: string): Result<JsonValue> {
  const parsed = parseJson(regionOffset(region), regionLength(region));
  if (parsed.isErr) return Result.err<JsonValue>("Error parsing into type " + typeName + ": " + parsed.error);
  return parsed;
}

/** Decodes the Env argument. */
function decodeEnv(region: usize): Result<Env> {
  const parsed = parseArgument(region, "Env");
  if (parsed.isErr) return parsed.cast<Env>();
  const d = Decoder.of(parsed.value, "Env");
  const env = Env.decode(d);
  return d.failed ? d.toError<Env>() : Result.ok(env);
}

function decodeInfo(region: usize): Result<MessageInfo> {
  const parsed = parseArgument(region, "MessageInfo");
  if (parsed.isErr) return parsed.cast<MessageInfo>();
  const d = Decoder.of(parsed.value, "MessageInfo");
  const info = MessageInfo.decode(d);
  return d.failed ? d.toError<MessageInfo>() : Result.ok(info);
}

/** Writes `{"error":"…"}` into a result region. */
export function errorRegion(message: string): usize {
  const w = new JsonWriter(message.length + 16);
  w.beginObject().key("error").string(message).endObject();
  return w.intoRegion();
}

/** Writes a ContractResult into a result region. T is a class with `writeJson`, possibly nullable. */
export function resultRegion<T>(result: Result<T>): usize {
  if (result.isErr) return errorRegion(result.error);
  const w = new JsonWriter();
  w.beginObject().key("ok");
  const value = result.value;
  if (isNullable<T>() && value == null) w.null();
  else {
    // @ts-ignore: every answer type has writeJson
    value!.writeJson(w);
  }
  w.endObject();
  return w.intoRegion();
}

function withEnvInfoMsg(
  envPtr: usize,
  infoPtr: usize,
  msgPtr: usize,
  handler: (env: Env, info: MessageInfo, msg: JsonValue) => Result<Response>,
  msgType: string,
): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const info = decodeInfo(infoPtr);
  if (info.isErr) return errorRegion(info.error);
  const msg = parseArgument(msgPtr, msgType);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<Response>(handler(env.value, info.value, msg.value));
}

export function handleInstantiate(env: usize, info: usize, msg: usize, handler: InstantiateHandler): usize {
  return withEnvInfoMsg(env, info, msg, handler, "InstantiateMsg");
}

export function handleExecute(env: usize, info: usize, msg: usize, handler: ExecuteHandler): usize {
  return withEnvInfoMsg(env, info, msg, handler, "ExecuteMsg");
}

/** Queries answer with JSON bytes (e.g. `Binary.fromJson(writer)`); the chain passes them on base64-encoded. */
export function handleQuery(envPtr: usize, msgPtr: usize, handler: QueryHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = parseArgument(msgPtr, "QueryMsg");
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<Binary>(handler(env.value, msg.value));
}

/** `migrate(env, msg)`: the two-argument form, which every CosmWasm version calls. */
export function handleMigrate(envPtr: usize, msgPtr: usize, handler: MigrateHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = parseArgument(msgPtr, "MigrateMsg");
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<Response>(handler(env.value, msg.value));
}

export function handleSudo(envPtr: usize, msgPtr: usize, handler: SudoHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = parseArgument(msgPtr, "SudoMsg");
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<Response>(handler(env.value, msg.value));
}

/** Decodes an argument of a class with a static `decode(d: Decoder)`, reporting errors as contract errors. */
function decodeMsg<M>(msgPtr: usize, typeName: string, decode: (d: Decoder) => M): Result<M> {
  const parsed = parseArgument(msgPtr, typeName);
  if (parsed.isErr) return parsed.cast<M>();
  const d = Decoder.of(parsed.value, typeName);
  const msg = decode(d);
  return d.failed ? d.toError<M>() : Result.ok<M>(msg);
}

export function handleReply(envPtr: usize, msgPtr: usize, handler: ReplyHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const reply = decodeMsg<Reply>(msgPtr, "Reply", Reply.decode);
  if (reply.isErr) return errorRegion(reply.error);
  return resultRegion<Response>(handler(env.value, reply.value));
}

/** `ibc_channel_open`: answer null to accept the proposed version, a response to set another, an error to refuse. */
export function handleIbcChannelOpen(envPtr: usize, msgPtr: usize, handler: IbcChannelOpenHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcChannelOpenMsg>(msgPtr, "IbcChannelOpenMsg", IbcChannelOpenMsg.decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcChannelOpenResponse | null>(handler(env.value, msg.value));
}

export function handleIbcChannelConnect(envPtr: usize, msgPtr: usize, handler: IbcChannelConnectHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcChannelConnectMsg>(msgPtr, "IbcChannelConnectMsg", IbcChannelConnectMsg.decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcBasicResponse>(handler(env.value, msg.value));
}

export function handleIbcChannelClose(envPtr: usize, msgPtr: usize, handler: IbcChannelCloseHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcChannelCloseMsg>(msgPtr, "IbcChannelCloseMsg", IbcChannelCloseMsg.decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcBasicResponse>(handler(env.value, msg.value));
}

export function handleIbcPacketReceive(envPtr: usize, msgPtr: usize, handler: IbcPacketReceiveHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcPacketReceiveMsg>(msgPtr, "IbcPacketReceiveMsg", IbcPacketReceiveMsg.decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcReceiveResponse>(handler(env.value, msg.value));
}

export function handleIbcPacketAck(envPtr: usize, msgPtr: usize, handler: IbcPacketAckHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcPacketAckMsg>(msgPtr, "IbcPacketAckMsg", IbcPacketAckMsg.decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcBasicResponse>(handler(env.value, msg.value));
}

export function handleIbcPacketTimeout(envPtr: usize, msgPtr: usize, handler: IbcPacketTimeoutHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcPacketTimeoutMsg>(msgPtr, "IbcPacketTimeoutMsg", IbcPacketTimeoutMsg.decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcBasicResponse>(handler(env.value, msg.value));
}

/** `ibc_source_callback` (ADR-8): the ack or timeout of a packet this contract sent with a `src_callback` memo. */
export function handleIbcSourceCallback(envPtr: usize, msgPtr: usize, handler: IbcSourceCallbackHandler): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcSourceCallbackMsg>(msgPtr, "IbcSourceCallbackMsg", IbcSourceCallbackMsg.decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcBasicResponse>(handler(env.value, msg.value));
}

/** `ibc_destination_callback` (ADR-8): a packet received with a `dest_callback` memo naming this contract. */
export function handleIbcDestinationCallback(
  envPtr: usize,
  msgPtr: usize,
  handler: IbcDestinationCallbackHandler,
): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<IbcDestinationCallbackMsg>(
    msgPtr,
    "IbcDestinationCallbackMsg",
    IbcDestinationCallbackMsg.decode,
  );
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<IbcBasicResponse>(handler(env.value, msg.value));
}

/** A query answer: the JSON a writer produced. */
export function queryAnswer(w: JsonWriter): Result<Binary> {
  return Result.ok<Binary>(Binary.fromJson(w));
}
