/**
 * Python's `decimal.Decimal`, as a value that keeps its exact decimal digits.
 *
 * JavaScript numbers are binary floats, so `Decimal("1.50")` cannot be a `number`: it would lose
 * the trailing zero Django shows (`DecimalField`, `DjangoJSONEncoder` emit `"1.50"`). This class
 * keeps sign, coefficient digits and exponent, and prints them as Python's `str(Decimal)` does
 * (`1.50`, `1E+3`, `1E-7`, `-0`, `NaN`, `Infinity`).
 *
 * Arithmetic is exact, as Python's with the default context (28 significant digits, rounding half
 * to even): `price.mul(new Decimal("1.2"))` is `Decimal('5.400')` for a price of 4.50, where
 * `4.5 * 1.2` in JavaScript is 5.3999999999999995. `add`, `sub`, `mul`, `neg`, `abs`, `compare`
 * and `quantize` are Python's `+`, `-`, `*`, unary `-`, `abs()`, comparison and `quantize()`.
 */
import { Exception, ValueError } from "./builtins";

/** Python's `ArithmeticError` ← `decimal.DecimalException` ← `decimal.InvalidOperation`. */
export class ArithmeticError extends Exception {}
export class DecimalException extends ArithmeticError {}
/** Raised (the default context traps it) e.g. when `quantize` would need more digits than the precision. */
export class InvalidOperation extends DecimalException {}

const DECIMAL_RE = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const SPECIAL_RE = /^([+-])?(inf|infinity|nan|snan)(\d*)$/i;

export class Decimal {
  /** Its name in Python's messages (`'decimal.Decimal' object is not iterable`). */
  static readonly __tp_name__ = "decimal.Decimal";
  /** 0 for positive, 1 for negative (Python's `as_tuple().sign`). */
  readonly sign: 0 | 1;
  /** Coefficient digits without leading zeros ("0" for zero); "" for special values. */
  readonly digits: string;
  /** Power-of-ten exponent; for special values the kind: "n" (NaN), "N" (sNaN), "F" (Infinity). */
  readonly exponent: number | "n" | "N" | "F";

  constructor(value: string | number | Decimal = "0") {
    if (value instanceof Decimal) {
      this.sign = value.sign;
      this.digits = value.digits;
      this.exponent = value.exponent;
      return;
    }
    const text = typeof value === "number" ? number_text(value) : value.trim().replace(/_/g, "");
    const special = SPECIAL_RE.exec(text);
    if (special) {
      this.sign = special[1] === "-" ? 1 : 0;
      const kind = special[2].toLowerCase();
      this.exponent = kind.startsWith("inf") ? "F" : kind === "nan" ? "n" : "N";
      this.digits = "";
      return;
    }
    const m = DECIMAL_RE.exec(text);
    if (!m) throw new ValueError(`Invalid literal for Decimal: ${JSON.stringify(value)}`);
    const int_part = m[2] ?? "";
    const frac_part = m[3] ?? m[4] ?? "";
    this.sign = m[1] === "-" ? 1 : 0;
    this.digits = (int_part + frac_part).replace(/^0+(?=\d)/, "") || "0";
    this.exponent = Number(m[5] ?? 0) - frac_part.length;
  }

  /**
   * `Decimal(str(n))` for the text of `n.toFixed(places)` (digits, one optional "." and a leading
   * "-"), without the general parser: what a DecimalField column converts every row through.
   */
  static from_fixed(text: string): Decimal {
    const d = Object.create(Decimal.prototype) as { sign: 0 | 1; digits: string; exponent: number };
    const negative = text.charCodeAt(0) === 45; // "-"
    const body = negative ? text.slice(1) : text;
    const point = body.indexOf(".");
    const all = point < 0 ? body : body.slice(0, point) + body.slice(point + 1);
    let start = 0;
    while (start < all.length - 1 && all.charCodeAt(start) === 48) start++; // leading zeros
    d.sign = negative ? 1 : 0;
    d.digits = start ? all.slice(start) : all;
    d.exponent = point < 0 ? 0 : point - body.length + 1;
    return d as unknown as Decimal;
  }

  is_nan(): boolean {
    return this.exponent === "n" || this.exponent === "N";
  }

  is_infinite(): boolean {
    return this.exponent === "F";
  }

  /** `str(Decimal)`: plain notation unless the exponent is positive or the number is tiny. */
  toString(): string {
    const sign = this.sign ? "-" : "";
    if (this.exponent === "F") return `${sign}Infinity`;
    if (this.exponent === "n") return `${sign}NaN`;
    if (this.exponent === "N") return `${sign}sNaN`;
    const exp = this.exponent;
    const digits = this.digits;
    const adjusted = exp + digits.length - 1;
    if (exp <= 0 && adjusted >= -6) {
      if (exp === 0) return sign + digits;
      const point = digits.length + exp;
      if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
      return `${sign}0.${"0".repeat(-point)}${digits}`;
    }
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
  }

  __repr__(): string {
    return `Decimal('${this.toString()}')`;
  }

  /** The nearest float (Python's `float(d)`). */
  valueOf(): number {
    return Number(this.is_infinite() ? (this.sign ? "-Infinity" : "Infinity") : this.is_nan() ? NaN : this.toString());
  }

  equals(other: unknown): boolean {
    return other instanceof Decimal && this.valueOf() === other.valueOf();
  }

