/**
 * The methods of Python's built-in types, looked up by name: `"a,b".split(",")`,
 * `d.items()`, `l.append(x)`. Templates reach them through attribute access (`{{ s.upper() }}`),
 * so `builtin_method(value, name)` answers what `getattr(value, name)` gives for a str, list,
 * tuple or dict: a bound method, or `undefined` when the type has no such attribute.
 *
 *   builtin_method("a,b", "split")!(",")     // ["a", "b"]
 *   builtin_method({ k: 1 }, "get")!("z", 0) // 0
 */
import { AttributeError, IndexError, KeyError, TypeError, ValueError } from "./builtins";
import { split_kwargs } from "./kwargs";
import { compare, eq, is_dict, py_str, type_name } from "./operator";
import { str_format } from "./format";
import { PyTuple, tuple } from "./tuple";

type Method = (...args: any[]) => unknown;

const WS = " \t\n\r\x0b\x0c\u00a0\u2028\u2029\u3000";

function strip_chars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : py_str(chars);
  let start = 0;
  let end = s.length;
  if (left) while (start < end && set.includes(s[start])) start++;
  if (right) while (end > start && set.includes(s[end - 1])) end--;
  return s.slice(start, end);
}

function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : Number(maxsplit);
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

function affix_test(s: string, arg: unknown, fn: (s: string, a: string) => boolean): boolean {
  if (arg instanceof PyTuple || Array.isArray(arg)) return arg.some((a) => fn(s, py_str(a)));
  if (typeof arg !== "string" && !(arg instanceof String)) throw new TypeError(`startswith first arg must be str or a tuple of str, not ${type_name(arg)}`);
  return fn(s, arg.valueOf());
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
      if (max === undefined || max === null || Number(max) < 0) return split(s, sep, -1);
      const parts = split(s, sep, -1);
      const n = Number(max);
      if (parts.length <= n + 1) return parts;
      const d = sep === undefined || sep === null ? " " : py_str(sep);
      return [parts.slice(0, parts.length - n).join(d), ...parts.slice(parts.length - n)];
    },
    splitlines: (keepends?: unknown) => {
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
      const o = py_str(old);
      const r = py_str(rep);
      const n = count === undefined || count === null ? -1 : Number(count);
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
    startswith: (p: unknown) => affix_test(s, p, (x, a) => x.startsWith(a)),
    endswith: (p: unknown) => affix_test(s, p, (x, a) => x.endsWith(a)),
    find: (sub: unknown) => s.indexOf(py_str(sub)),
    rfind: (sub: unknown) => s.lastIndexOf(py_str(sub)),
    index: (sub: unknown) => {
      const i = s.indexOf(py_str(sub));
      if (i < 0) throw new ValueError("substring not found");
      return i;
    },
    count: (sub: unknown) => count_of(s, py_str(sub)),
    format: (...a: unknown[]) => {
      const [pos, kw] = split_kwargs(a);
      return str_format(s, pos, kw);
    },
    format_map: (mapping: Record<string, unknown>) => str_format(s, [], mapping),
    center: (w: number, fill = " ") => pad_center(s, as_index(w), fill),
    ljust: (w: number, fill = " ") => s.padEnd(w, fill),
    rjust: (w: number, fill = " ") => s.padStart(w, fill),
    zfill: (w: number) => (/^[+-]/.test(s) ? s[0] + s.slice(1).padStart(w - 1, "0") : s.padStart(w, "0")),
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
    expandtabs: (n = 8) => s.replace(/\t/g, " ".repeat(n)),
  };
}

function list_index(l: unknown[], x: unknown): number {
  const i = l.findIndex((y) => eq(y, x));
  if (i < 0) throw new ValueError(`${py_str(x)} is not in list`);
  return i;
}

function seq_methods(l: unknown[]): Record<string, Method> {
  const common: Record<string, Method> = {
    index: (x: unknown) => list_index(l, x),
    count: (x: unknown) => l.filter((y) => eq(y, x)).length,
  };
  if (l instanceof PyTuple) return common;
  return {
    ...common,
    append: (x: unknown) => (void l.push(x), null),
    extend: (xs: Iterable<unknown>) => (void l.push(...xs), null),
    insert: (i: number, x: unknown) => (void l.splice(i < 0 ? Math.max(0, l.length + i) : i, 0, x), null),
    pop: (i?: number) => {
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

function dict_methods(d: Record<string, unknown>): Record<string, Method> {
  const has = (k: unknown) => typeof k === "string" && Object.prototype.hasOwnProperty.call(d, k);
  return {
    keys: () => Object.keys(d),
    values: () => Object.values(d),
    items: () => Object.entries(d).map(([k, v]) => tuple([k, v])),
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
      for (const src of pos) Object.assign(d, src);
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
    keys: () => [...m.keys()],
    values: () => [...m.values()],
    items: () => [...m.entries()].map(([k, v]) => tuple([k, v])),
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

/** Is `value` one of the built-in types whose attributes are only their methods? */
export function is_builtin_value(value: unknown): boolean {
  return typeof value === "string" || value instanceof String || Array.isArray(value) || is_dict(value) || value instanceof Map || typeof value === "number" || typeof value === "boolean" || value === null || value === undefined;
}

export { AttributeError };
