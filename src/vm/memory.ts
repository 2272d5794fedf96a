import { CommunicationError } from "./errors.js";

/**
 * Regions: the 12-byte descriptors (offset, capacity, length; u32 little-endian) through which host and contract
 * exchange bytes (cosmwasm-vm memory.rs). Views are re-created on every access because `memory.grow` replaces the
 * underlying buffer.
 */

export const REGION_SIZE = 12;

export interface Region {
  offset: number;
  capacity: number;
  length: number;
}

export function getRegion(memory: WebAssembly.Memory, ptr: number): Region {
  return regionAt(new DataView(memory.buffer), ptr);
}

/** Reads and validates the region descriptor at `ptr` through an existing view of the whole memory. */
export function regionAt(view: DataView, ptr: number): Region {
  if (ptr === 0 || ptr + REGION_SIZE > view.byteLength) {
    throw new CommunicationError("region_pointer", `Region pointer ${ptr} is out of bounds`, { ptr });
  }
  const region = {
    offset: view.getUint32(ptr, true),
    capacity: view.getUint32(ptr + 4, true),
    length: view.getUint32(ptr + 8, true),
  };
  validateRegion(region, view.byteLength, ptr);
  return region;
}

function validateRegion(region: Region, memorySize: number, ptr: number): void {
  if (region.offset === 0) {
    throw new CommunicationError("zero_offset", "Region has offset 0", { ptr });
  }
  if (region.length > region.capacity) {
    throw new CommunicationError("region_length_too_big", "Region length exceeds its capacity", { ptr, ...region });
  }
  if (region.capacity > 0xffffffff - region.offset) {
    throw new CommunicationError("region_out_of_range", "Region capacity overflows the address space", {
      ptr,
      ...region,
    });
  }
  if (region.offset + region.capacity > memorySize) {
    throw new CommunicationError("region_out_of_memory", "Region lies outside the contract's memory", {
      ptr,
      ...region,
    });
  }
}

/** Copies the bytes of the region at `ptr` out of wasm memory; `maxLength` guards against hostile lengths. */
export function readRegion(memory: WebAssembly.Memory, ptr: number, maxLength: number): Uint8Array {
  const region = getRegion(memory, ptr);
  if (region.length > maxLength) {
    throw new CommunicationError("region_length_too_big", `Region length ${region.length} exceeds ${maxLength}`, {
      ptr,
      length: region.length,
      limit: maxLength,
    });
  }
  return new Uint8Array(memory.buffer, region.offset, region.length).slice();
}

/** Writes `data` into the region at `ptr` and sets its length. */
export function writeRegion(memory: WebAssembly.Memory, ptr: number, data: Uint8Array): void {
  const region = getRegion(memory, ptr);
  if (data.length > region.capacity) {
    throw new CommunicationError(
      "region_too_small",
      `Region too small: ${data.length} bytes do not fit into a capacity of ${region.capacity}`,
      { ptr, size: data.length, capacity: region.capacity },
    );
  }
  new Uint8Array(memory.buffer).set(data, region.offset);
  new DataView(memory.buffer).setUint32(ptr + 8, data.length, true);
}
