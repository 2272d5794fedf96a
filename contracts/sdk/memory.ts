/**
 * Regions: the 12-byte descriptors (offset, capacity, length; u32 little-endian) through which host and contract
 * exchange bytes. They always point at raw memory from `heap.alloc`, never into a managed object, because the host
 * hands them back to `deallocate`.
 */

export const REGION_SIZE: usize = 12;

/** Describes `length` bytes at `offset` (`capacity` bytes reserved) in a freshly allocated region. */
export function newRegion(offset: usize, capacity: usize, length: usize): usize {
  const region = heap.alloc(REGION_SIZE);
  store<u32>(region, <u32>offset, 0);
  store<u32>(region, <u32>capacity, 4);
  store<u32>(region, <u32>length, 8);
  return region;
}

/** Raw memory of `capacity` bytes plus its region, as the host expects from `allocate`. */
export function allocateRegion(capacity: usize): usize {
  const data = heap.alloc(capacity);
  return newRegion(data, capacity, 0);
}

/** Frees a region and the memory it owns (allocated in that order, freed in reverse so a bump allocator reclaims). */
export function releaseRegion(region: usize): void {
  const data = regionOffset(region);
  heap.free(region);
  heap.free(data);
}

export function regionOffset(region: usize): usize {
  return <usize>load<u32>(region, 0);
}

export function regionCapacity(region: usize): usize {
  return <usize>load<u32>(region, 4);
}

export function regionLength(region: usize): usize {
  return <usize>load<u32>(region, 8);
}

/** A region borrowing the bytes of `bytes`; free it with `releaseBorrowedRegion`, which leaves the bytes alone. */
export function borrowRegion(bytes: Uint8Array): usize {
  return newRegion(bytes.dataStart, <usize>bytes.byteLength, <usize>bytes.byteLength);
}

export function releaseBorrowedRegion(region: usize): void {
  heap.free(region);
}

/** Copies `length` raw bytes at `offset` into a new Uint8Array. */
export function copyBytes(offset: usize, length: usize): Uint8Array {
  const out = new Uint8Array(<i32>length);
  memory.copy(out.dataStart, offset, length);
  return out;
}

/** Copies the bytes of a region the host wrote (e.g. a db_read result) and frees it. */
export function consumeRegion(region: usize): Uint8Array {
  const bytes = copyBytes(regionOffset(region), regionLength(region));
  releaseRegion(region);
  return bytes;
}

/** The UTF-8 encoding of `text` as bytes. */
export function utf8(text: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(text));
}

/** Decodes UTF-8 bytes (the host and the JSON reader only hand over valid UTF-8). */
export function fromUtf8(bytes: Uint8Array): string {
  return String.UTF8.decodeUnsafe(bytes.dataStart, <usize>bytes.byteLength);
}
