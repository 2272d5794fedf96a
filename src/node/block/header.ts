import { sha256 } from "../../crypto/index.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { canonicalJson } from "../canonical_json.js";

/**
 * A block header. The only clock and counter the state machine sees are `time` and `height`; `app_hash` commits to
 * the state after this block (see app_hash.ts), `txs_hash` to its txs and `tx_results_hash` to their results, and
 * `last_block_hash` chains it to the previous header (block 1: to the genesis document). Hashes are upper-case hex.
 */
export interface Header {
  chain_id: string;
  height: number;
  /** RFC 3339 with nanoseconds. */
  time: string;
  last_block_hash: string;
  app_hash: string;
  txs_hash: string;
  tx_results_hash: string;
}

/** A header with its hash and the node key's ed25519 signature over it. */
export interface SignedHeader {
  header: Header;
  hash: string;
  signature: string;
}

/** The header's hash: sha256 of its canonical JSON. */
export function headerHash(header: Header): Uint8Array {
  return sha256(new TextEncoder().encode(canonicalJson(header)));
}

const SIGN_DOMAIN = new TextEncoder().encode("plurigrid/block-header/v1\0");

/** What the node key signs: a domain tag and the header hash, so the signature cannot be reused for anything else. */
export function headerSignBytes(hash: Uint8Array): Uint8Array {
  const out = new Uint8Array(SIGN_DOMAIN.length + hash.length);
  out.set(SIGN_DOMAIN, 0);
  out.set(hash, SIGN_DOMAIN.length);
  return out;
}

export function hex(bytes: Uint8Array): string {
  return bytesToHex(bytes).toUpperCase();
}
