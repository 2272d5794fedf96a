import { sha256 } from "../crypto/index.js";
import type { KvWrite } from "../store/kv.js";
import { encodeU32, encodeU64 } from "./keys.js";

const DOMAIN = new TextEncoder().encode("plurigrid/app-hash/v1");

/**
 * The app hash after a block: a running hash over each block's state changes,
 *
 *   app_hash(h) = sha256("plurigrid/app-hash/v1" ‖ app_hash(h-1) ‖ be64(h) ‖ changes(h))
 *
 * where changes(h) is every state write of block h in ascending key order (key, and the value or a delete marker,
 * each length-prefixed), and app_hash(0) chains the genesis state onto 32 zero bytes. By induction it commits to the
 * whole state: two nodes with the same genesis and the same app hash at h have written the same bytes to the same
 * keys in every block.
 *
 * Cost: O(bytes written in the block), not O(state), so committing stays cheap as state grows. The price is that
 * it cannot prove one key's value (no Merkle path); a light client must replay, or trust the signed header.
 */
export function nextAppHash(previous: Uint8Array, height: number, changes: readonly KvWrite[]): Uint8Array {
  const h = sha256.create();
  h.update(DOMAIN);
  h.update(previous);
  h.update(encodeU64(height));
  for (const { key, value } of changes) {
    h.update(encodeU32(key.length));
    h.update(key);
    if (value === undefined) {
      h.update(Uint8Array.of(0));
    } else {
      h.update(Uint8Array.of(1));
      h.update(encodeU32(value.length));
      h.update(value);
    }
  }
  return h.digest();
}

export const ZERO_HASH = new Uint8Array(32);
