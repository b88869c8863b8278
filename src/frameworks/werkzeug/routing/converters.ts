/**
 * werkzeug.routing.converters: the `<converter:name>` parts of a rule — text of the URL → a Python
 * value (`to_python`) and back (`to_url`). Main class: `BaseConverter`.
 *
 * A converter contributes a `regex` for its part of the path, a `weight` (lower is tried first
 * among dynamic parts: int and float 50, string 100, path 200) and `part_isolating` (false when
 * it can match `/`, as `path` does). `to_python` may raise `ValidationError`: the URL then does not
 * match this rule.
 *
 *     <int:post_id>            \d+          → 5
 *     <float:price>            \d+\.\d+     → 1.5
 *     <string(length=2):lang>  [^/]{2}      → "fr"
 *     <any(en,fr):code>        (?:en|fr)
 *     <uuid:id>                8-4-4-4-12 hex → UUID
 *     <path:rest>              [^/].*?      → "a/b/c"
 */
import { TypeError, ValueError, float, int } from "../../python/builtins";
import { PyFloat } from "../../python/json";
import { py_str } from "../../python/operator";
import { quote } from "../../python/urllib/parse";
import { UUID } from "../../python/uuid";
import type { Map } from "./map";

/** `ValidationError`: raised by `to_python` when a value does not fit; the rule is skipped. */
export class ValidationError extends ValueError {}

/** Python's keyword arguments of a converter, after its positional ones. */
export type ConverterKwargs = Record<string, unknown>;

/** Bind `args` (positional, then an optional trailing kwargs object) to named parameters. */
export function bind_converter_args(cls_name: string, names: string[], defaults: unknown[], args: unknown[], kwargs: ConverterKwargs): unknown[] {
  if (args.length > names.length) throw new TypeError(`${cls_name}.__init__() takes from 2 to ${names.length + 2} positional arguments but ${args.length + 2} were given`);
  const values = names.map((_, i) => (i < args.length ? args[i] : defaults[i]));
  for (const [key, value] of Object.entries(kwargs)) {
    const i = names.indexOf(key);
    if (i < 0) throw new TypeError(`${cls_name}.__init__() got an unexpected keyword argument '${key}'`);
    if (i < args.length) throw new TypeError(`${cls_name}.__init__() got multiple values for argument '${key}'`);
    values[i] = value;
  }
  return values;
}

/** `BaseConverter(map, *args, **kwargs)` */
export class BaseConverter {
  static regex = "[^/]+";
  static weight = 100;
  static part_isolating = true;

  regex: string;
  weight: number;
  part_isolating: boolean;

  constructor(
    readonly map: Map,
    ..._args: unknown[]
  ) {
    const cls = this.constructor as typeof BaseConverter;
    this.regex = cls.regex;
    this.weight = cls.weight;
    // A subclass that sets its own regex containing "/" is not part-isolating unless it says so.
    this.part_isolating = Object.prototype.hasOwnProperty.call(cls, "regex") && !Object.prototype.hasOwnProperty.call(cls, "part_isolating") ? !cls.regex.includes("/") : cls.part_isolating;
  }

  /** URL text → value (here: unchanged). */
  to_python(value: string): unknown {
    return value;
  }

  /** value → URL text, percent-encoded except for the path-segment-safe characters. */
  to_url(value: unknown): string {
    return quote(py_str(value), "!$&'()*+,/:;=@");
  }
}

/** Split a converter's constructor arguments into positional ones and the trailing kwargs. */
function split_args(args: unknown[]): [unknown[], ConverterKwargs] {
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && Object.getPrototypeOf(last) === Object.prototype) return [args.slice(0, -1), last as ConverterKwargs];
  return [args, {}];
}

/** `UnicodeConverter(map, minlength=1, maxlength=None, length=None)`: one path segment (the default). */
export class UnicodeConverter extends BaseConverter {
  constructor(map: Map, ...rest: unknown[]) {
    super(map);
    const [args, kwargs] = split_args(rest);
    const [minlength, maxlength, length] = bind_converter_args("UnicodeConverter", ["minlength", "maxlength", "length"], [1, null, null], args, kwargs);
    let length_regex: string;
    if (length !== null) length_regex = `{${int(length)}}`;
    else length_regex = `{${int(minlength)},${maxlength === null ? "" : String(int(maxlength))}}`;
    this.regex = `[^/]${length_regex}`;
  }
}

/** Escape text for use inside a regular expression (Python's `re.escape`). */
export function re_escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\\-/#&~\s]/g, "\\$&");
}

