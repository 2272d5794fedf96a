import { moduleDerivedAddress } from "../../address.js";
import { concat, encodeU64 } from "../../keys.js";

/** Contract addresses exactly as wasmd derives them (x/wasm/keeper/addresses.go): 32 bytes from address.Module. */
export const CONTRACT_ADDRESS_LENGTH = 32;
const MODULE = "wasm";

/** Classic address: address.Module("wasm", be64(codeId) ‖ be64(instanceId)). */
export function classicContractAddress(codeId: bigint, instanceId: bigint): Uint8Array {
  return moduleDerivedAddress(MODULE, concat(encodeU64(codeId), encodeU64(instanceId))).slice(
    0,
    CONTRACT_ADDRESS_LENGTH,
  );
}

/**
 * instantiate2 address: address.Module("wasm", key) with key = checksum, creator, salt and msg, each prefixed by its
 * length as a big-endian u64. `msg` is empty unless the instantiation fixes the message (fix_msg).
 */
export function predictableContractAddress(
  checksum: Uint8Array,
  creator: Uint8Array,
  salt: Uint8Array,
  msg: Uint8Array = new Uint8Array(0),
): Uint8Array {
  if (checksum.length !== 32) throw new RangeError(`checksum must be 32 bytes, got ${checksum.length}`);
  if (salt.length < 1 || salt.length > 64) throw new RangeError(`salt must be 1..64 bytes, got ${salt.length}`);
  const lp = (b: Uint8Array) => concat(encodeU64(b.length), b);
  const key = concat(lp(checksum), lp(creator), lp(salt), lp(msg));
  return moduleDerivedAddress(MODULE, key).slice(0, CONTRACT_ADDRESS_LENGTH);
}
