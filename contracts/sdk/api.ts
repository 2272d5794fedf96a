import * as host from "./env";
import { allocateRegion, borrowRegion, consumeRegion, fromUtf8, releaseBorrowedRegion, utf8 } from "./memory";
import { err, ok, Result } from "./result";

const MAX_LENGTH_HUMAN_ADDRESS = 256;
const CANONICAL_ADDRESS_BUFFER_LENGTH: usize = 64;
const HUMAN_ADDRESS_BUFFER_LENGTH: usize = 90;

/** Address functions of the chain (cosmwasm-std Api): bech32 validation and conversion. */
export class Api {
  /** The address if the chain accepts it (valid and normalised), else "addr_validate errored: <reason>". */
  static addrValidate(input: string): Result<string> {
    const bytes = utf8(input);
    if (bytes.byteLength > MAX_LENGTH_HUMAN_ADDRESS) return err<string>("input too long for addr_validate");
    const source = borrowRegion(bytes);
    const error = host.addr_validate(source);
    releaseBorrowedRegion(source);
    if (error != 0) return err<string>("addr_validate errored: " + fromUtf8(consumeRegion(error)));
    return ok(input);
  }

  /** The canonical (binary) form of an address. */
  static addrCanonicalize(input: string): Result<Uint8Array> {
    const bytes = utf8(input);
    if (bytes.byteLength > MAX_LENGTH_HUMAN_ADDRESS) return err<Uint8Array>("input too long for addr_canonicalize");
    const source = borrowRegion(bytes);
    const destination = allocateRegion(CANONICAL_ADDRESS_BUFFER_LENGTH);
    const error = host.addr_canonicalize(source, destination);
    releaseBorrowedRegion(source);
    if (error != 0) return err<Uint8Array>("addr_canonicalize errored: " + fromUtf8(consumeRegion(error)));
    return ok(consumeRegion(destination));
  }

  /** The human-readable (bech32) form of a canonical address. */
  static addrHumanize(canonical: Uint8Array): Result<string> {
    const source = borrowRegion(canonical);
    const destination = allocateRegion(HUMAN_ADDRESS_BUFFER_LENGTH);
    const error = host.addr_humanize(source, destination);
    releaseBorrowedRegion(source);
    if (error != 0) return err<string>("addr_humanize errored: " + fromUtf8(consumeRegion(error)));
    return ok(fromUtf8(consumeRegion(destination)));
  }
}
