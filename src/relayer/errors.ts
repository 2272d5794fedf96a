import { PlurigridError } from "../errors.js";

/**
 * The stable codes of relayer errors. A caller branches on these, never on messages:
 * - `relayer.invalid_argument`: an option or argument is not what the relayer takes (e.g. `--order sideways`).
 * - `relayer.same_chain`: both ends of a path are the same chain.
 * - `relayer.client_not_found`: a client the path needs does not exist, or does not follow the expected chain.
 * - `relayer.client_frozen`: a client of the path is frozen; nothing can be proven to it any more.
 * - `relayer.handshake_failed`: a connection or channel handshake step was refused; the chain's error is the cause.
 * - `relayer.tx_failed`: a transaction of the relayer failed for a reason that is not one message's (nothing of it
 *   was applied; the next pass re-derives the work).
 */
export type RelayerErrorCode =
  | "relayer.invalid_argument"
  | "relayer.same_chain"
  | "relayer.client_not_found"
  | "relayer.client_frozen"
  | "relayer.handshake_failed"
  | "relayer.tx_failed";

export class RelayerError extends PlurigridError {
  declare readonly code: RelayerErrorCode;

  constructor(code: RelayerErrorCode, message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(code, message, context, cause === undefined ? undefined : { cause });
  }
}
