import { GameError } from "../errors.js";
import { canonicalKey } from "./keys.js";
import {
  add,
  compare,
  div,
  formatNum,
  isZero,
  mul,
  num,
  ONE,
  sum,
  toFloat,
  ZERO,
  type Num,
  type Numeric,
} from "./num.js";
import type { Random } from "./random.js";

/** One outcome of a distribution. */
export interface Outcome<T> {
  readonly value: T;
  /** Exact when every weight that produced it was exact. */
  readonly probability: Num;
  /**
   * Tremble order: 0 for ordinary outcomes; an outcome of order k is infinitesimal, reached only through k
   * trembles (actions a strategy never plays). Subgame-perfect checking uses these to reach and weigh
   * off-path information sets; ordinary distributions only have order 0.
   */
  readonly order: number;
}

interface Item<T> extends Outcome<T> {
  /** Canonical key, computed only when merging needs it (a certain value never does). */
  key?: string;
}

function keyOf<T>(item: Item<T>): string {
  return (item.key ??= canonicalKey(item.value));
}

/** Accumulates outcomes, merging equal ones (by canonical key); a lower tremble order wins over a higher one. */
class Merger<T> {
  private readonly index = new Map<string, number>();
  readonly items: Item<T>[] = [];

  push(value: T, key: string, probability: Num, order: number): void {
    const at = this.index.get(key);
    if (at === undefined) {
      this.index.set(key, this.items.length);
      this.items.push({ value, key, probability, order });
      return;
    }
    const old = this.items[at]!;
    if (order === old.order) this.items[at] = { ...old, probability: add(old.probability, probability) };
    else if (order < old.order) this.items[at] = { value, key, probability, order };
  }
}

/**
 * A finite probability distribution. Equal outcomes are merged (by canonical key), so repeated composition does
 * not multiply the support, and probabilities stay exact rationals as long as the inputs are exact.
 */
export class Dist<T> {
  private constructor(private readonly items: readonly Item<T>[]) {}

  static certain<T>(value: T): Dist<T> {
    return new Dist([{ value, probability: ONE, order: 0 }]);
  }

  /** Equal weight on each listed value (a value listed twice gets twice the weight). */
  static uniform<T>(values: readonly T[]): Dist<T> {
    if (values.length === 0) throw new GameError("dist.empty", "a uniform distribution needs at least one value", {});
    return Dist.fromWeights(values.map((v) => [v, 1] as const));
  }

  /** Normalises non-negative weights; zero-weight outcomes are dropped. */
  static fromWeights<T>(pairs: Iterable<readonly [T, Numeric]>): Dist<T> {
    const merger = new Merger<T>();
    for (const [value, w] of pairs) {
      const weight = num(w);
      if (compare(weight, ZERO) < 0)
        throw new GameError("dist.negative_weight", `weight ${formatNum(weight)} is negative`, {
          value: canonicalKey(value),
        });
      if (!isZero(weight)) merger.push(value, canonicalKey(value), weight, 0);
    }
    const total = sum(merger.items.map((i) => i.probability));
    if (merger.items.length === 0 || isZero(total))
      throw new GameError("dist.empty", "a distribution needs some positive weight", {});
    return new Dist(merger.items.map((i) => ({ ...i, probability: div(i.probability, total) })));
  }

  /** Like `fromWeights`, but the probabilities must already sum to 1 (exactly, or within 1e-9 for floats). */
  static fromProbabilities<T>(pairs: Iterable<readonly [T, Numeric]>): Dist<T> {
    const list = [...pairs].map(([v, p]) => [v, num(p)] as const);
    const total = sum(list.map(([, p]) => p));
    const off = typeof total === "number" ? Math.abs(total - 1) > 1e-9 : compare(total, ONE) !== 0;
    if (off)
      throw new GameError("dist.not_normalised", `probabilities sum to ${formatNum(total)}, not 1`, {
        total: formatNum(total),
      });
    return Dist.fromWeights(list);
  }

  /** A distribution over `true`/`false` with P(true) = p. */
  static bernoulli(p: Numeric): Dist<boolean> {
    const q = num(p);
    return Dist.fromProbabilities([
      [true, q],
      [false, add(ONE, mul(q, -1))],
    ]);
  }

