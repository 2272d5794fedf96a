import type { Any } from "cosmjs-types/google/protobuf/any";
import type { MerklePath } from "../commitment/merkle.js";
import type { IbcStore } from "../host/store.js";
import type { Height } from "./height.js";

/** ibc-go's exported.Status values. */
export type ClientStatus = "Active" | "Frozen" | "Expired" | "Unknown";

/**
 * A light client type (ibc-go exported.LightClientModule): everything ICS-02 needs from it, against the IBC store.
 * The core ships one, the solo machine; a Tendermint client could be added behind the same interface.
 */
export interface LightClientModule {
  readonly clientType: string;
  /** The Any type URL of this type's client state, used to route MsgCreateClient. */
  readonly clientStateTypeUrl: string;
  initialize(store: IbcStore, clientId: string, clientState: Uint8Array, consensusState: Uint8Array): void;
  status(store: IbcStore, clientId: string): ClientStatus;
  latestHeight(store: IbcStore, clientId: string): Height;
  timestampAtHeight(store: IbcStore, clientId: string, height: Height): bigint;
  /** Stateless checks of a header or misbehaviour (MsgUpdateClient.ValidateBasic). */
  validateClientMessage(message: Any): void;
  verifyClientMessage(store: IbcStore, clientId: string, message: Any): void;
  checkForMisbehaviour(store: IbcStore, clientId: string, message: Any): boolean;
  updateStateOnMisbehaviour(store: IbcStore, clientId: string, message: Any): void;
  /** Applies a verified header; returns the consensus heights it added. */
  updateState(store: IbcStore, clientId: string, message: Any): Height[];
  verifyMembership(
    store: IbcStore,
    clientId: string,
    proofHeight: Height,
    proof: Uint8Array,
    path: MerklePath,
    value: Uint8Array,
  ): void;
  verifyNonMembership(
    store: IbcStore,
    clientId: string,
    proofHeight: Height,
    proof: Uint8Array,
    path: MerklePath,
  ): void;
}
