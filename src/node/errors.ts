import { PlurigridError } from "../errors.js";

/**
 * Errors of the node. Two families:
 *
 * - `NodeError`: the node itself cannot do what was asked (no home directory, a corrupt genesis, a header chain that
 *   does not verify, a tx rejected before it reached a block). Stable codes `node.*`.
 * - `AbciError`: a transaction (or one message of it) failed. It carries the Cosmos SDK's ABCI error identity
 *   (codespace + code, e.g. `sdk`/5 insufficient funds, `wasm`/5 execute wasm contract failed) because that is what
 *   ends up in the tx result, and what contracts see in replies. Messages follow cosmos errorsmod: wrapping
 *   prefixes a description, `"<description>: <cause>"`.
 */
export class NodeError extends PlurigridError {}

/** A registered ABCI error (errorsmod.Register): the root of every AbciError. */
export class AbciCode {
  constructor(
    readonly codespace: string,
    readonly code: number,
    readonly description: string,
  ) {}

  /** This error with nothing added: its message is the description. */
  error(context: Record<string, unknown> = {}): AbciError {
    return new AbciError(this, this.description, context);
  }

  /** errorsmod.Wrap(code, desc): "desc: description". */
  wrap(desc: string, context: Record<string, unknown> = {}): AbciError {
    return new AbciError(this, `${desc}: ${this.description}`, context);
  }
}

/** A failed transaction or message, with its ABCI identity. */
export class AbciError extends PlurigridError {
  /**
   * wasmd's DeterministicError: the message is the same on every node, so a contract may see it in a reply. Only the
   * outermost error counts; wrapping drops the mark (wasmd checks the top-level error only).
   */
  readonly deterministic: boolean;
  /**
   * The CosmWasm SystemError this error stands for (e.g. `{no_such_contract: {addr}}`); the querier reports it as a
   * SystemError instead of a contract-level error. Survives wrapping, like errors.As in wasmd.
   */
  readonly systemError: Record<string, unknown> | undefined;

