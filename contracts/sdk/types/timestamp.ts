import { JsonWriter } from "../json/writer";

/** cosmwasm-std's Timestamp: nanoseconds since the Unix epoch, serialised as a decimal string. */
export class Timestamp {
  constructor(readonly nanos: u64) {}

  static fromSeconds(seconds: u64): Timestamp {
    return new Timestamp(seconds * 1_000_000_000);
  }

  get seconds(): u64 {
    return this.nanos / 1_000_000_000;
  }

  plusSeconds(seconds: u64): Timestamp {
    return new Timestamp(this.nanos + seconds * 1_000_000_000);
  }

  plusNanos(nanos: u64): Timestamp {
    return new Timestamp(this.nanos + nanos);
  }

  writeJson(w: JsonWriter): void {
    w.u64String(this.nanos);
  }
}
