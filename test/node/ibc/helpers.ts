import { sha256 } from "@noble/hashes/sha2.js";
import { MsgTransfer } from "cosmjs-types/ibc/applications/transfer/v1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NodeKey } from "../../../src/node/block/node_key.js";
import { Chain, type CommittedBlock } from "../../../src/node/chain.js";
import { toWire } from "../../../src/node/coins.js";
import { findAttribute } from "../../../src/node/events.js";
import type { Genesis } from "../../../src/node/genesis.js";
import { NodeEndpoint } from "../../../src/node/ibc_endpoint.js";
import type { TxResult } from "../../../src/node/tx/result.js";
import { signTx } from "../../../src/node/tx/signing.js";
import { SqliteStore } from "../../../src/store/sqlite.js";
import { b64, commonContract, executeMsg, json, send, TestAccount } from "../helpers.js";
import { MsgInstantiateContract, MsgStoreCode } from "cosmjs-types/cosmwasm/wasm/v1/tx";

export const alice = new TestAccount("alice");
export const bob = new TestAccount("bob");
export const relayerAccount = new TestAccount("relayer");

const GENESIS_NS = 1_767_225_600_000_000_000n;
const SECOND = 1_000_000_000n;

/**
 * A real node for IBC tests: a Chain on a SQLite store in a temp home, its node key, and its ChainEndpoint. Every tx
 * is its own block; the clock advances one second per block (deterministic, never the wall clock), and `advance`
 * moves it further with an empty block (timeouts).
 */
export class IbcNode {
  store!: SqliteStore;
  chain!: Chain;
  endpoint!: NodeEndpoint;
  readonly nodeKey: NodeKey;
  private clockNs = GENESIS_NS;

  constructor(
    readonly dir: string,
    readonly genesis: Genesis,
    seed: string,
  ) {
    this.nodeKey = NodeKey.fromSecret(sha256(new TextEncoder().encode(`ibc node key ${seed}`)));
    this.open();
    if (!this.chain.initialized) this.chain.initGenesis();
  }

  /** A node `chainId` with `denom`, funding alice, bob and the relayer with 1_000_000 each. */
  static create(chainId: string, denom: string, seed = chainId): IbcNode {
    const dir = mkdtempSync(join(tmpdir(), `plurigrid-ibc-${chainId}-`));
    const nodeKey = NodeKey.fromSecret(sha256(new TextEncoder().encode(`ibc node key ${seed}`)));
    const genesis: Genesis = {
      genesis_time: "2026-01-01T00:00:00.000000000Z",
      chain_id: chainId,
      node_pubkey: { type: "ed25519", value: Buffer.from(nodeKey.publicKey).toString("base64") },
      app_state: {
        bech32_prefix: "grid",
        denom,
        accounts: [alice, bob, relayerAccount].map((account) => ({
          name: account.name,
          address: account.address,
          coins: toWire([{ denom, amount: 1_000_000n }]),
        })),
      },
    };
    return new IbcNode(dir, genesis, seed);
  }

  private open(): void {
    this.store = SqliteStore.open(join(this.dir, "plurigrid.db"), { synchronous: "normal" });
    this.chain = new Chain(this.store, this.genesis);
    this.endpoint = new NodeEndpoint({
      chain: this.chain,
      nodeKey: this.nodeKey,
      relayer: { address: relayerAccount.address, privateKey: relayerAccount.privateKey },
      clock: () => this.nextTime(),
    });
  }

  /** Closes the store and opens the node again on it: everything in memory is rebuilt from disk. */
  restart(): void {
    this.store.close();
    this.open();
  }

