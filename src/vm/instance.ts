import { Environment, type CallContext } from "./environment.js";
import { BackendError, OutOfGasError, TrapError, VmError } from "./errors.js";
import type { GasConfig } from "./gas.js";
import { createImports } from "./imports.js";
import type { Instrumented } from "./instrumentation/instrument.js";

/**
 * A wasm instance with fresh-instance semantics at a fraction of the cost of instantiating.
 *
 * cosmwasm-vm creates a new instance for every call, so a contract never sees memory or globals left by an earlier
 * call. We get the same guarantee by resetting an instance to the state right after instantiation: every mutable
 * global is restored, and every byte of memory that may have changed is copied back from a snapshot. The
 * instrumentation pass records the lowest and highest address each store instruction touches, and the host
 * records its own writes, so only that window is copied (and zeroed above the initial memory).
 *
 * Physical memory is grown to the engine's limit once, at creation, and the contract sees a virtual size (see the
 * instrumentation). Every pooled instance thus has the same physical size, so an instance's history can never
 * change what a contract observes. An instance whose module can mutate tables is never reused.
 *
 * One difference from a fresh cosmwasm-vm instance remains, by design: an access above the virtual size but below
 * the engine's limit does not trap; it reads zeros, and a write there is undone after the call. It is the same on
 * every node and every call, and only a contract reading memory it never grew can notice.
 */
export class PooledInstance {
  readonly env: Environment;
  private readonly instance: WebAssembly.Instance;
  private readonly snapshot: Uint8Array;
  private readonly globals: { global: WebAssembly.Global; initial: number | bigint }[];
  private readonly dirtyLo: WebAssembly.Global;
  private readonly dirtyHi: WebAssembly.Global;
  private readonly gasLeft: WebAssembly.Global;
  private readonly memoryPages: WebAssembly.Global;

  constructor(
    module: WebAssembly.Module,
    private readonly layout: Instrumented,
    gasConfig: GasConfig,
  ) {
    this.env = new Environment(gasConfig);
    this.instance = new WebAssembly.Instance(module, createImports(this.env));
    const exports = this.instance.exports;
    this.gasLeft = exports[layout.gasLeftExport] as WebAssembly.Global;
    this.dirtyLo = exports[layout.dirtyLoExport] as WebAssembly.Global;
    this.dirtyHi = exports[layout.dirtyHiExport] as WebAssembly.Global;
    this.env.bind(this.instance, this.gasLeft, exports[layout.outOfGasExport] as WebAssembly.Global);
    this.globals = layout.mutableGlobalExports.map((name) => {
      const global = exports[name] as WebAssembly.Global;
      return { global, initial: global.value as number | bigint };
    });
    this.snapshot = new Uint8Array(this.env.memory.buffer).slice();
    this.memoryPages = exports[layout.memoryPagesExport] as WebAssembly.Global;
    this.env.memory.grow(layout.memoryLimitPages - layout.initialPages);
  }

  get exports(): WebAssembly.Exports {
    return this.instance.exports;
  }

  /**
   * Runs `body` as one contract call with `gasLimit` VM gas. Returns the body's value and the gas used; wasm
   * traps become typed VmErrors carrying `gasUsed` in their context.
   */
  run<T>(call: CallContext, gasLimit: number, body: (env: Environment) => T): { value: T; gasUsed: number } {
    const env = this.env;
    env.begin(call, gasLimit);
    this.dirtyLo.value = -1;
    this.dirtyHi.value = 0;
    try {
      const value = body(env);
      return { value, gasUsed: gasLimit - env.getGasLeft() };
    } catch (err) {
      const typed = classify(err, env);
      typed.context.gasUsed =
        env.exhaustedInWasm || typed instanceof OutOfGasError ? gasLimit : gasLimit - env.getGasLeft();
      throw typed;
    } finally {
      env.end();
    }
  }

  /** Restores the post-instantiation state; false when the instance cannot be reused and must be dropped. */
  reset(): boolean {
    if (!this.layout.reusable) return false;
    const memory = new Uint8Array(this.env.memory.buffer);
    const lo = Math.min((this.dirtyLo.value as number) >>> 0, this.env.hostDirtyLo);
    const hi = Math.min(Math.max((this.dirtyHi.value as number) >>> 0, this.env.hostDirtyHi), memory.length);
    const initialEnd = this.snapshot.length;
    if (lo < Math.min(hi, initialEnd)) memory.set(this.snapshot.subarray(lo, Math.min(hi, initialEnd)), lo);
    if (Math.max(lo, initialEnd) < hi) memory.fill(0, Math.max(lo, initialEnd), hi);
    for (const g of this.globals) g.global.value = g.initial;
    this.memoryPages.value = this.layout.initialPages;
    return true;
  }
}

function classify(err: unknown, env: Environment): VmError {
  if (env.exhaustedInWasm) return new OutOfGasError();
  if (err instanceof VmError) return err;
  if (err instanceof WebAssembly.RuntimeError) return new TrapError(err.message, {}, err);
  if (err instanceof RangeError && /call stack/i.test(err.message)) {
    return new TrapError("call stack exhausted", {}, err);
  }
  // Anything else escaped a host function: the backend failed, and like cosmwasm-vm we abort the call.
  return new BackendError(err instanceof Error ? err.message : String(err), { cause: String(err) });
}