  /** @internal Builds from raw outcomes without normalising (sub-distributions of branches, tremble layers). */
  static unnormalised<T>(outcomes: Iterable<Outcome<T>>): Dist<T> {
    const merger = new Merger<T>();
    for (const o of outcomes) merger.push(o.value, canonicalKey(o.value), o.probability, o.order);
    return new Dist(merger.items);
  }

  get outcomes(): readonly Outcome<T>[] {
    return this.items;
  }
  get size(): number {
    return this.items.length;
  }
  /** The values with positive (order-0) probability. */
  support(): T[] {
    return this.items.filter((i) => i.order === 0).map((i) => i.value);
  }
  probabilityOf(value: T): Num {
    const key = canonicalKey(value);
    const hit = this.items.find((i) => i.order === 0 && keyOf(i) === key);
    return hit ? hit.probability : ZERO;
  }
  /** Total order-0 probability: 1 for a distribution, less for the part of one that a branch sees. */
  mass(): Num {
    return sum(this.items.filter((i) => i.order === 0).map((i) => i.probability));
  }
  isCertain(): boolean {
    return this.items.length === 1 && this.items[0]!.order === 0;
  }

  map<U>(f: (value: T) => U): Dist<U> {
    if (this.items.length === 1) {
      const i = this.items[0]!;
      return new Dist([{ value: f(i.value), probability: i.probability, order: i.order }]);
    }
    const merger = new Merger<U>();
    for (const i of this.items) {
      const v = f(i.value);
      merger.push(v, canonicalKey(v), i.probability, i.order);
    }
    return new Dist(merger.items);
  }

  bind<U>(f: (value: T) => Dist<U>): Dist<U> {
    if (this.items.length === 1 && this.items[0]!.order === 0 && isOne(this.items[0]!.probability))
      return f(this.items[0]!.value);
    const merger = new Merger<U>();
    for (const i of this.items) {
      for (const j of f(i.value).items)
        merger.push(j.value, keyOf(j), mul(i.probability, j.probability), i.order + j.order);
    }
    return new Dist(merger.items);
  }

  /** E[f] over the order-0 outcomes (higher orders are infinitesimal). */
  expect(f: (value: T) => Num): Num {
    let total: Num = ZERO;
    for (const i of this.items) if (i.order === 0) total = add(total, mul(i.probability, f(i.value)));
    return total;
  }

  /** @internal The outcomes satisfying `keep`, not renormalised, tremble orders kept. */
  restrict(keep: (value: T) => boolean): Dist<T> {
    return new Dist(this.items.filter((i) => keep(i.value)));
  }

  /**
   * Conditions on `keep`: among the matching outcomes those of the lowest tremble order are renormalised into an
   * ordinary distribution (Bayes' rule, and its trembling-hand limit off the path). Undefined if nothing matches.
   */
  condition(keep: (value: T) => boolean): Dist<T> | undefined {
    const matching = this.items.filter((i) => keep(i.value));
    if (matching.length === 0) return undefined;
    const lowest = Math.min(...matching.map((i) => i.order));
    const kept = matching.filter((i) => i.order === lowest);
    const total = sum(kept.map((i) => i.probability));
    return new Dist(kept.map((i) => ({ ...i, probability: div(i.probability, total), order: 0 })));
  }

  /** Draws one value (order-0 outcomes only). */
  sample(random: Random): T {
    const live = this.items.filter((i) => i.order === 0);
    let u = random.next() * toFloat(sum(live.map((i) => i.probability)));
    for (const i of live) {
      u -= toFloat(i.probability);
      if (u < 0) return i.value;
    }
    return live[live.length - 1]!.value;
  }

  toString(): string {
    return (
      "{" +
      this.items
        .filter((i) => i.order === 0)
        .map((i) => `${keyOf(i)}: ${formatNum(i.probability)}`)
        .join(", ") +
      "}"
    );
  }
}

function isOne(p: Num): boolean {
  return compare(p, ONE) === 0;
}
