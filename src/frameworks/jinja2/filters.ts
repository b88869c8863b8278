/**
 * jinja2.filters: the built-in filters (`{{ value|name(args) }}`), value + arguments → value.
 *
 * Each is Jinja's `do_<name>` with the same parameters; filters that need the environment, the
 * evaluation context (autoescaping) or the template context say so with `pass_environment`,
 * `pass_eval_context` or `pass_context`, and `params()` names their keyword arguments so
 * `sort(reverse=true)` reaches the right parameter. `FILTERS` maps the names templates use.
 *
 *   {{ "foo bar baz"|truncate(9) }}      → "foo..."
 *   {{ people|map(attribute='name')|join(', ') }}
 */
import { escape, has_html, Markup, soft_str } from "../markupsafe";
import { AssertionError, AttributeError, float, py_repr, TypeError, ValueError } from "../python/builtins";
import { py_add } from "../python/arith";
import { percent_format } from "../python/format";
import { py_json_dumps } from "../python/json";
import { split_kwargs } from "../python/kwargs";
import { Signature, with_signature } from "../python/signature";
import { builtin_method } from "../python/methods";
import { compare, eq, is_dict, len, py_str, truth, type_name } from "../python/operator";
import { PyFloat } from "../python/json";
import { PyTuple, tuple } from "../python/tuple";
import { FilterArgumentError } from "./exceptions";
import { check_width } from "./limits";
import { iterate, Undefined, type Context, type EvalContext } from "./runtime";
import { Namespace, params, pass_context, pass_environment, pass_eval_context, urlize } from "./utils";
import type { Environment } from "./environment";

type Env = Environment;

/** `1.5` and `1e308` in a template are floats (an integral one arrives as a PyFloat). */
function is_float(value: unknown): boolean {
  return value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
}

function is_markup(v: unknown): v is Markup {
  return v instanceof Markup;
}

/** Keep a Markup a Markup when a string method transforms it. */
function same_kind(original: unknown, result: string): string | Markup {
  return is_markup(original) ? new Markup(result) : result;
}

/** Comparing an undefined value fails as undefined (`Undefined.__lt__`), as soon as two keys meet. */
function fail_if_undefined(keys: unknown[]): void {
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i];
    if (k instanceof Undefined) k._fail_with_undefined_error();
  }
}

function ignore_case<T>(value: T): T | string {
  return typeof value === "string" ? value.toLowerCase() : value;
}

function prepare_attribute_parts(attr: unknown): unknown[] {
  if (attr === null || attr === undefined) return [];
  if (typeof attr === "string") return attr.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return [attr];
}

/** `attribute='a.b'` → a function looking that path up on each item (getitem, as Jinja). */
export function make_attrgetter(environment: Env, attribute: unknown, postprocess: ((v: unknown) => unknown) | null = null, default_: unknown = null): (item: unknown) => unknown {
  const parts = prepare_attribute_parts(attribute);
  return (item: unknown) => {
    for (const part of parts) {
      item = environment.getitem(item, part);
      if (default_ !== null && default_ !== undefined && item instanceof Undefined) item = default_;
    }
    return postprocess ? postprocess(item) : item;
  };
}

/** `attribute='age,name'` → a function returning one value per listed path. */
function make_multi_attrgetter(environment: Env, attribute: unknown, postprocess: ((v: unknown) => unknown) | null = null): (item: unknown) => unknown[] {
  const split = typeof attribute === "string" ? attribute.split(",") : [attribute];
  const getters = split.map((a) => make_attrgetter(environment, a, postprocess));
  return (item: unknown) => getters.map((g) => g(item));
}

function sorted(items: unknown[], key: (v: unknown) => unknown, reverse: boolean): unknown[] {
  const decorated = items.map((v, i) => ({ k: key(v), v, i }));
  if (decorated.length > 1) fail_if_undefined(decorated.map((d) => d.k));
  decorated.sort((a, b) => compare(a.k, b.k) * (reverse ? -1 : 1) || a.i - b.i);
  return decorated.map((d) => d.v);
}

// ------------------------------------------------------------------------------------------
// Strings

