import { Any } from "cosmjs-types/google/protobuf/any";
import { ClientState, Header, Misbehaviour } from "cosmjs-types/ibc/lightclients/solomachine/v3/solomachine";
import type { MerklePath } from "../../commitment/merkle.js";
import { CoreErrors, ibcError } from "../../errors.js";
import { ClientErrors } from "../errors.js";
import { clientStatePath } from "../../host/paths.js";
import type { IbcStore } from "../../host/store.js";
import { height, ZERO_HEIGHT, type Height } from "../height.js";
import type { ClientStatus, LightClientModule } from "../light-client.js";
import {
  CLIENT_STATE_TYPE_URL,
  clientStateAny,
  decodeClientState,
  decodeConsensusState,
  HEADER_TYPE_URL,
  MISBEHAVIOUR_TYPE_URL,
  sameConsensusState,
  SOLOMACHINE_CLIENT_TYPE,
  validateClientState,
  validateConsensusState,
} from "./client-state.js";
import { applyHeader, validateHeader, verifyHeader } from "./header.js";
import { validateMisbehaviour, verifyMisbehaviour } from "./misbehaviour.js";
import { verifySoloMachineProof } from "./proof.js";

/**
 * The 06-solomachine light client module (ibc-go light_client_module.go). Its only state is the client state at
 * clients/{id}/clientState (an Any, as ibc-go stores it); heights are (0, sequence) and the timestamp at any
 * height is the consensus state's.
 */
export class SoloMachineLightClient implements LightClientModule {
  readonly clientType = SOLOMACHINE_CLIENT_TYPE;
  readonly clientStateTypeUrl = CLIENT_STATE_TYPE_URL;

  /** The stored client state, or undefined. */
  clientState(store: IbcStore, clientId: string): ClientState | undefined {
    const bytes = store.get(clientStatePath(clientId));
    if (bytes === undefined) return undefined;
    const any = Any.decode(bytes);
    if (any.typeUrl !== CLIENT_STATE_TYPE_URL) {
      throw ibcError(CoreErrors.InvalidType, `client ${clientId} stores a ${any.typeUrl}, not a solo machine`);
    }
    return ClientState.decode(any.value);
  }

  private mustClientState(store: IbcStore, clientId: string): ClientState {
    const clientState = this.clientState(store, clientId);
    if (clientState === undefined) throw ibcError(ClientErrors.ClientNotFound, `client ${clientId} not found`);
    return clientState;
  }

  private save(store: IbcStore, clientId: string, clientState: ClientState): void {
    store.set(clientStatePath(clientId), Any.encode(clientStateAny(clientState)).finish());
  }

  initialize(store: IbcStore, clientId: string, clientStateBytes: Uint8Array, consensusStateBytes: Uint8Array): void {
    const clientState = decodeClientState(clientStateBytes);
    validateClientState(clientState);
    const consensusState = decodeConsensusState(consensusStateBytes);
    validateConsensusState(consensusState);
    if (!sameConsensusState(clientState.consensusState!, consensusState)) {
      throw ibcError(
        ClientErrors.InvalidConsensus,
        "consensus state in initial client does not equal initial consensus state",
        { clientId },
      );
    }
    this.save(store, clientId, clientState);
  }

  status(store: IbcStore, clientId: string): ClientStatus {
    const clientState = this.clientState(store, clientId);
    if (clientState === undefined) return "Unknown";
    return clientState.isFrozen ? "Frozen" : "Active";
  }

  latestHeight(store: IbcStore, clientId: string): Height {
    const clientState = this.clientState(store, clientId);
    return clientState === undefined ? ZERO_HEIGHT : height(0n, clientState.sequence);
  }

  timestampAtHeight(store: IbcStore, clientId: string): bigint {
    return this.mustClientState(store, clientId).consensusState!.timestamp;
  }

  validateClientMessage(message: Any): void {
    if (message.typeUrl === HEADER_TYPE_URL) validateHeader(decodeMessage(message, Header));
    else if (message.typeUrl === MISBEHAVIOUR_TYPE_URL) validateMisbehaviour(decodeMessage(message, Misbehaviour));
    else throw unexpectedMessage(message);
  }

  verifyClientMessage(store: IbcStore, clientId: string, message: Any): void {
    const clientState = this.mustClientState(store, clientId);
    if (message.typeUrl === HEADER_TYPE_URL) verifyHeader(clientState, decodeMessage(message, Header));
    else if (message.typeUrl === MISBEHAVIOUR_TYPE_URL) {
      verifyMisbehaviour(clientState, decodeMessage(message, Misbehaviour));
    } else throw unexpectedMessage(message);
  }

  checkForMisbehaviour(_store: IbcStore, _clientId: string, message: Any): boolean {
    return message.typeUrl === MISBEHAVIOUR_TYPE_URL;
  }

  updateStateOnMisbehaviour(store: IbcStore, clientId: string): void {
    this.save(store, clientId, { ...this.mustClientState(store, clientId), isFrozen: true });
  }

  updateState(store: IbcStore, clientId: string, message: Any): Height[] {
    if (message.typeUrl !== HEADER_TYPE_URL) return [];
    const { clientState, heights } = applyHeader(this.mustClientState(store, clientId), decodeMessage(message, Header));
    this.save(store, clientId, clientState);
    return heights;
  }

  verifyMembership(
    store: IbcStore,
    clientId: string,
    _proofHeight: Height,
    proof: Uint8Array,
    path: MerklePath,
    value: Uint8Array,
  ): void {
    const next = verifySoloMachineProof(this.mustClientState(store, clientId), proof, path, value);
    this.save(store, clientId, next);
  }

  verifyNonMembership(
    store: IbcStore,
    clientId: string,
    _proofHeight: Height,
    proof: Uint8Array,
    path: MerklePath,
  ): void {
    const next = verifySoloMachineProof(this.mustClientState(store, clientId), proof, path, undefined);
    this.save(store, clientId, next);
  }
}

function decodeMessage<T>(message: Any, codec: { decode(bytes: Uint8Array): T }): T {
  try {
    return codec.decode(message.value);
  } catch (error) {
    throw ibcError(CoreErrors.InvalidType, `client message ${message.typeUrl} does not decode`, {}, error);
  }
}

function unexpectedMessage(message: Any) {
  return ibcError(
    ClientErrors.InvalidClientType,
    `expected a solo-machine Header or Misbehaviour, got ${message.typeUrl}`,
    { typeUrl: message.typeUrl },
  );
}
