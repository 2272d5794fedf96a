import { createHash, hash } from "node:crypto";

/** An incremental SHA-256 (what @noble/hashes' `sha256.create()` offered). */
export interface Sha256Hasher {
  update(data: Uint8Array): Sha256Hasher;
  digest(): Uint8Array;
}

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/**
 * SHA-256 through OpenSSL: commitments, tx and block hashes and app hashes run it for every packet and block.
 * One-shot `crypto.hash` (Node ≥ 20.12) is 2–8× faster than pure JS here; older Node 20 falls back to `createHash`.
 */
export const sha256 = Object.assign(
  (data: Uint8Array): Uint8Array =>
    view(typeof hash === "function" ? hash("sha256", data, "buffer") : createHash("sha256").update(data).digest()),
  {
    create(): Sha256Hasher {
      const h = createHash("sha256");
      const hasher: Sha256Hasher = {
        update(data) {
          h.update(data);
          return hasher;
        },
        digest: () => view(h.digest()),
      };
      return hasher;
    },
  },
);
