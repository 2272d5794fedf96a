import { sha256 } from "../../../crypto/index.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import {
  MsgClearAdmin,
  MsgClearAdminResponse,
  MsgExecuteContract,
  MsgExecuteContractResponse,
  MsgInstantiateContract,
  MsgInstantiateContract2,
  MsgInstantiateContract2Response,
  MsgInstantiateContractResponse,
  MsgMigrateContract,
  MsgMigrateContractResponse,
  MsgStoreCode,
  MsgStoreCodeResponse,
  MsgUpdateAdmin,
  MsgUpdateAdminResponse,
} from "cosmjs-types/cosmwasm/wasm/v1/tx";
import { AccessType } from "cosmjs-types/cosmwasm/wasm/v1/types";
import type { AddressCodec } from "../../address.js";
import type { ExecContext } from "../../context.js";
import { type Coin, parseAmount, validateCoins } from "../../coins.js";
import { AbciError, sdkErrors, wasmErrors } from "../../errors.js";
import { defineRoute, type MsgRoute } from "../../router.js";
import { type WasmKeeper, WASM_LIMITS } from "./keeper.js";

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/**
 * The x/wasm messages a tx (or a contract) can send, with wasmd's ValidateBasic rules and msg server behaviour.
 * Each handler returns its protobuf response, which becomes the message's data.
 */
