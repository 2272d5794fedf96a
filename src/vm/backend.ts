/**
 * The host interface a contract engine needs, split as cosmwasm-vm's Backend: Storage (the contract's KV state),
 * Api (addresses and everything that depends on the chain, not on state) and Querier (other contracts and modules).
 * The node implements these over its store and modules; `testing/` has in-memory versions.
 */

export type Order = "ascending" | "descending";

export interface KvRecord {
  key: Uint8Array;
  value: Uint8Array;
}

export interface Storage {
  get(key: Uint8Array): Uint8Array | undefined;
  set(key: Uint8Array, value: Uint8Array): void;
  remove(key: Uint8Array): void;
  /**
   * Records with start <= key < end (undefined = unbounded), byte-wise ordered. The iterator must reflect the storage
   * as it was when `range` was called: writes made while it is open are not seen (cosmwasm-vm's snapshot semantics).
   */
  range(start: Uint8Array | undefined, end: Uint8Array | undefined, order: Order): Iterator<KvRecord>;
}

/** A user-level address error: reported to the contract as an error region, never as a VM error. */
export class AddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AddressError";
  }
}

export interface Api {
  /** Throws AddressError for invalid input; returns nothing when `human` is a valid, normalised address. */
  addrValidate(human: string): void;
  /** Throws AddressError for invalid input. */
  addrCanonicalize(human: string): Uint8Array;
  /** Throws AddressError for invalid input. */
  addrHumanize(canonical: Uint8Array): string;
}

/** SystemResult<ContractResult<Binary>> as cosmwasm-std serialises it. */
export type QuerierResult = { ok: { ok: string } | { error: string } } | { error: Record<string, unknown> }; // SystemError, externally tagged (e.g. {"no_such_contract":{"addr":…}})

export interface Querier {
  /**
   * Answers one QueryRequest (already parsed from the contract's JSON). `gasLimit` is the VM gas the query may
   * spend; the returned `gasUsed` is charged to the calling contract.
   */
  query(request: unknown, gasLimit: number): { result: QuerierResult; gasUsed: number };
}

export interface Backend {
  storage: Storage;
  api: Api;
  querier: Querier;
}
