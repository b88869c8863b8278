/**
 * Conformance replayer for the `fastapi` area (FORMAT.md part D): each case builds its app from
 * the spec (fastapi_app.ts), runs the lifespan, sends the requests in order through the ASGI
 * gateway as Starlette's TestClient sends them (its default headers, a cookie jar, JSON bodies
 * with `content-type: application/json`), and compares each response — status, headers as a
 * multiset, the exact body (or the JSON value for `compare: "json"`, the content type and the
 * mentioned URLs for `compare: "html"`) — and the app's `LOG` when recorded.
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { first_difference, show } from "../compare";
import { Lifespan, serve_asgi } from "../../gateway/asgi";
import type { HttpRequestMessage, HttpResponseMessage } from "../../gateway/exchange";
import { freeze_time } from "../../frameworks/python/time";
import { build_app } from "./fastapi_app";

type Spec = Record<string, any>;

const FROZEN_NOW = 1735689600; // the recordings froze http.cookies' clock at 2025-01-01T00:00:00Z
const HTML_PROBES = ["/openapi.json", "/api/v1/openapi.json", "swagger-ui", "redoc", "oauth2-redirect"];

/** Starlette's TestClient (httpx) cookie jar: Set-Cookie stores, Max-Age=0 deletes. */
class CookieJar {
  readonly cookies = new Map<string, string>();

  update(headers: [string, string][]): void {
    for (const [name, value] of headers) {
      if (name.toLowerCase() !== "set-cookie") continue;
      const [pair, ...attrs] = value.split(";");
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      const key = pair.slice(0, eq).trim();
      let val = pair.slice(eq + 1).trim();
      if (val.length >= 2 && val.startsWith('"') && val.endsWith('"')) val = val.slice(1, -1);
      const expired = attrs.some((a) => /^\s*max-age\s*=\s*(0|-\d+)\s*$/i.test(a));
      if (expired) this.cookies.delete(key);
      else this.cookies.set(key, val);
    }
  }

  header(): string | null {
    if (!this.cookies.size) return null;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

const DEFAULT_HEADERS: [string, string][] = [
  ["host", "testserver"],
  ["accept", "*/*"],
  ["accept-encoding", "gzip, deflate"],
  ["connection", "keep-alive"],
  ["user-agent", "testclient"],
];

/** The request as httpx sends it: default headers (those the request does not set), the request's, content-length. */
export function client_request(req: Spec, jar: CookieJar): HttpRequestMessage {
  const headers: [string, string][] = (req.headers ?? []).map(([k, v]: [string, string]) => [k, v]);
  if (req.cookies) headers.push(["cookie", Object.entries(req.cookies).map(([k, v]) => `${k}=${v}`).join("; ")]);
  let body = "";
  if ("json" in req) {
    body = req.json_text;
    headers.push(["content-type", "application/json"]);
  } else if ("body" in req) {
    body = req.body;
    if (req.content_type !== null && req.content_type !== undefined) headers.push(["content-type", req.content_type]);
  }
  const given = new Set(headers.map(([k]) => k.toLowerCase()));
  const all: [string, string][] = [...DEFAULT_HEADERS.filter(([k]) => !given.has(k)), ...headers];
  const jar_cookie = jar.header();
  if (jar_cookie && !given.has("cookie")) all.push(["cookie", jar_cookie]);
  if ("json" in req || "body" in req) all.push(["content-length", String(new TextEncoder().encode(body).length)]);
  return { method: req.method ?? "GET", target: req.url, headers: all, body, remote_addr: "testclient", remote_port: 50000 };
}

function has_set_type(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(has_set_type);
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(([k, v]) => k === "set" || k === "__set__" || has_set_type(v));
}

/** JSON values equal, arrays compared as multisets (for values that came from Python sets). */
function json_equal_unordered(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const rest = [...b];
    for (const x of a) {
      const i = rest.findIndex((y) => json_equal_unordered(x, y));
      if (i < 0) return false;
      rest.splice(i, 1);
    }
    return true;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => k in (b as object) && json_equal_unordered((a as Spec)[k], (b as Spec)[k]));
  }
  return Object.is(a, b) || a === b;
}

