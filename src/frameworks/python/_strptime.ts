/**
 * Python's `datetime.strptime(text, format)` and `strftime(format)`: text ↔ datetime by a `%` format.
 *
 * Only the directives Django's input formats use: %Y %y %m %d %b %B %H %I %M %S %f %p %z %%.
 * As in Python, `\d` in a directive matches any Unicode decimal digit ("２０２４" is a %Y, but "０1"
 * is no %m, whose pattern spells its digits out), whitespace in the format matches any run of
 * whitespace, the whole text must be consumed ("unconverted data remains" otherwise) and
 * out-of-range parts raise ValueError.
 */
import { ValueError } from "./builtins";
import { datetime, date, time } from "./datetime";
import { ascii_digits } from "./unicodedata";

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

const DIRECTIVES: Record<string, string> = {
  Y: "(?<Y>\\d\\d\\d\\d)",
  y: "(?<y>\\d\\d)",
  m: "(?<m>1[0-2]|0[1-9]|[1-9])",
  d: "(?<d>3[01]|[12]\\d|0[1-9]|[1-9]| [1-9])",
  H: "(?<H>2[0-3]|[0-1]\\d|\\d)",
  I: "(?<I>1[0-2]|0[1-9]|[1-9])",
  M: "(?<M>[0-5]\\d|\\d)",
  S: "(?<S>6[0-1]|[0-5]\\d|\\d)",
  f: "(?<f>[0-9]{1,6})",
  p: "(?<p>am|pm)",
  b: `(?<b>${MONTHS.map((m) => m.slice(0, 3)).join("|")})`,
  B: `(?<B>${MONTHS.join("|")})`,
  "%": "%",
};

const cache = new Map<string, RegExp>();

function format_regex(format: string): RegExp {
  let re = cache.get(format);
  if (re) return re;
  let out = "";
  for (let i = 0; i < format.length; i++) {
    const ch = format[i];
    if (ch === "%" && i + 1 < format.length) {
      const d = DIRECTIVES[format[++i]];
      if (d === undefined) throw new ValueError(`'${format[i]}' is a bad directive in format '${format}'`);
      out += d;
    } else if (/\s/.test(ch)) {
      out += "\\s+";
      while (i + 1 < format.length && /\s/.test(format[i + 1])) i++;
    } else out += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  re = new RegExp(`^${out.replaceAll("\\d", "\\p{Nd}")}$`, "iu");
  cache.set(format, re);
  return re;
}

/** `datetime.strptime(text, format)`; ValueError when the text does not match or names an impossible date. */
export function strptime(text: string, format: string): datetime {
  const m = format_regex(format).exec(text);
  if (!m) throw new ValueError(`time data '${text}' does not match format '${format}'`);
  const g = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, v === undefined ? v : ascii_digits(v)]));
  let year = 1900;
  if (g.Y) year = Number(g.Y);
  else if (g.y) year = Number(g.y) + (Number(g.y) < 69 ? 2000 : 1900);
  let month = 1;
  if (g.m) month = Number(g.m);
  else if (g.b) month = MONTHS.findIndex((n) => n.startsWith(g.b.toLowerCase())) + 1;
  else if (g.B) month = MONTHS.indexOf(g.B.toLowerCase()) + 1;
  let hour = g.H ? Number(g.H) : 0;
  if (g.I) hour = (Number(g.I) % 12) + (g.p && g.p.toLowerCase() === "pm" ? 12 : 0);
  const us = g.f ? Number(g.f.padEnd(6, "0")) : 0;
  const day = g.d ? Number(g.d.trim()) : 1;
  return new datetime(year, month, day, hour, g.M ? Number(g.M) : 0, g.S ? Number(g.S) : 0, us);
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `value.strftime(format)` for dates, datetimes and times. */
export function strftime(value: date | time, format: string): string {
  const d = value as Partial<datetime>;
  return format.replace(/%(.)/g, (_m, c: string) => {
    switch (c) {
      case "Y":
        return pad(d.year ?? 1900, 4);
      case "y":
        return pad((d.year ?? 1900) % 100);
      case "m":
        return pad(d.month ?? 1);
      case "d":
        return pad(d.day ?? 1);
      case "b":
        return MONTHS[(d.month ?? 1) - 1].slice(0, 3).replace(/^./, (x) => x.toUpperCase());
      case "B":
        return MONTHS[(d.month ?? 1) - 1].replace(/^./, (x) => x.toUpperCase());
      case "H":
        return pad(d.hour ?? 0);
      case "I":
        return pad(((d.hour ?? 0) + 11) % 12 + 1);
      case "p":
        return (d.hour ?? 0) < 12 ? "AM" : "PM";
      case "M":
        return pad(d.minute ?? 0);
      case "S":
        return pad(d.second ?? 0);
      case "f":
        return pad(d.microsecond ?? 0, 6);
      case "%":
        return "%";
      default:
        return `%${c}`;
    }
  });
}
