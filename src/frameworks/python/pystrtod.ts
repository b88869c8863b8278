/**
 * CPython's `PyOS_double_to_string` (Python/pystrtod.c) for the `f`, `e` and `g` conversions: a
 * float → its decimal text, correctly rounded from the exact binary value, ties to even — what
 * `"%.2f" % 0.125` gives ("0.12"; JavaScript's `toFixed` rounds that tie up, and refuses more than
 * 100 digits). Main function: `double_to_string`.
 *
 * The exact value of a finite double is an integer mantissa times a power of two, so every digit
 * comes from BigInt arithmetic on that fraction; the work is linear-ish in the digits asked for
 * (callers bound the precision: the template filters allow at most 100,000 digits).
 */

/** `x` (finite, ≥ 0) as the exact fraction `num / den`. */
function exact_fraction(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  return exponent >= 0 ? [mantissa << BigInt(exponent), 1n] : [mantissa, 1n << BigInt(-exponent)];
}

/** round(num / den) with ties to even. */
function round_half_even(num: bigint, den: bigint): bigint {
  const q = num / den;
  const r2 = (num % den) * 2n;
  if (r2 > den || (r2 === den && q % 2n === 1n)) return q + 1n;
  return q;
}

/** `x` (finite, ≥ 0) rounded to `decimals` places: the digits of round(x × 10^decimals). */
function scaled_digits(x: number, decimals: number): string {
  const [num, den] = exact_fraction(x);
  const scaled = decimals >= 0 ? round_half_even(num * 10n ** BigInt(decimals), den) : round_half_even(num, den * 10n ** BigInt(-decimals));
  return scaled.toString();
}

/** `"%.{precision}f" % x` for finite x ≥ 0. */
export function format_fixed(x: number, precision: number): string {
  const digits = scaled_digits(x, precision).padStart(precision + 1, "0");
  return precision > 0 ? `${digits.slice(0, -precision)}.${digits.slice(-precision)}` : digits;
}

/** [the `precision + 1` significant digits of x (finite, > 0), its decimal exponent]. */
function significant(x: number, precision: number): [string, number] {
  let exp = Math.floor(Math.log10(x));
  for (;;) {
    const digits = scaled_digits(x, precision - exp);
    if (digits.length === precision + 2) exp += 1; // log10 guessed low, or rounding carried (9.99 → 10.0)
    else if (digits.length === precision) exp -= 1; // log10 guessed high
    else return [digits, exp];
  }
}

/** `"%.{precision}e" % x` for finite x ≥ 0: `1.500000e+00`. */
export function format_exponent(x: number, precision: number): string {
  const [digits, exp] = x === 0 ? ["0".repeat(precision + 1), 0] : significant(x, precision);
  const mantissa = precision > 0 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${mantissa}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/**
 * `"%.{precision}g" % x` for finite x ≥ 0: `precision` significant digits, fixed notation when the
 * exponent is in [-4, precision), trailing zeros removed unless `alternate` (`#`).
 */
export function format_general(x: number, precision: number, alternate = false): string {
  const p = precision === 0 ? 1 : precision;
  const exp = x === 0 ? 0 : significant(x, p - 1)[1];
  let text = exp >= -4 && exp < p ? format_fixed(x, Math.max(0, p - 1 - exp)) : format_exponent(x, p - 1);
  if (!alternate) {
    const [mantissa, exponent] = text.split("e");
    const trimmed = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
    text = exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
  }
  return text;
}

/** `PyOS_double_to_string(x, code, precision)` for code in "fFeEgG" (x finite, sign handled by the caller). */
export function double_to_string(x: number, code: string, precision: number, alternate = false): string {
  switch (code) {
    case "f":
    case "F":
      return format_fixed(x, precision);
    case "e":
      return format_exponent(x, precision);
    case "E":
      return format_exponent(x, precision).toUpperCase();
    case "g":
      return format_general(x, precision, alternate);
    default:
      return format_general(x, precision, alternate).toUpperCase();
  }
}
