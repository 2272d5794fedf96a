import type { KvRecord, Order, Storage } from "../../../vm/backend.js";

/**
 * Remembers the first failure of the node's own machinery (store I/O, a bug) that happened inside a contract call.
 * The engine turns anything thrown from a host function into a generic BackendError; the keeper re-throws the
 * latched original instead, so such a failure aborts the block rather than being recorded as a failed tx.
 */
export class FaultLatch {
  private fault: unknown = undefined;
  private faulted = false;

  record(err: unknown): void {
    if (this.faulted) return;
    this.fault = err;
    this.faulted = true;
  }

  /** Throws the latched failure, if any. */
  rethrow(): void {
    if (this.faulted) throw this.fault;
  }
}

/** The contract's Storage with every failure latched (and still thrown, so the engine stops the call). */
export function guardedStorage(inner: Storage, latch: FaultLatch): Storage {
  const guard = <T>(f: () => T): T => {
    try {
      return f();
    } catch (err) {
      latch.record(err);
      throw err;
    }
  };
  return {
    get: (key) => guard(() => inner.get(key)),
    set: (key, value) => guard(() => inner.set(key, value)),
    remove: (key) => guard(() => inner.remove(key)),
    range: (start, end, order: Order) =>
      guardedIterator(
        guard(() => inner.range(start, end, order)),
        guard,
      ),
  };
}

function* guardedIterator(it: Iterator<KvRecord>, guard: <T>(f: () => T) => T): Generator<KvRecord> {
  try {
    for (;;) {
      const r = guard(() => it.next());
      if (r.done) return;
      yield r.value;
    }
  } finally {
    it.return?.();
  }
}
