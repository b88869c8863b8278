/**
 * django.utils.safestring: text → text marked "already HTML-safe", so autoescaping leaves it alone.
 *
 * Python's SafeString is a `str` subclass. Here it is a `String` subclass: it prints, concatenates
 * in template literals and compares by `valueOf()` like a string, but `instanceof SafeData` tells
 * the template engine not to escape it again. String methods (`.toUpperCase()`, `.replace()`) give
 * back plain strings, just as Python's `str` methods on a SafeString give back plain `str`.
 *
 *   mark_safe("<b>hi</b>")            // SafeString: rendered as-is by {{ value }}
 *   conditional_escape(mark_safe(s))  // unchanged; conditional_escape("<b>") → "&lt;b&gt;"
 */
import { py_repr } from "../../python/builtins";
import { py_str } from "../../python/operator";

/** Marker base: anything that is SafeData is output without escaping. */
export abstract class SafeData {
  /** Django's `__html__()`: the object's HTML is itself. */
  abstract __html__(): SafeData;
}

/** A string already escaped for HTML. */
export class SafeString extends String implements SafeData {
  __html__(): SafeString {
    return this;
  }

  /** `SafeString + str` is a plain str; `SafeString + SafeString` stays safe. */
  add(rhs: unknown): string | SafeString {
    const t = this.valueOf() + String(rhs);
    return rhs instanceof SafeString ? new SafeString(t) : t;
  }

  __repr__(): string {
    return py_repr(this.valueOf());
  }
}

// `x instanceof SafeData` must be true for SafeStrings (TypeScript cannot extend two classes).
Object.defineProperty(SafeData, Symbol.hasInstance, {
  value: (obj: unknown) => obj instanceof SafeString || (obj !== null && typeof obj === "object" && typeof (obj as { __html__?: unknown }).__html__ === "function" && !(obj instanceof String)),
});

/** Is this value marked safe (a SafeString, or any object with `__html__()`)? */
export function is_safe_data(value: unknown): boolean {
  return value instanceof SafeData;
}

/**
 * `mark_safe(s)`: the same text, marked safe. A SafeString is returned as it is; anything else
 * becomes its text (`str(s)`) marked safe.
 */
export function mark_safe(s: unknown): SafeString {
  if (s instanceof SafeString) return s;
  return new SafeString(py_str(s));
}

/**
 * Python's `str(value)` where `__str__` may return a SafeString (a message added with
 * `mark_safe`): the SafeString itself, so `{{ message }}` is not escaped. null when the value has
 * no such `__str__` (callers then use their usual `str()`).
 */
export function safe_str(value: unknown): SafeString | null {
  if (value instanceof SafeString) return value;
  const str = value && typeof value === "object" ? (value as { __str__?: () => unknown }).__str__ : undefined;
  if (typeof str !== "function") return null;
  const out = str.call(value);
  return out instanceof SafeString ? out : null;
}