export function wasmRoutes(keeper: WasmKeeper, addresses: AddressCodec): MsgRoute<unknown>[] {
  const address = (value: string, field: string) => wrapped(field, () => addresses.toBytes(value, field));
  const optionalAddress = (value: string, field: string) => {
    if (value !== "") address(value, field);
  };
  /** The fields MsgInstantiateContract and MsgInstantiateContract2 share, validated and executed alike. */
  type InstantiateFields = Pick<MsgInstantiateContract, "sender" | "admin" | "codeId" | "label" | "msg" | "funds">;
  const validateInstantiate = (m: InstantiateFields) => {
    address(m.sender, "sender");
    if (m.codeId === 0n) throw sdkErrors.invalidRequest.wrap("code id is required");
    wrapped("label", () => validateLabel(m.label));
    wrapped("funds", () => coins(m.funds));
    optionalAddress(m.admin, "admin");
    wrapped("payload msg", () => validateJsonMsg(m.msg));
  };
  const instantiateJson = (m: InstantiateFields) => ({
    sender: m.sender,
    admin: m.admin,
    code_id: m.codeId.toString(),
    label: m.label,
    msg: jsonOrBase64(m.msg),
    funds: m.funds,
  });
  const instantiate = (
    ctx: ExecContext,
    m: InstantiateFields,
    contractAddress: Parameters<WasmKeeper["instantiate"]>[7],
  ) => keeper.instantiate(ctx, m.codeId, m.sender, m.admin, m.msg, m.label, coins(m.funds), contractAddress);

  return [
    defineRoute<MsgStoreCode>({
      typeUrl: MsgStoreCode.typeUrl,
      decode: (b) => MsgStoreCode.decode(b),
      encode: (m) => MsgStoreCode.encode(m).finish(),
      signers: (m) => [m.sender],
      validateBasic: (m) => {
        addresses.toBytes(m.sender, "sender");
        if (m.wasmByteCode.length === 0) throw sdkErrors.invalidRequest.wrap("code bytes is required: empty");
        if (m.wasmByteCode.length > WASM_LIMITS.maxWasmSize) {
          throw sdkErrors.invalidRequest.wrap(
            `code bytes cannot be longer than ${WASM_LIMITS.maxWasmSize} bytes: exceeds limit`,
          );
        }
        if (m.instantiatePermission) validateAccessConfig(m.instantiatePermission, addresses);
      },
      handle: (ctx, m) => {
        const { codeId, checksum } = keeper.storeCode(ctx, m.sender, m.wasmByteCode, m.instantiatePermission);
        return response(MsgStoreCodeResponse, { codeId, checksum });
      },
      toJSON: (m) => ({
        sender: m.sender,
        wasm_byte_code: `<${m.wasmByteCode.length} bytes, sha256 ${bytesToHex(sha256(m.wasmByteCode))}>`,
        instantiate_permission: m.instantiatePermission ?? null,
      }),
    }),
    defineRoute<MsgInstantiateContract>({
      typeUrl: MsgInstantiateContract.typeUrl,
      decode: (b) => MsgInstantiateContract.decode(b),
      encode: (m) => MsgInstantiateContract.encode(m).finish(),
      signers: (m) => [m.sender],
      validateBasic: validateInstantiate,
      handle: (ctx, m) => {
        const { address: contract, data } = instantiate(ctx, m, keeper.classicAddress());
        return response(MsgInstantiateContractResponse, { address: contract, data: data ?? new Uint8Array(0) });
      },
      toJSON: instantiateJson,
    }),
    defineRoute<MsgInstantiateContract2>({
      typeUrl: MsgInstantiateContract2.typeUrl,
      decode: (b) => MsgInstantiateContract2.decode(b),
      encode: (m) => MsgInstantiateContract2.encode(m).finish(),
      signers: (m) => [m.sender],
      validateBasic: (m) => {
        validateInstantiate(m);
        wrapped("salt", () => validateSalt(m.salt));
      },
      handle: (ctx, m) => {
        const { address: contract, data } = instantiate(
          ctx,
          m,
          keeper.predictableAddress(m.sender, m.salt, m.msg, m.fixMsg),
        );
        return response(MsgInstantiateContract2Response, { address: contract, data: data ?? new Uint8Array(0) });
      },
      toJSON: (m) => ({
        ...instantiateJson(m),
        salt: Buffer.from(m.salt).toString("base64"),
        fix_msg: m.fixMsg,
      }),
    }),
    defineRoute<MsgExecuteContract>({
      typeUrl: MsgExecuteContract.typeUrl,
      decode: (b) => MsgExecuteContract.decode(b),
      encode: (m) => MsgExecuteContract.encode(m).finish(),
      signers: (m) => [m.sender],
      validateBasic: (m) => {
        address(m.sender, "sender");
        address(m.contract, "contract");
        wrapped("funds", () => coins(m.funds));
        wrapped("payload msg", () => validateJsonMsg(m.msg));
      },
      handle: (ctx, m) => {
        const data = keeper.execute(ctx, m.contract, m.sender, m.msg, coins(m.funds));
        return response(MsgExecuteContractResponse, { data: data ?? new Uint8Array(0) });
      },
      toJSON: (m) => ({ sender: m.sender, contract: m.contract, msg: jsonOrBase64(m.msg), funds: m.funds }),
    }),
    defineRoute<MsgMigrateContract>({
      typeUrl: MsgMigrateContract.typeUrl,
      decode: (b) => MsgMigrateContract.decode(b),
      encode: (m) => MsgMigrateContract.encode(m).finish(),
      signers: (m) => [m.sender],
      validateBasic: (m) => {
        if (m.codeId === 0n) throw sdkErrors.invalidRequest.wrap("code id is required");
        address(m.sender, "sender");
        address(m.contract, "contract");
        wrapped("payload msg", () => validateJsonMsg(m.msg));
      },
      handle: (ctx, m) => {
        const data = keeper.migrate(ctx, m.contract, m.sender, m.codeId, m.msg);
        return response(MsgMigrateContractResponse, { data: data ?? new Uint8Array(0) });
      },
      toJSON: (m) => ({
        sender: m.sender,
        contract: m.contract,
        code_id: m.codeId.toString(),
        msg: jsonOrBase64(m.msg),
      }),
    }),
    defineRoute<MsgUpdateAdmin>({
      typeUrl: MsgUpdateAdmin.typeUrl,
      decode: (b) => MsgUpdateAdmin.decode(b),
      encode: (m) => MsgUpdateAdmin.encode(m).finish(),
      signers: (m) => [m.sender],
      validateBasic: (m) => {
        address(m.sender, "sender");
        address(m.contract, "contract");
        address(m.newAdmin, "new admin");
        if (m.sender.toLowerCase() === m.newAdmin.toLowerCase()) {
          throw wasmErrors.invalid.wrap("new admin is the same as the old");
        }
      },
      handle: (ctx, m) => {
        keeper.setAdmin(ctx, m.contract, m.sender, m.newAdmin);
        return response(MsgUpdateAdminResponse, {});
      },
      toJSON: (m) => ({ sender: m.sender, new_admin: m.newAdmin, contract: m.contract }),
    }),
    defineRoute<MsgClearAdmin>({
      typeUrl: MsgClearAdmin.typeUrl,
      decode: (b) => MsgClearAdmin.decode(b),
      encode: (m) => MsgClearAdmin.encode(m).finish(),
      signers: (m) => [m.sender],
      validateBasic: (m) => {
        address(m.sender, "sender");
        address(m.contract, "contract");
      },
      handle: (ctx, m) => {
        keeper.setAdmin(ctx, m.contract, m.sender, "");
        return response(MsgClearAdminResponse, {});
      },
      toJSON: (m) => ({ sender: m.sender, contract: m.contract }),
    }),
  ];
}

