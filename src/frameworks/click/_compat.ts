/**
 * click._compat, the little of it the page needs: a value → the text Python's `str()` gives it
 * (None, True and False spelled as Python spells them). Main function: `py_str`.
 */
import { py_repr } from "../python/builtins";

/** `str(value)` */
export function py_str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined || typeof value === "boolean") return py_repr(value);
  if (typeof value === "object" && typeof (value as { toString?: unknown }).toString === "function" && (value as object).toString !== Object.prototype.toString) return String(value);
  if (Array.isArray(value) || typeof value === "object") return py_repr(value);
  return String(value);
}
