import { PlurigridError } from "../errors.js";

/**
 * Errors of the contract engine. A VmError means the call itself failed (trap, abort, out of gas, bad region,
 * malformed result): the caller must discard every effect of the call. A contract that returns `{"error": …}`
 * does NOT produce a VmError; that is a ContractResult error, a normal outcome handled by the caller.
 */
export class VmError extends PlurigridError {}

/** The contract called `abort` (a Rust panic) — cosmwasm-vm reports "Aborted: <msg>". */
export class AbortError extends VmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("vm.aborted", `Aborted: ${message}`, context);
  }
}

/** The call ran out of gas (in wasm code or in a host function). */
export class OutOfGasError extends VmError {
  constructor(context: Record<string, unknown> = {}) {
    super("vm.out_of_gas", "Ran out of gas during contract execution", context);
  }
}

/** A wasm trap that is neither out of gas nor an abort (unreachable, out-of-bounds access, stack overflow…). */
export class TrapError extends VmError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super("vm.trap", `Wasm trap: ${message}`, context, { cause });
  }
}

/** Communication between host and contract broke the ABI: bad region, missing export, bad result JSON, limits. */
export class CommunicationError extends VmError {
  constructor(code: string, message: string, context: Record<string, unknown> = {}) {
    super(`vm.communication.${code}`, message, context);
  }
}

/** The host backend (storage, querier) failed; like cosmwasm-vm's BackendError it aborts the call. */
export class BackendError extends VmError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super("vm.backend", message, context);
  }
}

/** Storage writes are forbidden in read-only calls (query). */
export class WriteAccessDeniedError extends VmError {
  constructor(context: Record<string, unknown> = {}) {
    super("vm.write_access_denied", "Write access denied: storage is read-only during a query", context);
  }
}

/** Compilation or instrumentation of a stored code failed. */
export class CompileError extends VmError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super("vm.compile", message, context, { cause });
  }
}

/** The requested code checksum is not in the cache. */
export class CodeNotFoundError extends VmError {
  constructor(checksum: string) {
    super("vm.code_not_found", `No code with checksum ${checksum} is stored`, { checksum });
  }
}

/** Creating a wasm instance of a stored code failed (it traps or links badly during instantiation). */
export class InstantiationError extends VmError {
  constructor(checksum: string, cause: unknown) {
    super(
      "vm.instantiation",
      `Cannot instantiate code ${checksum}: ${cause instanceof Error ? cause.message : String(cause)}`,
      { checksum },
      { cause },
    );
  }
}
