import { Result } from "../result";
import { Decoder, describe } from "./decoder";
import { JsonKind, JsonValue } from "./value";

const EMPTY_OBJECT_BYTES = String.UTF8.encode("{}");
const EMPTY_OBJECT = emptyObject();

function emptyObject(): JsonValue {
  const start = changetype<usize>(EMPTY_OBJECT_BYTES);
  const v = new JsonValue(JsonKind.Object, start, start + 2, false);
  v.keys = new Array<string>();
  v.items = new Array<JsonValue>();
  return v;
}

/**
 * An externally tagged enum value, the shape of CosmWasm messages: `{"increment":{}}`, `{"reset":{"count":5}}`,
 * or a bare string `"increment"` for a unit variant. Dispatch with `is`, then read the body:
 *
 *   const m = Variant.of(msg, "ExecuteMsg");
 *   if (m.is("increment")) return increment(info);
 *   if (m.is("reset")) {
 *     const count = m.body.u64("count");
 *     if (m.failed) return m.toError<Response>();
 *     return reset(info, count);
 *   }
 *   return m.unknown<Response>(); // "unknown variant `x`, expected one of `increment`, `reset`"
 */
export class Variant {
  /** The variant name ("" when the value is not an enum value). */
  readonly name: string;
  /** The variant's content; an empty object for a unit variant. */
  readonly body: Decoder;
  private readonly asked: Array<string> = new Array<string>();

  private constructor(private readonly decoder: Decoder) {
    const value = decoder.value;
    let name = "";
    let body = EMPTY_OBJECT;
    if (value.kind == JsonKind.String) name = value.toStr();
    else if (value.kind == JsonKind.Object && value.length == 1) {
      name = value.keys![0];
      body = value.at(0);
    } else if (value.kind == JsonKind.Object) {
      decoder.fail(
        value.length == 0 ? "expected an enum variant, found an empty map" : "expected a map with a single key",
      );
    } else decoder.fail("invalid type: " + describe(value) + ", expected an enum variant");
    this.name = name;
    this.body = decoder.child(body, name);
  }

  /** Reads a message of type `typeName` (named in error messages). */
  static of(value: JsonValue, typeName: string): Variant {
    return new Variant(Decoder.of(value, typeName));
  }

  /** Reads a nested enum value; errors go to the decoder it came from. */
  static from(decoder: Decoder): Variant {
    return new Variant(decoder);
  }

  /** Whether this is variant `name` (remembered for the `unknown` message). */
  is(name: string): bool {
    this.asked.push(name);
    return !this.decoder.failed && this.name == name;
  }

  get failed(): bool {
    return this.decoder.failed;
  }

  get errorMessage(): string {
    return this.decoder.errorMessage;
  }

  toError<T>(): Result<T> {
    return this.decoder.toError<T>();
  }

  /** Records and returns the error for a value that matched none of the variants asked about with `is`. */
  unknown<T>(): Result<T> {
    if (!this.decoder.failed) {
      let expected = "";
      for (let i = 0; i < this.asked.length; i++) expected += (i > 0 ? ", `" : "`") + this.asked[i] + "`";
      if (this.asked.length != 1) expected = "one of " + expected;
      this.decoder.fail("unknown variant `" + this.name + "`, expected " + expected);
    }
    return this.decoder.toError<T>();
  }
}