  /** Closes the store and deletes the home. */
  destroy(): void {
    this.store.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  get app() {
    return this.chain.app;
  }

  nextTime(): bigint {
    const head = this.chain.head().timeNs;
    this.clockNs = (this.clockNs > head ? this.clockNs : head) + SECOND;
    return this.clockNs;
  }

  /** An empty block `seconds` after the head: time passes (timeouts). */
  advance(seconds: number): void {
    this.clockNs = this.chain.head().timeNs + BigInt(seconds) * SECOND;
    this.chain.produceBlock([], this.clockNs, this.nodeKey);
  }

  headTime(): bigint {
    return this.chain.head().timeNs;
  }

  block(...txs: Uint8Array[]): CommittedBlock {
    return this.chain.produceBlock(txs, this.nextTime(), this.nodeKey);
  }

  deliver(signer: TestAccount, messages: Any[]): TxResult {
    const ctx = this.chain.queryContext();
    const account = this.app.auth.getAccount(ctx, signer.address);
    const tx = signTx(
      { messages, gasLimit: 500_000_000n },
      {
        privateKey: signer.privateKey,
        chainId: this.genesis.chain_id,
        accountNumber: account?.accountNumber ?? 0n,
        sequence: account?.sequence ?? 0n,
      },
    );
    return this.block(tx).results[0]!;
  }

  run(signer: TestAccount, messages: Any[]): TxResult {
    const result = this.deliver(signer, messages);
    if (result.code !== 0) throw new Error(`tx failed: ${result.codespace}/${result.code} ${result.log}`);
    return result;
  }

  balance(address: string, denom: string): bigint {
    return this.app.bank.getBalance(this.chain.queryContext(), address, denom).amount;
  }

  storeCode(signer: TestAccount, wasm: Uint8Array): bigint {
    const result = this.run(signer, [send(MsgStoreCode, { sender: signer.address, wasmByteCode: wasm })]);
    return BigInt(findAttribute(result.events, "store_code", "code_id")!);
  }

  instantiate(signer: TestAccount, codeId: bigint, msg: unknown, label = "test"): string {
    const result = this.run(signer, [
      send(MsgInstantiateContract, { sender: signer.address, codeId, label, admin: "", msg: json(msg), funds: [] }),
    ]);
    return findAttribute(result.events, "instantiate", "_contract_address")!;
  }

  execute(signer: TestAccount, contract: string, msg: unknown): TxResult {
    return this.deliver(signer, [executeMsg(signer.address, contract, msg)]);
  }

  query<T = unknown>(contract: string, msg: unknown): T {
    const bytes = this.app.wasm.keeper.querySmart(this.chain.queryContext(), contract, json(msg));
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  }

  portOf(contract: string): string {
    return this.app.wasm.keeper.contractInfo(this.chain.queryContext(), contract)!.ibcPortId;
  }

  /** ICS-20 MsgTransfer from the `transfer` port, timing out `timeoutSeconds` after the head on the other chain's clock. */
  transfer(
    signer: TestAccount,
    args: { channel: string; receiver: string; denom: string; amount: bigint; timeoutNs: bigint; memo?: string },
  ): TxResult {
    return this.deliver(signer, [
      send(MsgTransfer, {
        sourcePort: "transfer",
        sourceChannel: args.channel,
        token: { denom: args.denom, amount: args.amount.toString() },
        sender: signer.address,
        receiver: args.receiver,
        timeoutTimestamp: args.timeoutNs,
        memo: args.memo ?? "",
      }),
    ]);
  }
}

/** Two nodes, alpha-1 (ugrid) and beta-1 (uwatt), deleted when the test ends. */
export function twoNodes(t: { after(fn: () => void): void }): { a: IbcNode; b: IbcNode } {
  const a = IbcNode.create("alpha-1", "ugrid");
  const b = IbcNode.create("beta-1", "uwatt");
  t.after(() => {
    a.destroy();
    b.destroy();
  });
  return { a, b };
}

export const HOUR = 3_600_000_000_000n;

export interface Cw20Ics20ChannelResponse {
  balances: { cw20?: { address: string; amount: string }; native?: { denom: string; amount: string } }[];
  total_sent: { cw20?: { address: string; amount: string } }[];
}

/** cw20-base with alice holding 1_000_000 KWH, and cw20-ics20 allowing it, on `node`. */
export function deployCw20Ics20(node: IbcNode) {
  const kwh = node.instantiate(alice, node.storeCode(alice, commonContract("cw20-base")), {
    name: "Kilowatt hour",
    symbol: "KWH",
    decimals: 3,
    initial_balances: [{ address: alice.address, amount: "1000000" }],
  });
  const ics20 = node.instantiate(alice, node.storeCode(alice, commonContract("cw20-ics20")), {
    default_timeout: 3600,
    gov_contract: alice.address,
    allowlist: [{ contract: kwh }],
  });
  const cw20Balance = (address: string) =>
    BigInt(node.query<{ balance: string }>(kwh, { balance: { address } }).balance);
  const sendTokens = (channel: string, remote: string, amount: bigint, timeout?: number) =>
    node.execute(alice, kwh, {
      send: {
        contract: ics20,
        amount: amount.toString(),
        msg: b64({ channel, remote_address: remote, ...(timeout === undefined ? {} : { timeout }) }),
      },
    });
  const channelBalance = (channel: string) => {
    const response = node.query<Cw20Ics20ChannelResponse>(ics20, { channel: { id: channel } });
    return BigInt(response.balances.find((b) => b.cw20?.address === kwh)?.cw20?.amount ?? "0");
  };
  return { kwh, ics20, port: node.portOf(ics20), cw20Balance, sendTokens, channelBalance };
}
