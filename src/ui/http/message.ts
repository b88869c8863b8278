/**
 * What the browser pane edits (a request draft) → the HTTP request message the runtime serves,
 * and an HTTP response message → what the response tabs show (text, content type, size).
 */
import type { HttpRequestMessage, HttpResponseMessage } from "../../runtime/protocol";

export const ORIGIN = { scheme: "http" as const, host: "localhost", port: 8000 };
export const HOST_HEADER = `${ORIGIN.host}:${ORIGIN.port}`;

export type BodyMode = "none" | "form" | "json" | "raw";

/** One editable row (a header or a form field); unchecked rows are kept but not sent. */
export interface Row {
  name: string;
  value: string;
  enabled: boolean;
}

export interface RequestDraft {
  method: string;
  /** Origin-form target, e.g. `/hello/?name=Ada`. */
  target: string;
  headers: Row[];
  bodyMode: BodyMode;
  form: Row[];
  json: string;
  raw: string;
  rawContentType: string;
}

export function emptyDraft(target = "/"): RequestDraft {
  return { method: "GET", target, headers: [], bodyMode: "none", form: [], json: "{\n  \n}", raw: "", rawContentType: "text/plain" };
}

/** `application/x-www-form-urlencoded`, as browsers (and Python's urlencode) write it. */
export function encodeForm(fields: [string, string][]): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return fields.map(([k, v]) => `${enc(k)}=${enc(v)}`).join("&");
}

/** Normalise what a user typed in the Address bar to an origin-form target. */
export function normaliseTarget(input: string): string {
  let t = input.trim();
  const absolute = /^https?:\/\/[^/]+(.*)$/i.exec(t);
  if (absolute) t = absolute[1] || "/";
  if (!t.startsWith("/")) t = "/" + t;
  return t;
}

function bodyOf(draft: RequestDraft): { body: string; contentType: string | null } {
  switch (draft.bodyMode) {
    case "none":
      return { body: "", contentType: null };
    case "form":
      return { body: encodeForm(draft.form.filter((r) => r.enabled && r.name).map((r) => [r.name, r.value])), contentType: "application/x-www-form-urlencoded" };
    case "json":
      return { body: draft.json, contentType: "application/json" };
    case "raw":
      return { body: draft.raw, contentType: draft.rawContentType || null };
  }
}

/** The draft as the message the simulated server receives (Host and Content-Type filled in). */
export function draftToMessage(draft: RequestDraft, cookieHeader: string | null): HttpRequestMessage {
  const method = draft.method.toUpperCase();
  const { body, contentType } = method === "GET" || method === "HEAD" ? { body: "", contentType: null } : bodyOf(draft);
  const headers: [string, string][] = [["Host", HOST_HEADER]];
  const own = draft.headers.filter((r) => r.enabled && r.name.trim()).map((r) => [r.name.trim(), r.value] as [string, string]);
  const has = (name: string) => own.some(([n]) => n.toLowerCase() === name);
  if (contentType && !has("content-type")) headers.push(["Content-Type", contentType]);
  if (cookieHeader && !has("cookie")) headers.push(["Cookie", cookieHeader]);
  headers.push(...own);
  return { method, target: normaliseTarget(draft.target), headers, body, scheme: ORIGIN.scheme, server_name: ORIGIN.host, server_port: ORIGIN.port, remote_addr: "127.0.0.1" };
}

export function header(headers: [string, string][], name: string): string | null {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return null;
}

export function bodyText(body: Uint8Array | string): string {
  return typeof body === "string" ? body : new TextDecoder("utf-8", { fatal: false }).decode(body);
}

export function bodyBytes(body: Uint8Array | string): number {
  return typeof body === "string" ? new TextEncoder().encode(body).length : body.length;
}

/** `text/html; charset=utf-8` → `text/html`. */
export function mediaType(response: HttpResponseMessage): string {
  return (header(response.headers, "content-type") ?? "").split(";")[0].trim().toLowerCase();
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 100) return `${ms.toFixed(1)} ms`;
  if (ms < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Where a redirect points, as an origin-form target on our host, or null when it leaves the site. */
export function resolveLocation(location: string, base: string): string | null {
  try {
    const url = new URL(location, `${ORIGIN.scheme}://${HOST_HEADER}${base}`);
    if (url.host !== HOST_HEADER && url.hostname !== ORIGIN.host) return null;
    return url.pathname + url.search;
  } catch {
    return null;
  }
}
