/**
 * Python's two string-formatting languages: printf-style `"%s: %.2f" % (a, b)` and
 * `"{0}: {x:>5}".format(a, x=b)` with the format-spec mini-language (`format(value, spec)`).
 *
 *   percent_format("%.2f", 2.5)                 // "2.50"
 *   percent_format("%(n)s!", { n: "hi" })      // "hi!"
 *   str_format("{:>4}|{name}", [7], { name: "x" })   // "   7|x"
 */
import { IndexError, KeyError, TypeError, ValueError, py_float_str, py_repr } from "./builtins";
import { PyFloat } from "./json";
import { is_dict, py_str, type_name } from "./operator";
import { PyTuple } from "./tuple";

function as_number(v: unknown, conv: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  if (typeof v === "bigint") return Number(v);
  const custom = v as { __float__?: () => number } | null;
  if (custom && typeof custom.__float__ === "function") return custom.__float__();
  if (conv === "d" || conv === "i" || conv === "x" || conv === "X" || conv === "o" || conv === "c")
    throw new TypeError(`%${conv} format: an integer is required, not ${type_name(v)}`);
  throw new TypeError(`must be real number, not ${type_name(v)}`);
}

/** `%e`-style exponent with at least two digits, as C and Python print it. */
function exp_text(x: number, precision: number, upper: boolean): string {
  const [m, e] = x.toExponential(precision).split("e");
  const sign = e[0] === "-" ? "-" : "+";
  const digits = e.replace(/^[+-]/, "").padStart(2, "0");
  const out = `${m}e${sign}${digits}`;
  return upper ? out.toUpperCase() : out;
}

function non_finite(x: number, upper: boolean): string | null {
  if (Number.isNaN(x)) return upper ? "NAN" : "nan";
  if (!Number.isFinite(x)) return (x < 0 ? "-" : "") + (upper ? "INF" : "inf");
  return null;
}

/** `%g` / `:g`: fixed or exponent notation by magnitude, trailing zeros removed unless `#`. */
function general_text(x: number, precision: number, upper: boolean, alternate: boolean): string {
  const p = precision === 0 ? 1 : precision;
  if (x === 0) return alternate ? (0).toFixed(p - 1) : "0";
  const exp = Number(x.toExponential(p - 1).split("e")[1]);
  let out = exp >= -4 && exp < p ? x.toFixed(Math.max(0, p - 1 - exp)) : exp_text(x, p - 1, upper);
  if (!alternate) {
    if (out.includes("e") || out.includes("E")) {
      const [m, e] = out.split(/(?=[eE])/);
      out = (m.includes(".") ? m.replace(/\.?0+$/, "") : m) + e;
    } else if (out.includes(".")) out = out.replace(/\.?0+$/, "");
  }
  return out;
}

/** Round half to even for `toFixed`, which rounds the binary value (as Python does) already. */
function fixed_text(x: number, precision: number): string {
  return x.toFixed(Math.min(100, precision));
}

function int_text(v: unknown, conv: string): string {
  const n = typeof v === "bigint" ? v : BigInt(Math.trunc(as_number(v, conv)));
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits: string;
  if (conv === "x") digits = abs.toString(16);
  else if (conv === "X") digits = abs.toString(16).toUpperCase();
  else if (conv === "o") digits = abs.toString(8);
  else if (conv === "b") digits = abs.toString(2);
  else digits = abs.toString();
  return (neg ? "-" : "") + digits;
}

function pad(body: string, width: number, left: boolean, zero: boolean): string {
  if (body.length >= width) return body;
  if (left) return body.padEnd(width);
  if (zero) {
    const sign = /^[+\- ]/.test(body) ? body[0] : "";
    const rest = sign ? body.slice(1) : body;
    const prefix = /^0[xXob]/.test(rest) ? rest.slice(0, 2) : "";
    return sign + prefix + rest.slice(prefix.length).padStart(width - sign.length - prefix.length, "0");
  }
  return body.padStart(width);
}

function convert_percent(value: unknown, conv: string, flags: string, precision: number | null): string {
  const upper = conv === conv.toUpperCase() && conv !== "c";
  const signed = (body: string, negative: boolean) => (negative ? body : flags.includes("+") ? "+" + body : flags.includes(" ") ? " " + body : body);
  switch (conv) {
    case "s": {
      const s = py_str(value);
      return precision === null ? s : s.slice(0, precision);
    }
    case "r":
    case "a": {
      const s = py_repr(value);
      return precision === null ? s : s.slice(0, precision);
    }
    case "c":
      return typeof value === "string" ? value : String.fromCodePoint(as_number(value, conv));
    case "d":
    case "i":
    case "u":
    case "x":
    case "X":
    case "o": {
      const t = int_text(value, conv === "u" || conv === "i" ? "d" : conv);
      const alt = flags.includes("#") && (conv === "x" || conv === "X" || conv === "o") ? (conv === "o" ? "0o" : conv === "x" ? "0x" : "0X") : "";
      const neg = t.startsWith("-");
      return signed((neg ? "-" : "") + alt + (neg ? t.slice(1) : t), neg);
    }
    case "f":
    case "F":
    case "e":
    case "E":
    case "g":
    case "G": {
      const x = as_number(value, conv);
      const special = non_finite(x, upper);
      if (special) return signed(special, x < 0);
      const p = precision ?? 6;
      const lower = conv.toLowerCase();
      const body = lower === "f" ? fixed_text(x, p) : lower === "e" ? exp_text(x, p, upper) : general_text(x, p, upper, flags.includes("#"));
      return signed(body, body.startsWith("-"));
    }
  }
  throw new ValueError(`unsupported format character '${conv}' (0x${conv.charCodeAt(0).toString(16)})`);
}

