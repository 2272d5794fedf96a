import { PlurigridError } from "../errors.js";

/**
 * The stable codes of store errors. A caller branches on these, never on messages:
 * - `store.closed`: the store (or the iterator's store) was closed; nothing was read or written.
 * - `store.invalid_argument`: a key, value or option is not what the API takes (e.g. a string where bytes belong).
 * - `store.locked`: another connection or process holds the database; a node's store has one owner.
 * - `store.corrupt`: the file is not a Plurigrid store, or SQLite reports corruption; do not write to it.
 * - `store.version`: the file was written by a newer store format than this build reads.
 * - `store.io`: the operating system or SQLite failed to read or write (disk full, permissions, I/O error). A
 *   failed commit left the store as it was before the commit.
 */
export type StoreErrorCode =
  "store.closed" | "store.invalid_argument" | "store.locked" | "store.corrupt" | "store.version" | "store.io";

export class StoreError extends PlurigridError {
  declare readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(code, message, context, cause === undefined ? undefined : { cause });
  }
}