  /** The finite value as (signed coefficient, exponent). */
  private parts(): [bigint, number] {
    if (typeof this.exponent !== "number") throw new ValueError("cannot do arithmetic on a special Decimal value");
    const c = BigInt(this.digits);
    return [this.sign ? -c : c, this.exponent];
  }

  private static from_parts(coefficient: bigint, exponent: number, negative_zero = false): Decimal {
    let c = coefficient;
    let e = exponent;
    const negative = c < 0n || (c === 0n && negative_zero);
    let digits = (c < 0n ? -c : c).toString();
    if (digits.length > 28) {
      // Round to 28 significant digits, half to even (Python's default context).
      const drop = digits.length - 28;
      const divisor = 10n ** BigInt(drop);
      let abs = c < 0n ? -c : c;
      const q = abs / divisor;
      const r = abs % divisor;
      const half = divisor / 2n;
      abs = r > half || (r === half && q % 2n === 1n) ? q + 1n : q;
      digits = abs.toString();
      e += drop;
      c = negative ? -abs : abs;
    }
    return new Decimal(`${negative ? "-" : ""}${digits}E${e}`);
  }

  add(other: Decimal | number | string): Decimal {
    const [a, ea] = this.parts();
    const [b, eb] = to_decimal(other).parts();
    const e = Math.min(ea, eb);
    return Decimal.from_parts(a * 10n ** BigInt(ea - e) + b * 10n ** BigInt(eb - e), e);
  }

  sub(other: Decimal | number | string): Decimal {
    return this.add(to_decimal(other).neg());
  }

  mul(other: Decimal | number | string): Decimal {
    const [a, ea] = this.parts();
    const o = to_decimal(other);
    const [b, eb] = o.parts();
    return Decimal.from_parts(a * b, ea + eb, (this.sign ^ o.sign) === 1);
  }

  neg(): Decimal {
    const [c, e] = this.parts();
    return Decimal.from_parts(-c, e, this.sign === 0 && c === 0n);
  }

  abs(): Decimal {
    const [c, e] = this.parts();
    return Decimal.from_parts(c < 0n ? -c : c, e);
  }

  /** -1, 0 or 1 (Python's `<`, `==`, `>` between Decimals). */
  compare(other: Decimal | number | string): number {
    const d = this.sub(other);
    return d.digits === "0" ? 0 : d.sign ? -1 : 1;
  }

  /** `d.quantize(Decimal("0.01"))`: rounded (half to even) to the other's exponent. */
  quantize(exp: Decimal | string, rounding: "ROUND_HALF_EVEN" | "ROUND_HALF_UP" | "ROUND_DOWN" = "ROUND_HALF_EVEN"): Decimal {
    const [c, e] = this.parts();
    const target = (to_decimal(exp).exponent as number);
    if (target <= e) return Decimal.from_parts(c * 10n ** BigInt(e - target), target, this.sign === 1);
    const divisor = 10n ** BigInt(target - e);
    const abs = c < 0n ? -c : c;
    const q = abs / divisor;
    const r = abs % divisor;
    const half = divisor / 2n;
    let rounded = q;
    if (rounding === "ROUND_HALF_EVEN" && (r > half || (r === half && q % 2n === 1n))) rounded = q + 1n;
    if (rounding === "ROUND_HALF_UP" && r >= half) rounded = q + 1n;
    return Decimal.from_parts(c < 0n ? -rounded : rounded, target, this.sign === 1);
  }
}

function to_decimal(value: Decimal | number | string): Decimal {
  return value instanceof Decimal ? value : new Decimal(value);
}

function number_text(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return String(value);
}

/**
 * `decimal.Context(prec).create_decimal_from_float(f)`: the float's exact binary value as a decimal
 * (`Decimal.from_float`: 9.5 → 9.5, 0.1 → 0.1000000000000000055511…), then rounded half to even to
 * `prec` significant digits — never padded (9.5 stays "9.5"; 0.1 becomes "0.100000000000000").
 */
export function create_decimal_from_float(value: number, prec = 28): Decimal {
  if (Number.isNaN(value)) return new Decimal("NaN");
  if (!Number.isFinite(value)) return new Decimal(value < 0 ? "-Infinity" : "Infinity");
  const negative = value < 0 || Object.is(value, -0);
  if (value === 0) return new Decimal(negative ? "-0" : "0");
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2 = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) mantissa |= 1n << 52n;
  while (exp2 < 0 && (mantissa & 1n) === 0n) {
    mantissa >>= 1n;
    exp2 += 1;
  }
  let coefficient = exp2 >= 0 ? mantissa << BigInt(exp2) : mantissa * 5n ** BigInt(-exp2);
  let exponent = exp2 >= 0 ? 0 : exp2;
  const digits = coefficient.toString().length;
  if (digits > prec) {
    const drop = digits - prec;
    const divisor = 10n ** BigInt(drop);
    const q = coefficient / divisor;
    const r = coefficient % divisor;
    const half = divisor / 2n;
    coefficient = r > half || (r === half && q % 2n === 1n) ? q + 1n : q;
    exponent += drop;
    if (coefficient.toString().length > prec) {
      coefficient /= 10n;
      exponent += 1;
    }
  }
  return new Decimal(`${negative ? "-" : ""}${coefficient}E${exponent}`);
}
