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

function kinds<T extends Record<string, [number, string]>>(
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

/** 03-connection (codespace `connection`). */
export const ConnectionErrors = kinds("connection", {
  ConnectionExists: [2, "connection already exists"],
  ConnectionNotFound: [3, "connection not found"],
  ClientConnectionPathsNotFound: [4, "light client connection paths not found"],
  ConnectionPath: [5, "connection path is not associated to the given light client"],
  InvalidConnectionState: [6, "invalid connection state"],
  InvalidCounterparty: [7, "invalid counterparty connection"],
  InvalidConnection: [8, "invalid connection"],
  InvalidVersion: [9, "invalid connection version"],
  VersionNegotiationFailed: [10, "connection version negotiation failed"],
  InvalidConnectionIdentifier: [11, "invalid connection identifier"],
});

/** 04-channel (codespace `channel`): the codes reference §4 lists, numbered as in ibc-go's types/errors.go. */
export const ChannelErrors = kinds("channel", {
  ChannelExists: [2, "channel already exists"],
  ChannelNotFound: [3, "channel not found"],
  InvalidChannel: [4, "invalid channel"],
  InvalidChannelState: [5, "invalid channel state"],
  InvalidChannelOrdering: [6, "invalid channel ordering"],
  InvalidCounterparty: [7, "invalid counterparty channel"],
  SequenceSendNotFound: [10, "sequence send not found"],
  SequenceReceiveNotFound: [11, "sequence receive not found"],
  SequenceAckNotFound: [12, "sequence acknowledgement not found"],
  InvalidPacket: [13, "invalid packet"],
  TooManyConnectionHops: [15, "too many connection hops"],
  InvalidAcknowledgement: [16, "invalid acknowledgement"],
  AcknowledgementExists: [17, "acknowledgement for packet already exists"],
  InvalidChannelIdentifier: [18, "invalid channel identifier"],
  PacketReceived: [19, "packet already received"],
  PacketCommitmentNotFound: [20, "packet commitment not found"],
  PacketSequenceOutOfOrder: [21, "packet sequence is out of order"],
  RedundantTx: [22, "packet messages are redundant"],
  NoOpMsg: [23, "message is redundant, no-op will be performed"],
  InvalidChannelVersion: [24, "invalid channel version"],
  PacketNotSent: [25, "packet has not been sent"],
  InvalidTimeout: [26, "invalid packet timeout"],
  TimeoutNotReached: [39, "timeout not reached"],
  TimeoutElapsed: [40, "timeout elapsed"],
});

/** 05-port (codespace `port`). */
export const PortErrors = kinds("port", {
  PortExists: [2, "port is already binded"],
  PortNotFound: [3, "port not found"],
  InvalidPort: [4, "invalid port"],
  InvalidRoute: [5, "route not found"],
});

/** 23-commitment (codespace `commitment`). */
export const CommitmentErrors = kinds("commitment", {
  InvalidProof: [2, "invalid proof"],
  InvalidPrefix: [3, "invalid prefix"],
});

/** 24-host (codespace `host`). */
export const HostErrors = kinds("host", {
  InvalidID: [2, "invalid identifier"],
  InvalidPath: [3, "invalid path"],
  InvalidPacket: [4, "invalid packet"],
});

/** 06-solomachine (codespace `06-solomachine`). */
export const SoloMachineErrors = kinds("06-solomachine", {
  InvalidHeader: [2, "invalid header"],
  InvalidSequence: [3, "invalid sequence"],
  InvalidSignatureAndData: [4, "invalid signature and data"],
  SignatureVerificationFailed: [5, "signature verification failed"],
  InvalidProof: [6, "invalid solo machine proof"],
});

/** ICS-20 transfer (codespace `transfer`). */
export const TransferErrors = kinds("transfer", {
  InvalidPacketTimeout: [2, "invalid packet timeout"],
  InvalidDenomForTransfer: [3, "invalid denomination for cross-chain transfer"],
  InvalidVersion: [4, "invalid ICS20 version"],
  InvalidAmount: [5, "invalid token amount"],
  DenomNotFound: [6, "denomination not found"],
  SendDisabled: [7, "fungible token transfers from this chain are disabled"],
  ReceiveDisabled: [8, "fungible token transfers to this chain are disabled"],
  MaxTransferChannels: [9, "max transfer channels"],
  InvalidMemo: [11, "invalid memo"],
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