export const do_forceescape = (value: unknown) => escape(has_html(value) ? py_str(value.__html__()) : py_str(value));
/** `isinstance(value, abc.Iterable)` for the values templates pass. */
function is_iterable(value: unknown): boolean {
  if (value === null || value === undefined || typeof value !== "object") return typeof value === "string";
  return Symbol.iterator in value || is_dict(value) || typeof (value as { __iter__?: unknown }).__iter__ === "function";
}
export const do_urlencode = (value: unknown): string => {
  const quote = (v: unknown, for_qs: boolean) => {
    const text = py_str(v);
    const bytes = new TextEncoder().encode(text);
    let out = "";
    const safe = for_qs ? "" : "/";
    for (const b of bytes) {
      const c = String.fromCharCode(b);
      if (/[A-Za-z0-9_.\-~]/.test(c) || safe.includes(c)) out += c;
      else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
    }
    return for_qs ? out.replace(/%20/g, "+") : out;
  };
  if (typeof value === "string" || value instanceof String || !is_iterable(value)) return quote(value, false);
  const items = is_dict(value) ? Object.entries(value) : value instanceof Map ? [...value.entries()] : iterate(value).map(unpack_pair);
  return items.map(([k, v]) => `${quote(k, true)}=${quote(v, true)}`).join("&");
};
/** Python's `k, v = item`: TypeError for what is not iterable, ValueError for the wrong length. */
function unpack_pair(item: unknown): [unknown, unknown] {
  let parts: unknown[];
  try {
    parts = iterate(item);
  } catch (e) {
    if (e instanceof TypeError) throw new TypeError(`cannot unpack non-iterable ${type_name(item)} object`);
    throw e;
  }
  if (parts.length < 2) throw new ValueError(`not enough values to unpack (expected 2, got ${parts.length})`);
  if (parts.length > 2) throw new ValueError("too many values to unpack (expected 2)");
  return [parts[0], parts[1]];
}
export const do_replace = pass_eval_context(
  params((eval_ctx: EvalContext, s: unknown, old: unknown, new_: unknown, count: number | null = null): string | Markup => {
    const n = count === null || count === undefined ? -1 : count;
    const replace = (text: string, o: string, r: string) => builtin_method(text, "replace")!(o, r, n) as string;
    if (!eval_ctx.autoescape) return replace(py_str(s), py_str(old), py_str(new_));
    if ((has_html(old) || has_html(new_)) && !has_html(s)) s = escape(s);
    if (is_markup(s)) return new Markup(replace(s.valueOf(), escape(old).valueOf(), escape(new_).valueOf()));
    return replace(py_str(s), py_str(old), py_str(new_));
  }, ["old", "new", "count"]),
);
export const do_upper = (s: unknown) => same_kind(s, py_str(soft_str(s)).toUpperCase());
export const do_lower = (s: unknown) => same_kind(s, py_str(soft_str(s)).toLowerCase());
export const do_capitalize = (s: unknown) => same_kind(s, builtin_method(py_str(s), "capitalize")!() as string);
export const do_title = (s: unknown) =>
  same_kind(
    s,
    py_str(s)
      .split(/([-\s({[<]+)/)
      .filter(Boolean)
      .map((item) => item[0].toUpperCase() + item.slice(1).toLowerCase())
      .join(""),
  );
export const do_items = (value: unknown): unknown[] => {
  if (value instanceof Undefined) return [];
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => tuple([k, v]));
  if (is_dict(value)) return Object.entries(value).map(([k, v]) => tuple([k, v]));
  const items = (value as { items?: () => Iterable<unknown> } | null)?.items;
  if (typeof items === "function") return [...items.call(value)];
  throw new TypeError("Can only get item pairs from a mapping.");
};
/** Python's `value.items()`: AttributeError for what is not a mapping (`'range' object has no attribute 'items'`). */
function dict_items(value: unknown, _filter: string): unknown[] {
  if (value instanceof Undefined) return value._fail_with_undefined_error();
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => tuple([k, v]));
  if (is_dict(value)) return Object.entries(value).map(([k, v]) => tuple([k, v]));
  const items = value !== null && typeof value === "object" ? (value as { items?: () => Iterable<unknown> }).items : undefined;
  if (typeof items === "function") return [...items.call(value)];
  if (value instanceof Namespace) throw new AttributeError("items");
  throw new AttributeError(`'${type_name(value)}' object has no attribute 'items'`);
}
export const do_xmlattr = pass_eval_context(
  params((eval_ctx: EvalContext, d: Record<string, unknown>, autospace = true): string | Markup => {
    const parts: string[] = [];
    for (const [key, value] of dict_items(d, "xmlattr") as [string, unknown][]) {
      if (value === null || value === undefined || value instanceof Undefined) continue;
      if (/[\s/>=]/.test(key)) throw new ValueError(`Invalid character in attribute name: ${py_repr(key)}`);
      parts.push(`${escape(key)}="${escape(value)}"`);
    }
    let rv = parts.join(" ");
    if (autospace && rv) rv = " " + rv;
    return eval_ctx.autoescape ? new Markup(rv) : rv;
  }, ["autospace"]),
);
export const do_center = params((value: unknown, width: unknown = 80) => {
  // str.center takes an int: a float width is refused before anything is built, whatever its size.
  if (is_float(width)) throw new TypeError("'float' object cannot be interpreted as an integer");
  check_width("center", "width", width);
  return builtin_method(py_str(value), "center")!(width) as string;
}, ["width"]);
export const do_indent = params((s: unknown, width: unknown = 4, first = false, blank = false): string | Markup => {
  // The indentation is `" " * width` (a str width is used as is): a float cannot repeat a string,
  // and a negative count gives the empty string.
  if (is_float(width)) throw new TypeError("can't multiply sequence by non-int of type 'float'");
  check_width("indent", "width", width);
  const indention = typeof width === "string" ? width : " ".repeat(Math.max(0, Number(width)));
  const text = str_plus_newline(s, "+=") + "\n";
  const lines = builtin_method(text, "splitlines")!() as string[];
  let rv: string;
  if (blank) rv = lines.join("\n" + indention);
  else {
    rv = lines.shift() ?? "";
    if (lines.length) rv += "\n" + lines.map((line) => (line ? indention + line : line)).join("\n");
  }
  if (first) rv = indention + rv;
  return same_kind(s, rv);
}, ["width", "first", "blank"]);
/**
 * What `s += "\n"` or `s.splitlines()` does to a value that is not text in Python: an undefined
 * value fails as undefined, a list has no `splitlines`, anything else cannot be added to a str.
 */
function str_plus_newline(s: unknown, how: "+=" | "splitlines"): string {
  if (typeof s === "string" || s instanceof String) return s.valueOf();
  if (s instanceof Undefined) return s._fail_with_undefined_error();
  if (how === "splitlines" || Array.isArray(s)) throw new AttributeError(`'${type_name(s)}' object has no attribute 'splitlines'`);
  throw new TypeError(`unsupported operand type(s) for +=: '${type_name(s)}' and 'str'`);
}
export const do_truncate = pass_environment(
  params((env: Env, s: unknown, length = 255, killwords = false, end = "...", leeway: number | null = null): string => {
    const text = py_str(s);
    const lw = leeway ?? (env.policies["truncate.leeway"] as number);
    if (typeof end !== "string" && !((end as unknown) instanceof String)) len(end);
    if (compare(length, end.length, ">=") < 0) throw new AssertionError(`expected length >= ${end.length}, got ${length}`);
    if (compare(lw, 0, ">=") < 0) throw new AssertionError(`expected leeway >= 0, got ${lw}`);
    if (text.length <= length + lw) return text;
    if (killwords) return text.slice(0, length - end.length) + end;
    const head = text.slice(0, length - end.length);
    const space = head.lastIndexOf(" ");
    return (space >= 0 ? head.slice(0, space) : head) + end;
  }, ["length", "killwords", "end", "leeway"]),
);
export const do_wordwrap = pass_environment(
  params((env: Env, s: unknown, width = 79, break_long_words = true, wrapstring: string | null = null, _break_on_hyphens = true): string => {
    const sep = wrapstring ?? env.newline_sequence;
    // `wrapstring.join(... s.splitlines() ...)`: both looked up on what was passed.
    if (typeof sep !== "string" && !((sep as unknown) instanceof String)) throw new AttributeError(`'${type_name(sep)}' object has no attribute 'join'`);
    return (builtin_method(str_plus_newline(s, "splitlines"), "splitlines")!() as string[])
      .map((line) => {
        const words = line.split(/\s+/).filter(Boolean);
        const out: string[] = [];
        let current = "";
        for (let word of words) {
          while (break_long_words && word.length > width) {
            if (current) {
              out.push(current);
              current = "";
            }
            out.push(word.slice(0, width));
            word = word.slice(width);
          }
          if (!current) current = word;
          else if (current.length + 1 + word.length <= width) current += " " + word;
          else {
            out.push(current);
            current = word;
          }
        }
        if (current) out.push(current);
        return out.join(sep);
      })
      .join(sep);
  }, ["width", "break_long_words", "wrapstring", "break_on_hyphens"]),
);
export const do_wordcount = (s: unknown) => (py_str(s).match(/[\p{L}\p{N}_]+/gu) ?? []).length;
export const do_trim = params((value: unknown, chars: string | null = null) => {
  if (chars !== null && chars !== undefined && typeof chars !== "string" && !((chars as unknown) instanceof String)) throw new TypeError("strip arg must be None or str");
  return builtin_method(py_str(soft_str(value)), "strip")!(chars) as string;
}, ["chars"]);
export const do_striptags = (value: unknown) => new Markup(has_html(value) ? py_str(value.__html__()) : py_str(value)).striptags();
/** Formats already found within the bounds (a template's `'%.2f'|format(x)` is checked once). */
const CHECKED_FORMATS = new Set<string>();
/** The widths and precisions of a %-format (`%999999999s`) bounded as `center`'s width. */
function check_format_widths(format: string): void {
  if (CHECKED_FORMATS.has(format)) return;
  for (const m of format.matchAll(/%%|%(?:\([^)]*\))?[-#0 +]*(\d*)(?:\.(\d*))?/g)) {
    if (m[1]) check_width("format", "width", Number(m[1]));
    if (m[2]) check_width("format", "precision", Number(m[2]));
  }
  if (CHECKED_FORMATS.size >= 256) CHECKED_FORMATS.clear();
  CHECKED_FORMATS.add(format);
}
export const do_format = (value: unknown, ...rest: unknown[]): string | Markup => {
  const [args, kwargs] = split_kwargs(rest);
  if (args.length && Object.keys(kwargs).length) throw new FilterArgumentError("can't handle positional and keyword arguments at the same time");
  const subs = Object.keys(kwargs).length ? kwargs : tuple(args);
  check_format_widths(py_str(value));
  if (is_markup(value)) {
    const escaped = subs instanceof PyTuple ? tuple(subs.map((a) => (has_html(a) ? a : escape(a)))) : Object.fromEntries(Object.entries(subs).map(([k, a]) => [k, has_html(a) ? a : escape(a)]));
    return new Markup(percent_format(value.valueOf(), escaped));
  }
  return percent_format(py_str(value), subs);
};
/** Python's `float(value)`: numbers and numeric text; anything else raises as it would there. */
function python_float(value: unknown): number {
  if (value instanceof PyFloat) return value.value;
  if (value instanceof Undefined) return value._fail_with_undefined_error();
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "string" || value instanceof String) return float(value);
  throw new TypeError(`float() argument must be a string or a real number, not '${type_name(value)}'`);
}
export const do_filesizeformat = params((value: unknown, binary = false): string => {
  const bytes = python_float(value);
  const base = binary ? 1024 : 1000;
  const prefixes = binary ? ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"] : ["kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
  if (bytes === 1) return "1 Byte";
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = base;
  let prefix = prefixes[0];
  for (let i = 0; i < prefixes.length; i++) {
    unit = base ** (i + 2);
    prefix = prefixes[i];
    if (bytes < unit) break;
  }
  return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
}, ["binary"]);
export const do_urlize = pass_eval_context(
  params((eval_ctx: EvalContext, value: unknown, trim_url_limit: number | null = null, nofollow = false, target: string | null = null, rel: string | null = null, extra_schemes: string[] | null = null): string | Markup => {
    const policies = eval_ctx.environment.policies;
    if (rel !== null && rel !== undefined && typeof rel !== "string") throw new AttributeError(`'${type_name(rel)}' object has no attribute 'split'`);
    const rels = new Set((rel ?? "").split(/\s+/).filter(Boolean));
    if (nofollow) rels.add("nofollow");
    for (const r of String(policies["urlize.rel"] ?? "").split(/\s+/).filter(Boolean)) rels.add(r);
    const rel_text = [...rels].sort().join(" ") || null;
    const rv = urlize(py_str(value), trim_url_limit, rel_text, target ?? (policies["urlize.target"] as string | null), extra_schemes ?? (policies["urlize.extra_schemes"] as string[] | null));
    return eval_ctx.autoescape ? new Markup(rv) : rv;
  }, ["trim_url_limit", "nofollow", "target", "rel", "extra_schemes"]),
);
export const do_string = (value: unknown) => soft_str(value);
export const do_mark_safe = (value: unknown) => new Markup(value);

// ------------------------------------------------------------------------------------------
// Sequences

export const do_first = pass_environment((environment: Env, seq: unknown) => {
  const items = iterate(seq);
  return items.length ? items[0] : new environment.undefined("No first item, sequence was empty.");
});
export const do_last = pass_environment((environment: Env, seq: unknown) => {
  const items = reversible(seq);
  return items.length ? items[items.length - 1] : new environment.undefined("No last item, sequence was empty.");
});
/** What `reversed(seq)` accepts: sequences and mappings; anything else "is not reversible". */
function reversible(seq: unknown): unknown[] {
  if (seq instanceof Undefined || typeof seq === "string" || seq instanceof String || Array.isArray(seq) || is_dict(seq) || seq instanceof Map) return iterate(seq);
  const obj = seq as { __reversed__?: unknown; __len__?: unknown; __getitem__?: unknown } | null;
  if (obj !== null && typeof obj === "object" && (typeof obj.__reversed__ === "function" || (typeof obj.__len__ === "function" && typeof obj.__getitem__ === "function"))) return iterate(seq);
  throw new TypeError(`'${type_name(seq)}' object is not reversible`);
}
export const do_random = pass_context((context: Context, seq: unknown) => {
  const items = iterate(seq);
  return items.length ? items[Math.floor(Math.random() * items.length)] : new context.environment.undefined("No random item, sequence was empty.");
});
export const do_length = (value: unknown) => len(value);
export const do_list = (value: unknown) => [...iterate(value)];
export const do_reverse = (value: unknown): unknown => {
  if (typeof value === "string" || value instanceof String) return [...value.valueOf()].reverse().join("");
  let items: unknown[];
  try {
    items = iterate(value);
  } catch (e) {
    if (e instanceof TypeError) throw new FilterArgumentError("argument must be iterable");
    throw e;
  }
  return [...items].reverse();
};
export const do_sort = pass_environment(
  params((environment: Env, value: unknown, reverse = false, case_sensitive = false, attribute: unknown = null) => {
    const key = make_multi_attrgetter(environment, attribute, case_sensitive ? null : ignore_case);
    return sorted(iterate(value), key, reverse);
  }, ["reverse", "case_sensitive", "attribute"]),
);
export const do_dictsort = params((value: unknown, case_sensitive = false, by = "key", reverse = false) => {
  const pos = by === "key" ? 0 : by === "value" ? 1 : -1;
  if (pos < 0) throw new FilterArgumentError('You can only sort by either "key" or "value"');
  const items = dict_items(value, "dictsort") as unknown[][];
  return sorted(items, (item) => (case_sensitive ? (item as unknown[])[pos] : ignore_case((item as unknown[])[pos])), reverse);
}, ["case_sensitive", "by", "reverse"]);
export const do_unique = pass_environment(
  params((environment: Env, value: unknown, case_sensitive = false, attribute: unknown = null) => {
    const getter = make_attrgetter(environment, attribute, case_sensitive ? null : ignore_case);
    const seen: unknown[] = [];
    const out: unknown[] = [];
    for (const item of iterate(value)) {
      const key = getter(item);
      if (!seen.some((s) => eq(s, key))) {
        seen.push(key);
        out.push(item);
      }
    }
    return out;
  }, ["case_sensitive", "attribute"]),
);
function min_or_max(environment: Env, value: unknown, sign: number, case_sensitive: boolean, attribute: unknown): unknown {
  const items = iterate(value);
  if (!items.length) return new environment.undefined("No aggregated item, sequence was empty.");
  const key = make_attrgetter(environment, attribute, case_sensitive ? null : ignore_case);
  let best = items[0];
  let best_key = key(best);
  for (const item of items.slice(1)) {
    const k = key(item);
    fail_if_undefined([best_key, k]);
    if (compare(k, best_key) * sign > 0) {
      best = item;
      best_key = k;
    }
  }
  return best;
}
export const do_min = pass_environment(params((env: Env, value: unknown, case_sensitive = false, attribute: unknown = null) => min_or_max(env, value, -1, case_sensitive, attribute), ["case_sensitive", "attribute"]));
export const do_max = pass_environment(params((env: Env, value: unknown, case_sensitive = false, attribute: unknown = null) => min_or_max(env, value, 1, case_sensitive, attribute), ["case_sensitive", "attribute"]));
export const do_default = params((value: unknown, default_value: unknown = "", boolean = false) => (value instanceof Undefined || (boolean && !truth(value)) ? default_value : value), ["default_value", "boolean"]);
export const do_join = pass_eval_context(
  params((eval_ctx: EvalContext, value: unknown, d: unknown = "", attribute: unknown = null): string | Markup => {
    let items = iterate(value);
    if (attribute !== null && attribute !== undefined) items = items.map(make_attrgetter(eval_ctx.environment, attribute));
    if (!eval_ctx.autoescape) return items.map(py_str).join(py_str(d));
    if (!has_html(d)) {
      let do_escape = false;
      const texts = items.map((item) => {
        if (has_html(item)) {
          do_escape = true;
          return item;
        }
        return py_str(item);
      });
      if (do_escape) return new Markup(texts.map((t) => escape(t).valueOf()).join(escape(d).valueOf()));
      return texts.map((t) => py_str(t)).join(py_str(d));
    }
    return new Markup(items.map((t) => escape(t).valueOf()).join(escape(d).valueOf()));
  }, ["d", "attribute"]),
);
export const do_slice = params((value: unknown, slices: number, fill_with: unknown = null): unknown[][] => {
  const seq = iterate(value);
  const length = seq.length;
  const items_per_slice = Math.floor(length / slices);
  const slices_with_extra = length % slices;
  let offset = 0;
  const out: unknown[][] = [];
  for (let slice_number = 0; slice_number < slices; slice_number++) {
    const start = offset + slice_number * items_per_slice;
    if (slice_number < slices_with_extra) offset += 1;
    const end = offset + (slice_number + 1) * items_per_slice;
    const tmp = seq.slice(start, end);
    if (fill_with !== null && slice_number >= slices_with_extra) tmp.push(fill_with);
    out.push(tmp);
  }
  return out;
}, ["slices", "fill_with"]);
export const do_batch = params((value: unknown, linecount: number, fill_with: unknown = null): unknown[][] => {
  const out: unknown[][] = [];
  let tmp: unknown[] = [];
  for (const item of iterate(value)) {
    if (tmp.length === linecount) {
      out.push(tmp);
      tmp = [];
    }
    tmp.push(item);
  }
  if (tmp.length) {
    if (fill_with !== null && tmp.length < linecount) while (tmp.length < linecount) tmp.push(fill_with);
    out.push(tmp);
  }
  return out;
}, ["linecount", "fill_with"]);
export const do_sum = pass_environment(
  params((environment: Env, iterable: unknown, attribute: unknown = null, start: unknown = 0) => {
    let items = iterate(iterable);
    if (attribute !== null && attribute !== undefined) items = items.map(make_attrgetter(environment, attribute));
    return items.reduce((acc, v) => py_add(acc, v), start);
  }, ["attribute", "start"]),
);

/** `groupby` yields `(grouper, list)` tuples that also answer `.grouper` and `.list`. */
class GroupTuple extends PyTuple {
  get grouper(): unknown {
    return this[0];
  }
  get list(): unknown {
    return this[1];
  }
  override __repr__(): string {
    return py_repr(tuple(this));
  }
}
function group_tuple(key: unknown, values: unknown[]): GroupTuple {
  const g = new GroupTuple();
  g.push(key, values);
  return g;
}
export const do_groupby = pass_environment(
  params((environment: Env, value: unknown, attribute: unknown, default_: unknown = null, case_sensitive = false) => {
    const expr = make_attrgetter(environment, attribute, case_sensitive ? null : ignore_case, default_);
    const items = sorted(iterate(value), expr, false);
    const groups: [unknown, unknown[]][] = [];
    for (const item of items) {
      const key = expr(item);
      const last = groups[groups.length - 1];
      if (last && eq(last[0], key)) last[1].push(item);
      else groups.push([key, [item]]);
    }
    const output = case_sensitive ? null : make_attrgetter(environment, attribute, null, default_);
    return groups.map(([key, values]) => group_tuple(output ? output(values[0]) : key, values));
  }, ["attribute", "default", "case_sensitive"]),
);

// ------------------------------------------------------------------------------------------
// Numbers

export const do_abs = (value: unknown) => {
  if (value instanceof PyFloat) return new PyFloat(Math.abs(value.value));
  if (typeof value === "bigint") return value < 0n ? -value : value;
  if (typeof value === "number" || typeof value === "boolean") return Math.abs(Number(value));
  const custom = value as { __abs__?: () => unknown } | null;
  if (custom !== null && typeof custom === "object" && typeof custom.__abs__ === "function") return custom.__abs__();
  throw new TypeError(`bad operand type for abs(): '${type_name(value)}'`);
};
export const do_int = params((value: unknown, default_: unknown = 0, base = 10): unknown => {
  if (typeof value === "string" || value instanceof String) {
    const text = value.valueOf().trim().replace(/_/g, "");
    const parsed = parse_python_int(text, base);
    if (parsed !== null) return parsed;
    const f = Number(text);
    if (text !== "" && Number.isFinite(f) && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return Math.trunc(f);
    return default_;
  }
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : default_;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof PyFloat) return Math.trunc(value.value);
  if (typeof value === "bigint") return value;
  const custom = value as { __int__?: () => number } | null;
  if (custom && typeof custom.__int__ === "function") {
    try {
      return custom.__int__();
    } catch (e) {
      // `int(value)` failing with TypeError or ValueError gives the default; an undefined value's
      // UndefinedError goes through.
      if (e instanceof TypeError || e instanceof ValueError) return default_;
      throw e;
    }
  }
  return default_;
}, ["default", "base"]);

function parse_python_int(text: string, base: number): number | null {
  let t = text;
  let sign = 1;
  if (/^[+-]/.test(t)) {
    if (t[0] === "-") sign = -1;
    t = t.slice(1);
  }
  const prefixes: Record<string, number> = { "0x": 16, "0o": 8, "0b": 2 };
  const prefix = t.slice(0, 2).toLowerCase();
  if (base === 0) {
    base = prefixes[prefix] ?? 10;
    if (base !== 10) t = t.slice(2);
    else if (/^0\d/.test(t) && !/^0+$/.test(t)) return null;
  } else if (prefixes[prefix] === base) t = t.slice(2);
  const digits = "0123456789abcdefghijklmnopqrstuvwxyz".slice(0, base);
  if (!t || ![...t.toLowerCase()].every((c) => digits.includes(c))) return null;
  return sign * parseInt(t, base);
}

export const do_float = params((value: unknown, default_: unknown = new PyFloat(0)): unknown => {
  let x: number;
  if (typeof value === "string" || value instanceof String) {
    const text = value.valueOf().trim().replace(/_/g, "");
    if (!/^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|inf|infinity|nan)$/i.test(text)) return default_;
    x = /^[+-]?inf/i.test(text) ? (text.startsWith("-") ? -Infinity : Infinity) : /nan/i.test(text) ? NaN : Number(text);
  } else if (typeof value === "number" || typeof value === "boolean") x = Number(value);
  else if (value instanceof PyFloat) return value;
  else if (value instanceof Undefined) return value._fail_with_undefined_error();
  else return default_;
  return Number.isInteger(x) ? new PyFloat(x) : x;
}, ["default"]);

