import { Decoder } from "../json/decoder";
import { JsonWriter } from "../json/writer";
import { Uint128 } from "../math/uint128";

/** An amount of one denomination: `{"denom":"uatom","amount":"1000"}`. */
export class Coin {
  constructor(
    readonly denom: string,
    readonly amount: Uint128,
  ) {}

  static of(amount: u64, denom: string): Coin {
    return new Coin(denom, Uint128.fromU64(amount));
  }

  static decode(d: Decoder): Coin {
    return new Coin(d.string("denom"), d.uint128("amount"));
  }

  static decodeList(items: Decoder[]): Coin[] {
    const coins = new Array<Coin>(items.length);
    for (let i = 0; i < items.length; i++) coins[i] = Coin.decode(items[i]);
    return coins;
  }

  writeJson(w: JsonWriter): void {
    w.beginObject().key("denom").string(this.denom).key("amount");
    this.amount.writeJson(w);
    w.endObject();
  }

  static writeList(w: JsonWriter, coins: Coin[]): void {
    w.beginArray();
    for (let i = 0; i < coins.length; i++) coins[i].writeJson(w);
    w.endArray();
  }
}
