import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { AddressError, type Api } from "./backend.js";

/**
 * Addresses as wasmd handles them: bech32 with the chain's prefix, canonical form = the decoded data bytes
 * (1–255 bytes), and only normalised (lower-case) human addresses are valid.
 */
export class Bech32Api implements Api {
  /** Canonicalisation is a pure function of the input, so recent answers are remembered (bounded). */
  private readonly canonicalCache = new Map<string, Uint8Array>();
  private readonly validCache = new Set<string>();
  private static readonly CACHE_LIMIT = 4096;

  constructor(readonly prefix: string) {}

  addrValidate(human: string): void {
    if (this.validCache.has(human)) return;
    const canonical = this.addrCanonicalize(human);
    if (this.addrHumanize(canonical) !== human) {
      throw new AddressError("Invalid input: address not normalized");
    }
    if (this.validCache.size >= Bech32Api.CACHE_LIMIT) this.validCache.clear();
    this.validCache.add(human);
  }

  addrCanonicalize(human: string): Uint8Array {
    const cached = this.canonicalCache.get(human);
    if (cached) return cached.slice();
    const canonical = this.decode(human);
    if (this.canonicalCache.size >= Bech32Api.CACHE_LIMIT) this.canonicalCache.clear();
    this.canonicalCache.set(human, canonical.slice());
    return canonical;
  }

  private decode(human: string): Uint8Array {
    let decoded: { prefix: string; data: Uint8Array };
    try {
      decoded = fromBech32(human, 90);
    } catch (err) {
      throw new AddressError(`Error decoding bech32: ${(err as Error).message}`);
    }
    if (decoded.prefix !== this.prefix) {
      throw new AddressError(`Wrong bech32 prefix: expected ${this.prefix}, got ${decoded.prefix}`);
    }
    checkLength(decoded.data.length);
    return decoded.data;
  }

  addrHumanize(canonical: Uint8Array): string {
    checkLength(canonical.length);
    return toBech32(this.prefix, canonical, 90);
  }
}

function checkLength(length: number): void {
  if (length < 1 || length > 255) throw new AddressError(`Invalid canonical address length: ${length}`);
}