/**
 * Python's `round(x, n)`: the nearest value with n decimals of the double's exact decimal value,
 * ties to even. (`toFixed` rounds the exact value too, but ties upward.)
 */
function py_round(x: number, n: number): number {
  if (!Number.isFinite(x)) return x;
  if (n < 0) {
    const scale = 10 ** -n;
    return py_round(x / scale, 0) * scale;
  }
  const abs = Math.abs(x);
  const long = abs.toFixed(Math.min(100, n + 30));
  const [int_part, frac = ""] = long.split(".");
  const kept = frac.slice(0, n);
  let r: number;
  if (/^50*$/.test(frac.slice(n))) {
    const last = Number((int_part + kept).slice(-1));
    r = last % 2 === 0 ? Number(n ? `${int_part}.${kept}` : int_part) : Number(abs.toFixed(n));
  } else r = Number(abs.toFixed(n));
  return x < 0 ? -r : r;
}

export const do_round = params((value: unknown, precision = 0, method = "common"): unknown => {
  if (!["common", "ceil", "floor"].includes(method)) throw new FilterArgumentError("method must be common, ceil or floor");
  if (!(typeof value === "number" || typeof value === "boolean" || typeof value === "bigint" || value instanceof PyFloat)) {
    if (method === "common") throw new TypeError(`type ${type_name(value)} doesn't define __round__ method`);
    throw new TypeError(`must be real number, not ${type_name(value)}`);
  }
  if (typeof value === "boolean") value = value ? 1 : 0;
  if (method === "common" && typeof value === "number" && Number.isInteger(value) && precision >= 0) return value;
  const x = value instanceof PyFloat ? value.value : Number(value);
  const scale = 10 ** precision;
  const r = method === "common" ? py_round(x, precision) : (method === "ceil" ? Math.ceil(x * scale) : Math.floor(x * scale)) / scale;
  return Number.isInteger(r) ? new PyFloat(r) : r;
}, ["precision", "method"]);

