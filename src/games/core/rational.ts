import { GameError } from "../errors.js";

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * An exact rational number, always in lowest terms with a positive denominator, so that equal values have
 * equal fields and equal `toString()`.
 */
export class Rational {
  private constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}

  static readonly ZERO = new Rational(0n, 1n);
  static readonly ONE = new Rational(1n, 1n);

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt(num);
    const d = toBigInt(den);
    if (d === 0n) throw new GameError("number.division_by_zero", `${n}/0 is not a number`, { num: String(n) });
    if (d === 1n) return new Rational(n, 1n);
    const g = gcd(n, d);
    const sign = d < 0n ? -1n : 1n;
    return new Rational((sign * n) / g, (sign * d) / g);
  }

  /**
   * Parses "3", "-1/2", "0.25", "1e-3", "2.5E+2" exactly (a decimal is the rational it spells, not the nearest
   * double). This is the number syntax of Gambit's files.
   */
  static parse(text: string): Rational {
    const t = text.trim();
    const fraction = /^([+-]?\d+)\/([+-]?\d+)$/.exec(t);
    if (fraction) return Rational.of(BigInt(fraction[1]!), BigInt(fraction[2]!));
    const decimal = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
    if (!decimal || (decimal[2] === "" && (decimal[3] ?? "") === ""))
      throw new GameError("number.syntax", `not a number: "${text}"`, { text });
    const [, sign, whole, frac = "", exp = "0"] = decimal;
    let num = BigInt((whole || "0") + frac);
    let den = 10n ** BigInt(frac.length);
    const e = Number(exp);
    if (e >= 0) num *= 10n ** BigInt(e);
    else den *= 10n ** BigInt(-e);
    return Rational.of(sign === "-" ? -num : num, den);
  }

  /** The exact value of a finite double (every double is a dyadic rational). */
  static fromDouble(x: number): Rational {
    if (!Number.isFinite(x)) throw new GameError("number.not_finite", `${x} has no rational value`, { value: x });
    if (Number.isInteger(x)) return new Rational(BigInt(x), 1n);
    let den = 1n;
    let v = x;
    while (!Number.isInteger(v)) {
      v *= 2;
      den *= 2n;
    }
    return Rational.of(BigInt(v), den);
  }

  add(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num + o.num, 1n);
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num - o.num, 1n);
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    if (this.den === 1n && o.den === 1n) return new Rational(this.num * o.num, 1n);
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new GameError("number.division_by_zero", `${this} / 0`, { num: this.toString() });
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  sign(): -1 | 0 | 1 {
    return this.num === 0n ? 0 : this.num < 0n ? -1 : 1;
  }
  isZero(): boolean {
    return this.num === 0n;
  }
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l === r ? 0 : l < r ? -1 : 1;
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  toNumber(): number {
    if (this.den === 1n) return Number(this.num);
    // Scale so both parts fit a double's range before dividing.
    const n = Number(this.num);
    const d = Number(this.den);
    if (Number.isFinite(n) && Number.isFinite(d)) return n / d;
    const shift = BigInt(Math.max(this.num.toString(2).length, this.den.toString(2).length) - 1000);
    return Number(this.num >> shift) / Number(this.den >> shift);
  }
  /** "3", "-1/2": the form Gambit prints and `parse` reads. */
  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
  toJSON(): string {
    return this.toString();
  }
}

function toBigInt(x: bigint | number): bigint {
  if (typeof x === "bigint") return x;
  if (!Number.isSafeInteger(x)) throw new GameError("number.not_integer", `${x} is not a safe integer`, { value: x });
  return BigInt(x);
}
