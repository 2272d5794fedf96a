import { test } from "node:test";
import assert from "node:assert/strict";
import { divideFloor, divideRounded, formatFixed, parseFixed } from "../../src/market/units/fixed_point.js";
import { energyFromKWh, energyToKWh } from "../../src/market/units/energy.js";
import { formatMoney, moneyOf } from "../../src/market/units/money.js";
import { ppmFromPercent, priceFromDecimal, scalePrice } from "../../src/market/units/price.js";

test("decimals parse exactly, in any JSON spelling", () => {
  assert.equal(parseFixed(0.1, 3, "x"), 100);
  assert.equal(parseFixed("0.1", 6, "x"), 100_000);
  assert.equal(parseFixed(1e-3, 3, "x"), 1);
  assert.equal(parseFixed("1.500", 1, "x"), 15);
  assert.equal(parseFixed(-2.25, 2, "x"), -225);
  assert.equal(parseFixed("12e2", 0, "x"), 1200);
  assert.equal(energyFromKWh(3.141), 3141);
  assert.equal(priceFromDecimal(0.123456), 123_456);
  assert.equal(ppmFromPercent(5), 50_000);
  assert.equal(energyToKWh(1234), 1.234);
});

test("what cannot be represented exactly is refused, not rounded", () => {
  assert.throws(() => parseFixed(0.0001, 3, "energy"), { code: "market.precision" });
  assert.throws(() => parseFixed("abc", 3, "energy"), { code: "market.precision" });
  assert.throws(() => parseFixed(Infinity, 3, "energy"), { code: "market.precision" });
  assert.throws(() => parseFixed(1e300, 3, "energy"), { code: "market.precision" });
  assert.throws(() => parseFixed(".", 3, "energy"), { code: "market.precision" });
});

test("rounding is half-even and exact for large integers", () => {
  assert.deepEqual(
    [5, 15, 25, -5, -15, 14, 16].map((n) => divideRounded(n, 10)),
    [0, 2, 2, 0, -2, 1, 2],
  );
  assert.equal(divideRounded(2 ** 52 + 1, 2), 2 ** 51 + 0); // (2^52 + 1)/2 = 2^51 + ½ → even
  assert.equal(divideFloor(-1, 3), -1);
  assert.equal(divideFloor(7, 7), 1);
  assert.equal(scalePrice(300_000, 50_000), 15_000);
});

test("money is exact: a year of slots sums without drift", () => {
  let total = 0;
  for (let i = 0; i < 35_040; i++) total += moneyOf(100, 333_333); // 0.1 kWh at 0.333333/kWh each slot
  assert.equal(total, 35_040 * 33_333_300);
  assert.equal(formatMoney(total, 6), "1167.998832");
  assert.equal(formatFixed(-1_234_567, 6, 2), "-1.23");
  assert.equal(formatFixed(5, 0, 2), "5.00");
});
