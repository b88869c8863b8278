/**
 * The simulated browser: a scripted `ScenarioRequest` → an HTTP request message, with cookies
 * carried between requests the way a browser carries them. Main classes: `CookieJar`; main
 * functions: `build_request`, `replay`.
 *
 * The jar keeps one host's cookies (the lab serves one site): `Set-Cookie` stores a cookie, or
 * deletes it when `Max-Age` is zero or negative or `Expires` is in the past (how Django's
 * `delete_cookie` works); the next request sends `Cookie: a=1; b=2` in the order the cookies were
 * first set.
 */
import type { HttpRequestMessage, HttpResponseMessage, RequestResult } from "../runtime/protocol";
import type { Scenario, ScenarioCheck, ScenarioRequest } from "./format";

/** The Host a browser sends for the simulated site (allowed by DEBUG's default ALLOWED_HOSTS). */
export const DEFAULT_HOST = "localhost";

export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Apply every Set-Cookie header of a response. */
  store_response(response: HttpResponseMessage, now: Date = new Date()): void {
    for (const [name, value] of response.headers) if (name.toLowerCase() === "set-cookie") this.set_cookie(value, now);
  }

  set_cookie(header: string, now: Date = new Date()): void {
    const [pair, ...attributes] = header.split(";");
    const eq = pair.indexOf("=");
    if (eq <= 0) return; // browsers ignore a Set-Cookie without a name
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (is_expired(attributes, now)) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }

  /** The Cookie header value, or null when the jar is empty. */
  header(): string | null {
    if (!this.cookies.size) return null;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  entries(): [string, string][] {
    return [...this.cookies];
  }

  clear(): void {
    this.cookies.clear();
  }
}

/** Max-Age wins over Expires (RFC 6265 §5.3). */
function is_expired(attributes: string[], now: Date): boolean {
  let expires: number | null = null;
  for (const attribute of attributes) {
    const [key, ...rest] = attribute.split("=");
    const name = key.trim().toLowerCase();
    const value = rest.join("=").trim();
    if (name === "max-age" && /^-?\d+$/.test(value)) return Number(value) <= 0;
    if (name === "expires") {
      const time = Date.parse(value);
      if (!Number.isNaN(time)) expires = time;
    }
  }
  return expires !== null && expires <= now.getTime();
}

/** `application/x-www-form-urlencoded`, as a browser encodes a form (space → "+"). */
export function urlencode_form(form: Record<string, string | string[]>): string {
  const encode = (s: string) => encodeURIComponent(s).replace(/%20/g, "+").replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(form)) for (const v of Array.isArray(value) ? value : [value]) pairs.push(`${encode(key)}=${encode(v)}`);
  return pairs.join("&");
}

/** A scripted request → the message a browser would send (Host, form encoding, cookies). */
export function build_request(spec: ScenarioRequest, jar: CookieJar | null): HttpRequestMessage {
  const headers: [string, string][] = (spec.headers ?? []).map(([k, v]) => [k, v]);
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
  if (!has("host")) headers.unshift(["Host", DEFAULT_HOST]);
  let body = spec.body ?? "";
  if (spec.form) {
    body = urlencode_form(spec.form);
    if (!has("content-type")) headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }
  const cookie = jar?.header();
  if (cookie && !has("cookie")) headers.push(["Cookie", cookie]);
  return { method: spec.method, target: spec.target, headers, body };
}

export interface ReplayStep {
  request: HttpRequestMessage;
  result: RequestResult;
  note?: string;
}

/** Anything that serves requests: HeadlessRuntime, or the worker client on the page. */
export interface RequestSender {
  request(request: HttpRequestMessage): Promise<RequestResult>;
}

/** Run a scenario's scripted requests in order, carrying one cookie jar through them. */
export async function replay(runtime: RequestSender, scenario: Pick<Scenario, "requests">, jar: CookieJar = new CookieJar()): Promise<ReplayStep[]> {
  const steps: ReplayStep[] = [];
  for (const spec of scenario.requests) {
    const request = build_request(spec, spec.no_cookies ? null : jar);
    const result = await runtime.request(request);
    if (!spec.no_cookies) jar.store_response(result.response);
    steps.push({ request, result, ...(spec.note ? { note: spec.note } : {}) });
  }
  return steps;
}

export interface CheckOutcome {
  check: ScenarioCheck;
  passed: boolean;
  message: string;
}

/** Evaluate a scenario's checks against the responses of a replay. */
export function run_checks(checks: ScenarioCheck[], steps: ReplayStep[]): CheckOutcome[] {
  return checks.map((check) => {
    const response = steps[check.request]?.result.response;
    if (!response) return { check, passed: false, message: `request ${check.request} was not run` };
    const failures: string[] = [];
    if (check.status !== undefined && response.status !== check.status) failures.push(`status ${response.status}, expected ${check.status}`);
    if (check.body_contains !== undefined && !new TextDecoder().decode(response.body).includes(check.body_contains)) failures.push(`body does not contain ${JSON.stringify(check.body_contains)}`);
    if (check.header) {
      const [name, value] = check.header;
      if (!response.headers.some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v === value)) failures.push(`no header ${name}: ${value}`);
    }
    return { check, passed: failures.length === 0, message: failures.join("; ") || "ok" };
  });
}
