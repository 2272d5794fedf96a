import { sha256 } from "../crypto/index.js";
import { AddressCodec } from "./address.js";
import { canonicalJson } from "./canonical_json.js";
import { fromWire, isValidDenom, type WireCoin } from "./coins.js";
import { AbciError, NodeError } from "./errors.js";
import { parseTime } from "./time.js";

/**
 * The genesis document (config/genesis.json): who the chain is (chain id, the node's public key that signs every
 * header, the bech32 prefix and native denom) and its initial state (funded accounts). Its hash is the "previous
 * header hash" of block 1, so the whole header chain hangs off this document.
 */
export interface Genesis {
  genesis_time: string;
  chain_id: string;
  /** The ed25519 key that signs every block header (base64). */
  node_pubkey: { type: "ed25519"; value: string };
  app_state: {
    bech32_prefix: string;
    denom: string;
    accounts: GenesisAccount[];
  };
}

export interface GenesisAccount {
  /** The keyring name the account was created for, for people reading the file. */
  name?: string;
  address: string;
  coins: WireCoin[];
}

const CHAIN_ID = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,49}$/;
const PREFIX = /^[a-z][a-z0-9]{0,82}$/;

/** Checks a parsed genesis document; every problem is a NodeError naming the field. */
export function validateGenesis(value: unknown): Genesis {
  const fail = (field: string, problem: string): never => {
    throw new NodeError("node.genesis_invalid", `genesis ${field}: ${problem}`, { field });
  };
  if (value === null || typeof value !== "object") fail("document", "is not a JSON object");
  const g = value as Genesis;
  if (typeof g.chain_id !== "string" || !CHAIN_ID.test(g.chain_id)) {
    fail("chain_id", `must be 1-50 characters of [a-zA-Z0-9._-], got ${JSON.stringify(g.chain_id)}`);
  }
  try {
    parseTime(g.genesis_time);
  } catch (err) {
    fail("genesis_time", (err as Error).message);
  }
  if (g.node_pubkey?.type !== "ed25519" || Buffer.from(g.node_pubkey.value ?? "", "base64").length !== 32) {
    fail("node_pubkey", "must be an ed25519 key of 32 bytes (base64)");
  }
  const app = g.app_state;
  if (!app || typeof app !== "object") fail("app_state", "is missing");
  if (typeof app.bech32_prefix !== "string" || !PREFIX.test(app.bech32_prefix)) {
    fail("app_state.bech32_prefix", `must be lower-case letters and digits, got ${JSON.stringify(app.bech32_prefix)}`);
  }
  if (typeof app.denom !== "string" || !isValidDenom(app.denom)) {
    fail("app_state.denom", `is not a valid denom: ${JSON.stringify(app.denom)}`);
  }
  if (!Array.isArray(app.accounts)) fail("app_state.accounts", "must be a list");
  const addresses = new AddressCodec(app.bech32_prefix);
  const seen = new Set<string>();
  app.accounts.forEach((a, i) => {
    try {
      addresses.toBytes(a.address);
      fromWire(a.coins ?? []);
    } catch (err) {
      if (err instanceof AbciError) fail(`app_state.accounts[${i}]`, err.message);
      throw err;
    }
    if (seen.has(a.address)) fail(`app_state.accounts[${i}]`, `duplicate address ${a.address}`);
    seen.add(a.address);
  });
  return g;
}

/** sha256 of the canonical JSON of the document: block 1's previous header hash. */
export function genesisHash(genesis: Genesis): Uint8Array {
  return sha256(new TextEncoder().encode(canonicalJson(genesis)));
}

export function genesisTimeNs(genesis: Genesis): bigint {
  return parseTime(genesis.genesis_time);
}