  constructor(
    readonly abci: AbciCode,
    message: string,
    context: Record<string, unknown> = {},
    options: { deterministic?: boolean; systemError?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(`abci.${abci.codespace}.${abci.code}`, message, context, { cause: options.cause });
    this.deterministic = options.deterministic ?? false;
    this.systemError = options.systemError;
  }

  get codespace(): string {
    return this.abci.codespace;
  }

  get abciCode(): number {
    return this.abci.code;
  }

  /** errorsmod.Wrap(err, desc): "desc: message"; the result is not deterministic unless marked again. */
  wrap(desc: string): AbciError {
    return new AbciError(this.abci, `${desc}: ${this.message}`, this.context, {
      systemError: this.systemError,
      cause: this,
    });
  }

  /** wasmd's MarkErrorDeterministic. */
  markDeterministic(): AbciError {
    return new AbciError(this.abci, this.message, this.context, {
      deterministic: true,
      systemError: this.systemError,
      cause: this.cause,
    });
  }

  /**
   * What a contract sees of this error in a reply (wasmd redactError): system errors and deterministic errors in
   * full, anything else only as "codespace: X, code: N" because its text may differ between nodes.
   */
  redacted(): string {
    if (this.deterministic) return this.message;
    return `codespace: ${this.codespace}, code: ${this.abciCode}`;
  }
}

/** The Cosmos SDK's root errors (types/errors/errors.go), codespace `sdk`. */
export const sdkErrors = {
  internal: new AbciCode("sdk", 1, "internal"),
  txDecode: new AbciCode("sdk", 2, "tx parse error"),
  invalidSequence: new AbciCode("sdk", 3, "invalid sequence"),
  unauthorized: new AbciCode("sdk", 4, "unauthorized"),
  insufficientFunds: new AbciCode("sdk", 5, "insufficient funds"),
  unknownRequest: new AbciCode("sdk", 6, "unknown request"),
  invalidAddress: new AbciCode("sdk", 7, "invalid address"),
  invalidPubKey: new AbciCode("sdk", 8, "invalid pubkey"),
  unknownAddress: new AbciCode("sdk", 9, "unknown address"),
  invalidCoins: new AbciCode("sdk", 10, "invalid coins"),
  outOfGas: new AbciCode("sdk", 11, "out of gas"),
  memoTooLarge: new AbciCode("sdk", 12, "memo too large"),
  insufficientFee: new AbciCode("sdk", 13, "insufficient fee"),
  tooManySignatures: new AbciCode("sdk", 14, "maximum number of signatures exceeded"),
  noSignatures: new AbciCode("sdk", 15, "no signatures supplied"),
  invalidRequest: new AbciCode("sdk", 18, "invalid request"),
  invalidChainId: new AbciCode("sdk", 28, "invalid chain-id"),
  invalidType: new AbciCode("sdk", 29, "invalid type"),
  txTimeoutHeight: new AbciCode("sdk", 30, "tx timeout height"),
  unknownExtensionOptions: new AbciCode("sdk", 31, "unknown extension options"),
  wrongSequence: new AbciCode("sdk", 32, "incorrect account sequence"),
  notSupported: new AbciCode("sdk", 37, "feature not supported"),
  notFound: new AbciCode("sdk", 38, "not found"),
  invalidGasLimit: new AbciCode("sdk", 41, "invalid gas limit"),
} as const;

/** wasmd's x/wasm errors (x/wasm/types/errors.go), codespace `wasm`. */
export const wasmErrors = {
  createFailed: new AbciCode("wasm", 2, "create wasm contract failed"),
  accountExists: new AbciCode("wasm", 3, "contract account already exists"),
  instantiateFailed: new AbciCode("wasm", 4, "instantiate wasm contract failed"),
  executeFailed: new AbciCode("wasm", 5, "execute wasm contract failed"),
  gasLimit: new AbciCode("wasm", 6, "insufficient gas"),
  invalidGenesis: new AbciCode("wasm", 7, "invalid genesis"),
  notFound: new AbciCode("wasm", 8, "not found"),
  queryFailed: new AbciCode("wasm", 9, "query wasm contract failed"),
  invalidMsg: new AbciCode("wasm", 10, "invalid CosmosMsg from the contract"),
  migrationFailed: new AbciCode("wasm", 11, "migrate wasm contract failed"),
  empty: new AbciCode("wasm", 12, "empty"),
  limit: new AbciCode("wasm", 13, "exceeds limit"),
  invalid: new AbciCode("wasm", 14, "invalid"),
  duplicate: new AbciCode("wasm", 15, "duplicate"),
  unsupportedForContract: new AbciCode("wasm", 17, "unsupported for this contract"),
  unknownMsg: new AbciCode("wasm", 20, "unknown message from the contract"),
  invalidEvent: new AbciCode("wasm", 21, "invalid event"),
  noSuchContract: new AbciCode("wasm", 22, "no such contract"),
  exceedMaxQueryStackSize: new AbciCode("wasm", 27, "max query stack size exceeded"),
  noSuchCode: new AbciCode("wasm", 28, "no such code"),
  vmError: new AbciCode("wasm", 29, "wasmvm error"),
  exceedMaxCallDepth: new AbciCode("wasm", 30, "max call depth exceeded"),
} as const;

/** wasmd's ErrNoSuchContractFn: an AbciError that the querier reports as SystemError `no_such_contract`. */
export function noSuchContract(addr: string): AbciError {
  return new AbciError(
    wasmErrors.noSuchContract,
    `address ${addr}: ${wasmErrors.noSuchContract.description}`,
    { addr },
    {
      systemError: { no_such_contract: { addr } },
    },
  );
}

/** wasmd's ErrNoSuchCodeFn: reported to contracts as SystemError `no_such_code`. */
export function noSuchCode(codeId: bigint): AbciError {
  return new AbciError(
    wasmErrors.noSuchCode,
    `code id ${codeId}: ${wasmErrors.noSuchCode.description}`,
    { codeId: codeId.toString() },
    { systemError: { no_such_code: { code_id: Number(codeId) } } },
  );
}