function headers_multiset(headers: [string, string][]): string[] {
  return headers.map(([k, v]) => `${k.toLowerCase()}: ${v}`).sort();
}

/** Compare one response with its recording. */
function compare_response(actual: HttpResponseMessage, expected: Spec, req: Spec, unordered_sets: boolean): string | null {
  if (actual.status !== expected.status) return `status: expected ${expected.status}, got ${actual.status} (${show(new TextDecoder().decode(actual.body))})`;
  // A docs page's HTML (and so its length) is informational: its status and content type are not.
  const kept = (headers: [string, string][]) => (req.compare === "html" ? headers.filter(([k]) => k.toLowerCase() !== "content-length") : headers);
  const ha = headers_multiset(kept(actual.headers));
  const he = headers_multiset(kept(expected.headers));
  if (ha.join("\n") !== he.join("\n")) {
    // A different length means a different body: say how the body differs, the more useful message.
    const body_first = ha.filter((h) => !h.startsWith("content-length:")).join("\n") === he.filter((h) => !h.startsWith("content-length:")).join("\n");
    const body_message = body_first ? compare_body(actual, expected, req, unordered_sets) : null;
    return `headers: expected ${show(he)}, got ${show(ha)}${body_message ? `; ${body_message}` : ""}`;
  }
  return compare_body(actual, expected, req, unordered_sets);
}

function compare_body(actual: HttpResponseMessage, expected: Spec, req: Spec, unordered_sets: boolean): string | null {
  const text = new TextDecoder().decode(actual.body);
  if (req.compare === "html") {
    const mentions = HTML_PROBES.filter((p) => text.includes(p));
    const d = first_difference(mentions, expected.html_mentions);
    return d ? `html_mentions ${d}` : null;
  }
  if ("body_hex" in expected) {
    const hex = [...actual.body].map((b) => b.toString(16).padStart(2, "0")).join("");
    return hex === expected.body_hex ? null : `body_hex: expected ${expected.body_hex}, got ${hex}`;
  }
  if (req.compare === "json" || !("body" in expected)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return `body is not JSON: ${show(text)}`;
    }
    if (json_equal_unordered(parsed, expected.json)) return null;
    return `json ${first_difference(parsed, expected.json)}`;
  }
  if (text === expected.body) return null;
  if (unordered_sets && "json" in expected) {
    try {
      if (json_equal_unordered(JSON.parse(text), expected.json)) return null;
    } catch {
      /* fall through */
    }
  }
  return `body: expected ${show(expected.body)}, got ${show(text)}`;
}

export async function replay_case(input: Spec, expect: Spec): Promise<CaseResult> {
  freeze_time(FROZEN_NOW);
  try {
    const { app, LOG } = build_app(input.app);
    const lifespan = new Lifespan(app.asgi);
    await lifespan.startup();
    const jar = new CookieJar();
    const unordered = has_set_type(input.app);
    for (let i = 0; i < input.requests.length; i++) {
      const req = input.requests[i];
      const response = await serve_asgi(app.asgi, client_request(req, jar));
      jar.update(response.headers);
      const diff = compare_response(response, expect.responses[i], req, unordered);
      if (diff) return { passed: false, message: `request ${i} (${req.method} ${req.url}): ${diff}` };
    }
    await lifespan.shutdown();
    if (input.record_log) {
      const d = first_difference(LOG, expect.log);
      if (d) return { passed: false, message: `LOG ${d}` };
    }
    return { passed: true, message: "ok" };
  } finally {
    freeze_time(null);
  }
}

export const replayer: AreaReplayer = {
  prepare(_file: CorpusFile) {
    return (c: CorpusCase) => replay_case(c.input, c.expect);
  },
};
