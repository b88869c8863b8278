/**
 * Python's `decimal.Decimal`, as a value that keeps its exact decimal digits.
 *
 * JavaScript numbers are binary floats, so `Decimal("1.50")` cannot be a `number`: it would lose
 * the trailing zero Django shows (`DecimalField`, `DjangoJSONEncoder` emit `"1.50"`). This class
 * keeps sign, coefficient digits and exponent, and prints them as Python's `str(Decimal)` does
 * (`1.50`, `1E+3`, `1E-7`, `-0`, `NaN`, `Infinity`). Arithmetic is out of scope here.
 */
import { ValueError } from "./builtins";

const DECIMAL_RE = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const SPECIAL_RE = /^([+-])?(inf|infinity|nan|snan)(\d*)$/i;

export class Decimal {
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
}

function number_text(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return String(value);
}
