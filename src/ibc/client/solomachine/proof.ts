import {
  type ClientState,
  SignBytes,
  TimestampedSignatureData,
} from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { fromUtf8 } from "../../bytes.js";
import type { MerklePath } from "../../commitment/merkle.js";
import { ibcError } from "../../errors.js";
import { HostErrors } from "../../host/errors.js";
import { SoloMachineErrors } from "./errors.js";
import { decodePublicKey } from "./public-key.js";
import { verifySignature } from "./signature.js";

/**
 * Membership and non-membership proofs of a solo machine (ibc-go 06-solomachine client_state.go, v8+): the proof is
 * a TimestampedSignatureData whose signature covers SignBytes{client sequence, proof timestamp, diversifier, the
 * ICS-24 key (the second element of the merkle path, without the "ibc" store prefix), value}. A verified proof
 * consumes the sequence and moves the consensus timestamp to the proof's: the same proof never verifies twice.
 */

/** SignBytes a solo machine signs for a value at `key` (non-membership: `data` empty). */
export function proofSignBytes(fields: {
  sequence: bigint;
  timestamp: bigint;
  diversifier: string;
  key: Uint8Array;
  data?: Uint8Array;
}): Uint8Array {
  return SignBytes.encode({
    sequence: fields.sequence,
    timestamp: fields.timestamp,
    diversifier: fields.diversifier,
    path: fields.key,
    data: fields.data ?? new Uint8Array(0),
  }).finish();
}

/** The key a solo machine signs: ibc-go requires a two-element merkle path and signs its element 1. */
export function signedKeyOf(path: MerklePath): Uint8Array {
  if (path.keyPath.length !== 2) {
    throw ibcError(HostErrors.InvalidPath, `path must be of length 2, got ${path.keyPath.length}`);
  }
  return path.keyPath[1]!;
}

/** Returns the client state after the proof (sequence + 1, timestamp = proof timestamp); throws when it fails. */
export function verifySoloMachineProof(
  clientState: ClientState,
  proof: Uint8Array,
  path: MerklePath,
  value: Uint8Array | undefined,
): ClientState {
  const consensusState = clientState.consensusState;
  if (consensusState === undefined) throw ibcError(SoloMachineErrors.InvalidProof, "client has no consensus state");
  const key = signedKeyOf(path);
  const context = { path: fromUtf8(key) ?? key, sequence: clientState.sequence };
  if (proof.length === 0) throw ibcError(SoloMachineErrors.InvalidProof, "proof cannot be empty", context);
  let timestamped: TimestampedSignatureData;
  try {
    timestamped = TimestampedSignatureData.decode(proof);
  } catch (error) {
    throw ibcError(SoloMachineErrors.InvalidProof, "proof is not a TimestampedSignatureData", context, error);
  }
  if (timestamped.signatureData.length === 0) {
    throw ibcError(SoloMachineErrors.InvalidProof, "signature data cannot be empty", context);
  }
  if (consensusState.timestamp > timestamped.timestamp) {
    throw ibcError(
      SoloMachineErrors.InvalidProof,
      `the consensus state timestamp is greater than the signature timestamp (${consensusState.timestamp} >= ${timestamped.timestamp})`,
      context,
    );
  }
  const publicKey = decodePublicKey(consensusState.publicKey);
  const signBytes = proofSignBytes({
    sequence: clientState.sequence,
    timestamp: timestamped.timestamp,
    diversifier: consensusState.diversifier,
    key,
    data: value,
  });
  verifySignature(publicKey, signBytes, timestamped.signatureData, context);
  return {
    ...clientState,
    sequence: clientState.sequence + 1n,
    consensusState: { ...consensusState, timestamp: timestamped.timestamp },
  };
}
