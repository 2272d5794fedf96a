import "./abort";
import { allocateRegion, releaseRegion } from "./memory";

/**
 * The exports every CosmWasm contract needs. Only the entry file's exports reach the wasm module, so each contract
 * re-exports them: `export { allocate, deallocate, interface_version_8 } from "../sdk/exports";`
 */

/** Reserves `size` bytes for the host to write an argument into; returns a region pointer (never 0). */
export function allocate(size: usize): usize {
  return allocateRegion(size);
}

/** Frees a region handed out by `allocate` or returned as a result. */
export function deallocate(pointer: usize): void {
  releaseRegion(pointer);
}

/** The interface marker: this contract speaks the CosmWasm 1.0+ ABI. */
export function interface_version_8(): void {}
