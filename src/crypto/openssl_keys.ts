import { createPublicKey, type KeyObject } from "node:crypto";
import { BoundedCache } from "../bounded_cache.js";

/**
 * Raw public keys as OpenSSL key objects, parsed once: parsing costs as much as a verification, and the keys a node
 * verifies are few (its peers', its accounts'). `null` when OpenSSL refuses the encoding (the caller then decides
 * with the reference implementation).
 */
export class OpenSslPublicKeys {
  private readonly keys = new BoundedCache<string, KeyObject | null>(4096);

  /** `spkiPrefix`: the DER SubjectPublicKeyInfo header of the algorithm, which the raw key completes. */
  constructor(private readonly spkiPrefix: Buffer) {}

  get(publicKey: Uint8Array): KeyObject | null {
    const id = Buffer.from(publicKey).toString("latin1");
    let key = this.keys.get(id);
    if (key === undefined) {
      try {
        key = createPublicKey({ key: Buffer.concat([this.spkiPrefix, publicKey]), format: "der", type: "spki" });
      } catch {
        key = null;
      }
      this.keys.set(id, key);
    }
    return key;
  }
}
