import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { ed25519Verify, secp256k1Verify } from "../../../crypto/index.js";
import { ibcError, type IbcErrorKind } from "../../errors.js";
import { ClientErrors } from "../errors.js";

/**
 * The public keys a solo machine may sign with, carried as the Cosmos SDK's `Any`-wrapped PubKey (ibc-go's
 * ConsensusState.PublicKey). Plurigrid nodes sign with ed25519; secp256k1 is accepted too because ibc-go's own
 * solo-machine tooling uses it. Multisig keys are not supported here.
 */
export const ED25519_PUBKEY_TYPE_URL = "/cosmos.crypto.ed25519.PubKey";
export const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";

export interface SoloMachinePublicKey {
  readonly typeUrl: string;
  readonly bytes: Uint8Array;
  /** The Cosmos SDK's PubKey.VerifySignature: false for any invalid signature, never throws. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

export function ed25519PublicKeyAny(publicKey: Uint8Array): Any {
  return { typeUrl: ED25519_PUBKEY_TYPE_URL, value: Ed25519PubKey.encode({ key: publicKey }).finish() };
}

export function secp256k1PublicKeyAny(compressedPublicKey: Uint8Array): Any {
  return { typeUrl: SECP256K1_PUBKEY_TYPE_URL, value: Secp256k1PubKey.encode({ key: compressedPublicKey }).finish() };
}

/** Unpacks an Any public key; throws `errorKind` (ibc-go: InvalidConsensus or InvalidHeader) when it is not one. */
export function decodePublicKey(
  any: Any | undefined,
  errorKind: IbcErrorKind = ClientErrors.InvalidConsensus,
): SoloMachinePublicKey {
  if (any === undefined) throw ibcError(errorKind, "public key cannot be nil");
  const { typeUrl } = any;
  if (typeUrl !== ED25519_PUBKEY_TYPE_URL && typeUrl !== SECP256K1_PUBKEY_TYPE_URL) {
    throw ibcError(errorKind, `public key type ${typeUrl} is not supported`, { typeUrl });
  }
  let key: Uint8Array;
  try {
    key = (typeUrl === ED25519_PUBKEY_TYPE_URL ? Ed25519PubKey : Secp256k1PubKey).decode(any.value).key;
  } catch (error) {
    throw ibcError(errorKind, `public key of type ${typeUrl} does not decode`, { typeUrl }, error);
  }
  if (typeUrl === ED25519_PUBKEY_TYPE_URL) {
    // The SDK's ed25519 PubKey is 32 bytes; it verifies with ed25519consensus (ZIP-215 rules).
    if (key.length !== 32) throw ibcError(errorKind, `ed25519 public key must be 32 bytes, got ${key.length}`);
    return publicKey(typeUrl, key, (message, signature) => ed25519Verify(key, message, signature));
  }
  // The SDK's secp256k1 PubKey is 33 compressed bytes; signatures are 64-byte r‖s over sha256(message), low-S only.
  if (key.length !== 33) throw ibcError(errorKind, `secp256k1 public key must be 33 bytes, got ${key.length}`);
  return publicKey(typeUrl, key, (message, signature) => secp256k1Verify(key, message, signature));
}

function publicKey(
  typeUrl: string,
  bytes: Uint8Array,
  verify: (message: Uint8Array, signature: Uint8Array) => boolean,
): SoloMachinePublicKey {
  return {
    typeUrl,
    bytes,
    verify(message, signature) {
      try {
        return verify(message, signature);
      } catch {
        return false; // malformed points or scalars are invalid signatures, as in the SDK
      }
    },
  };
}
