import type { KvIterator, KvRecord, KvStore, KvWrite, Order } from "../store/kv.js";
import { type GasMeter, KV_GAS } from "./gas.js";

/**
 * A KvStore that charges every access to a GasMeter with the Cosmos SDK's KVGasConfig (gaskv): modules pay for the
 * state they read and write. Iteration charges per record as it is consumed.
 */
export class GasKv implements KvStore {
  constructor(
    readonly inner: KvStore,
    readonly meter: GasMeter,
  ) {}

  get(key: Uint8Array): Uint8Array | undefined {
    this.meter.consume(KV_GAS.readCostFlat, "ReadFlat");
    const value = this.inner.get(key);
    this.meter.consume(KV_GAS.readCostPerByte * key.length, "ReadPerByte");
    if (value) this.meter.consume(KV_GAS.readCostPerByte * value.length, "ReadPerByte");
    return value;
  }

  has(key: Uint8Array): boolean {
    this.meter.consume(KV_GAS.hasCost, "Has");
    return this.inner.has(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.meter.consume(KV_GAS.writeCostFlat, "WriteFlat");
    this.meter.consume(KV_GAS.writeCostPerByte * key.length, "WritePerByte");
    this.meter.consume(KV_GAS.writeCostPerByte * value.length, "WritePerByte");
    this.inner.set(key, value);
  }

  delete(key: Uint8Array): void {
    this.meter.consume(KV_GAS.deleteCost, "Delete");
    this.inner.delete(key);
  }

  commit(writes: Iterable<KvWrite>): void {
    for (const w of writes) {
      if (w.value === undefined) this.delete(w.key);
      else this.set(w.key, w.value);
    }
  }

  iterate(start?: Uint8Array, end?: Uint8Array, order: Order = "ascending"): KvIterator {
    return charged(this.inner.iterate(start, end, order), this.meter);
  }
}

function* charged(records: Iterator<KvRecord>, meter: GasMeter): Generator<KvRecord> {
  try {
    for (let r = records.next(); !r.done; r = records.next()) {
      meter.consume(KV_GAS.iterNextCostFlat, "IterNextFlat");
      meter.consume(KV_GAS.readCostPerByte * (r.value.key.length + r.value.value.length), "ValuePerByte");
      yield r.value;
    }
  } finally {
    records.return?.();
  }
}
