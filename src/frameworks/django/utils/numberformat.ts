/**
 * django.utils.numberformat: a number → its localized text (decimal separator, fixed decimals,
 * thousand grouping). `format(1234.5, ".", 2, 3, ",", true)` → "1,234.50".
 *
 * Floats print as Python's `str(float)`; a float whose `str` has an exponent (`1e+20`) goes
 * through Decimal first, so it prints positionally (`100000000000000000000`), as Django does.
 */
import { py_float_str } from "../../python/builtins";
import { Decimal } from "../../python/decimal";
import { PyFloat } from "../../python/json";
import { settings } from "../conf";
import { mark_safe, type SafeString } from "./safestring";

/** `"{:f}".format(decimal)`: every digit, no exponent. */
export function decimal_to_fixed(d: Decimal): string {
  const sign = d.sign ? "-" : "";
  if (typeof d.exponent !== "number") return d.toString();
  const { digits, exponent } = d;
  if (exponent >= 0) return sign + (digits === "0" ? "0" : digits + "0".repeat(exponent));
  const point = digits.length + exponent;
  if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}0.${"0".repeat(-point)}${digits}`;
}

/**
 * `format(number, decimal_sep, decimal_pos, grouping, thousand_sep, force_grouping, use_l10n)`:
 * ints, floats, Decimals or numeric strings → text with `decimal_pos` decimals (cut, not rounded)
 * and, when grouping applies, a thousand separator every `grouping` digits.
 */
export function format(
  number: unknown,
  decimal_sep: string,
  decimal_pos: number | null = null,
  grouping: number | number[] = 0,
  thousand_sep = "",
  force_grouping = false,
  use_l10n: boolean | null = null,
): SafeString | string {
  if (number === null || number === undefined || number === "") return mark_safe(number === "" ? "" : "None");
  const use_grouping = (((use_l10n ?? true) && settings.USE_THOUSAND_SEPARATOR) || force_grouping) && grouping !== 0;
  if (typeof number === "number" && Number.isInteger(number) && !use_grouping && !decimal_pos) return mark_safe(String(number));
  let str_number = number_text(number, decimal_pos);
  let sign = "";
  if (str_number[0] === "-") {
    sign = "-";
    str_number = str_number.slice(1);
  }
  let [int_part, dec_part = ""] = str_number.split(".");
  if (decimal_pos !== null) dec_part = dec_part.slice(0, decimal_pos) + "0".repeat(Math.max(0, decimal_pos - dec_part.length));
  if (dec_part) dec_part = decimal_sep + dec_part;
  if (use_grouping) int_part = group_digits(int_part, grouping, thousand_sep);
  return sign + int_part + dec_part;
}

function number_text(number: unknown, decimal_pos: number | null): string {
  let value = number;
  const is_float = value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
  if (is_float) {
    const text = py_float_str(value instanceof PyFloat ? value.value : (value as number));
    if (!text.includes("e")) return text;
    value = new Decimal(text);
  }
  if (value instanceof Decimal) {
    if (decimal_pos !== null && Math.abs(value.valueOf()) < 10 ** -decimal_pos) value = new Decimal("0");
    return decimal_to_fixed(value as Decimal);
  }
  return String(value);
}

function group_digits(int_part: string, grouping: number | number[], thousand_sep: string): string {
  const sizes = typeof grouping === "number" ? [grouping, 0] : [...grouping];
  let out = "";
  let cnt = 0;
  let intervals = sizes;
  let active = intervals.shift()!;
  for (let i = int_part.length - 1; i >= 0; i--) {
    if (cnt && cnt === active) {
      if (intervals.length) {
        const next = intervals.shift()!;
        if (next) active = next;
      }
      out = thousand_sep + out;
      cnt = 0;
    }
    out = int_part[i] + out;
    cnt += 1;
  }
  intervals = [];
  return out;
}
