/**
 * The methods of Python's built-in types, looked up by name: `"a,b".split(",")`,
 * `d.items()`, `l.append(x)`. Templates reach them through attribute access (`{{ s.upper() }}`),
 * so `builtin_method(value, name)` answers what `getattr(value, name)` gives for a str, list,
 * tuple or dict: a bound method, or `undefined` when the type has no such attribute.
 *
 *   builtin_method("a,b", "split")!(",")     // ["a", "b"]
 *   builtin_method({ k: 1 }, "get")!("z", 0) // 0
 */
import { AttributeError, dict_view, IndexError, KeyError, py_repr, TypeError, ValueError } from "./builtins";
import { split_kwargs } from "./kwargs";
import { compare, eq, is_dict, py_str, type_name } from "./operator";
import { str_format } from "./format";
import { Signature } from "./signature";
import { PyTuple, tuple } from "./tuple";

type Method = (...args: any[]) => unknown;

const WS = " \t\n\r\x0b\x0c\u00a0\u2028\u2029\u3000";

function strip_chars(s: string, chars: unknown, left: boolean, right: boolean): string {
  if (chars !== undefined && chars !== null && typeof chars !== "string" && !(chars instanceof String)) throw new TypeError(`${left && right ? "" : left ? "l" : "r"}strip arg must be None or str`);
  const set = chars === undefined || chars === null ? WS : py_str(chars);
  let start = 0;
  let end = s.length;
  if (left) while (start < end && set.includes(s[start])) start++;
  if (right) while (end > start && set.includes(s[end - 1])) end--;
  return s.slice(start, end);
}

function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  if (sep !== undefined && sep !== null && typeof sep !== "string" && !(sep instanceof String)) throw new TypeError(`must be str or None, not ${type_name(sep)}`);
  const max = maxsplit === undefined || maxsplit === null ? -1 : as_index(maxsplit);
  if (sep === undefined || sep === null) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, "");
    while (rest) {
      if (max >= 0 && out.length === max) {
        out.push(rest);
        break;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  const d = py_str(sep);
  if (d === "") throw new ValueError("empty separator");
  const parts = s.split(d);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(d)];
}

function title(s: string): string {
  return s.replace(/[A-Za-z\u00c0-\uffff]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
}

function affix_test(name: string, text: string, arg: unknown, start: unknown, end: unknown, fn: (s: string, a: string) => boolean): boolean {
  const [s, offset] = window(text, start, end);
  if (offset > text.length) return false;
  if (arg instanceof PyTuple) return arg.some((a) => fn(s, py_str(a)));
  if (typeof arg !== "string" && !(arg instanceof String)) throw new TypeError(`${name} first arg must be str or a tuple of str, not ${type_name(arg)}`);
  return fn(s, arg.valueOf());
}

/**
 * The `start` and `end` of `str.find(sub, start, end)` and friends (or `list.index(x, start,
 * stop)`): None or an int, negative ones counted from the end, clamped to the sequence.
 */
function slice_bounds(length: number, start: unknown, end: unknown, none_allowed = true): [number, number] {
  const bound = (v: unknown, dflt: number): number => {
    if (v === undefined || (none_allowed && v === null)) return dflt;
    if (typeof v === "boolean") v = Number(v);
    if (typeof v !== "number" || !Number.isInteger(v)) throw new TypeError(`slice indices must be integers${none_allowed ? " or None" : ""} or have an __index__ method`);
    return v < 0 ? Math.max(0, length + v) : Math.min(v, length);
  };
  return [bound(start, 0), bound(end, length)];
}

/** `str.find` and its family on `s[start:end]`: the window, and the offset to add back. */
function window(s: string, start: unknown, end: unknown): [string, number] {
  const [a, b] = slice_bounds(s.length, start, end);
  return [a <= b ? s.slice(a, b) : "", a];
}

/** `sub` must be text where Python's methods want a str: `replace() argument 2 must be str, not int`. */
function str_arg(value: unknown, method: string, position: number): string {
  if (typeof value === "string" || value instanceof String) return value.valueOf();
  throw new TypeError(`${method}() argument ${position} must be str, not ${type_name(value)}`);
}

function count_of(s: string, sub: string): number {
  if (sub === "") return s.length + 1;
  let n = 0;
  for (let i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length)) n++;
  return n;
}