// ------------------------------------------------------------------------------------------
// Higher-order: map, select, reject, attr

function prepare_map(context: Context, args: unknown[], kwargs: Record<string, unknown>): (item: unknown) => unknown {
  if (!args.length && "attribute" in kwargs) {
    const attribute = kwargs.attribute;
    const default_ = kwargs.default ?? null;
    delete kwargs.attribute;
    delete kwargs.default;
    if (Object.keys(kwargs).length) throw new FilterArgumentError(`Unexpected keyword argument '${Object.keys(kwargs)[0]}'`);
    return make_attrgetter(context.environment, attribute, null, default_);
  }
  if (!args.length) throw new FilterArgumentError("map requires a filter argument");
  const [name, ...rest] = args;
  return (item: unknown) => context.environment.call_filter(name as string, item, rest, kwargs, context);
}

export const do_map = pass_context((context: Context, value: unknown, ...rest: unknown[]) => {
  const [args, kwargs] = split_kwargs(rest);
  if (value instanceof Undefined || value === null || value === undefined) return [];
  const func = prepare_map(context, args, kwargs);
  return iterate(value).map(func);
});

function select_or_reject(context: Context, value: unknown, rest: unknown[], modfunc: (b: boolean) => boolean, lookup_attr: boolean): unknown[] {
  const [all, kwargs] = split_kwargs(rest);
  let args = all;
  let transfunc = (x: unknown) => x;
  if (lookup_attr) {
    if (!args.length) throw new FilterArgumentError("Missing parameter for attribute name");
    transfunc = make_attrgetter(context.environment, args[0]);
    args = args.slice(1);
  }
  let func: (item: unknown) => boolean;
  if (args.length) {
    const [name, ...test_args] = args;
    func = (item) => truth(context.environment.call_test(name as string, item, test_args, kwargs, context));
  } else func = truth;
  if (value instanceof Undefined || value === null || value === undefined) return [];
  return iterate(value).filter((item) => modfunc(func(transfunc(item))));
}

