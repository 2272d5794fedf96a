import { test } from "node:test";
import assert from "node:assert/strict";
import { Dist } from "../../src/games/core/dist.js";
import { canonicalKey } from "../../src/games/core/keys.js";
import { add, formatNum, mul, num } from "../../src/games/core/num.js";
import { Random } from "../../src/games/core/random.js";
import { Rational } from "../../src/games/core/rational.js";

const code = (c: string) => (e: Error & { code?: string }) => e.code === c;

test("rationals are exact and canonical; decimals parse to the rational they spell", () => {
  assert.equal(Rational.of(6, -4).toString(), "-3/2");
  assert.equal(Rational.parse("0.1").add(Rational.parse("0.2")).toString(), "3/10");
  assert.equal(Rational.parse("2.5e-1").toString(), "1/4");
  assert.equal(Rational.parse("-12/8").toString(), "-3/2");
  assert.equal(Rational.parse("1E2").toString(), "100");
  assert.equal(Rational.fromDouble(0.375).toString(), "3/8");
  assert.equal(Rational.of(1, 3).compare(Rational.of(1, 2)), -1);
  assert.equal(Rational.of(10n ** 400n, 3n * 10n ** 400n).toNumber(), 1 / 3);
  assert.throws(() => Rational.parse("abc"), code("number.syntax"));
  assert.throws(() => Rational.parse("."), code("number.syntax"));
  assert.throws(() => Rational.of(1, 0), code("number.division_by_zero"));
});

test("numbers: integers and strings are exact, other doubles are floats, and floats are contagious", () => {
  assert.equal(formatNum(add(num(1), num("1/2"))), "3/2");
  assert.equal(typeof add(num(1), num(0.5)), "number");
  assert.equal(formatNum(mul(num(3), num(0.5))), "1.5");
  assert.throws(() => num(Number.NaN), code("number.not_finite"));
});

test("canonical keys are structural, sort object keys and agree on exact integers", () => {
  assert.equal(canonicalKey({ b: 1, a: [1, "x"] }), canonicalKey({ a: [1, "x"], b: 1 }));
  assert.equal(canonicalKey(3), canonicalKey(Rational.of(3)));
  assert.notEqual(canonicalKey("3"), canonicalKey(3));
  assert.notEqual(canonicalKey([1, 2]), canonicalKey([12]));
  assert.throws(() => canonicalKey(() => 1), code("dist.unkeyable"));
});

test("distributions merge equal outcomes, stay normalised and exact", () => {
  const die = Dist.uniform([1, 2, 3, 4, 5, 6]);
  const parity = die.map((x) => x % 2 === 0);
  assert.equal(parity.size, 2);
  assert.equal(formatNum(parity.probabilityOf(true)), "1/2");
  const sumOfTwo = die.bind((a) => die.map((b) => a + b));
  assert.equal(sumOfTwo.size, 11);
  assert.equal(formatNum(sumOfTwo.probabilityOf(7)), "1/6");
  assert.equal(formatNum(sumOfTwo.mass()), "1");
  assert.equal(formatNum(sumOfTwo.expect((s) => num(s))), "7");
  const w = Dist.fromWeights([
    ["a", 1],
    ["b", 0],
    ["a", 2],
  ]);
  assert.deepEqual(w.support(), ["a"]);
  assert.throws(() => Dist.fromWeights([["a", -1]]), code("dist.negative_weight"));
  assert.throws(() => Dist.fromWeights([["a", 0]]), code("dist.empty"));
  assert.throws(() => Dist.fromProbabilities([["a", "1/2"]]), code("dist.not_normalised"));
});

test("conditioning is Bayes' rule on order 0 and the trembling-hand limit beyond it", () => {
  const d = Dist.unnormalised([
    { value: "a", probability: num("1/4"), order: 0 },
    { value: "b", probability: num("3/4"), order: 0 },
    { value: "c", probability: num("1/2"), order: 1 },
    { value: "d", probability: num("1/2"), order: 1 },
    { value: "e", probability: num(1), order: 2 },
  ]);
  const onPath = d.condition((v) => v === "a" || v === "b" || v === "c")!;
  assert.deepEqual(onPath.support(), ["a", "b"]);
  const offPath = d.condition((v) => v === "c" || v === "d" || v === "e")!;
  assert.deepEqual(
    offPath.outcomes.map((o) => [o.value, formatNum(o.probability)]),
    [
      ["c", "1/2"],
      ["d", "1/2"],
    ],
  );
  assert.equal(
    d.condition((v) => v === "z"),
    undefined,
  );
  // Merging keeps the lower order.
  const merged = Dist.unnormalised([
    { value: "x", probability: num(1), order: 1 },
    { value: "x", probability: num("1/3"), order: 0 },
  ]);
  assert.deepEqual(
    merged.outcomes.map((o) => [o.order, formatNum(o.probability)]),
    [[0, "1/3"]],
  );
});

test("seeded sampling is reproducible and follows the distribution", () => {
  const d = Dist.fromWeights([
    ["rare", 1],
    ["common", 3],
  ]);
  const draw = (seed: number) => {
    const r = new Random(seed);
    return Array.from({ length: 4000 }, () => d.sample(r));
  };
  assert.deepEqual(draw(7), draw(7));
  assert.notDeepEqual(draw(7), draw(8));
  const common = draw(7).filter((x) => x === "common").length / 4000;
  assert.ok(common > 0.72 && common < 0.78, `frequency ${common}`);
});
