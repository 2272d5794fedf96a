import type { Any } from "cosmjs-types/google/protobuf/any";
import { ClientState, ConsensusState } from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import { bytesEqual } from "../../bytes.js";
import { CoreErrors, ibcError } from "../../errors.js";
import { ClientErrors } from "../errors.js";
import { decodePublicKey } from "./public-key.js";

/**
 * The solo-machine client and consensus states (ibc.lightclients.solomachine.v3), with ibc-go's validation rules
 * (06-solomachine/client_state.go, consensus_state.go). A solo machine's "height" is (0, sequence): every header
 * and every verified proof moves it up by one.
 */
export type { ClientState as SoloMachineClientState, ConsensusState as SoloMachineConsensusState };

export const SOLOMACHINE_CLIENT_TYPE = "06-solomachine";
export const CLIENT_STATE_TYPE_URL = "/ibc.lightclients.solomachine.v3.ClientState";
export const CONSENSUS_STATE_TYPE_URL = "/ibc.lightclients.solomachine.v3.ConsensusState";
export const HEADER_TYPE_URL = "/ibc.lightclients.solomachine.v3.Header";
export const MISBEHAVIOUR_TYPE_URL = "/ibc.lightclients.solomachine.v3.Misbehaviour";

export function validateConsensusState(consensusState: ConsensusState): void {
  if (consensusState.timestamp === 0n) throw ibcError(ClientErrors.InvalidConsensus, "timestamp cannot be 0");
  if (consensusState.diversifier !== "" && consensusState.diversifier.trim() === "") {
    throw ibcError(ClientErrors.InvalidConsensus, "diversifier cannot contain only spaces");
  }
  const key = decodePublicKey(consensusState.publicKey, ClientErrors.InvalidConsensus);
  if (key.bytes.length === 0) throw ibcError(ClientErrors.InvalidConsensus, "public key cannot be empty");
}

export function validateClientState(clientState: ClientState): void {
  if (clientState.sequence === 0n) throw ibcError(ClientErrors.InvalidClient, "sequence cannot be 0");
  if (clientState.consensusState === undefined) {
    throw ibcError(ClientErrors.InvalidConsensus, "consensus state cannot be nil");
  }
  validateConsensusState(clientState.consensusState);
}

/** The Any a client state is stored and proven as (ibc-go MustMarshalClientState). */
export function clientStateAny(clientState: ClientState): Any {
  return { typeUrl: CLIENT_STATE_TYPE_URL, value: ClientState.encode(clientState).finish() };
}

export function consensusStateAny(consensusState: ConsensusState): Any {
  return { typeUrl: CONSENSUS_STATE_TYPE_URL, value: ConsensusState.encode(consensusState).finish() };
}

function decodeAs<T>(kind: string, decode: (bytes: Uint8Array) => T, bytes: Uint8Array): T {
  try {
    return decode(bytes);
  } catch (error) {
    throw ibcError(CoreErrors.InvalidType, `bytes are not a solo-machine ${kind}`, {}, error);
  }
}

export function decodeClientState(bytes: Uint8Array): ClientState {
  return decodeAs("ClientState", (b) => ClientState.decode(b), bytes);
}

export function decodeConsensusState(bytes: Uint8Array): ConsensusState {
  return decodeAs("ConsensusState", (b) => ConsensusState.decode(b), bytes);
}

/** ibc-go Initialize requires the client state to embed exactly the given consensus state. */
export function sameConsensusState(a: ConsensusState, b: ConsensusState): boolean {
  return bytesEqual(ConsensusState.encode(a).finish(), ConsensusState.encode(b).finish());
}
