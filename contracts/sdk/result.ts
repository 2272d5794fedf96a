import { panic } from "./abort";

/**
 * The outcome of an operation that can fail with a message, in place of exceptions (AssemblyScript has no
 * try/catch). A contract returns `err` for a contract error, which the chain reports as `{"error": …}` and whose
 * state changes it discards; it calls `panic` only for bugs (a VM error).
 */
export class Result<T> {
  private constructor(
    private readonly okValue: T,
    private readonly errorMessage: string | null,
  ) {}

  static ok<T>(value: T): Result<T> {
    return new Result<T>(value, null);
  }

  static err<T>(message: string): Result<T> {
    return new Result<T>(zero<T>(), message);
  }

  get isOk(): bool {
    return this.errorMessage == null;
  }

  get isErr(): bool {
    return this.errorMessage != null;
  }

  /** The value; a VM error when this is an error (check `isOk` first). */
  get value(): T {
    if (this.errorMessage != null) panic("called value on an error result: " + this.errorMessage!);
    return this.okValue;
  }

  /** The error message; a VM error when this is ok. */
  get error(): string {
    if (this.errorMessage == null) panic("called error on an ok result");
    return this.errorMessage!;
  }

  /** The same error as a result of another type, to propagate it: `if (r.isErr) return r.cast<Response>()`. */
  cast<U>(): Result<U> {
    return Result.err<U>(this.error);
  }
}

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return Result.ok<T>(value);
}

/** A contract error. The type cannot be inferred: `return err<Response>("Unauthorized")`. */
export function err<T>(message: string): Result<T> {
  return Result.err<T>(message);
}

/** The zero value of any type: 0, false or null; the placeholder an error result carries. */
function zero<T>(): T {
  if (isReference<T>()) return changetype<T>(0);
  if (isFloat<T>()) return <T>0.0;
  return <T>0;
}
