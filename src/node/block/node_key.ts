import { Ed25519SigningKey, ed25519Verify } from "../../crypto/index.js";
import { NodeError } from "../errors.js";
import { headerSignBytes } from "./header.js";

/**
 * The node's ed25519 identity (config/node_key.json): it signs every block header; the public key is in the genesis
 * so anyone holding the genesis can verify the chain. The secret is stored unencrypted, like CometBFT's key files.
 */
export interface NodeKeyFile {
  type: "ed25519";
  public_key: string;
  private_key: string;
}

export class NodeKey {
  readonly publicKey: Uint8Array;
  private readonly signer: Ed25519SigningKey;

  private constructor(private readonly secret: Uint8Array) {
    this.signer = new Ed25519SigningKey(secret);
    this.publicKey = this.signer.publicKey;
  }

  /** From 32 bytes of secret key material (the caller provides the randomness; the node has none). */
  static fromSecret(secret: Uint8Array): NodeKey {
    if (secret.length !== 32)
      throw new NodeError("node.node_key", `node key secret must be 32 bytes, got ${secret.length}`);
    return new NodeKey(secret.slice());
  }

  static fromFile(file: NodeKeyFile): NodeKey {
    if (file?.type !== "ed25519" || typeof file.private_key !== "string") {
      throw new NodeError("node.node_key", "node_key.json is not an ed25519 key file");
    }
    const key = NodeKey.fromSecret(Buffer.from(file.private_key, "base64"));
    if (Buffer.from(key.publicKey).toString("base64") !== file.public_key) {
      throw new NodeError("node.node_key", "node_key.json: public_key does not belong to private_key");
    }
    return key;
  }

  toFile(): NodeKeyFile {
    return {
      type: "ed25519",
      public_key: Buffer.from(this.publicKey).toString("base64"),
      private_key: Buffer.from(this.secret).toString("base64"),
    };
  }

  /**
   * A copy of the secret, for the node's other signing role: its IBC solo-machine identity (proofs of its own state
   * for counterparties). Solo-machine sign bytes are protobuf SignBytes, never a header's sign bytes.
   */
  secretKey(): Uint8Array {
    return this.secret.slice();
  }

  signHeader(hash: Uint8Array): Uint8Array {
    return this.signer.sign(headerSignBytes(hash));
  }
}

export function verifyHeaderSignature(publicKey: Uint8Array, hash: Uint8Array, signature: Uint8Array): boolean {
  return ed25519Verify(publicKey, headerSignBytes(hash), signature);
}
