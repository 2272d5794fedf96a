import { type ClientState, Header, HeaderData } from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { utf8 } from "../../bytes.js";
import { ibcError } from "../../errors.js";
import { ClientErrors } from "../errors.js";
import { SoloMachineErrors } from "./errors.js";
import { height, type Height } from "../height.js";
import { proofSignBytes } from "./proof.js";
import { decodePublicKey } from "./public-key.js";
import { verifySignature } from "./signature.js";

/**
 * Solo-machine headers (ibc-go 06-solomachine header.go, update.go): the current key signs a new public key and
 * diversifier at the client's sequence, under the sentinel path "solomachine:header". An update also moves the
 * consensus timestamp forward, which is how a counterparty learns a solo machine's time for timeouts.
 */
export const SENTINEL_HEADER_PATH = "solomachine:header";

export function validateHeader(header: Header): void {
  if (header.timestamp === 0n) throw ibcError(ClientErrors.InvalidHeader, "timestamp cannot be zero");
  if (header.newDiversifier !== "" && header.newDiversifier.trim() === "") {
    throw ibcError(ClientErrors.InvalidHeader, "diversifier cannot contain only spaces");
  }
  if (header.signature.length === 0) throw ibcError(ClientErrors.InvalidHeader, "signature cannot be empty");
  decodePublicKey(header.newPublicKey, SoloMachineErrors.InvalidHeader);
}

/** The bytes the current key signs to rotate to `header`'s key and diversifier. */
export function headerSignBytes(
  sequence: bigint,
  timestamp: bigint,
  diversifier: string,
  update: Pick<Header, "newPublicKey" | "newDiversifier">,
): Uint8Array {
  const data = HeaderData.encode({ newPubKey: update.newPublicKey, newDiversifier: update.newDiversifier }).finish();
  return proofSignBytes({ sequence, timestamp, diversifier, key: utf8(SENTINEL_HEADER_PATH), data });
}

export function verifyHeader(clientState: ClientState, header: Header): void {
  const consensusState = clientState.consensusState!;
  if (header.timestamp < consensusState.timestamp) {
    throw ibcError(
      ClientErrors.InvalidHeader,
      `header timestamp is less than to the consensus state timestamp (${header.timestamp} < ${consensusState.timestamp})`,
      { headerTimestamp: header.timestamp, consensusTimestamp: consensusState.timestamp },
    );
  }
  const signBytes = headerSignBytes(clientState.sequence, header.timestamp, consensusState.diversifier, header);
  try {
    verifySignature(decodePublicKey(consensusState.publicKey), signBytes, header.signature);
  } catch (error) {
    throw ibcError(SoloMachineErrors.InvalidHeader, `header signature: ${(error as Error).message}`, {}, error);
  }
}

/** ibc-go UpdateState: the header becomes the consensus state and the sequence moves up by one. */
export function applyHeader(clientState: ClientState, header: Header): { clientState: ClientState; heights: Height[] } {
  const sequence = clientState.sequence + 1n;
  return {
    clientState: {
      ...clientState,
      sequence,
      consensusState: {
        publicKey: header.newPublicKey,
        diversifier: header.newDiversifier,
        timestamp: header.timestamp,
      },
    },
    heights: [height(0n, sequence)],
  };
}

export { Header as SoloMachineHeader };
