import { panic } from "../abort";
import { JsonWriter } from "../json/writer";

const TEN_POW_19: u64 = 10_000_000_000_000_000_000;

/**
 * cosmwasm-std's Uint128: an unsigned 128-bit integer, serialised as a decimal string ("1000"). Arithmetic is
 * checked: `checkedAdd`/`checkedSub`/`checkedMul`/`checkedDiv` return null on overflow (or division by zero),
 * `add`/`sub`/`mul`/`div` panic like Rust's operators do.
 */
export class Uint128 {
  constructor(
    readonly hi: u64 = 0,
    readonly lo: u64 = 0,
  ) {}

  static zero(): Uint128 {
    return new Uint128(0, 0);
  }

  static max(): Uint128 {
    return new Uint128(u64.MAX_VALUE, u64.MAX_VALUE);
  }

  static fromU64(value: u64): Uint128 {
    return new Uint128(0, value);
  }

  /** Parses decimal digits (no sign, no spaces); null when empty, not decimal or above 2^128 - 1. */
  static parse(text: string): Uint128 | null {
    const ascii = String.UTF8.encode(text);
    return Uint128.parseAscii(changetype<usize>(ascii), <usize>ascii.byteLength);
  }

  /** Parses decimal ASCII digits in raw memory. */
  static parseAscii(start: usize, length: usize): Uint128 | null {
    if (length == 0) return null;
    let hi: u64 = 0;
    let lo: u64 = 0;
    for (let p = start; p < start + length; p++) {
      const c = load<u8>(p);
      if (c < 0x30 || c > 0x39) return null;
      const digit = <u64>(c - 0x30);
      if (hi == 0 && lo <= (u64.MAX_VALUE - 9) / 10) {
        lo = lo * 10 + digit;
        continue;
      }
      const product = new Uint128(hi, lo).checkedMul(Uint128.fromU64(10));
      if (product == null) return null;
      const sum = product.checkedAdd(Uint128.fromU64(digit));
      if (sum == null) return null;
      hi = sum.hi;
      lo = sum.lo;
    }
    return new Uint128(hi, lo);
  }

  get isZero(): bool {
    return this.hi == 0 && this.lo == 0;
  }

  /** -1, 0 or 1. */
  compare(other: Uint128): i32 {
    if (this.hi != other.hi) return this.hi < other.hi ? -1 : 1;
    if (this.lo != other.lo) return this.lo < other.lo ? -1 : 1;
    return 0;
  }

  equals(other: Uint128): bool {
    return this.hi == other.hi && this.lo == other.lo;
  }

  lessThan(other: Uint128): bool {
    return this.compare(other) < 0;
  }

  greaterThan(other: Uint128): bool {
    return this.compare(other) > 0;
  }

  checkedAdd(other: Uint128): Uint128 | null {
    const lo = this.lo + other.lo;
    const carry: u64 = lo < this.lo ? 1 : 0;
    const hi = this.hi + other.hi;
    if (hi < this.hi) return null;
    const total = hi + carry;
    if (total < hi) return null;
    return new Uint128(total, lo);
  }

  checkedSub(other: Uint128): Uint128 | null {
    if (this.lessThan(other)) return null;
    const borrow: u64 = this.lo < other.lo ? 1 : 0;
    return new Uint128(this.hi - other.hi - borrow, this.lo - other.lo);
  }

  checkedMul(other: Uint128): Uint128 | null {
    if (this.hi != 0 && other.hi != 0) return null;
    const low = mulWide(this.lo, other.lo);
    let cross: u64 = 0;
    if (this.hi != 0) {
      const c = mulWide(this.hi, other.lo);
      if (c.hi != 0) return null;
      cross = c.lo;
    } else if (other.hi != 0) {
      const c = mulWide(this.lo, other.hi);
      if (c.hi != 0) return null;
      cross = c.lo;
    }
    const hi = low.hi + cross;
    if (hi < low.hi) return null;
    return new Uint128(hi, low.lo);
  }

  /** Integer division; null when dividing by zero. */
  checkedDiv(other: Uint128): Uint128 | null {
    if (other.isZero) return null;
    return divRem(this, other, true);
  }

  /** Remainder; null when dividing by zero. */
  checkedRem(other: Uint128): Uint128 | null {
    if (other.isZero) return null;
    return divRem(this, other, false);
  }

  add(other: Uint128): Uint128 {
    const r = this.checkedAdd(other);
    if (r == null) panic("attempt to add with overflow");
    return r!;
  }

  sub(other: Uint128): Uint128 {
    const r = this.checkedSub(other);
    if (r == null) panic("attempt to subtract with overflow");
    return r!;
  }

  mul(other: Uint128): Uint128 {
    const r = this.checkedMul(other);
    if (r == null) panic("attempt to multiply with overflow");
    return r!;
  }

  div(other: Uint128): Uint128 {
    const r = this.checkedDiv(other);
    if (r == null) panic("attempt to divide by zero");
    return r!;
  }

  /** Whether the value fits into a u64 (then `lo` is the value). */
  get fitsU64(): bool {
    return this.hi == 0;
  }

  toString(): string {
    if (this.hi == 0) return this.lo.toString();
    const base = Uint128.fromU64(TEN_POW_19);
    const quotient = divRem(this, base, true);
    const remainder = divRem(this, base, false).lo.toString();
    return quotient.toString() + "0000000000000000000".substring(remainder.length) + remainder;
  }

  /** Writes the decimal string form. */
  writeJson(w: JsonWriter): void {
    w.string(this.toString());
  }
}

/** The full 128-bit product of two u64. */
function mulWide(a: u64, b: u64): Uint128 {
  const a0 = a & 0xffffffff;
  const a1 = a >> 32;
  const b0 = b & 0xffffffff;
  const b1 = b >> 32;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return new Uint128(p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32), (p00 & 0xffffffff) | (mid << 32));
}

/** Shift-and-subtract long division; the divisor is not zero. */
function divRem(dividend: Uint128, divisor: Uint128, wantQuotient: bool): Uint128 {
  let qHi: u64 = 0;
  let qLo: u64 = 0;
  let rHi: u64 = 0;
  let rLo: u64 = 0;
  for (let i = 127; i >= 0; i--) {
    const bit = i >= 64 ? (dividend.hi >> (i - 64)) & 1 : (dividend.lo >> i) & 1;
    const overflow = rHi >> 63; // the shifted remainder exceeds 128 bits, so it certainly exceeds the divisor
    rHi = (rHi << 1) | (rLo >> 63);
    rLo = (rLo << 1) | bit;
    if (overflow != 0 || rHi > divisor.hi || (rHi == divisor.hi && rLo >= divisor.lo)) {
      const borrow: u64 = rLo < divisor.lo ? 1 : 0;
      rLo -= divisor.lo;
      rHi = rHi - divisor.hi - borrow;
      const one: u64 = 1;
      if (i >= 64) qHi |= one << (i - 64);
      else qLo |= one << i;
    }
  }
  return wantQuotient ? new Uint128(qHi, qLo) : new Uint128(rHi, rLo);
}
