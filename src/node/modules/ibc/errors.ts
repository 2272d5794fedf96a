import { IbcError } from "../../../ibc/errors.js";
import { AbciCode, AbciError } from "../../errors.js";
import { OutOfGas } from "../../gas.js";

/**
 * How IBC failures reach a transaction result. The IBC core throws IbcErrors carrying ibc-go's registered errors
 * (codespace and ABCI code, e.g. `channel`/21 packet sequence out of order); in a tx they become AbciErrors with the
 * same identity, so the result says what ibc-go's would. AbciErrors of the node's own modules (a contract error in
 * an ack callback, insufficient funds) pass through. Anything else is a bug and aborts the block.
 */
const codes = new Map<string, AbciCode>();

function abciCodeOf(error: IbcError): AbciCode {
  const key = `${error.codespace}/${error.abciCode}`;
  let code = codes.get(key);
  if (code === undefined) {
    code = new AbciCode(error.codespace, error.abciCode, error.kind.description);
    codes.set(key, code);
  }
  return code;
}

/** An IbcError as the AbciError a tx result carries; its message keeps the core's words and context. */
export function toAbciError(error: IbcError): AbciError {
  return new AbciError(abciCodeOf(error), error.message, { ...error.context, ibcError: error.code }, { cause: error });
}

/**
 * Carries an OutOfGas through ICS-20's receive, which turns every PlurigridError into an error acknowledgement: gas
 * running out must fail the tx, as a panic does in the SDK, not be acknowledged as a failed transfer.
 */
export class OutOfGasInCallback extends Error {
  constructor(readonly outOfGas: OutOfGas) {
    super(outOfGas.message);
  }
}

/**
 * Runs IBC code for a message handler: IbcErrors become AbciErrors, OutOfGas carried out of a callback is itself
 * again; AbciErrors (the callbacks already say which entry point, port, channel and packet) pass through.
 */
export function asTxError<T>(body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof OutOfGasInCallback) throw err.outOfGas;
    if (err instanceof IbcError) throw toAbciError(err);
    throw err;
  }
}
