/**
 * ICS-02 heights (ibc-go 02-client/types/height.go): a revision number and a height within that revision, compared
 * revision first. The zero height means "no height" (e.g. a packet with only a timestamp timeout).
 */
export interface Height {
  revisionNumber: bigint;
  revisionHeight: bigint;
}

export const ZERO_HEIGHT: Height = Object.freeze({ revisionNumber: 0n, revisionHeight: 0n });

export function height(revisionNumber: bigint, revisionHeight: bigint): Height {
  return { revisionNumber, revisionHeight };
}

export function isZeroHeight(h: Height): boolean {
  return h.revisionNumber === 0n && h.revisionHeight === 0n;
}

/** -1, 0 or 1: revision numbers first, then heights within the same revision. */
export function compareHeights(a: Height, b: Height): number {
  if (a.revisionNumber !== b.revisionNumber) return a.revisionNumber < b.revisionNumber ? -1 : 1;
  if (a.revisionHeight !== b.revisionHeight) return a.revisionHeight < b.revisionHeight ? -1 : 1;
  return 0;
}

/** ibc-go's `Height.String()`: "{revision}-{height}", the format of `packet_timeout_height` and `consensus_height`. */
export function formatHeight(h: Height): string {
  return `${h.revisionNumber}-${h.revisionHeight}`;
}

// ibc-go's IsRevisionFormat: `{chainID}-{revision}` with a revision that has no leading zero.
const REVISION_FORMAT = /^[^\n]*[^\n-]-[1-9][0-9]*$/;

/**
 * The revision number of a chain id (ibc-go ParseChainID): `plurigrid-alpha-1` → 1; an id without the
 * `-{revision}` suffix is revision 0.
 */
export function revisionOfChainId(chainId: string): bigint {
  if (!REVISION_FORMAT.test(chainId)) return 0n;
  return BigInt(chainId.slice(chainId.lastIndexOf("-") + 1));
}
