/**
 * The lab's bounds on what one template may build — not a Django module. Templates come from
 * strangers (a permalink carries them), so no filter or tag may build a value that hangs the page
 * or exhausts its memory. Past a bound the template fails with a Python error, as it would in
 * Django when Python runs out (docs/limits.md lists every bound and why it was chosen):
 *
 *   - nesting deeper than MAX_NESTING block tags, includes nested deeper than MAX_TEMPLATE_DEPTH,
 *     or renders nested deeper than MAX_RENDER_DEPTH in all, raise RecursionError, as Django 5.2
 *     does on CPython's recursion limit (it fails at 247 nested `{% if %}` and after 89–141
 *     nested includes); without these bounds the JavaScript stack overflows instead, a native
 *     error rather than a typed one. The depths fit in a 400 kB stack (Node's default is ~1 MB);
 *   - a width, precision or count over MAX_WIDTH (`ljust:"999999999"`, `floatformat:"999999999"`,
 *     `stringformat:"%999999999s"`, `{% lorem 999999999 %}`) raises MemoryError: CPython would try
 *     to build the gigabyte and fail (or take minutes), JavaScript would throw "Invalid string length";
 *   - a rendered output longer than MAX_OUTPUT characters raises MemoryError.
 *
 * Main function: `check_width`.
 */
import { MemoryError, RecursionError } from "../../python/builtins";

/** Nested block tags in one template (Django 5.2 on CPython 3.11 fails at 247 nested `{% if %}`). */
export const MAX_NESTING = 247;

/** Nested NodeList renders across templates (a block tag's body is a level, an included template's nodes another). */
export const MAX_RENDER_DEPTH = 300;

/** Templates rendered inside each other by `{% include %}` (CPython stops Django after 89–141). */
export const MAX_TEMPLATE_DEPTH = 100;

/** Widths, precisions and counts a filter or tag accepts. */
export const MAX_WIDTH = 100_000;

/** `{% lorem %}` words or paragraphs (a paragraph is ~400 characters). */
export const MAX_LOREM_COUNT = 10_000;

/** Characters one rendered NodeList may produce (10 million: far past any page a browser shows). */
export const MAX_OUTPUT = 10_000_000;

/** `ljust:"999999999"` → MemoryError naming the filter, the value and the bound. */
export function check_width(owner: string, what: string, value: number, bound = MAX_WIDTH): void {
  if (Math.abs(value) > bound) throw new MemoryError(`${owner}: a ${what} of ${value} is over the lab's limit of ${bound} (docs/limits.md)`);
}

export function recursion_error(): RecursionError {
  return new RecursionError("maximum recursion depth exceeded");
}

export function output_too_long(length: number): MemoryError {
  return new MemoryError(`the rendered output reached ${length} characters, over the lab's limit of ${MAX_OUTPUT} (docs/limits.md)`);
}
