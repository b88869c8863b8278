/**
 * The lab's bounds on what one Jinja template may build — not a Jinja module (the Django engine
 * has the same in `django/template/limits.ts`). Templates come from strangers (a permalink carries
 * a Flask project's), so no expression, filter or recursion may hang the page, exhaust its memory
 * or end in a native JavaScript error. Past a bound the template fails with the Python error CPython
 * ends with (docs/limits.md lists every bound and why it was chosen):
 *
 *   - recursion deeper than JavaScript's stack (a macro calling itself 99,999 times, a template
 *     including itself, 5,000 nested parentheses or `{% with %}`s) raises RecursionError, as Jinja
 *     does on CPython's recursion limit: `as_recursion_error` turns the engine's stack overflow
 *     into it at the two seams where a template is compiled and rendered;
 *   - a width or count over MAX_WIDTH (`center(999999999)`, `indent(999999999)`,
 *     `format` with `%999999999s`), a repetition (`'x' * 999999999`) or `range()` longer than
 *     MAX_ITEMS raises MemoryError: CPython would build the gigabyte (or fail), JavaScript would
 *     throw "Invalid string length" or exhaust its heap.
 *
 * Main functions: `check_width`, `check_items`, `as_recursion_error`.
 */
import { MemoryError, RecursionError } from "../python/builtins";

/** Widths a filter accepts (as the Django engine's MAX_WIDTH). */
export const MAX_WIDTH = 100_000;

/**
 * Items one `range()` or repetition may build: 10 million, Django's MAX_OUTPUT (real Jinja's
 * sandbox stops `range` at 100,000 with OverflowError; the normal environment the lab mirrors has
 * no bound, so only what would exhaust the page's memory is refused).
 */
export const MAX_ITEMS = 10_000_000;

/** `center(999999999)` → MemoryError naming the filter, the value and the bound. */
export function check_width(owner: string, what: string, value: unknown, bound = MAX_WIDTH): void {
  if (typeof value === "number" && Math.abs(value) > bound) throw new MemoryError(`${owner}: a ${what} of ${value} is over the lab's limit of ${bound} (docs/limits.md)`);
}

/** `range(999999999)`, `'x' * 999999999` → MemoryError naming what and how many. */
export function check_items(owner: string, count: number, bound = MAX_ITEMS): void {
  if (count > bound) throw new MemoryError(`${owner}: ${count} items is over the lab's limit of ${bound} (docs/limits.md)`);
}

/** JavaScript's "Maximum call stack size exceeded" is CPython's RecursionError; anything else passes. */
export function as_recursion_error(e: unknown): unknown {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return new RecursionError("maximum recursion depth exceeded");
  return e;
}
