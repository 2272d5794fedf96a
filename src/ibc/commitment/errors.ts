import { kinds } from "../errors.js";

/** 23-commitment (codespace `commitment`). */
export const CommitmentErrors = kinds("commitment", {
  InvalidProof: [2, "invalid proof"],
  InvalidPrefix: [3, "invalid prefix"],
});
