import type { Backend, KvRecord } from "./backend.js";
import { CommunicationError, OutOfGasError } from "./errors.js";
import { type GasConfig, linearCost, readRegionCost } from "./gas.js";
import { regionAt, REGION_SIZE } from "./memory.js";

/** What a single call needs from its caller: the contract's state, the chain, and how much it may spend. */
export interface CallContext {
  backend: Backend;
  /** Storage is read-only during `query` (and IBC queries): writes are a VM error. */
  readonly: boolean;
  /** Receives the contract's `debug` messages. */
  debug?: (message: string, gasLeft: number) => void;
}

/**
 * The host side of one wasm instance (cosmwasm-vm's Environment): memory access with gas, the gas counter that
 * lives in the instrumented module's global, the open iterators, and the context of the call in progress.
 * It also tracks which bytes the host wrote into wasm memory, so the instance can be reset after the call.
 */
export class Environment {
  memory!: WebAssembly.Memory;
  private allocateFn!: (size: number) => number;
  private gasLeft!: WebAssembly.Global;
  private outOfGas!: WebAssembly.Global;
  private call: CallContext | undefined;
  iterators: Iterator<KvRecord>[] = [];
  /** Lowest and one-past-highest byte the host wrote into memory during the current call. */
  hostDirtyLo = Number.MAX_SAFE_INTEGER;
  hostDirtyHi = 0;

  constructor(readonly gasConfig: GasConfig) {}

  bind(instance: WebAssembly.Instance, gasLeft: WebAssembly.Global, outOfGas: WebAssembly.Global): void {
    const exports = instance.exports;
    this.memory = exports.memory as WebAssembly.Memory;
    this.allocateFn = exports.allocate as (size: number) => number;
    this.gasLeft = gasLeft;
    this.outOfGas = outOfGas;
  }

  begin(call: CallContext, gasLimit: number): void {
    this.call = call;
    this.iterators = [];
    this.hostDirtyLo = Number.MAX_SAFE_INTEGER;
    this.hostDirtyHi = 0;
    if (!Number.isSafeInteger(gasLimit) || gasLimit < 0) {
      throw new CommunicationError("gas_limit", `Gas limit ${gasLimit} is not a safe non-negative integer`);
    }
    this.gasLeft.value = BigInt(gasLimit);
    this.outOfGas.value = 0;
    this.hostDepth = 0;
  }

  end(): void {
    this.call = undefined;
    this.iterators = [];
  }

  get context(): CallContext {
    if (!this.call) throw new CommunicationError("no_context", "Host function called outside of a contract call");
    return this.call;
  }

  getGasLeft(): number {
    return this.hostDepth > 0 ? this.hostGas : Number(this.gasLeft.value as bigint);
  }

  /**
   * While host code runs (an import, or the host's part of a call), the gas counter lives in `hostGas` as a plain
   * number and is written back to the wasm global when control returns to wasm: one BigInt conversion each way
   * instead of two per charge.
   */
  enterHost(): void {
    if (this.hostDepth++ === 0) this.hostGas = Number(this.gasLeft.value as bigint);
  }

  leaveHost(): void {
    if (--this.hostDepth === 0) this.gasLeft.value = BigInt(this.hostGas);
  }

  /** Runs host code with the counter held in `hostGas`. */
  host<T>(body: () => T): T {
    this.enterHost();
    try {
      return body();
    } finally {
      this.leaveHost();
    }
  }

  private hostGas = 0;
  private hostDepth = 0;

  /** True when the instrumented code trapped because it ran out of gas. */
  get exhaustedInWasm(): boolean {
    return (this.outOfGas.value as number) !== 0;
  }

  /** Charges `cost` VM gas; running out is a VM error and leaves the counter at zero (cosmwasm-vm semantics). */
  charge(cost: number): void {
    if (cost <= 0) return;
    if (this.hostDepth === 0) {
      this.host(() => this.charge(cost));
      return;
    }
    const left = this.hostGas;
    if (cost > left) {
      this.hostGas = 0;
      throw new OutOfGasError({ needed: cost, left });
    }
    this.hostGas = left - cost;
  }

