import { bytesToHex } from "@noble/hashes/utils.js";
import type { AddressCodec } from "../../address.js";
import { toWire } from "../../coins.js";
import { AbciError, noSuchCode, noSuchContract, sdkErrors, wasmErrors } from "../../errors.js";
import type { BankKeeper } from "../bank.js";
import type { WasmKeeper } from "./keeper.js";
import { singleVariant } from "./messenger.js";
import { validateJsonMsg } from "./msg_server.js";
import { type ContractQueryHandler, UnsupportedQuery } from "./querier.js";

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function fields(body: unknown, what: string): Record<string, unknown> {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new UnsupportedQuery(`unknown ${what} variant`);
  return body as Record<string, unknown>;
}

function text(o: Record<string, unknown>, key: string): string {
  return typeof o[key] === "string" ? (o[key] as string) : "";
}

/** An address from a query; an invalid one is ErrInvalidAddress (redacted for the contract, as on wasmd). */
function address(addresses: AddressCodec, value: string): string {
  try {
    addresses.toBytes(value);
  } catch (err) {
    if (err instanceof AbciError) throw sdkErrors.invalidAddress.wrap(value);
    throw err;
  }
  return value;
}

/** `{"bank": …}`: balance, all_balances, supply (wasmd's BankQuerier). */
export function bankQueries(bank: BankKeeper, addresses: AddressCodec): ContractQueryHandler {
  return (ctx, _caller, body) => {
    const [variant, inner] = singleVariant(body);
    const o = fields(inner, "BankQuery");
    switch (variant) {
      case "balance": {
        const coin = bank.getBalance(ctx, address(addresses, text(o, "address")), text(o, "denom"));
        return json({ amount: toWire([coin])[0] });
      }
      case "all_balances":
        return json({ amount: toWire(bank.getAllBalances(ctx, address(addresses, text(o, "address")))) });
      case "supply":
        return json({ amount: toWire([bank.getSupply(ctx, text(o, "denom"))])[0] });
      default:
        throw new UnsupportedQuery("unknown BankQuery variant");
    }
  };
}

/** `{"wasm": …}`: smart, raw, contract_info, code_info (wasmd's WasmQuerier). */
export function wasmQueries(keeper: WasmKeeper, addresses: AddressCodec): ContractQueryHandler {
  return (ctx, _caller, body) => {
    const [variant, inner] = singleVariant(body);
    const o = fields(inner, "WasmQuery");
    switch (variant) {
      case "smart": {
        const contract = address(addresses, text(o, "contract_addr"));
        const msg = Buffer.from(text(o, "msg"), "base64");
        try {
          validateJsonMsg(msg);
        } catch (err) {
          if (err instanceof AbciError) throw err.wrap("json msg");
          throw err;
        }
        return keeper.querySmart(ctx, contract, msg);
      }
      case "raw": {
        const contract = address(addresses, text(o, "contract_addr"));
        return keeper.queryRaw(ctx, contract, Buffer.from(text(o, "key"), "base64")) ?? new Uint8Array(0);
      }
      case "contract_info": {
        const contract = address(addresses, text(o, "contract_addr"));
        const info = keeper.contractInfo(ctx, contract);
        if (!info) throw noSuchContract(contract);
        return json({
          code_id: Number(info.codeId),
          creator: info.creator,
          ...(info.admin !== "" ? { admin: info.admin } : {}),
          pinned: false,
          ...(info.ibcPortId !== "" ? { ibc_port: info.ibcPortId } : {}),
        });
      }
      case "code_info": {
        const id = o.code_id;
        if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) throw new UnsupportedQuery("code_info");
        if (id === 0) throw wasmErrors.empty.wrap("code id");
        const info = keeper.codeInfo(ctx, BigInt(id));
        if (!info) throw noSuchCode(BigInt(id));
        return json({ code_id: id, creator: info.creator, checksum: bytesToHex(info.codeHash) });
      }
      default:
        throw new UnsupportedQuery("unknown WasmQuery variant");
    }
  };
}

/** A query variant this node has no module for. */
export function unsupportedQuery(kind: string): ContractQueryHandler {
  return () => {
    throw new UnsupportedQuery(kind);
  };
}