/** A width or count argument: Python refuses a float where it needs an int. */
function as_index(value: unknown): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "boolean") return Number(value);
  throw new TypeError(`'${type_name(value)}' object cannot be interpreted as an integer`);
}

/** The fill character of `center`, `ljust` and `rjust`: one character of text. */
function fill_char(fill: unknown): string {
  if (typeof fill !== "string" && !(fill instanceof String)) throw new TypeError(`The fill character must be a unicode character, not ${type_name(fill)}`);
  if ([...fill.valueOf()].length !== 1) throw new TypeError("The fill character must be exactly one character long");
  return fill.valueOf();
}

/** `str.find`/`rfind` on `s[start:end]`, as an index into `s` (-1 when absent). */
function find_in(s: string, sub: string, start: unknown, end: unknown, from_end: boolean): number {
  const [w, offset] = window(s, start, end);
  if (offset > s.length) return -1;
  const i = from_end ? w.lastIndexOf(sub) : w.indexOf(sub);
  return i < 0 ? -1 : i + offset;
}

function pad_center(s: string, width: number, fill: string): string {
  const n = width - s.length;
  if (n <= 0) return s;
  // CPython puts the extra character on the left when the string length is odd... and width even.
  const left = Math.floor(n / 2) + (n & width & 1);
  return fill.repeat(left) + s + fill.repeat(n - left);
}

