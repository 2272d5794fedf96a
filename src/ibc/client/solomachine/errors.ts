import { kinds } from "../../errors.js";

/** 06-solomachine (codespace `06-solomachine`). */
export const SoloMachineErrors = kinds("06-solomachine", {
  InvalidHeader: [2, "invalid header"],
  InvalidSequence: [3, "invalid sequence"],
  InvalidSignatureAndData: [4, "invalid signature and data"],
  SignatureVerificationFailed: [5, "signature verification failed"],
  InvalidProof: [6, "invalid solo machine proof"],
});
