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

/** The entry points taking (env, msg): both decoded, the handler's result (or the decoding error) as a region. */
function handleEnvMsg<M, R>(
  envPtr: usize,
  msgPtr: usize,
  typeName: string,
  decode: (d: Decoder) => M,
  handler: (env: Env, msg: M) => Result<R>,
): usize {
  const env = decodeEnv(envPtr);
  if (env.isErr) return errorRegion(env.error);
  const msg = decodeMsg<M>(msgPtr, typeName, decode);
  if (msg.isErr) return errorRegion(msg.error);
  return resultRegion<R>(handler(env.value, msg.value));
}

export function handleReply(envPtr: usize, msgPtr: usize, handler: ReplyHandler): usize {
  return handleEnvMsg<Reply, Response>(envPtr, msgPtr, "Reply", Reply.decode, handler);
}

/** `ibc_channel_open`: answer null to accept the proposed version, a response to set another, an error to refuse. */
export function handleIbcChannelOpen(envPtr: usize, msgPtr: usize, handler: IbcChannelOpenHandler): usize {
  return handleEnvMsg<IbcChannelOpenMsg, IbcChannelOpenResponse | null>(
    envPtr,
    msgPtr,
    "IbcChannelOpenMsg",
    IbcChannelOpenMsg.decode,
    handler,
  );
}

export function handleIbcChannelConnect(envPtr: usize, msgPtr: usize, handler: IbcChannelConnectHandler): usize {
  return handleEnvMsg<IbcChannelConnectMsg, IbcBasicResponse>(
    envPtr,
    msgPtr,
    "IbcChannelConnectMsg",
    IbcChannelConnectMsg.decode,
    handler,
  );
}

export function handleIbcChannelClose(envPtr: usize, msgPtr: usize, handler: IbcChannelCloseHandler): usize {
  return handleEnvMsg<IbcChannelCloseMsg, IbcBasicResponse>(
    envPtr,
    msgPtr,
    "IbcChannelCloseMsg",
    IbcChannelCloseMsg.decode,
    handler,
  );
}

export function handleIbcPacketReceive(envPtr: usize, msgPtr: usize, handler: IbcPacketReceiveHandler): usize {
  return handleEnvMsg<IbcPacketReceiveMsg, IbcReceiveResponse>(
    envPtr,
    msgPtr,
    "IbcPacketReceiveMsg",
    IbcPacketReceiveMsg.decode,
    handler,
  );
}

export function handleIbcPacketAck(envPtr: usize, msgPtr: usize, handler: IbcPacketAckHandler): usize {
  return handleEnvMsg<IbcPacketAckMsg, IbcBasicResponse>(
    envPtr,
    msgPtr,
    "IbcPacketAckMsg",
    IbcPacketAckMsg.decode,
    handler,
  );
}

export function handleIbcPacketTimeout(envPtr: usize, msgPtr: usize, handler: IbcPacketTimeoutHandler): usize {
  return handleEnvMsg<IbcPacketTimeoutMsg, IbcBasicResponse>(
    envPtr,
    msgPtr,
    "IbcPacketTimeoutMsg",
    IbcPacketTimeoutMsg.decode,
    handler,
  );
}

/** `ibc_source_callback` (ADR-8): the ack or timeout of a packet this contract sent with a `src_callback` memo. */
export function handleIbcSourceCallback(envPtr: usize, msgPtr: usize, handler: IbcSourceCallbackHandler): usize {
  return handleEnvMsg<IbcSourceCallbackMsg, IbcBasicResponse>(
    envPtr,
    msgPtr,
    "IbcSourceCallbackMsg",
    IbcSourceCallbackMsg.decode,
    handler,
  );
}

/** `ibc_destination_callback` (ADR-8): a packet received with a `dest_callback` memo naming this contract. */
export function handleIbcDestinationCallback(
  envPtr: usize,
  msgPtr: usize,
  handler: IbcDestinationCallbackHandler,
): usize {
  return handleEnvMsg<IbcDestinationCallbackMsg, IbcBasicResponse>(
    envPtr,
    msgPtr,
    "IbcDestinationCallbackMsg",
    IbcDestinationCallbackMsg.decode,
    handler,
  );
}

/** A query answer: the JSON a writer produced. */
export function queryAnswer(w: JsonWriter): Result<Binary> {
  return Result.ok<Binary>(Binary.fromJson(w));
}