function str_methods(s: string): Record<string, Method> {
  return {
    upper: () => s.toUpperCase(),
    lower: () => s.toLowerCase(),
    casefold: () => s.toLowerCase(),
    title: () => title(s),
    capitalize: () => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s),
    swapcase: () => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(""),
    strip: (chars?: unknown) => strip_chars(s, chars, true, true),
    lstrip: (chars?: unknown) => strip_chars(s, chars, true, false),
    rstrip: (chars?: unknown) => strip_chars(s, chars, false, true),
    split: (...a: unknown[]) => {
      const [pos, kw] = split_kwargs(a);
      return split(s, pos[0] ?? kw.sep, pos[1] ?? kw.maxsplit);
    },
    rsplit: (...a: unknown[]) => {
      const [pos, kw] = split_kwargs(a);
      const sep = pos[0] ?? kw.sep;
      const max = pos[1] ?? kw.maxsplit;
      if (max === undefined || max === null || as_index(max) < 0) return split(s, sep, -1);
      const parts = split(s, sep, -1);
      const n = as_index(max);
      if (parts.length <= n + 1) return parts;
      const d = sep === undefined || sep === null ? " " : py_str(sep);
      return [parts.slice(0, parts.length - n).join(d), ...parts.slice(parts.length - n)];
    },
    splitlines: (...a: unknown[]) => {
      const [pos, kw] = split_kwargs(a);
      const keepends = as_index(pos[0] ?? kw.keepends ?? false);
      const out: string[] = [];
      const re = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;
      let last = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(s))) {
        out.push(s.slice(last, keepends ? m.index + m[0].length : m.index));
        last = m.index + m[0].length;
      }
      if (last < s.length) out.push(s.slice(last));
      return out;
    },
    join: (items: unknown) => {
      const list = Array.isArray(items) ? items : [...(items as Iterable<unknown>)];
      list.forEach((x, i) => {
        if (typeof x !== "string" && !(x instanceof String)) throw new TypeError(`sequence item ${i}: expected str instance, ${type_name(x)} found`);
      });
      return list.join(s);
    },
    replace: (old: unknown, rep: unknown, count?: unknown) => {
      const o = str_arg(old, "replace", 1);
      const r = str_arg(rep, "replace", 2);
      const n = count === undefined ? -1 : as_index(count);
      if (n < 0) return s.split(o).join(r);
      let out = "";
      let rest = s;
      for (let i = 0; i < n; i++) {
        const at = rest.indexOf(o);
        if (at < 0) break;
        out += rest.slice(0, at) + r;
        rest = rest.slice(at + o.length);
        if (o === "") {
          out += rest.slice(0, 1);
          rest = rest.slice(1);
        }
      }
      return out + rest;
    },
    startswith: (p: unknown, start?: unknown, end?: unknown) => affix_test("startswith", s, p, start, end, (x, a) => x.startsWith(a)),
    endswith: (p: unknown, start?: unknown, end?: unknown) => affix_test("endswith", s, p, start, end, (x, a) => x.endsWith(a)),
    find: (sub: unknown, start?: unknown, end?: unknown) => find_in(s, str_arg(sub, "find", 1), start, end, false),
    rfind: (sub: unknown, start?: unknown, end?: unknown) => find_in(s, str_arg(sub, "rfind", 1), start, end, true),
    index: (sub: unknown, start?: unknown, end?: unknown) => {
      const i = find_in(s, str_arg(sub, "index", 1), start, end, false);
      if (i < 0) throw new ValueError("substring not found");
      return i;
    },
    count: (sub: unknown, start?: unknown, end?: unknown) => {
      const [w, offset] = window(s, start, end);
      return offset > s.length ? 0 : count_of(w, str_arg(sub, "count", 1));
    },
    format: (...a: unknown[]) => {
      const [pos, kw] = split_kwargs(a);
      return str_format(s, pos, kw);
    },
    format_map: (mapping: Record<string, unknown>) => str_format(s, [], mapping),
    center: (w: unknown, fill: unknown = " ") => pad_center(s, as_index(w), fill_char(fill)),
    ljust: (w: unknown, fill: unknown = " ") => s.padEnd(as_index(w), fill_char(fill)),
    rjust: (w: unknown, fill: unknown = " ") => s.padStart(as_index(w), fill_char(fill)),
    zfill: (w: unknown) => {
      const width = as_index(w);
      return /^[+-]/.test(s) ? s[0] + s.slice(1).padStart(width - 1, "0") : s.padStart(width, "0");
    },
    isdigit: () => /^\d+$/.test(s),
    isdecimal: () => /^\d+$/.test(s),
    isnumeric: () => /^\d+$/.test(s),
    isalpha: () => /^\p{L}+$/u.test(s),
    isalnum: () => /^[\p{L}\p{N}]+$/u.test(s),
    isspace: () => /^\s+$/.test(s),
    isupper: () => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
    islower: () => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
    istitle: () => /[A-Za-z]/.test(s) && s === title(s),
    isidentifier: () => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s),
    partition: (sep: unknown) => {
      const d = py_str(sep);
      const i = s.indexOf(d);
      return i < 0 ? tuple([s, "", ""]) : tuple([s.slice(0, i), d, s.slice(i + d.length)]);
    },
    rpartition: (sep: unknown) => {
      const d = py_str(sep);
      const i = s.lastIndexOf(d);
      return i < 0 ? tuple(["", "", s]) : tuple([s.slice(0, i), d, s.slice(i + d.length)]);
    },
    removeprefix: (p: unknown) => (s.startsWith(py_str(p)) ? s.slice(py_str(p).length) : s),
    removesuffix: (p: unknown) => (py_str(p) && s.endsWith(py_str(p)) ? s.slice(0, -py_str(p).length) : s),
    expandtabs: (...a: unknown[]) => {
      const [pos, kw] = split_kwargs(a);
      return s.replace(/\t/g, " ".repeat(Math.max(0, as_index(pos[0] ?? kw.tabsize ?? 8))));
    },
  };
}

function list_index(l: unknown[], x: unknown, start: unknown, stop: unknown): number {
  const [a, b] = slice_bounds(l.length, start, stop, false);
  for (let i = a; i < b; i++) if (eq(l[i], x)) return i;
  throw new ValueError(l instanceof PyTuple ? "tuple.index(x): x not in tuple" : `${py_repr(x)} is not in list`);
}

