import { sha256 } from "@noble/hashes/sha2.js";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { MsgExecuteContract, MsgInstantiateContract, MsgStoreCode } from "cosmjs-types/cosmwasm/wasm/v1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { readFileSync } from "node:fs";
import { MemoryKv } from "../../src/store/memory.js";
import type { KvStore } from "../../src/store/kv.js";
import { AddressCodec, secp256k1AddressBytes } from "../../src/node/address.js";
import { NodeKey } from "../../src/node/block/node_key.js";
import { Chain, type CommittedBlock } from "../../src/node/chain.js";
import { type Coin, toWire } from "../../src/node/coins.js";
import { findAttribute } from "../../src/node/events.js";
import type { Genesis } from "../../src/node/genesis.js";
import { secp256k1CompressedPublicKey as compressedPublicKey } from "../../src/crypto/index.js";
import { signTx } from "../../src/node/tx/signing.js";
import type { TxResult } from "../../src/node/tx/result.js";

export const CHAIN_ID = "plurigrid-test-1";
export const PREFIX = "grid";
export const DENOM = "ugrid";
export const GENESIS_TIME = "2026-01-01T00:00:00.000000000Z";
const GENESIS_NS = 1_767_225_600_000_000_000n;

/** A deterministic secp256k1 account for tests. */
export class TestAccount {
  readonly privateKey: Uint8Array;
  readonly address: string;

  constructor(readonly name: string) {
    this.privateKey = sha256(new TextEncoder().encode(`plurigrid test key ${name}`));
    this.address = new AddressCodec(PREFIX).fromBytes(secp256k1AddressBytes(compressedPublicKey(this.privateKey)));
  }
}

export const nodeKey = NodeKey.fromSecret(sha256(new TextEncoder().encode("plurigrid test node key")));

export function testGenesis(accounts: { account: TestAccount; coins: Coin[] }[]): Genesis {
  return {
    genesis_time: GENESIS_TIME,
    chain_id: CHAIN_ID,
    node_pubkey: { type: "ed25519", value: Buffer.from(nodeKey.publicKey).toString("base64") },
    app_state: {
      bech32_prefix: PREFIX,
      denom: DENOM,
      accounts: accounts.map(({ account, coins }) => ({
        name: account.name,
        address: account.address,
        coins: toWire(coins),
      })),
    },
  };
}

export const ugrid = (amount: bigint | number): Coin[] => [{ denom: DENOM, amount: BigInt(amount) }];

/** A chain on an in-memory store, with helpers that sign, submit and produce one block per tx. */
export class TestChain {
  readonly chain: Chain;
  private clockNs = GENESIS_NS;

  constructor(
    readonly genesis: Genesis,
    readonly store: KvStore = new MemoryKv(),
  ) {
    this.chain = new Chain(store, genesis);
    if (!this.chain.initialized) this.chain.initGenesis();
    this.clockNs = this.chain.head().timeNs;
  }

  static withAccounts(...accounts: [TestAccount, bigint | number][]): TestChain {
    return new TestChain(testGenesis(accounts.map(([account, amount]) => ({ account, coins: ugrid(amount) }))));
  }

  get app() {
    return this.chain.app;
  }

  /** Advances the test clock by one second per block. */
  nextTime(): bigint {
    this.clockNs += 1_000_000_000n;
    return this.clockNs;
  }

  account(address: string) {
    return this.app.auth.getAccount(this.chain.queryContext(), address);
  }

  sign(
    signer: TestAccount,
    messages: Any[],
    options: {
      gas?: number;
      fee?: Coin[];
      memo?: string;
      chainId?: string;
      sequence?: bigint;
      accountNumber?: bigint;
    } = {},
  ): Uint8Array {
    const account = this.account(signer.address);
    return signTx(
      { messages, gasLimit: BigInt(options.gas ?? 50_000_000), fee: options.fee, memo: options.memo },
      {
        privateKey: signer.privateKey,
        chainId: options.chainId ?? CHAIN_ID,
        accountNumber: options.accountNumber ?? account?.accountNumber ?? 0n,
        sequence: options.sequence ?? account?.sequence ?? 0n,
      },
    );
  }

  /** One block with the given txs. */
  block(...txs: Uint8Array[]): CommittedBlock {
    return this.chain.produceBlock(txs, this.nextTime(), nodeKey);
  }

  /** Signs, puts the tx in its own block and returns its result (failed or not). */
  deliver(signer: TestAccount, messages: Any[], options: Parameters<TestChain["sign"]>[2] = {}): TxResult {
    return this.block(this.sign(signer, messages, options)).results[0];
  }

  /** Like deliver, but the tx must succeed. */
  run(signer: TestAccount, messages: Any[], options: Parameters<TestChain["sign"]>[2] = {}): TxResult {
    const result = this.deliver(signer, messages, options);
    if (result.code !== 0) throw new Error(`tx failed: ${result.codespace}/${result.code} ${result.log}`);
    return result;
  }

  balance(address: string, denom = DENOM): bigint {
    return this.app.bank.getBalance(this.chain.queryContext(), address, denom).amount;
  }

  storeCode(signer: TestAccount, wasm: Uint8Array): bigint {
    const result = this.run(signer, [send(MsgStoreCode, { sender: signer.address, wasmByteCode: wasm })]);
    return BigInt(findAttribute(result.events, "store_code", "code_id")!);
  }

  instantiate(
    signer: TestAccount,
    codeId: bigint,
    msg: unknown,
    options: { label?: string; admin?: string; funds?: Coin[] } = {},
  ): string {
    const result = this.run(signer, [
      send(MsgInstantiateContract, {
        sender: signer.address,
        codeId,
        label: options.label ?? "test",
        admin: options.admin ?? "",
        msg: json(msg),
        funds: toWire(options.funds ?? []),
      }),
    ]);
    return findAttribute(result.events, "instantiate", "_contract_address")!;
  }

  execute(signer: TestAccount, contract: string, msg: unknown, funds: Coin[] = []): TxResult {
    return this.deliver(signer, [executeMsg(signer.address, contract, msg, funds)]);
  }

  query<T = unknown>(contract: string, msg: unknown): T {
    const bytes = this.app.wasm.keeper.querySmart(this.chain.queryContext(), contract, json(msg));
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  }
}

interface ProtoType<T> {
  typeUrl: string;
  fromPartial(o: object): T;
  encode(m: T): { finish(): Uint8Array };
}

/** A message as a tx carries it. */
export function send<T>(type: ProtoType<T>, fields: object): Any {
  return { typeUrl: type.typeUrl, value: type.encode(type.fromPartial(fields)).finish() };
}

export function bankSend(from: string, to: string, coins: Coin[]): Any {
  return send(MsgSend, { fromAddress: from, toAddress: to, amount: toWire(coins) });
}

export function executeMsg(sender: string, contract: string, msg: unknown, funds: Coin[] = []): Any {
  return send(MsgExecuteContract, { sender, contract, msg: json(msg), funds: toWire(funds) });
}

export function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

export function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64");
}

export function fromB64Json<T = unknown>(text: string): T {
  return JSON.parse(Buffer.from(text, "base64").toString("utf8")) as T;
}

/** A wasm file of @oraichain/common-contracts-build. */
export function commonContract(name: string): Uint8Array {
  return readFileSync(
    new URL(`../../../node_modules/@oraichain/common-contracts-build/data/${name}.wasm`, import.meta.url),
  );
}

/** A contract of contracts/build (npm run build:contracts). */
export function builtContract(name: string): Uint8Array {
  return readFileSync(new URL(`../../../contracts/build/${name}.wasm`, import.meta.url));
}
