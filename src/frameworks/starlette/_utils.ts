/**
 * starlette._utils: small helpers the other modules share — `is_async_callable` (run it, or send
 * it to the threadpool?), `get_route_path` (the path below the mount point) and
 * `parse_host_header` (the Host header as host and port, or None when it could change the URL).
 */
import type { Scope } from "./types";

/** Python's `asyncio.iscoroutinefunction`: an `async function` (or an object whose `__call__` is one). */
export function is_async_callable(obj: unknown): boolean {
  if (typeof obj === "function") return is_async_function(obj) || (typeof (obj as { __call__?: unknown }).__call__ === "function" && is_async_function((obj as unknown as { __call__: Function }).__call__));
  if (obj !== null && typeof obj === "object") {
    const call = (obj as { __call__?: unknown }).__call__;
    return typeof call === "function" && is_async_function(call);
  }
  return false;
}

function is_async_function(fn: Function): boolean {
  const name = fn.constructor?.name;
  return name === "AsyncFunction" || name === "AsyncGeneratorFunction";
}

/** The scope's path below its `root_path` (what a route matches against). */
export function get_route_path(scope: Scope): string {
  const path: string = scope.path;
  const root_path: string = scope.root_path ?? "";
  if (!root_path) return path;
  if (!path.startsWith(root_path)) return path;
  if (path === root_path) return "";
  if (path[root_path.length] === "/") return path.slice(root_path.length);
  return path;
}

export class ParsedHost {
  constructor(
    readonly host: string,
    readonly port: string | null,
  ) {}

  get authority(): string {
    return this.port === null ? this.host : `${this.host}:${this.port}`;
  }

  get is_valid_port(): boolean {
    if (this.port === null) return true;
    const port = this.port.replace(/^0+/, "");
    return port.length <= 5 && Number(port || "0") <= 65535;
  }
}

// Characters that could make a Host header change the URL's path or authority are refused.
const HOST_RE = /^(?<host>[a-z0-9._~%!$&'()*+,;=-]+|\[(?:(?<ipv6>[a-f0-9]*:[a-f0-9.:]+)|[vV][a-f0-9]+\.[a-z0-9._~!$&'()*+,;=:-]+)\])(?::(?<port>[0-9]+))?$/i;

/** `example.com:8000` → ParsedHost("example.com", "8000"); None for a header that is not a plain host. */
export function parse_host_header(host_header: string | null | undefined): ParsedHost | null {
  if (host_header === null || host_header === undefined) return null;
  const m = HOST_RE.exec(host_header);
  if (!m) return null;
  if (m.groups!.ipv6 !== undefined && !is_ipv6(m.groups!.ipv6)) return null;
  return new ParsedHost(m.groups!.host, m.groups!.port ?? null);
}

function is_ipv6(text: string): boolean {
  const [head, tail] = text.includes("::") ? text.split("::", 2) : [text, null];
  if (text.split("::").length > 2) return false;
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const parts = [...groups(head), ...(tail === null ? [] : groups(tail))];
  const last = parts[parts.length - 1];
  const v4 = last !== undefined && last.includes(".");
  if (v4 && !/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(last)) return false;
  const hex = v4 ? parts.slice(0, -1) : parts;
  if (!hex.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return false;
  const size = hex.length + (v4 ? 2 : 0);
  return tail === null ? size === 8 : size < 8;
}

/**
 * Python's keyword arguments in a call (ADR 0014): a plain object whose keys are all parameter
 * names of the call — `new HTTPException({ status_code: 404 })` — as opposed to a value passed
 * positionally (a dict of content, a detail).
 */
export function is_keyword_object(value: unknown, names: ReadonlySet<string>): value is Record<string, any> {
  if (value === null || typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => names.has(k));
}
