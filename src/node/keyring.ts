import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Bip39, EnglishMnemonic, Slip10, Slip10Curve, stringToPath } from "@cosmjs/crypto";
import { AddressCodec, secp256k1AddressBytes } from "./address.js";
import { NodeError } from "./errors.js";
import { secp256k1CompressedPublicKey as compressedPublicKey } from "../crypto/index.js";

/** The Cosmos HD path (coin type 118), as wasmd's `keys add` uses by default. */
export const COSMOS_HD_PATH = "m/44'/118'/0'/0/0";

/**
 * What a key file holds. Keys are stored UNENCRYPTED, like wasmd's `--keyring-backend test`: anyone who can read the
 * home directory can spend from these accounts. That suits a single-operator device; protect the directory (it is
 * created with mode 0700 and key files 0600).
 */
export interface KeyFile {
  name: string;
  type: "local";
  algo: "secp256k1";
  address: string;
  /** Compressed public key, base64. */
  pubkey: string;
  mnemonic: string;
  hd_path: string;
}

/** A key as listed: everything but the secret. */
export interface KeyInfo {
  name: string;
  type: "local";
  address: string;
  pubkey: string;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/;

/** The keyring of a home directory (keyring/<name>.json): secp256k1 account keys derived from BIP-39 mnemonics. */
export class Keyring {
  constructor(
    readonly dir: string,
    readonly addresses: AddressCodec,
  ) {}

  /**
   * Creates a key from a mnemonic; the caller supplies it (or fresh entropy for a new one), because the node itself
   * has no source of randomness. Returns the key file, mnemonic included, so the CLI can show it once.
   */
  async add(name: string, source: { mnemonic: string } | { entropy: Uint8Array }): Promise<KeyFile> {
    checkName(name);
    if (this.has(name)) throw new NodeError("node.key_exists", `a key named ${name} already exists`, { name });
    const mnemonic =
      "mnemonic" in source ? source.mnemonic.trim().split(/\s+/).join(" ") : Bip39.encode(source.entropy).toString();
    const privateKey = await derivePrivateKey(mnemonic);
    const pubkey = compressedPublicKey(privateKey);
    const file: KeyFile = {
      name,
      type: "local",
      algo: "secp256k1",
      address: this.addresses.fromBytes(secp256k1AddressBytes(pubkey)),
      pubkey: Buffer.from(pubkey).toString("base64"),
      mnemonic,
      hd_path: COSMOS_HD_PATH,
    };
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileSync(this.path(name), JSON.stringify(file, null, 2) + "\n", { mode: 0o600, flag: "wx" });
    return file;
  }

  has(name: string): boolean {
    return this.names().includes(name);
  }

  names(): string[] {
    let files: string[];
    try {
      files = readdirSync(this.dir);
    } catch {
      return [];
    }
    return files
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -5))
      .sort();
  }

  list(): KeyInfo[] {
    return this.names().map((name) => this.show(name));
  }

  show(name: string): KeyInfo {
    const file = this.read(name);
    return { name: file.name, type: file.type, address: file.address, pubkey: file.pubkey };
  }

  /** The key's private key, for signing. */
  async privateKey(name: string): Promise<Uint8Array> {
    const file = this.read(name);
    const key = await derivePrivateKey(file.mnemonic);
    if (this.addresses.fromBytes(secp256k1AddressBytes(compressedPublicKey(key))) !== file.address) {
      throw new NodeError("node.key_corrupt", `key ${name}: the mnemonic does not give the stored address`, { name });
    }
    return key;
  }

  /** A key name, or an address (a key whose address it is). */
  resolve(nameOrAddress: string): KeyInfo {
    if (this.has(nameOrAddress)) return this.show(nameOrAddress);
    const byAddress = this.list().find((k) => k.address === nameOrAddress);
    if (byAddress) return byAddress;
    throw new NodeError("node.key_not_found", `no key named ${nameOrAddress} in ${this.dir}`, { name: nameOrAddress });
  }

  private read(name: string): KeyFile {
    checkName(name);
    let text: string;
    try {
      text = readFileSync(this.path(name), "utf8");
    } catch {
      throw new NodeError("node.key_not_found", `no key named ${name} in ${this.dir}`, { name });
    }
    try {
      return JSON.parse(text) as KeyFile;
    } catch {
      throw new NodeError("node.key_corrupt", `key file ${this.path(name)} is not JSON`, { name });
    }
  }

  private path(name: string): string {
    return join(this.dir, `${name}.json`);
  }
}

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new NodeError("node.key_name", `key name ${JSON.stringify(name)} must be 1-64 characters of [a-zA-Z0-9._-]`, {
      name,
    });
  }
}

/** BIP-39 seed, then SLIP-10 secp256k1 derivation along the Cosmos path. */
export async function derivePrivateKey(mnemonic: string): Promise<Uint8Array> {
  let checked: EnglishMnemonic;
  try {
    checked = new EnglishMnemonic(mnemonic);
  } catch (err) {
    throw new NodeError("node.mnemonic", `invalid mnemonic: ${(err as Error).message}`);
  }
  const seed = await Bip39.mnemonicToSeed(checked);
  return Slip10.derivePath(Slip10Curve.Secp256k1, seed, stringToPath(COSMOS_HD_PATH)).privkey;
}