/** `format % args` (printf-style). `args` is one value, a tuple of values, or a dict for `%(name)s`. */
export function percent_format(format: string, args: unknown): string {
  const positional: unknown[] = args instanceof PyTuple ? [...args] : [args];
  const mapping = is_dict(args) || args instanceof Map ? args : null;
  let index = 0;
  let used_mapping = false;
  let out = "";
  let i = 0;
  const next = (): unknown => {
    if (index >= positional.length) throw new TypeError("not enough arguments for format string");
    return positional[index++];
  };
  while (i < format.length) {
    const pct = format.indexOf("%", i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    let key: string | null = null;
    if (format[i] === "(") {
      const close = format.indexOf(")", i);
      if (close < 0) throw new ValueError("incomplete format key");
      key = format.slice(i + 1, close);
      i = close + 1;
    }
    let flags = "";
    while ("-+ #0".includes(format[i] ?? "x")) flags += format[i++];
    let width = 0;
    if (format[i] === "*") {
      width = Number(next());
      i++;
    } else while (/[0-9]/.test(format[i] ?? "")) width = width * 10 + Number(format[i++]);
    let precision: number | null = null;
    if (format[i] === ".") {
      i++;
      precision = 0;
      if (format[i] === "*") {
        precision = Number(next());
        i++;
      } else while (/[0-9]/.test(format[i] ?? "")) precision = precision * 10 + Number(format[i++]);
    }
    while ("hlL".includes(format[i] ?? "x")) i++;
    const conv = format[i++];
    if (conv === undefined) throw new ValueError("incomplete format");
    if (conv === "%") {
      out += "%";
      continue;
    }
    let value: unknown;
    if (key !== null) {
      if (!mapping) throw new TypeError("format requires a mapping");
      used_mapping = true;
      const m = mapping as Record<string, unknown> | Map<unknown, unknown>;
      if (m instanceof Map ? !m.has(key) : !Object.prototype.hasOwnProperty.call(m, key)) throw new KeyError(key);
      value = m instanceof Map ? m.get(key) : m[key];
    } else value = next();
    out += pad(convert_percent(value, conv, flags, precision), width, flags.includes("-"), flags.includes("0") && !"sr".includes(conv));
  }
  if (!used_mapping && index < positional.length && !(mapping && index === 0)) throw new TypeError("not all arguments converted during string formatting");
  return out;
}

// ------------------------------------------------------------------------------------------
// str.format and format(value, spec)

interface Spec {
  fill: string;
  align: string;
  sign: string;
  alternate: boolean;
  zero: boolean;
  width: number;
  grouping: string;
  precision: number | null;
  type: string;
}

function parse_spec(spec: string): Spec {
  const m = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s.exec(spec);
  if (!m) throw new ValueError("Invalid format specifier");
  return { fill: m[1] ?? (m[5] && !m[2] ? "0" : " "), align: m[2] ?? (m[5] ? "=" : ""), sign: m[3] ?? "-", alternate: !!m[4], zero: !!m[5], width: m[6] ? Number(m[6]) : 0, grouping: m[7] ?? "", precision: m[8] !== undefined ? Number(m[8]) : null, type: m[9] ?? "" };
}

function group(int_part: string, sep: string): string {
  if (!sep) return int_part;
  return int_part.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function align_text(body: string, spec: Spec, default_align: string): string {
  const width = spec.width;
  if (body.length >= width) return body;
  const align = spec.align || default_align;
  const fill = spec.fill;
  const n = width - body.length;
  if (align === "<") return body + fill.repeat(n);
  if (align === ">") return fill.repeat(n) + body;
  if (align === "^") return fill.repeat(Math.floor(n / 2)) + body + fill.repeat(n - Math.floor(n / 2));
  const sign = /^[+\- ]/.test(body) ? body[0] : "";
  return sign + fill.repeat(n) + body.slice(sign.length);
}

/** `format(value, spec)`: the format-spec mini-language for str, int and float. */
export function format_value(value: unknown, spec: string): string {
  const custom = value as { __format__?: (s: string) => string } | null;
  if (custom && typeof custom === "object" && typeof custom.__format__ === "function") return custom.__format__(spec);
  if (spec === "") return py_str(value);
  const s = parse_spec(spec);
  const numeric = typeof value === "number" || typeof value === "boolean" || value instanceof PyFloat || typeof value === "bigint";
  if (!numeric) {
    if (s.type && s.type !== "s") throw new ValueError(`Unknown format code '${s.type}' for object of type '${type_name(value)}'`);
    let text = py_str(value);
    if (s.precision !== null) text = text.slice(0, s.precision);
    return align_text(text, s, "<");
  }
  const x = value instanceof PyFloat ? value.value : typeof value === "boolean" ? (value ? 1 : 0) : Number(value);
  const is_float = value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
  let type = s.type;
  if (!type) type = is_float ? (s.precision === null ? "" : "g") : "d";
  let body: string;
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  switch (type) {
    case "d":
    case "n":
      if (is_float) throw new ValueError(`Unknown format code 'd' for object of type 'float'`);
      body = group(typeof value === "bigint" ? (value < 0n ? -value : value).toString() : String(ax), s.grouping);
      break;
    case "b":
    case "o":
    case "x":
    case "X":
      body = (s.alternate ? (type === "X" ? "0X" : "0" + type) : "") + int_text(ax, type);
      break;
    case "c":
      body = String.fromCodePoint(ax);
      break;
    case "f":
    case "F": {
      const t = fixed_text(ax, s.precision ?? 6);
      const [ip, fp] = t.split(".");
      body = group(ip, s.grouping) + (fp !== undefined ? "." + fp : s.alternate ? "." : "");
      break;
    }
    case "e":
    case "E":
      body = exp_text(ax, s.precision ?? 6, type === "E");
      break;
    case "g":
    case "G":
      body = general_text(ax, s.precision ?? 6, type === "G", s.alternate);
      break;
    case "%":
      body = fixed_text(ax * 100, s.precision ?? 6) + "%";
      break;
    default:
      body = is_float ? py_float_str(ax) : String(ax);
  }
  const sign = neg && !(x === 0 && !is_float) ? "-" : s.sign === "+" ? "+" : s.sign === " " ? " " : "";
  return align_text(sign + body, s, ">");
}

function lookup_field(field: string, args: unknown[], kwargs: Record<string, unknown>, auto: { n: number }): unknown {
  const m = /^([^.[]*)(.*)$/s.exec(field)!;
  let value: unknown;
  const head = m[1];
  if (head === "") {
    if (auto.n < 0) throw new ValueError("cannot switch from manual field specification to automatic field numbering");
    const i = auto.n++;
    if (i >= args.length) throw new IndexError(`Replacement index ${i} out of range for positional args tuple`);
    value = args[i];
  } else if (/^\d+$/.test(head)) {
    if (auto.n > 0) throw new ValueError("cannot switch from automatic field numbering to manual field specification");
    auto.n = -1;
    const i = Number(head);
    if (i >= args.length) throw new IndexError(`Replacement index ${i} out of range for positional args tuple`);
    value = args[i];
  } else {
    if (!Object.prototype.hasOwnProperty.call(kwargs, head)) throw new KeyError(head);
    value = kwargs[head];
  }
  const rest = m[2];
  const re = /\.([^.[]+)|\[([^\]]+)\]/g;
  let part: RegExpExecArray | null;
  while ((part = re.exec(rest))) {
    const obj = value as Record<string, unknown>;
    if (part[1] !== undefined) value = obj?.[part[1]];
    else {
      const key = /^\d+$/.test(part[2]) ? Number(part[2]) : part[2];
      value = obj instanceof Map ? obj.get(key) : obj?.[key as string];
    }
  }
  return value;
}

/** `format.format(*args, **kwargs)` */
export function str_format(format: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}): string {
  let out = "";
  let i = 0;
  const auto = { n: 0 };
  while (i < format.length) {
    const ch = format[i];
    if (ch === "{") {
      if (format[i + 1] === "{") {
        out += "{";
        i += 2;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      while (j < format.length && depth) {
        if (format[j] === "{") depth++;
        else if (format[j] === "}") depth--;
        j++;
      }
      if (depth) throw new ValueError("expected '}' before end of string");
      const inner = format.slice(i + 1, j - 1);
      const m = /^([^!:]*)(?:!([rsa]))?(?::(.*))?$/s.exec(inner);
      if (!m) throw new ValueError("unmatched '{' in format spec");
      let value = lookup_field(m[1], args, kwargs, auto);
      if (m[2] === "r" || m[2] === "a") value = py_repr(value);
      else if (m[2] === "s") value = py_str(value);
      const spec = (m[3] ?? "").replace(/\{([^}]*)\}/g, (_, f: string) => py_str(lookup_field(f, args, kwargs, auto)));
      out += format_value(value, spec);
      i = j;
    } else if (ch === "}") {
      if (format[i + 1] !== "}") throw new ValueError("Single '}' encountered in format string");
      out += "}";
      i += 2;
    } else {
      const next = format.slice(i).search(/[{}]/);
      const end = next < 0 ? format.length : i + next;
      out += format.slice(i, end);
      i = end;
    }
  }
  return out;
}
