import { isUtf8 } from "node:buffer";
import { CommunicationError } from "./errors.js";
import type {
  Binary,
  ContractResult,
  Env,
  IbcBasicResponse,
  IbcChannelCloseMsg,
  IbcChannelConnectMsg,
  IbcChannelOpenMsg,
  IbcChannelOpenResponse,
  IbcDestinationCallbackMsg,
  IbcPacketAckMsg,
  IbcPacketReceiveMsg,
  IbcPacketTimeoutMsg,
  IbcReceiveResponse,
  IbcSourceCallbackMsg,
  MessageInfo,
  MigrateInfo,
  Reply,
  Response,
} from "./types.js";
import type { CallBackend, CallOptions, Vm } from "./vm.js";

/**
 * Typed entry points (cosmwasm-vm calls.rs and ibc_calls.rs). Each serialises its arguments to JSON, calls the
 * export and parses the ContractResult. A contract error (`{"error":…}`) is a normal result; a VmError is thrown
 * for traps, aborts, out of gas and results that break the ABI.
 */

export interface CallResult<T> {
  result: ContractResult<T>;
  gasUsed: number;
}

/** A message is either a JSON-serialisable value or raw bytes passed through untouched (e.g. invalid JSON). */
export type MsgInput = unknown;

/** cosmwasm-vm refuses to deserialise results larger than this (deserialization_limits). */
const RESULT_DESERIALIZATION_LIMIT = 256 * 1024;

/** Raw bytes pass through untouched; anything else is serialised to JSON text. */
function toArg(value: MsgInput): string | Uint8Array {
  return value instanceof Uint8Array ? value : JSON.stringify(value);
}

export interface Target {
  vm: Vm;
  checksum: string;
  backend: CallBackend;
  options: CallOptions;
}

function call<T>(
  target: Target,
  entry: string,
  args: MsgInput[],
  normalize: (ok: unknown) => T,
  readonly = false,
): CallResult<T> {
  const { result, gasUsed } = target.vm.callRaw(target.checksum, entry, args.map(toArg), target.backend, {
    ...target.options,
    readonly,
  });
  return { result: parseContractResult(entry, result, normalize), gasUsed };
}

export function parseContractResult<T>(
  entry: string,
  bytes: Uint8Array,
  normalize: (ok: unknown) => T,
): ContractResult<T> {
  if (bytes.length > RESULT_DESERIALIZATION_LIMIT) {
    throw new CommunicationError(
      "deserialization_limit",
      `Result of ${entry} is ${bytes.length} bytes, over the ${RESULT_DESERIALIZATION_LIMIT} byte limit`,
      { entry, length: bytes.length },
    );
  }
  let parsed: unknown;
  try {
    if (!isUtf8(bytes)) throw new Error("invalid UTF-8");
    parsed = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (err) {
    throw new CommunicationError("parse_result", `Result of ${entry} is not valid JSON: ${(err as Error).message}`, {
      entry,
    });
  }
  if (parsed !== null && typeof parsed === "object") {
    const obj = parsed as Record<string, unknown>;
    if ("ok" in obj) return { ok: normalize(obj.ok) };
    if (typeof obj.error === "string") return { error: obj.error };
  }
  throw new CommunicationError("parse_result", `Result of ${entry} is not a ContractResult`, { entry });
}

function object(entry: string, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new CommunicationError("parse_result", `Result of ${entry} has an unexpected shape`, { entry });
  }
  return v as Record<string, unknown>;
}

function list<T>(v: unknown): T[] {
  return Array.isArray(v) ? (v as T[]) : [];
}

/** Fills in the fields that 1.x contracts omit (e.g. SubMsg.payload) so callers see one shape. */
function normalizeMessages(v: unknown): Response["messages"] {
  return list<Record<string, unknown>>(v).map((m) => ({
    id: Number(m.id ?? 0),
    payload: typeof m.payload === "string" ? m.payload : "",
    msg: m.msg as Record<string, unknown>,
    gas_limit: m.gas_limit === undefined || m.gas_limit === null ? null : Number(m.gas_limit),
    reply_on: (m.reply_on ?? "never") as Response["messages"][number]["reply_on"],
  }));
}

const responseOf =
  (entry: string) =>
  (v: unknown): Response => {
    const o = object(entry, v);
    return {
      messages: normalizeMessages(o.messages),
      attributes: list(o.attributes),
      events: list(o.events),
      data: (o.data as Binary | null | undefined) ?? null,
    };
  };

