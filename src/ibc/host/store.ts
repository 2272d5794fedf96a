import type { KvStore } from "../../store/kv.js";
import { PrefixKv } from "../../store/prefix.js";
import { readUint64BigEndian, uint64BigEndian, utf8 } from "../bytes.js";
import { CoreErrors, ibcError } from "../errors.js";

const decoder = new TextDecoder();

/**
 * The IBC store: the node's state under the IBC namespace, addressed by ICS-24 path strings. Keys are the UTF-8
 * bytes of the path, so what a proof signs (the path) is exactly the key the value lives under.
 */
export class IbcStore {
  readonly kv: KvStore;

  /** `namespace` is where the node keeps IBC state in its store, e.g. "ibc/". */
  constructor(root: KvStore, namespace: string) {
    this.kv = namespace === "" ? root : new PrefixKv(root, namespace);
  }

  get(path: string): Uint8Array | undefined {
    return this.kv.get(utf8(path));
  }

  has(path: string): boolean {
    return this.kv.has(utf8(path));
  }

  set(path: string, value: Uint8Array): void {
    this.kv.set(utf8(path), value);
  }

  delete(path: string): void {
    this.kv.delete(utf8(path));
  }

  /** A big-endian uint64 (sequences, counters); undefined when absent. */
  getUint64(path: string): bigint | undefined {
    const bytes = this.get(path);
    if (bytes === undefined) return undefined;
    const value = readUint64BigEndian(bytes);
    if (value === undefined) {
      throw ibcError(CoreErrors.Logic, `stored value at ${path} is not an 8-byte big-endian integer`, { path });
    }
    return value;
  }

  setUint64(path: string, value: bigint): void {
    this.set(path, uint64BigEndian(value));
  }

  /** Entries whose path starts with `prefixPath + "/"`, in byte order of their full path. */
  *entries(prefixPath: string): Generator<{ path: string; value: Uint8Array }> {
    const start = utf8(`${prefixPath}/`);
    const end = utf8(`${prefixPath}0`); // "0" is the byte after "/"
    for (const { key, value } of this.kv.iterate(start, end)) yield { path: decoder.decode(key), value };
  }
}
