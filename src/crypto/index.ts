export { Ed25519SigningKey, ed25519PublicKey, ed25519Verify } from "./ed25519.js";
export { secp256k1CompressedPublicKey, secp256k1Sign, secp256k1Verify } from "./secp256k1.js";
export { sha256, type Sha256Hasher } from "./hash.js";
