/**
 * Python's `unicodedata.decimal(ch)`: a Unicode decimal digit (category Nd: "٣", "３", "৭") → its
 * value. Python's `int()`, `float()`, `Decimal()` and the `\\d` of its regular expressions accept
 * every such digit; `ascii_digits` rewrites them so JavaScript's parsers read the same number.
 */

const UNICODE_DIGIT = /\p{Nd}/u;

/** The value of one decimal digit: Unicode lays digits out in runs of ten, from zero up. */
export function decimal(ch: string): number {
  let start = ch.codePointAt(0)!;
  while (UNICODE_DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (ch.codePointAt(0)! - start) % 10;
}

/** Every Unicode decimal digit → its ASCII digit ("١٢" → "12"); other characters are kept. */
export function ascii_digits(text: string): string {
  return /[^\x00-\x7f]/.test(text) ? text.replace(/\p{Nd}/gu, (ch) => (ch <= "9" ? ch : String(decimal(ch)))) : text;
}