export const do_select = pass_context((context: Context, value: unknown, ...args: unknown[]) => select_or_reject(context, value, args, (x) => x, false));
export const do_reject = pass_context((context: Context, value: unknown, ...args: unknown[]) => select_or_reject(context, value, args, (x) => !x, false));
export const do_selectattr = pass_context((context: Context, value: unknown, ...args: unknown[]) => select_or_reject(context, value, args, (x) => x, true));
export const do_rejectattr = pass_context((context: Context, value: unknown, ...args: unknown[]) => select_or_reject(context, value, args, (x) => !x, true));

export const do_attr = pass_environment(
  params((environment: Env, obj: unknown, name: string) => {
    if (name === undefined) throw new TypeError("do_attr() missing 1 required positional argument: 'name'");
    if (typeof name !== "string" && !((name as unknown) instanceof String)) throw new TypeError(`attribute name must be string, not '${type_name(name)}'`);
    // `attr` does not fall back to items: a dict key is not an attribute.
    if (is_dict(obj) && Object.prototype.hasOwnProperty.call(obj, name)) return new environment.undefined(null, obj, String(name));
    return environment.getattr(obj, String(name));
  }, ["name"]),
);

// ------------------------------------------------------------------------------------------
// Escaping, JSON, debugging

export const do_escape = (value: unknown) => escape(value);
export const do_pprint = (value: unknown) => py_repr(value);

