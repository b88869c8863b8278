/**
 * email.utils: the small pieces of a mail header — dates, message ids, and addresses
 * (`"Name <a@b>"` ↔ `["Name", "a@b"]`). Main functions: `formatdate`, `make_msgid`, `getaddresses`,
 * `formataddr`.
 *
 *   formatdate(0)                            // "Thu, 01 Jan 1970 00:00:00 -0000"
 *   getaddresses(["Ann <a@x.org>, b@x.org"]) // [["Ann", "a@x.org"], ["", "b@x.org"]]
 *   formataddr(["Ann B.", "a@x.org"])        // "\"Ann B.\" <a@x.org>"
 */
import { time } from "../time";

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `formatdate(timeval, localtime=False)`: RFC 2822's date, in UTC written "-0000". */
export function formatdate(timeval: number | null = null): string {
  const d = new Date(Math.floor((timeval ?? time()) * 1000));
  const two = (n: number) => String(n).padStart(2, "0");
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCFullYear()).padStart(4, "0")} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} -0000`;
}

/** `make_msgid(domain=…)`: `<hundredths-of-a-second.pid.random-64-bit@domain>`; the page is process 1. */
export function make_msgid(options: { domain: string; idstring?: string }): string {
  const timeval = Math.floor(time() * 100);
  const random = BigInt(Math.floor(Math.random() * 2 ** 32)) * 2n ** 32n + BigInt(Math.floor(Math.random() * 2 ** 32));
  return `<${timeval}.1.${random}${options.idstring ? "." + options.idstring : ""}@${options.domain}>`;
}

/** Characters that make a display name need quotes. */
const SPECIALS = /[\][\\()<>@,:;".]/;

/** `formataddr((name, address))`: `Name <address>`, the name quoted when it holds specials. */
export function formataddr([name, address]: [string, string]): string {
  if (!name) return address;
  const quote = SPECIALS.test(name) ? '"' : "";
  return `${quote}${quote ? name.replace(/[\\"]/g, "\\$&") : name}${quote} <${address}>`;
}

/**
 * `getaddresses(values)`: each comma-separated address as `[display name, address]`. Commas inside
 * quotes or angle brackets do not separate; quoted names are unquoted. One pass over the text.
 */
export function getaddresses(values: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const value of values) {
    let current = "";
    let quoted = false;
    let angle = false;
    for (let i = 0; i < value.length; i++) {
      const ch = value[i]!;
      if (quoted && ch === "\\" && i + 1 < value.length) {
        current += ch + value[++i];
        continue;
      }
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === "<") angle = true;
      else if (!quoted && ch === ">") angle = false;
      else if (!quoted && !angle && ch === ",") {
        if (current.trim()) out.push(parse_address(current));
        current = "";
        continue;
      }
      current += ch;
    }
    if (current.trim()) out.push(parse_address(current));
  }
  return out;
}

function parse_address(text: string): [string, string] {
  const trimmed = text.trim();
  const open = trimmed.lastIndexOf("<");
  if (!trimmed.endsWith(">") || open < 0) return ["", trimmed];
  let name = trimmed.slice(0, open).trim();
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) name = name.slice(1, -1).replace(/\\(.)/g, "$1");
  return [name, trimmed.slice(open + 1, -1).trim()];
}
