import { bytesToHex } from "@noble/hashes/utils.js";
import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { AccessType } from "cosmjs-types/cosmwasm/wasm/v1/types";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { SignedHeader } from "./block/header.js";
import type { Chain } from "./chain.js";
import { toWire, type WireCoin } from "./coins.js";
import { AbciError, NodeError } from "./errors.js";
import type { Event } from "./events.js";
import { decodeTx } from "./tx/decode.js";
import type { TxResult } from "./tx/result.js";

/**
 * The node's read API: JSON documents shaped like wasmd's query responses (snake_case, u64 as strings), read from
 * the committed state at the head. The CLI prints these; tests and other programs can use them directly.
 */
export class NodeQueries {
  constructor(readonly chain: Chain) {}

  private get app() {
    return this.chain.app;
  }

  balances(address: string): { balances: WireCoin[]; pagination: Pagination } {
    this.app.addresses.toBytes(address);
    const balances = toWire(this.app.bank.getAllBalances(this.chain.queryContext(), address));
    return { balances, pagination: pagination(balances.length) };
  }

  account(address: string): { account: AccountJson } {
    this.app.addresses.toBytes(address);
    const account = this.app.auth.getAccount(this.chain.queryContext(), address);
    if (!account) throw new NodeError("node.not_found", `account ${address} not found`, { address });
    return {
      account: {
        address: account.address,
        pub_key: account.pubKey ? { "@type": "/cosmos.crypto.secp256k1.PubKey", key: b64(account.pubKey) } : null,
        account_number: account.accountNumber.toString(),
        sequence: account.sequence.toString(),
      },
    };
  }

  contract(address: string): { address: string; contract_info: ContractInfoJson } {
    this.app.addresses.toBytes(address);
    const info = this.app.wasm.keeper.contractInfo(this.chain.queryContext(), address);
    if (!info) throw new NodeError("node.not_found", `no contract at ${address}`, { address });
    return {
      address,
      contract_info: {
        code_id: info.codeId.toString(),
        creator: info.creator,
        admin: info.admin,
        label: info.label,
        created: info.created
          ? { block_height: info.created.blockHeight.toString(), tx_index: info.created.txIndex.toString() }
          : null,
        ibc_port_id: info.ibcPortId,
      },
    };
  }

  contractHistory(address: string): { entries: unknown[] } {
    const entries = this.app.wasm.keeper.state.history(this.chain.queryContext(), address);
    const operations = ["Unspecified", "Init", "Migrate", "Genesis"];
    return {
      entries: entries.map((e) => ({
        operation: operations[e.operation] ?? String(e.operation),
        code_id: e.codeId.toString(),
        updated: e.updated
          ? { block_height: e.updated.blockHeight.toString(), tx_index: e.updated.txIndex.toString() }
          : null,
        msg: parseJson(e.msg),
      })),
    };
  }

  listCode(): { code_infos: CodeInfoJson[]; pagination: Pagination } {
    const codes = [...this.app.wasm.keeper.state.codeInfos(this.chain.queryContext())].map(({ codeId, info }) => ({
      code_id: codeId.toString(),
      creator: info.creator,
      data_hash: bytesToHex(info.codeHash).toUpperCase(),
      instantiate_permission: {
        permission: permissionName(info.instantiateConfig?.permission),
        addresses: info.instantiateConfig?.addresses ?? [],
      },
    }));
    return { code_infos: codes, pagination: pagination(codes.length) };
  }

  listContractsByCode(codeId: bigint): { contracts: string[]; pagination: Pagination } {
    const ctx = this.chain.queryContext();
    if (!this.app.wasm.keeper.codeInfo(ctx, codeId)) {
      throw new NodeError("node.not_found", `no code with id ${codeId}`, { codeId: codeId.toString() });
    }
    const contracts = this.app.wasm.keeper.state.contractsByCode(ctx, codeId);
    return { contracts, pagination: pagination(contracts.length) };
  }

  /** A smart query; `msg` is the JSON text sent to the contract. Contract errors are NodeErrors with its message. */
  smart(address: string, msg: string): { data: unknown } {
    this.app.addresses.toBytes(address);
    try {
      JSON.parse(msg);
    } catch (err) {
      throw new NodeError("node.invalid_json", `query message is not JSON: ${(err as Error).message}`);
    }
    try {
      const answer = this.app.wasm.keeper.querySmart(this.chain.queryContext(), address, new TextEncoder().encode(msg));
      return { data: parseJson(answer) };
    } catch (err) {
      if (err instanceof AbciError) {
        throw new NodeError("node.query_failed", `query failed: ${err.message}`, {
          codespace: err.codespace,
          code: err.abciCode,
        });
      }
      throw err;
    }
  }

