import { panic } from "../abort";
import { utf8 } from "../memory";
import { Storage } from "../storage";
import { DecodeFn, encodeValue, loadValue } from "./codec";

/**
 * A single value stored under its namespace (cw-storage-plus Item): `new Item<u64>("count")`, or for a class
 * `new Item<Config>("config", Config.decode)`. The storage key is the namespace itself.
 */
export class Item<T> {
  readonly key: Uint8Array;

  constructor(
    readonly namespace: string,
    private readonly decode: DecodeFn<T> | null = null,
  ) {
    this.key = utf8(namespace);
  }

  exists(): bool {
    return Storage.has(this.key);
  }

  save(value: T): void {
    Storage.set(this.key, encodeValue<T>(value));
  }

  /** The value; a VM error when it was never saved (use `loadOr` or `mayLoad` when that can happen). */
  load(): T {
    const loaded = loadValue<T>(this.key, this.namespace, this.decode);
    if (!loaded.found) panic("Item `" + this.namespace + "` not found");
    return loaded.value;
  }

  loadOr(fallback: T): T {
    const loaded = loadValue<T>(this.key, this.namespace, this.decode);
    return loaded.found ? loaded.value : fallback;
  }

  /** The value or null (for class and string values). */
  mayLoad(): T | null {
    const loaded = loadValue<T>(this.key, this.namespace, this.decode);
    return loaded.found ? loaded.value : null;
  }

  remove(): void {
    Storage.remove(this.key);
  }
}
