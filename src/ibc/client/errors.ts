import { kinds } from "../errors.js";

/** 02-client (codespace `client`). */
export const ClientErrors = kinds("client", {
  ClientExists: [2, "light client already exists"],
  InvalidClient: [3, "light client is invalid"],
  ClientNotFound: [4, "light client not found"],
  ClientFrozen: [5, "light client is frozen due to misbehaviour"],
  ConsensusStateNotFound: [7, "consensus state not found"],
  InvalidConsensus: [8, "invalid consensus state"],
  ClientTypeNotFound: [9, "client type not found"],
  InvalidClientType: [10, "invalid client type"],
  InvalidHeader: [12, "invalid client header"],
  InvalidMisbehaviour: [13, "invalid light client misbehaviour"],
  InvalidHeight: [26, "invalid height"],
  ClientNotActive: [29, "client state is not active"],
  FailedMembershipVerification: [30, "membership verification failed"],
  FailedNonMembershipVerification: [31, "non-membership verification failed"],
  RouteNotFound: [32, "light client module route not found"],
  ClientTypeNotSupported: [33, "client type not supported"],
});
