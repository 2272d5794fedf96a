import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { ripemd160 } from "@noble/hashes/legacy.js";
import { sha256 } from "../crypto/index.js";
import { BoundedCache } from "../bounded_cache.js";
import { sdkErrors } from "./errors.js";

/**
 * Bech32 account addresses with the chain's prefix. Only the normalised (lower-case) form is accepted, as wasmd's
 * addr_validate does, so every address has exactly one string form and maps to exactly one state key.
 */
export class AddressCodec {
  /**
   * Valid addresses already decoded, and bytes already encoded: a block converts the same few addresses for every
   * message, and each bech32 conversion computes a checksum. Invalid addresses are never cached.
   */
  private readonly decoded = new BoundedCache<string, Uint8Array>(4096);
  private readonly encoded = new BoundedCache<string, string>(4096);

  constructor(readonly prefix: string) {}

  /** The address bytes of `address`; an AbciError (invalid address) names what is wrong. */
  toBytes(address: string, field = "address"): Uint8Array {
    if (typeof address !== "string" || address === "") throw sdkErrors.invalidAddress.wrap(`empty ${field}`);
    const known = this.decoded.get(address);
    if (known !== undefined) return known.slice();
    const bytes = this.decode(address, field);
    this.decoded.set(address, bytes.slice());
    return bytes;
  }

  private decode(address: string, field: string): Uint8Array {
    let decoded: { prefix: string; data: Uint8Array };
    try {
      decoded = fromBech32(address, 90);
    } catch (err) {
      throw sdkErrors.invalidAddress.wrap(`${field} ${address}: ${(err as Error).message}`);
    }
    if (decoded.prefix !== this.prefix) {
      throw sdkErrors.invalidAddress.wrap(
        `${field} ${address}: invalid Bech32 prefix; expected ${this.prefix}, got ${decoded.prefix}`,
      );
    }
    if (decoded.data.length < 1 || decoded.data.length > 255) {
      throw sdkErrors.invalidAddress.wrap(`${field} ${address}: address length ${decoded.data.length} is not 1..255`);
    }
    if (toBech32(this.prefix, decoded.data, 90) !== address) {
      throw sdkErrors.invalidAddress.wrap(`${field} ${address}: address is not normalized`);
    }
    return decoded.data;
  }

  fromBytes(bytes: Uint8Array): string {
    const key = Buffer.from(bytes).toString("latin1");
    let address = this.encoded.get(key);
    if (address === undefined) {
      address = toBech32(this.prefix, bytes, 90);
      this.encoded.set(key, address);
    }
    return address;
  }

  isValid(address: string): boolean {
    try {
      this.toBytes(address);
      return true;
    } catch {
      return false;
    }
  }
}

/** The account address of a compressed secp256k1 public key: ripemd160(sha256(key)), 20 bytes. */
export function secp256k1AddressBytes(compressedPubkey: Uint8Array): Uint8Array {
  return ripemd160(sha256(compressedPubkey));
}

/** The address of a module account without derivation keys (x/auth NewModuleAddress): sha256(name)[:20]. */
export function moduleAddressBytes(name: string): Uint8Array {
  return sha256(new TextEncoder().encode(name)).slice(0, 20);
}

/**
 * cosmos-sdk address.Module(name, key): sha256(sha256("module") ‖ name ‖ 0x00 ‖ key), the 32-byte addresses wasmd
 * gives contracts.
 */
export function moduleDerivedAddress(name: string, key: Uint8Array): Uint8Array {
  const typ = sha256(new TextEncoder().encode("module"));
  const nameBytes = new TextEncoder().encode(name);
  const preimage = new Uint8Array(typ.length + nameBytes.length + 1 + key.length);
  preimage.set(typ, 0);
  preimage.set(nameBytes, typ.length);
  preimage[typ.length + nameBytes.length] = 0;
  preimage.set(key, typ.length + nameBytes.length + 1);
  return sha256(preimage);
}