/** `AnyConverter(map, *items)`: one of the listed values. */
export class AnyConverter extends BaseConverter {
  readonly items: Set<string>;
  constructor(map: Map, ...rest: unknown[]) {
    super(map);
    const [items] = split_args(rest);
    this.items = new Set(items.map((x) => py_str(x)));
    this.regex = `(?:${items.map((x) => re_escape(py_str(x))).join("|")})`;
  }

  override to_url(value: unknown): string {
    if (typeof value === "string" && this.items.has(value)) return value;
    const valid = [...this.items].sort().map((item) => `'${item}'`).join(", ");
    throw new ValueError(`'${py_str(value)}' is not one of ${valid}`);
  }
}

/** `PathConverter`: like the default, but also matches slashes. */
export class PathConverter extends BaseConverter {
  static override part_isolating = false;
  static override regex = "[^/].*?";
  static override weight = 200;
}

/** `NumberConverter`: the base of int and float — fixed digits, min, max, signed. */
export class NumberConverter extends BaseConverter {
  static override weight = 50;
  static num_convert: (value: unknown) => number | bigint = int;
  readonly fixed_digits: number;
  readonly min: number | null;
  readonly max: number | null;
  readonly signed: boolean;

  constructor(map: Map, fixed_digits = 0, min: number | null = null, max: number | null = null, signed = false) {
    super(map);
    if (signed) this.regex = `-?${this.regex}`;
    this.fixed_digits = fixed_digits;
    this.min = min;
    this.max = max;
    this.signed = signed;
  }

  protected num_convert(value: unknown): number | bigint {
    return (this.constructor as typeof NumberConverter).num_convert(value);
  }

  override to_python(value: string): unknown {
    if (this.fixed_digits && value.length !== this.fixed_digits) throw new ValidationError();
    let n: number | bigint;
    try {
      n = this.num_convert(value);
    } catch (e) {
      if (e instanceof ValueError) throw new ValidationError();
      throw e;
    }
    if ((this.min !== null && n < this.min) || (this.max !== null && n > this.max)) throw new ValidationError();
    return n;
  }

  override to_url(value: unknown): string {
    let s = py_str(this.num_convert(value));
    if (this.fixed_digits) s = s.padStart(this.fixed_digits, "0");
    return s;
  }
}

/** `IntegerConverter(map, fixed_digits=0, min=None, max=None, signed=False)`: `<int:page>`. */
export class IntegerConverter extends NumberConverter {
  static override regex = "\\d+";
  constructor(map: Map, ...rest: unknown[]) {
    const [args, kwargs] = split_args(rest);
    const [fixed_digits, min, max, signed] = bind_converter_args("NumberConverter", ["fixed_digits", "min", "max", "signed"], [0, null, null, false], args, kwargs);
    super(map, fixed_digits as number, min as number | null, max as number | null, Boolean(signed));
  }
}

/** `FloatConverter(map, min=None, max=None, signed=False)`: `<float:price>`; an integral value is a float (`5.0`). */
export class FloatConverter extends NumberConverter {
  static override regex = "\\d+\\.\\d+";
  static override num_convert = float;
  constructor(map: Map, ...rest: unknown[]) {
    const [args, kwargs] = split_args(rest);
    const [min, max, signed] = bind_converter_args("FloatConverter", ["min", "max", "signed"], [null, null, false], args, kwargs);
    super(map, 0, min as number | null, max as number | null, Boolean(signed));
  }

  override to_python(value: string): unknown {
    const n = super.to_python(value) as number;
    return Number.isInteger(n) ? new PyFloat(n) : n;
  }

  override to_url(value: unknown): string {
    const n = this.num_convert(value instanceof PyFloat ? value.value : value);
    return py_str(new PyFloat(Number(n)));
  }
}

/** `UUIDConverter`: `<uuid:id>` → `uuid.UUID`. */
export class UUIDConverter extends BaseConverter {
  static override regex = "[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}";
  override to_python(value: string): UUID {
    return new UUID(value);
  }
  override to_url(value: unknown): string {
    return String(value);
  }
}

export type ConverterClass = new (map: Map, ...args: any[]) => BaseConverter;

/** The converters every Map knows. */
export const DEFAULT_CONVERTERS: Record<string, ConverterClass> = {
  default: UnicodeConverter,
  string: UnicodeConverter,
  any: AnyConverter,
  path: PathConverter,
  int: IntegerConverter,
  float: FloatConverter,
  uuid: UUIDConverter,
};