  /** Views of the whole memory, re-created only when the buffer was replaced (memory.grow). */
  private views(): { u8: Uint8Array; view: DataView } {
    const buffer = this.memory.buffer;
    if (this.cachedViews.u8.buffer !== buffer) {
      this.cachedViews = { u8: new Uint8Array(buffer), view: new DataView(buffer) };
    }
    return this.cachedViews;
  }
  private cachedViews = { u8: new Uint8Array(0), view: new DataView(new ArrayBuffer(0)) };

  /** Reads a region's bytes, charging read_region cost before the length check as cosmwasm-vm does. */
  readRegion(ptr: number, maxLength: number): Uint8Array {
    const { u8, view } = this.views();
    const region = regionAt(view, ptr);
    this.charge(readRegionCost(this.gasConfig, region.length));
    if (region.length > maxLength) {
      throw new CommunicationError("region_length_too_big", `Region length ${region.length} exceeds ${maxLength}`, {
        ptr,
        length: region.length,
        limit: maxLength,
      });
    }
    // Buffer's native copy is several times faster than TypedArray#slice on wasm memory.
    return Buffer.from(u8.subarray(region.offset, region.offset + region.length));
  }

  /** A pointer of 0 means "none" (db_scan bounds). */
  maybeReadRegion(ptr: number, maxLength: number): Uint8Array | undefined {
    return ptr === 0 ? undefined : this.readRegion(ptr, maxLength);
  }

  writeRegion(ptr: number, data: Uint8Array): void {
    this.fillRegion(ptr, data.length, (u8, at) => u8.set(data, at));
  }

  /**
   * Writes a string as UTF-8 into a fresh contract region without an intermediate copy (the arguments of every
   * call go this way).
   */
  writeStringToContract(text: string): number {
    const length = Buffer.byteLength(text, "utf8");
    const ptr = this.allocate(length);
    this.fillRegion(ptr, length, (u8, at) => Buffer.from(u8.buffer, u8.byteOffset + at, length).write(text, "utf8"));
    return ptr;
  }

  /** cosmwasm-vm's write_region: validate, charge, check capacity, write, set the length. */
  private fillRegion(ptr: number, length: number, write: (u8: Uint8Array, at: number) => void): void {
    const { u8, view } = this.views();
    const region = regionAt(view, ptr);
    this.charge(linearCost(this.gasConfig.writeRegion, length));
    if (length > region.capacity) {
      throw new CommunicationError(
        "region_too_small",
        `Region too small: ${length} bytes do not fit into a capacity of ${region.capacity}`,
        { ptr, size: length, capacity: region.capacity },
      );
    }
    write(u8, region.offset);
    view.setUint32(ptr + 8, length, true);
    this.markDirty(region.offset, region.offset + length);
    this.markDirty(ptr + 8, ptr + REGION_SIZE);
  }

  /** Asks the contract for a region of `data.length` bytes and fills it (cosmwasm-vm's write_to_contract). */
  writeToContract(data: Uint8Array): number {
    const ptr = this.allocate(data.length);
    this.writeRegion(ptr, data);
    return ptr;
  }

  /** Calls the contract's allocator; the counter is handed to wasm for the call and taken back after it. */
  allocate(size: number): number {
    let ptr: number;
    if (this.hostDepth > 0) {
      this.gasLeft.value = BigInt(this.hostGas);
      try {
        ptr = this.allocateFn(size) >>> 0;
      } finally {
        this.hostGas = Number(this.gasLeft.value as bigint);
      }
    } else {
      ptr = this.allocateFn(size) >>> 0;
    }
    if (ptr === 0) throw new CommunicationError("zero_address", "allocate returned a null pointer", { size });
    return ptr;
  }

  private markDirty(lo: number, hi: number): void {
    if (lo < this.hostDirtyLo) this.hostDirtyLo = lo;
    if (hi > this.hostDirtyHi) this.hostDirtyHi = hi;
  }
}
