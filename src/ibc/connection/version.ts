import type { Version } from "cosmjs-types/ibc/core/connection/v1/connection";
import { ibcError } from "../errors.js";
import { ConnectionErrors } from "./errors.js";

/**
 * Connection version negotiation (ibc-go 03-connection/types/version.go). ibc-go and Plurigrid support one version,
 * identifier "1" with the channel orderings as features; ConnOpenTry picks the intersection of features, and a
 * channel may only use an ordering its connection's version lists.
 */
export type { Version };

export const DEFAULT_VERSION_IDENTIFIER = "1";
export const SUPPORTED_ORDERINGS = ["ORDER_ORDERED", "ORDER_UNORDERED"] as const;
export const MAX_COUNTERPARTY_VERSIONS = 100;
export const MAX_FEATURES = 100;

export function defaultVersion(): Version {
  return { identifier: DEFAULT_VERSION_IDENTIFIER, features: [...SUPPORTED_ORDERINGS] };
}

/** The versions this chain supports, newest first. */
export function compatibleVersions(): Version[] {
  return [defaultVersion()];
}

// ibc-go's allowNilFeatureSet: no version it knows (only "1") may negotiate an empty feature set.
const allowsEmptyFeatures = (_identifier: string): boolean => false;

export function validateVersion(version: Version | undefined): asserts version is Version {
  if (version === undefined) throw ibcError(ConnectionErrors.InvalidVersion, "version cannot be nil");
  if (version.identifier.trim() === "")
    throw ibcError(ConnectionErrors.InvalidVersion, "version identifier cannot be blank");
  if (version.features.length > MAX_FEATURES) {
    throw ibcError(ConnectionErrors.InvalidVersion, `features length must not exceed ${MAX_FEATURES} items`);
  }
  version.features.forEach((feature, i) => {
    if (feature.trim() === "") throw ibcError(ConnectionErrors.InvalidVersion, `feature cannot be blank, index ${i}`);
  });
}

function findSupported(version: Version, supported: Version[]): Version | undefined {
  return supported.find((v) => v.identifier === version.identifier);
}

/** The proposed version has a supported identifier and only supported features. */
export function isSupportedVersion(supported: Version[], proposed: Version): boolean {
  const match = findSupported(proposed, supported);
  if (match === undefined) return false;
  if (proposed.features.length === 0 && !allowsEmptyFeatures(proposed.identifier)) return false;
  return proposed.features.every((feature) => match.features.includes(feature));
}

/** ConnOpenTry's choice: the first supported version the counterparty also offers, with the common features. */
export function pickVersion(supported: Version[], counterpartyVersions: Version[]): Version {
  for (const version of supported) {
    const theirs = findSupported(version, counterpartyVersions);
    if (theirs === undefined) continue;
    const features = version.features.filter((f) => theirs.features.includes(f));
    if (features.length === 0 && !allowsEmptyFeatures(version.identifier)) continue;
    return { identifier: version.identifier, features };
  }
  throw ibcError(
    ConnectionErrors.VersionNegotiationFailed,
    `failed to find a matching counterparty version (${JSON.stringify(counterpartyVersions)}) from the supported version list`,
  );
}

export function supportsFeature(version: Version, feature: string): boolean {
  return version.features.includes(feature);
}