/** `htmlsafe_json_dumps`: JSON with `< > & '` escaped, marked safe for HTML and `<script>`. */
export function htmlsafe_json_dumps(obj: unknown, dumps: ((o: unknown, kw: Record<string, unknown>) => string) | null = null, kwargs: Record<string, unknown> = {}): Markup {
  const text = (dumps ?? ((o: unknown, kw: Record<string, unknown>) => py_json_dumps(o, kw)))(obj, kwargs);
  return new Markup(text.replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/'/g, "\\u0027"));
}

export const do_tojson = pass_eval_context(
  params((eval_ctx: EvalContext, value: unknown, indent: number | null = null): Markup => {
    const policies = eval_ctx.environment.policies;
    const dumps = policies["json.dumps_function"] as ((o: unknown, kw: Record<string, unknown>) => string) | null;
    const kwargs = { ...(policies["json.dumps_kwargs"] as Record<string, unknown>) };
    if (indent !== null && indent !== undefined) kwargs.indent = indent;
    return htmlsafe_json_dumps(value, dumps, kwargs);
  }, ["indent"]),
);

export const FILTERS: Record<string, (...args: any[]) => unknown> = {
  abs: do_abs,
  attr: do_attr,
  batch: do_batch,
  capitalize: do_capitalize,
  center: do_center,
  count: do_length,
  d: do_default,
  default: do_default,
  dictsort: do_dictsort,
  e: do_escape,
  escape: do_escape,
  filesizeformat: do_filesizeformat,
  first: do_first,
  float: do_float,
  forceescape: do_forceescape,
  format: do_format,
  groupby: do_groupby,
  indent: do_indent,
  int: do_int,
  join: do_join,
  last: do_last,
  length: do_length,
  list: do_list,
  lower: do_lower,
  items: do_items,
  map: do_map,
  min: do_min,
  max: do_max,
  pprint: do_pprint,
  random: do_random,
  reject: do_reject,
  rejectattr: do_rejectattr,
  replace: do_replace,
  reverse: do_reverse,
  round: do_round,
  safe: do_mark_safe,
  select: do_select,
  selectattr: do_selectattr,
  slice: do_slice,
  sort: do_sort,
  string: do_string,
  striptags: do_striptags,
  sum: do_sum,
  title: do_title,
  trim: do_trim,
  truncate: do_truncate,
  unique: do_unique,
  upper: do_upper,
  urlencode: do_urlencode,
  urlize: do_urlize,
  wordcount: do_wordcount,
  wordwrap: do_wordwrap,
  xmlattr: do_xmlattr,
  tojson: do_tojson,
};

/**
 * Each built-in filter's Python signature, as `jinja2.filters` defines it (the synchronous
 * variant's name where Jinja has an async one): `{{ s|replace('a') }}` raises the TypeError that
 * calling `do_replace(eval_ctx, s, 'a')` raises in Python.
 */
const FILTER_SIGNATURES: Record<string, string | Signature> = {
  abs: Signature.builtin_o("abs"),
  attr: "do_attr(environment, obj, name)",
  batch: "do_batch(value, linecount, fill_with=None)",
  capitalize: "do_capitalize(s)",
  center: "do_center(value, width=80)",
  count: Signature.builtin_o("len"),
  d: "do_default(value, default_value='', boolean=False)",
  default: "do_default(value, default_value='', boolean=False)",
  dictsort: "do_dictsort(value, case_sensitive=False, by='key', reverse=False)",
  e: "escape(s, /)",
  escape: "escape(s, /)",
  filesizeformat: "do_filesizeformat(value, binary=False)",
  first: "sync_do_first(environment, seq)",
  float: "do_float(value, default=0.0)",
  forceescape: "do_forceescape(value)",
  format: "do_format(value, *args, **kwargs)",
  groupby: "sync_do_groupby(environment, value, attribute, default=None, case_sensitive=False)",
  indent: "do_indent(s, width=4, first=False, blank=False)",
  int: "do_int(value, default=0, base=10)",
  items: "do_items(value)",
  join: "sync_do_join(eval_ctx, value, d='', attribute=None)",
  last: "do_last(environment, seq)",
  length: Signature.builtin_o("len"),
  list: "sync_do_list(value)",
  lower: "do_lower(s)",
  map: "sync_do_map(context, value, *args, **kwargs)",
  max: "do_max(environment, value, case_sensitive=False, attribute=None)",
  min: "do_min(environment, value, case_sensitive=False, attribute=None)",
  pprint: "do_pprint(value)",
  random: "do_random(context, seq)",
  reject: "sync_do_reject(context, value, *args, **kwargs)",
  rejectattr: "sync_do_rejectattr(context, value, *args, **kwargs)",
  replace: "do_replace(eval_ctx, s, old, new, count=None)",
  reverse: "do_reverse(value)",
  round: "do_round(value, precision=0, method='common')",
  safe: "do_mark_safe(value)",
  select: "sync_do_select(context, value, *args, **kwargs)",
  selectattr: "sync_do_selectattr(context, value, *args, **kwargs)",
  slice: "sync_do_slice(value, slices, fill_with=None)",
  sort: "do_sort(environment, value, reverse=False, case_sensitive=False, attribute=None)",
  string: "soft_str(s, /)",
  striptags: "do_striptags(value)",
  sum: "sync_do_sum(environment, iterable, attribute=None, start=0)",
  title: "do_title(s)",
  tojson: "do_tojson(eval_ctx, value, indent=None)",
  trim: "do_trim(value, chars=None)",
  truncate: "do_truncate(env, s, length=255, killwords=False, end='...', leeway=None)",
  unique: "sync_do_unique(environment, value, case_sensitive=False, attribute=None)",
  upper: "do_upper(s)",
  urlencode: "do_urlencode(value)",
  urlize: "do_urlize(eval_ctx, value, trim_url_limit=None, nofollow=False, target=None, rel=None, extra_schemes=None)",
  wordcount: "do_wordcount(s)",
  wordwrap: "do_wordwrap(environment, s, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True)",
  xmlattr: "do_xmlattr(eval_ctx, d, autospace=True)",
};
for (const [name, signature] of Object.entries(FILTER_SIGNATURES)) with_signature(FILTERS[name], signature);
