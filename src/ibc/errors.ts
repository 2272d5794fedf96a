import { PlurigridError } from "../errors.js";

/**
 * One of ibc-go's registered errors: its codespace and ABCI code are the stable identity (error acknowledgements and
 * relayers see `codespace/code`), the description is ibc-go's text. Every IBC error thrown by this package carries
 * one, so callers branch with `error.is(ChannelErrors.PacketSequenceOutOfOrder)`, never on messages.
 */
export interface IbcErrorKind {
  readonly codespace: string;
  readonly abciCode: number;
  /** ibc-go's variable name without the `Err` prefix, e.g. `PacketSequenceOutOfOrder`. */
  readonly name: string;
  readonly description: string;
}

export function kinds<T extends Record<string, [number, string]>>(
  codespace: string,
  table: T,
): { readonly [K in keyof T]: IbcErrorKind } {
  const out: Record<string, IbcErrorKind> = {};
  for (const [name, [abciCode, description]] of Object.entries(table)) {
    out[name] = Object.freeze({ codespace, abciCode, name, description });
  }
  return out as { readonly [K in keyof T]: IbcErrorKind };
}

/** The error base of the IBC layer: `code` is `ibc.<codespace>.<name>`, e.g. `ibc.channel.PacketSequenceOutOfOrder`. */
export class IbcError extends PlurigridError {
  readonly kind: IbcErrorKind;

  constructor(kind: IbcErrorKind, message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(`ibc.${kind.codespace}.${kind.name}`, message, context, cause === undefined ? undefined : { cause });
    this.kind = kind;
  }

  get codespace(): string {
    return this.kind.codespace;
  }

  get abciCode(): number {
    return this.kind.abciCode;
  }

  is(kind: IbcErrorKind): boolean {
    return this.kind.codespace === kind.codespace && this.kind.abciCode === kind.abciCode;
  }
}

/** Errors of the `ibc` codespace (ibc-go modules/core/errors). */
export const CoreErrors = kinds("ibc", {
  InvalidSequence: [1, "invalid sequence"],
  Unauthorized: [2, "unauthorized"],
  InsufficientFunds: [3, "insufficient funds"],
  UnknownRequest: [4, "unknown request"],
  InvalidAddress: [5, "invalid address"],
  InvalidCoins: [6, "invalid coins"],
  InvalidRequest: [8, "invalid request"],
  InvalidHeight: [9, "invalid height"],
  InvalidVersion: [10, "invalid version"],
  InvalidChainID: [11, "invalid chain-id"],
  InvalidType: [12, "invalid type"],
  Logic: [15, "internal logic error"],
  NotFound: [16, "not found"],
  TooLarge: [17, "entity too large"],
});

/** Shorthand used across the package: `throw ibcError(ChannelErrors.ChannelNotFound, "…", {…})`. */
export function ibcError(
  kind: IbcErrorKind,
  message: string,
  context: Record<string, unknown> = {},
  cause?: unknown,
): IbcError {
  return new IbcError(kind, message, context, cause);
}

/** True when `error` is an IbcError of that kind. */
export function isIbcError(error: unknown, kind?: IbcErrorKind): error is IbcError {
  return error instanceof IbcError && (kind === undefined || error.is(kind));
}