function seq_methods(l: unknown[]): Record<string, Method> {
  const common: Record<string, Method> = {
    index: (x: unknown, start?: unknown, stop?: unknown) => list_index(l, x, start, stop),
    count: (x: unknown) => l.filter((y) => eq(y, x)).length,
  };
  if (l instanceof PyTuple) return common;
  return {
    ...common,
    append: (x: unknown) => (void l.push(x), null),
    extend: (xs: Iterable<unknown>) => (void l.push(...xs), null),
    insert: (index: unknown, x: unknown) => {
      const i = as_index(index);
      l.splice(i < 0 ? Math.max(0, l.length + i) : i, 0, x);
      return null;
    },
    pop: (index?: unknown) => {
      const i = index === undefined ? undefined : as_index(index);
      if (!l.length) throw new IndexError("pop from empty list");
      const at = i === undefined ? l.length - 1 : i < 0 ? l.length + i : i;
      if (at < 0 || at >= l.length) throw new IndexError("pop index out of range");
      return l.splice(at, 1)[0];
    },
    remove: (x: unknown) => {
      const i = l.findIndex((y) => eq(y, x));
      if (i < 0) throw new ValueError("list.remove(x): x not in list");
      l.splice(i, 1);
      return null;
    },
    reverse: () => (void l.reverse(), null),
    sort: (...a: unknown[]) => {
      const [, kw] = split_kwargs(a);
      const key = kw.key as ((x: unknown) => unknown) | undefined;
      const decorated = l.map((x) => [key ? key(x) : x, x] as const);
      decorated.sort((p, q) => compare(p[0], q[0]));
      if (kw.reverse) decorated.reverse();
      decorated.forEach((p, i) => (l[i] = p[1]));
      return null;
    },
    copy: () => [...l],
    clear: () => (void l.splice(0), null),
  };
}

/** `dict.update(pairs)`: each element a (key, value) pair, as Python insists. */
function update_from_pairs(d: Record<string, unknown>, pairs: unknown): void {
  let i = 0;
  for (const pair of iterate_or_fail(pairs)) {
    const items = typeof pair === "string" ? [...pair] : Array.isArray(pair) ? pair : null;
    if (items === null) throw new TypeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
    if (items.length !== 2) throw new ValueError(`dictionary update sequence element #${i} has length ${items.length}; 2 is required`);
    d[py_str(items[0])] = items[1];
    i++;
  }
}

function iterate_or_fail(value: unknown): Iterable<unknown> {
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && Symbol.iterator in value) return value as Iterable<unknown>;
  throw new TypeError(`'${type_name(value)}' object is not iterable`);
}

function dict_methods(d: Record<string, unknown>): Record<string, Method> {
  const has = (k: unknown) => typeof k === "string" && Object.prototype.hasOwnProperty.call(d, k);
  return {
    keys: () => dict_view("dict_keys", Object.keys(d)),
    values: () => dict_view("dict_values", Object.values(d)),
    items: () => dict_view("dict_items", Object.entries(d).map(([k, v]) => tuple([k, v]))),
    get: (k: unknown, dflt: unknown = null) => (has(k) ? d[k as string] : dflt),
    pop: (k: unknown, ...dflt: unknown[]) => {
      if (has(k)) {
        const v = d[k as string];
        delete d[k as string];
        return v;
      }
      if (dflt.length) return dflt[0];
      throw new KeyError(k);
    },
    setdefault: (k: unknown, dflt: unknown = null) => {
      if (!has(k)) d[py_str(k)] = dflt;
      return d[py_str(k)];
    },
    update: (...a: unknown[]) => {
      const [pos, kw] = split_kwargs(a);
      for (const src of pos) {
        if (src instanceof Map) for (const [k, v] of src) d[py_str(k)] = v;
        else if (is_dict(src)) Object.assign(d, src);
        else update_from_pairs(d, src);
      }
      Object.assign(d, kw);
      return null;
    },
    copy: () => ({ ...d }),
    clear: () => {
      for (const k of Object.keys(d)) delete d[k];
      return null;
    },
  };
}

function map_methods(m: Map<unknown, unknown>): Record<string, Method> {
  return {
    keys: () => dict_view("dict_keys", m.keys()),
    values: () => dict_view("dict_values", m.values()),
    items: () => dict_view("dict_items", [...m.entries()].map(([k, v]) => tuple([k, v]))),
    get: (k: unknown, dflt: unknown = null) => (m.has(k) ? m.get(k) : dflt),
    copy: () => new Map(m),
  };
}

/**
 * `getattr(value, name)` for Python's built-in types: the bound method, or `undefined` when the
 * type has no attribute of that name (the caller then tries `value[name]` or reports it missing).
 */