interface ProtoResponse<T> {
  typeUrl: string;
  fromPartial(o: object): T;
  encode(m: T): { finish(): Uint8Array };
}

function response<T>(type: ProtoResponse<T>, fields: object): { typeUrl: string; value: Uint8Array } {
  return { typeUrl: type.typeUrl, value: type.encode(type.fromPartial(fields)).finish() };
}

/** errorsmod.Wrap(err, field) for the AbciErrors `body` throws. */
function wrapped<T>(field: string, body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof AbciError) throw err.wrap(field);
    throw err;
  }
}

/** Coins of a message, validated exactly as given (sdk.Coins.Validate). */
function coins(wire: readonly { denom: string; amount: string }[]): Coin[] {
  const list = wire.map((c) => ({ denom: c.denom, amount: parseAmount(c.amount) }));
  validateCoins(list);
  return list;
}

/** RawContractMessage.ValidateBasic: present and valid JSON. */
export function validateJsonMsg(msg: Uint8Array): void {
  if (msg.length === 0) throw wasmErrors.empty.error();
  try {
    JSON.parse(utf8Strict.decode(msg));
  } catch {
    throw wasmErrors.invalid.error();
  }
}

/** wasmd's ValidateLabel. */
export function validateLabel(label: string): void {
  if (label === "") throw wasmErrors.empty.wrap("is required");
  if (Buffer.byteLength(label, "utf8") > WASM_LIMITS.maxLabelSize) {
    throw wasmErrors.limit.wrap(`cannot be longer than ${WASM_LIMITS.maxLabelSize} characters`);
  }
  if (label !== label.trim()) throw wasmErrors.invalid.wrap("label must not start/end with whitespaces");
  if (/[\p{C}]/u.test(label)) throw wasmErrors.invalid.wrap("label must have printable characters only");
}

function validateSalt(salt: Uint8Array): void {
  if (salt.length === 0) throw wasmErrors.empty.wrap("is required");
  if (salt.length > WASM_LIMITS.maxSaltSize) {
    throw wasmErrors.limit.wrap(`cannot be longer than ${WASM_LIMITS.maxSaltSize} characters`);
  }
}

function validateAccessConfig(config: { permission: AccessType; addresses: string[] }, addresses: AddressCodec): void {
  switch (config.permission) {
    case AccessType.ACCESS_TYPE_NOBODY:
    case AccessType.ACCESS_TYPE_EVERYBODY:
      if (config.addresses.length > 0) throw wasmErrors.invalid.wrap("instantiate permission: addresses must be empty");
      return;
    case AccessType.ACCESS_TYPE_ANY_OF_ADDRESSES:
      if (config.addresses.length === 0) throw wasmErrors.empty.wrap("instantiate permission: addresses");
      for (const a of config.addresses) addresses.toBytes(a, "instantiate permission address");
      return;
    default:
      throw wasmErrors.invalid.wrap(`instantiate permission: unknown type ${config.permission}`);
  }
}

/** A contract message for people: parsed JSON when it is JSON, else base64. */
function jsonOrBase64(msg: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Strict.decode(msg));
  } catch {
    return Buffer.from(msg).toString("base64");
  }
}
