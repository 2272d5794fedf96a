import {
  type ClientState,
  Misbehaviour,
  type SignatureAndData,
} from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { bytesEqual } from "../../bytes.js";
import { decodeMerklePath } from "../../commitment/merkle.js";
import { ibcError } from "../../errors.js";
import { ClientErrors } from "../errors.js";
import { SoloMachineErrors } from "./errors.js";
import { proofSignBytes } from "./proof.js";
import { decodePublicKey } from "./public-key.js";
import { verifySignature } from "./signature.js";

/**
 * Solo-machine misbehaviour (ibc-go 06-solomachine misbehaviour.go, misbehaviour_handle.go): two valid signatures
 * by the current key, at the same sequence, over different (path, data). Proven, it freezes the client.
 */

function validateSignatureAndData(which: string, sd: SignatureAndData | undefined): SignatureAndData {
  const fail = (why: string) => ibcError(SoloMachineErrors.InvalidSignatureAndData, `signature ${which}: ${why}`);
  if (sd === undefined) throw fail("missing");
  if (sd.signature.length === 0) throw fail("signature cannot be empty");
  if (sd.data.length === 0) throw fail("data for signature cannot be empty");
  if (sd.path.length === 0) throw fail("path for signature cannot be empty");
  if (sd.timestamp === 0n) throw fail("timestamp cannot be 0");
  return sd;
}

export function validateMisbehaviour(misbehaviour: Misbehaviour): void {
  if (misbehaviour.sequence === 0n) throw ibcError(ClientErrors.InvalidMisbehaviour, "sequence cannot be 0");
  const one = validateSignatureAndData("one", misbehaviour.signatureOne);
  const two = validateSignatureAndData("two", misbehaviour.signatureTwo);
  if (bytesEqual(one.signature, two.signature)) {
    throw ibcError(ClientErrors.InvalidMisbehaviour, "misbehaviour signatures cannot be equal");
  }
  if (bytesEqual(one.path, two.path) && bytesEqual(one.data, two.data)) {
    throw ibcError(
      ClientErrors.InvalidMisbehaviour,
      "misbehaviour signature data must be signed over different messages",
    );
  }
}

/** Both signatures must verify under the client's current key and diversifier at the misbehaviour's sequence. */
export function verifyMisbehaviour(clientState: ClientState, misbehaviour: Misbehaviour): void {
  const consensusState = clientState.consensusState!;
  const publicKey = decodePublicKey(consensusState.publicKey);
  for (const [which, sd] of [
    ["one", misbehaviour.signatureOne!],
    ["two", misbehaviour.signatureTwo!],
  ] as const) {
    // ibc-go requires the signed path to be a protobuf MerklePath.
    try {
      decodeMerklePath(sd.path);
    } catch (error) {
      throw ibcError(ClientErrors.InvalidMisbehaviour, `signature ${which}: path is not a MerklePath`, {}, error);
    }
    const signBytes = proofSignBytes({
      sequence: misbehaviour.sequence,
      timestamp: sd.timestamp,
      diversifier: consensusState.diversifier,
      key: sd.path,
      data: sd.data,
    });
    try {
      verifySignature(publicKey, signBytes, sd.signature);
    } catch (error) {
      throw ibcError(
        SoloMachineErrors.SignatureVerificationFailed,
        `failed to verify signature ${which}: ${(error as Error).message}`,
        { sequence: misbehaviour.sequence },
        error,
      );
    }
  }
}

export { Misbehaviour as SoloMachineMisbehaviour };