export function builtin_method(value: unknown, name: string): Method | undefined {
  let table: Record<string, Method> | null = null;
  if (typeof value === "string" || value instanceof String) table = str_methods(value.valueOf());
  else if (Array.isArray(value)) table = seq_methods(value);
  else if (value instanceof Map) table = map_methods(value);
  else if (is_dict(value)) table = dict_methods(value);
  if (!table || !Object.prototype.hasOwnProperty.call(table, name)) return undefined;
  return table[name];
}

/**
 * How each method reads its arguments in CPython 3.11 (which decides what a wrong call raises):
 * `{{ name.upper(1) }}` → "str.upper() takes no arguments (1 given)".
 */
function method_signatures(type: string, spec: Record<string, (qualname: string, name: string) => Signature>): Record<string, Signature> {
  return Object.fromEntries(Object.entries(spec).map(([name, make]) => [name, make(`${type}.${name}`, name)]));
}
const noargs = (q: string) => Signature.noargs(q);
const one = (q: string) => Signature.builtin_o(q);
const positional = (min: number, max: number) => (q: string, n: string) => Signature.positional(n, min, max, q);
const varargs = (min: number, max: number) => (_q: string, n: string) => Signature.varargs(n, min, max);
const keywords = (params: string[], by_position = params.length) => (_q: string, n: string) => Signature.keywords(n, params, by_position);
const any = () => Signature.parse("format(*args, **kwargs)");

const SEQUENCE_SIGNATURES = { index: positional(1, 3), count: one };
const SIGNATURES: Record<"str" | "list" | "tuple" | "dict", Record<string, Signature>> = {
  str: method_signatures("str", {
    ...Object.fromEntries(["upper", "lower", "casefold", "title", "capitalize", "swapcase", "isdigit", "isdecimal", "isnumeric", "isalpha", "isalnum", "isspace", "isupper", "islower", "istitle", "isidentifier"].map((n) => [n, noargs])),
    strip: positional(0, 1),
    lstrip: positional(0, 1),
    rstrip: positional(0, 1),
    split: keywords(["sep", "maxsplit"]),
    rsplit: keywords(["sep", "maxsplit"]),
    splitlines: keywords(["keepends"]),
    join: one,
    replace: positional(2, 3),
    startswith: varargs(1, 3),
    endswith: varargs(1, 3),
    find: varargs(1, 3),
    rfind: varargs(1, 3),
    index: varargs(1, 3),
    count: varargs(1, 3),
    format: any,
    format_map: one,
    center: positional(1, 2),
    ljust: positional(1, 2),
    rjust: positional(1, 2),
    zfill: one,
    partition: one,
    rpartition: one,
    removeprefix: one,
    removesuffix: one,
    expandtabs: keywords(["tabsize"]),
  }),
  list: method_signatures("list", {
    ...SEQUENCE_SIGNATURES,
    append: one,
    extend: one,
    insert: positional(2, 2),
    pop: positional(0, 1),
    remove: one,
    reverse: noargs,
    sort: keywords(["key", "reverse"], 0),
    copy: noargs,
    clear: noargs,
  }),
  tuple: method_signatures("tuple", SEQUENCE_SIGNATURES),
  dict: method_signatures("dict", {
    keys: noargs,
    values: noargs,
    items: noargs,
    get: positional(1, 2),
    pop: positional(1, 2),
    setdefault: positional(1, 2),
    update: (q: string, n: string) => Signature.positional(n, 0, 1, q, { keywords: true }),
    copy: noargs,
    clear: noargs,
  }),
};

/** The Python signature of `getattr(value, name)`'s built-in method (what a wrong call raises), if it is one. */
export function method_signature(value: unknown, name: string): Signature | undefined {
  const type = typeof value === "string" || value instanceof String ? "str" : value instanceof PyTuple ? "tuple" : Array.isArray(value) ? "list" : value instanceof Map || is_dict(value) ? "dict" : null;
  return type !== null && Object.prototype.hasOwnProperty.call(SIGNATURES[type], name) ? SIGNATURES[type][name] : undefined;
}

/** Is `value` one of the built-in types whose attributes are only their methods? */
export function is_builtin_value(value: unknown): boolean {
  return typeof value === "string" || value instanceof String || Array.isArray(value) || is_dict(value) || value instanceof Map || typeof value === "number" || typeof value === "boolean" || value === null || value === undefined;
}

export { AttributeError };
