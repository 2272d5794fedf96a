import { SignatureDescriptor_Data } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { ibcError } from "../../errors.js";
import { SoloMachineErrors } from "./errors.js";
import type { SoloMachinePublicKey } from "./public-key.js";

/**
 * Solo-machine signatures are protobuf `cosmos.tx.signing.v1beta1.SignatureDescriptor.Data` (ibc-go
 * UnmarshalSignatureData); a single key signs a `single` entry whose mode is not checked.
 */
export function encodeSingleSignature(signature: Uint8Array): Uint8Array {
  return SignatureDescriptor_Data.encode({ single: { mode: 0, signature } }).finish();
}

/** Verifies `signatureData` (SignatureDescriptor.Data bytes) over `signBytes`; throws SignatureVerificationFailed. */
export function verifySignature(
  publicKey: SoloMachinePublicKey,
  signBytes: Uint8Array,
  signatureData: Uint8Array,
  context: Record<string, unknown> = {},
): void {
  let data: SignatureDescriptor_Data;
  try {
    data = SignatureDescriptor_Data.decode(signatureData);
  } catch (error) {
    throw ibcError(SoloMachineErrors.InvalidProof, "signature data does not decode", context, error);
  }
  if (data.single === undefined) {
    throw ibcError(
      SoloMachineErrors.SignatureVerificationFailed,
      "invalid signature data type, expected a single signature",
      context,
    );
  }
  if (!publicKey.verify(signBytes, data.single.signature)) {
    throw ibcError(SoloMachineErrors.SignatureVerificationFailed, "signature verification failed", context);
  }
}
