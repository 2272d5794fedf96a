import { test } from "node:test";
import assert from "node:assert/strict";
import { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import "../../src/node/app.js";

test("protobuf encodes into exactly-sized arrays (no 8 KiB slab per message), with the same bytes", () => {
  const bytes = Coin.encode({ denom: "ugrid", amount: "5" }).finish();
  assert.deepEqual([...bytes], [0x0a, 5, ...Buffer.from("ugrid"), 0x12, 1, 0x35]);
  assert.equal(bytes.buffer.byteLength, bytes.length);
  const big = Coin.encode({ denom: "u".repeat(10_000), amount: "1" }).finish();
  assert.equal(Coin.decode(big).denom.length, 10_000);
});
