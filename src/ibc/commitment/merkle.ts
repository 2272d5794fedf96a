import { MerklePath as MerklePathProto } from "cosmjs-types/ibc/core/commitment/v2/commitment";
import { utf8 } from "../bytes.js";
import { ibcError } from "../errors.js";
import { CommitmentErrors } from "./errors.js";

/**
 * ICS-23 commitment paths as 03-connection builds them before asking a light client to verify: the counterparty's
 * store prefix (ibc-go's MerklePrefix, "ibc" for every ibc-go chain) followed by the ICS-24 key.
 */
export interface MerklePath {
  keyPath: Uint8Array[];
}

/** The prefix this implementation advertises in its connection ends: ibc-go's `exported.StoreKey`, "ibc". */
export const IBC_COMMITMENT_PREFIX = "ibc";

export function commitmentPrefixBytes(): Uint8Array {
  return utf8(IBC_COMMITMENT_PREFIX);
}

/** ibc-go's ApplyPrefix: [prefix, key]; an empty prefix is InvalidPrefix. */
export function applyPrefix(prefix: Uint8Array, key: Uint8Array): MerklePath {
  if (prefix.length === 0) throw ibcError(CommitmentErrors.InvalidPrefix, "prefix can't be empty");
  return { keyPath: [prefix, key] };
}

/** Protobuf bytes of an `ibc.core.commitment.v2.MerklePath`. */
export function encodeMerklePath(path: MerklePath): Uint8Array {
  return MerklePathProto.encode({ keyPath: path.keyPath }).finish();
}

/** Decodes protobuf MerklePath bytes; throws on bytes that are not a valid encoding. */
export function decodeMerklePath(bytes: Uint8Array): MerklePath {
  return { keyPath: MerklePathProto.decode(bytes).keyPath };
}
