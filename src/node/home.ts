import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { SqliteStore, type Synchronous } from "../store/sqlite.js";
import type { Vm } from "../vm/vm.js";
import { AddressCodec } from "./address.js";
import { NodeKey, type NodeKeyFile } from "./block/node_key.js";
import { Chain } from "./chain.js";
import { toWire } from "./coins.js";
import { NodeError } from "./errors.js";
import { type Genesis, validateGenesis } from "./genesis.js";
import { type KeyFile, Keyring } from "./keyring.js";
import { formatTime } from "./time.js";

/**
 * A node's home directory, laid out like wasmd's:
 *
 *   config/genesis.json    the genesis document (chain id, node public key, funded accounts)
 *   config/node_key.json   the node's ed25519 key, which signs every block header
 *   keyring/<name>.json    account keys (unencrypted, like `--keyring-backend test`)
 *   data/plurigrid.db      the SQLite store: state, blocks, tx results
 */
export class NodeHome {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  get genesisPath(): string {
    return join(this.dir, "config", "genesis.json");
  }

  get nodeKeyPath(): string {
    return join(this.dir, "config", "node_key.json");
  }

  get keyringDir(): string {
    return join(this.dir, "keyring");
  }

  get storePath(): string {
    return join(this.dir, "data", "plurigrid.db");
  }

  get initialized(): boolean {
    return existsSync(this.genesisPath);
  }

  readGenesis(): Genesis {
    let text: string;
    try {
      text = readFileSync(this.genesisPath, "utf8");
    } catch {
      throw new NodeError(
        "node.not_initialized",
        `${this.dir} is not a Plurigrid home (no config/genesis.json); run plurigrid init --home ${this.dir}`,
        {
          home: this.dir,
        },
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw new NodeError("node.genesis_invalid", `${this.genesisPath} is not JSON: ${(err as Error).message}`);
    }
    return validateGenesis(parsed);
  }

  readNodeKey(): NodeKey {
    let file: NodeKeyFile;
    try {
      file = JSON.parse(readFileSync(this.nodeKeyPath, "utf8")) as NodeKeyFile;
    } catch {
      throw new NodeError("node.node_key", `cannot read the node key ${this.nodeKeyPath}`, { path: this.nodeKeyPath });
    }
    return NodeKey.fromFile(file);
  }

  keyring(genesis = this.readGenesis()): Keyring {
    return new Keyring(this.keyringDir, new AddressCodec(genesis.app_state.bech32_prefix));
  }

  /**
   * Opens the store and the chain on it; `close` releases the store (one process at a time owns it). With
   * `lockTimeoutMs`, waits that long for another process to release it before failing with store.locked.
   */
  open(options: { synchronous?: Synchronous; vm?: Vm; lockTimeoutMs?: number } = {}): OpenNode {
    const genesis = this.readGenesis();
    const store = SqliteStore.open(this.storePath, {
      synchronous: options.synchronous,
      lockTimeoutMs: options.lockTimeoutMs,
    });
    try {
      const chain = new Chain(store, genesis, { vm: options.vm });
      if (!chain.initialized) {
        throw new NodeError("node.not_initialized", `the store ${this.storePath} holds no chain`, { home: this.dir });
      }
      return { chain, genesis, close: () => store.close() };
    } catch (err) {
      store.close();
      throw err;
    }
  }
}

export interface OpenNode {
  chain: Chain;
  genesis: Genesis;
  close(): void;
}

export interface InitOptions {
  chainId: string;
  denom: string;
  /** Coins given to the operator account at genesis. */
  supply: bigint;
  prefix: string;
  genesisTimeNs: bigint;
  /** 32 random bytes for the node key (the caller's randomness). */
  nodeKeySecret: Uint8Array;
  /** The operator account's key: a mnemonic to recover, or fresh entropy. */
  operator: { mnemonic: string } | { entropy: Uint8Array };
}

export interface InitOutcome {
  home: string;
  genesis: Genesis;
  nodeKey: NodeKey;
  operator: KeyFile;
}

/** `plurigrid init`: node key, operator key, genesis funding the operator, and the store at height 0. */
export async function initHome(dir: string, options: InitOptions): Promise<InitOutcome> {
  const home = new NodeHome(dir);
  if (home.initialized || existsSync(home.storePath)) {
    throw new NodeError("node.already_initialized", `${home.dir} already holds a node`, { home: home.dir });
  }
  mkdirSync(join(home.dir, "config"), { recursive: true, mode: 0o700 });
  mkdirSync(join(home.dir, "data"), { recursive: true, mode: 0o700 });
  const nodeKey = NodeKey.fromSecret(options.nodeKeySecret);
  const keyring = new Keyring(home.keyringDir, new AddressCodec(options.prefix));
  const operator = keyring.has("operator") ? undefined : await keyring.add("operator", options.operator);
  if (!operator) throw new NodeError("node.already_initialized", `${home.keyringDir} already has an operator key`);
  const genesis = validateGenesis({
    genesis_time: formatTime(options.genesisTimeNs),
    chain_id: options.chainId,
    node_pubkey: { type: "ed25519", value: Buffer.from(nodeKey.publicKey).toString("base64") },
    app_state: {
      bech32_prefix: options.prefix,
      denom: options.denom,
      accounts: [
        {
          name: "operator",
          address: operator.address,
          coins: options.supply > 0n ? toWire([{ denom: options.denom, amount: options.supply }]) : [],
        },
      ],
    },
  } satisfies Genesis);
  writeFileSync(home.nodeKeyPath, JSON.stringify(nodeKey.toFile(), null, 2) + "\n", { mode: 0o600, flag: "wx" });
  writeFileSync(home.genesisPath, JSON.stringify(genesis, null, 2) + "\n", { flag: "wx" });
  const store = SqliteStore.open(home.storePath);
  try {
    new Chain(store, genesis).initGenesis();
  } finally {
    store.close();
  }
  return { home: home.dir, genesis, nodeKey, operator };
}