const basicResponseOf =
  (entry: string) =>
  (v: unknown): IbcBasicResponse => {
    const o = object(entry, v);
    return { messages: normalizeMessages(o.messages), attributes: list(o.attributes), events: list(o.events) };
  };

export function instantiate(t: Target, env: Env, info: MessageInfo, msg: MsgInput): CallResult<Response> {
  return call(t, "instantiate", [env, info, msg], responseOf("instantiate"));
}

export function execute(t: Target, env: Env, info: MessageInfo, msg: MsgInput): CallResult<Response> {
  return call(t, "execute", [env, info, msg], responseOf("execute"));
}

/** Passes MigrateInfo to contracts whose `migrate` takes three arguments (CosmWasm ≥ 2.2), else the 2-arg form. */
export function migrate(t: Target, env: Env, msg: MsgInput, migrateInfo: MigrateInfo): CallResult<Response> {
  const arity = t.vm.getCode(t.checksum).migrateArity;
  const args = arity >= 3 ? [env, msg, migrateInfo] : [env, msg];
  return call(t, "migrate", args, responseOf("migrate"));
}

export function sudo(t: Target, env: Env, msg: MsgInput): CallResult<Response> {
  return call(t, "sudo", [env, msg], responseOf("sudo"));
}

export function reply(t: Target, env: Env, msg: Reply): CallResult<Response> {
  return call(t, "reply", [env, msg], responseOf("reply"));
}

/** Queries run with read-only storage; the result is base64 of the contract's JSON answer. */
export function query(t: Target, env: Env, msg: MsgInput): CallResult<Binary> {
  return call(
    t,
    "query",
    [env, msg],
    (v) => {
      if (typeof v !== "string") throw new CommunicationError("parse_result", "Query result is not Binary", {});
      return v;
    },
    true,
  );
}

export function ibcChannelOpen(t: Target, env: Env, msg: IbcChannelOpenMsg): CallResult<IbcChannelOpenResponse> {
  return call(t, "ibc_channel_open", [env, msg], (v) => {
    if (v === null || v === undefined) return null;
    const o = object("ibc_channel_open", v);
    if (typeof o.version !== "string") {
      throw new CommunicationError("parse_result", "ibc_channel_open returned no version", {});
    }
    return { version: o.version };
  });
}

export function ibcChannelConnect(t: Target, env: Env, msg: IbcChannelConnectMsg): CallResult<IbcBasicResponse> {
  return call(t, "ibc_channel_connect", [env, msg], basicResponseOf("ibc_channel_connect"));
}

export function ibcChannelClose(t: Target, env: Env, msg: IbcChannelCloseMsg): CallResult<IbcBasicResponse> {
  return call(t, "ibc_channel_close", [env, msg], basicResponseOf("ibc_channel_close"));
}

export function ibcPacketReceive(t: Target, env: Env, msg: IbcPacketReceiveMsg): CallResult<IbcReceiveResponse> {
  return call(t, "ibc_packet_receive", [env, msg], (v) => {
    const base = basicResponseOf("ibc_packet_receive")(v);
    const ack = (v as Record<string, unknown>).acknowledgement;
    return { ...base, acknowledgement: typeof ack === "string" ? ack : null };
  });
}

export function ibcPacketAck(t: Target, env: Env, msg: IbcPacketAckMsg): CallResult<IbcBasicResponse> {
  return call(t, "ibc_packet_ack", [env, msg], basicResponseOf("ibc_packet_ack"));
}

export function ibcPacketTimeout(t: Target, env: Env, msg: IbcPacketTimeoutMsg): CallResult<IbcBasicResponse> {
  return call(t, "ibc_packet_timeout", [env, msg], basicResponseOf("ibc_packet_timeout"));
}

export function ibcSourceCallback(t: Target, env: Env, msg: IbcSourceCallbackMsg): CallResult<IbcBasicResponse> {
  return call(t, "ibc_source_callback", [env, msg], basicResponseOf("ibc_source_callback"));
}

export function ibcDestinationCallback(
  t: Target,
  env: Env,
  msg: IbcDestinationCallbackMsg,
): CallResult<IbcBasicResponse> {
  return call(t, "ibc_destination_callback", [env, msg], basicResponseOf("ibc_destination_callback"));
}