  /** A raw read of contract storage; `keyHex` is the key in hex. `data` is null when the key is absent. */
  raw(address: string, keyHex: string): { data: string | null } {
    this.app.addresses.toBytes(address);
    if (!/^([0-9a-fA-F]{2})*$/.test(keyHex)) throw new NodeError("node.invalid_hex", `key ${keyHex} is not hex`);
    const value = this.app.wasm.keeper.queryRaw(this.chain.queryContext(), address, Buffer.from(keyHex, "hex"));
    return { data: value === undefined ? null : b64(value) };
  }

  tx(hash: string): TxJson {
    const found = this.chain.txByHash(hash.toUpperCase());
    if (!found) throw new NodeError("node.not_found", `tx ${hash} not found`, { hash });
    return this.txJson(found.result, found.tx);
  }

  txJson(result: TxResult, tx: Uint8Array): TxJson {
    const header = this.chain.header(result.height);
    return {
      height: String(result.height),
      txhash: result.hash,
      codespace: result.codespace,
      code: result.code,
      data: result.data,
      raw_log: result.log,
      gas_wanted: String(result.gasWanted),
      gas_used: String(result.gasUsed),
      tx: this.txBody(tx),
      msg_responses: msgResponses(result.data),
      timestamp: header?.header.time ?? null,
      events: result.events,
    };
  }

  /** A block's signed header and its txs' hashes; the head when no height is given. */
  block(height?: number): BlockJson {
    const h = height ?? this.chain.head().height;
    if (h === 0) throw new NodeError("node.not_found", "height 0 is the genesis; blocks start at 1");
    const signed = this.chain.header(h);
    if (!signed) {
      throw new NodeError("node.not_found", `no block at height ${h} (the head is at ${this.chain.head().height})`, {
        height: h,
      });
    }
    return {
      block_id: { hash: signed.hash },
      header: signed.header,
      signature: signed.signature,
      txs: this.chain.blockResults(h).map((r) => ({ hash: r.hash, code: r.code })),
    };
  }

  status(): { chain_id: string; height: number; time: string; app_hash: string; block_hash: string } {
    const head = this.chain.head();
    const signed: SignedHeader | undefined = head.height > 0 ? this.chain.header(head.height) : undefined;
    return {
      chain_id: this.chain.genesis.chain_id,
      height: head.height,
      time: signed?.header.time ?? this.chain.genesis.genesis_time,
      app_hash: bytesToHex(head.appHash).toUpperCase(),
      block_hash: bytesToHex(head.blockHash).toUpperCase(),
    };
  }

  private txBody(bytes: Uint8Array): unknown {
    try {
      const tx = decodeTx(bytes, this.app.router);
      return {
        body: {
          messages: tx.msgs.map((m) => ({ "@type": m.typeUrl, ...(m.route.toJSON?.(m.value) as object) })),
          memo: tx.body.memo,
          timeout_height: tx.body.timeoutHeight.toString(),
        },
        auth_info: {
          fee: {
            amount: tx.authInfo.fee?.amount ?? [],
            gas_limit: (tx.authInfo.fee?.gasLimit ?? 0n).toString(),
          },
          signer_infos: tx.authInfo.signerInfos.map((s) => ({ sequence: s.sequence.toString() })),
        },
        signatures: tx.raw.signatures.map(b64),
      };
    } catch {
      return { undecodable: b64(bytes) };
    }
  }
}

export interface Pagination {
  next_key: null;
  total: string;
}

export interface AccountJson {
  address: string;
  pub_key: { "@type": string; key: string } | null;
  account_number: string;
  sequence: string;
}

export interface ContractInfoJson {
  code_id: string;
  creator: string;
  admin: string;
  label: string;
  created: { block_height: string; tx_index: string } | null;
  ibc_port_id: string;
}

export interface CodeInfoJson {
  code_id: string;
  creator: string;
  data_hash: string;
  instantiate_permission: { permission: string; addresses: string[] };
}

export interface TxJson {
  height: string;
  txhash: string;
  codespace: string;
  code: number;
  data: string;
  raw_log: string;
  gas_wanted: string;
  gas_used: string;
  tx: unknown;
  msg_responses: { "@type": string; value: string }[];
  timestamp: string | null;
  events: Event[];
}

export interface BlockJson {
  block_id: { hash: string };
  header: SignedHeader["header"];
  signature: string;
  txs: { hash: string; code: number }[];
}

function pagination(total: number): Pagination {
  return { next_key: null, total: String(total) };
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64");
}

function parseJson(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes);
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function msgResponses(data: string): { "@type": string; value: string }[] {
  if (data === "") return [];
  return TxMsgData.decode(Buffer.from(data, "base64")).msgResponses.map((r: Any) => ({
    "@type": r.typeUrl,
    value: b64(r.value),
  }));
}

function permissionName(permission: AccessType | undefined): string {
  switch (permission) {
    case AccessType.ACCESS_TYPE_NOBODY:
      return "Nobody";
    case AccessType.ACCESS_TYPE_EVERYBODY:
      return "Everybody";
    case AccessType.ACCESS_TYPE_ANY_OF_ADDRESSES:
      return "AnyOfAddresses";
    default:
      return "Unspecified";
  }
}
