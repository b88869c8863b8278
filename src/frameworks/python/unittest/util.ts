/**
 * `unittest.util`: values → the short reprs failure messages show. `safe_repr` (repr, optionally
 * cut at 80 characters), `strclass` (`polls.tests.QuestionModelTests`) and `_common_shorten_repr`
 * (two long reprs → the part where they differ, the common prefix elided as `[N chars]`).
 */
import { py_repr } from "../builtins";

const MAX_LENGTH = 80;
const PLACEHOLDER_LEN = 12;
const MIN_BEGIN_LEN = 5;
const MIN_END_LEN = 5;
const MIN_COMMON_LEN = 5;
const MIN_DIFF_LEN = MAX_LENGTH - (MIN_BEGIN_LEN + PLACEHOLDER_LEN + MIN_COMMON_LEN + PLACEHOLDER_LEN + MIN_END_LEN);

/** `repr(obj)`; with `short`, at most 80 characters followed by " [truncated]...". */
export function safe_repr(obj: unknown, short = false): string {
  const result = repr(obj);
  if (!short || [...result].length < MAX_LENGTH) return result;
  return [...result].slice(0, MAX_LENGTH).join("") + " [truncated]...";
}

/**
 * Python's `repr()` for what tests compare: the built-in values as py_repr shows them, a class as
 * `<class 'polls.models.Question'>`, an object through its own `__repr__` (a model instance is
 * `<Question: What's new?>`, a QuerySet `<QuerySet [...]>`).
 */
export function repr(obj: unknown): string {
  if (typeof obj === "function" && /^class\b/.test(Function.prototype.toString.call(obj))) return `<class '${strclass(obj)}'>`;
  return py_repr(obj);
}

/** `module.QualName` of a class (the module the runtime recorded when the project loaded it). */
export function strclass(cls: Function): string {
  const c = cls as Function & { __module__?: string; __qualname__?: string };
  const name = c.__qualname__ ?? c.name;
  return c.__module__ ? `${c.__module__}.${name}` : name;
}

function shorten(s: string, prefixlen: number, suffixlen: number): string {
  const skip = s.length - prefixlen - suffixlen;
  return skip > PLACEHOLDER_LEN ? `${s.slice(0, prefixlen)}[${skip} chars]${s.slice(s.length - suffixlen)}` : s;
}

function common_prefix(items: string[]): string {
  let prefix = items[0] ?? "";
  for (const s of items.slice(1)) {
    let k = 0;
    while (k < prefix.length && k < s.length && prefix[k] === s[k]) k++;
    prefix = prefix.slice(0, k);
  }
  return prefix;
}

/** Both reprs in full when they fit in 80 characters; else the common prefix shortened first, then the tails. */
export function _common_shorten_repr(...args: unknown[]): string[] {
  const reprs = args.map((a) => safe_repr(a));
  const maxlen = Math.max(...reprs.map((r) => r.length));
  if (maxlen <= MAX_LENGTH) return reprs;
  const prefix = common_prefix(reprs);
  const prefixlen = prefix.length;
  const common_len = MAX_LENGTH - (maxlen - prefixlen + MIN_BEGIN_LEN + PLACEHOLDER_LEN);
  if (common_len > MIN_COMMON_LEN) {
    const short = shorten(prefix, MIN_BEGIN_LEN, common_len);
    return reprs.map((s) => short + s.slice(prefixlen));
  }
  const short = shorten(prefix, MIN_BEGIN_LEN, MIN_COMMON_LEN);
  return reprs.map((s) => short + shorten(s.slice(prefixlen), MIN_DIFF_LEN, MIN_END_LEN));
}
