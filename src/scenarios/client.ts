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
import type { CommandResult, HttpRequestMessage, HttpResponseMessage, ManagementCommand, RequestResult, SocketAction, SocketEvent, SocketResult, WebSocketServerEvent } from "../runtime/protocol";
import type { Scenario, ScenarioCheck, ScenarioRequest, ScenarioScriptCheck, ScenarioScriptStep, SocketExpectation } from "./format";
import { json_equal, meets_trace } from "./trace-checks";

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
  /** Which of the scenario's `requests` this is. */
  index?: number;
}

/** Anything that serves requests (and WebSocket steps): HeadlessRuntime, or the worker client on the page. */
export interface RequestSender {
  request(request: HttpRequestMessage): Promise<RequestResult>;
  socket?(action: SocketAction): Promise<SocketResult>;
  /** `call` and `manage` script steps. */
  command?(command: ManagementCommand): Promise<CommandResult>;
}

/** What one `script` step did: the request or socket step it ran, or whether its expectation held. */
export interface ScriptStepOutcome {
  index: number;
  step: ScenarioScriptStep;
  request?: ReplayStep;
  socket?: { action: SocketAction; result: SocketResult };
  expectation?: { passed: boolean; message: string };
  /** A `call` or `manage` step: what the runtime answered. */
  command?: CommandResult;
}

export interface Replay {
  /** Every HTTP request run, in the order they ran (`index` says which of `requests` each is). */
  requests: ReplayStep[];
  /** The script's steps, in order (empty without a script). */
  script: ScriptStepOutcome[];
}

/** Run a scenario's scripted requests in order, carrying one cookie jar through them. */
export async function replay(runtime: RequestSender, scenario: Pick<Scenario, "requests">, jar: CookieJar = new CookieJar()): Promise<ReplayStep[]> {
  return (await replay_all(runtime, { requests: scenario.requests }, jar)).requests;
}

/**
 * Run a scenario: the requests its script does not name, then the script — HTTP requests and
 * WebSocket clients in one order, one cookie jar (a browser's) shared by the requests and the
 * clients' handshakes. Each client's server events queue up until an `expect` step reads them.
 */
export async function replay_all(runtime: RequestSender, scenario: Pick<Scenario, "requests" | "script">, jar: CookieJar = new CookieJar()): Promise<Replay> {
  const script = scenario.script ?? [];
  const named = new Set(script.flatMap((step) => ("request" in step ? [step.request] : [])));
  const out: Replay = { requests: [], script: [] };
  const inbox = new Map<string, WebSocketServerEvent[]>();
  const deliver = (events: SocketEvent[] | undefined) => {
    for (const { client, event } of events ?? []) inbox.set(client, [...(inbox.get(client) ?? []), event]);
  };
  const run_request = async (index: number): Promise<ReplayStep> => {
    const spec = scenario.requests[index];
    const request = build_request(spec, spec.no_cookies ? null : jar);
    const result = await runtime.request(request);
    if (!spec.no_cookies) jar.store_response(result.response);
    deliver(result.socket_events);
    const step: ReplayStep = { request, result, index, ...(spec.note ? { note: spec.note } : {}) };
    out.requests.push(step);
    return step;
  };
  for (let i = 0; i < scenario.requests.length; i++) if (!named.has(i)) await run_request(i);
  for (const [index, step] of script.entries()) {
    if ("request" in step) {
      out.script.push({ index, step, request: await run_request(step.request) });
    } else if ("expect" in step) {
      const events = inbox.get(step.client) ?? [];
      const expectation = meets(step.expect, events);
      out.script.push({ index, step, expectation });
    } else if ("call" in step || "manage" in step) {
      if (!runtime.command) throw new Error("This runtime cannot run project code or manage.py commands.");
      const command: ManagementCommand = "call" in step ? { command: "call", function: step.call } : { command: "manage", argv: step.manage, input: step.input ?? [] };
      out.script.push({ index, step, command: await runtime.command(command) });
    } else {
      if (!runtime.socket) throw new Error("This runtime has no WebSockets.");
      const action = socket_action(step, jar);
      const result = await runtime.socket(action);
      deliver(result.events);
      out.script.push({ index, step, socket: { action, result } });
    }
  }
  return out;
}

/** A script step → the client action: the upgrade request a browser sends, a frame, a close. */
export function socket_action(step: Exclude<ScenarioScriptStep, { request: number } | { expect: SocketExpectation } | { call: string } | { manage: string[] }>, jar: CookieJar | null): SocketAction {
  const client = step.client;
  if ("connect" in step) return { op: "open", client, request: build_upgrade_request(step.connect, step.headers ?? [], step.subprotocols ?? [], step.no_cookies ? null : jar) };
  if ("close" in step) return { op: "close", client, code: step.close, ...(step.reason !== undefined ? { reason: step.reason } : {}) };
  if ("send_bytes" in step) return { op: "send", client, bytes: Uint8Array.from(atob(step.send_bytes), (c) => c.charCodeAt(0)) };
  if ("send_json" in step) return { op: "send", client, text: JSON.stringify(step.send_json) };
  return { op: "send", client, text: step.send };
}

/**
 * The WebSocket handshake a browser sends for `new WebSocket("ws://localhost" + target)`: Host,
 * Origin (the page's own), the upgrade headers, the offered subprotocols and the site's cookies.
 */
export function build_upgrade_request(target: string, extra: [string, string][], subprotocols: string[], jar: CookieJar | null): HttpRequestMessage {
  const headers: [string, string][] = extra.map(([k, v]) => [k, v]);
  const has = (name: string) => headers.some(([k]) => k.toLowerCase() === name);
  const defaults: [string, string][] = [
    ["Host", DEFAULT_HOST],
    ["Origin", `http://${DEFAULT_HOST}`],
    ["Upgrade", "websocket"],
    ["Connection", "Upgrade"],
    ["Sec-WebSocket-Version", "13"],
    ["Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="],
  ];
  const added = defaults.filter(([name]) => !has(name.toLowerCase()));
  if (subprotocols.length && !has("sec-websocket-protocol")) added.push(["Sec-WebSocket-Protocol", subprotocols.join(", ")]);
  const cookie = jar?.header();
  if (cookie && !has("cookie")) added.push(["Cookie", cookie]);
  return { method: "GET", target, headers: [...added, ...headers], body: "" };
}

/** Does the client's next unread event meet the expectation? The event is read (taken) either way. */
export function meets(expected: SocketExpectation, events: WebSocketServerEvent[]): { passed: boolean; message: string } {
  if ("nothing" in expected) return events.length ? { passed: false, message: `expected nothing, got ${describe_event(events[0])}` } : { passed: true, message: "nothing received" };
  const event = events.shift();
  if (!event) return { passed: false, message: "nothing was received" };
  const got = describe_event(event);
  const fail = (what: string) => ({ passed: false, message: `expected ${what}, got ${got}` });
  if ("accepted" in expected) {
    if (event.type !== "accept") return fail("the connection accepted");
    if (expected.subprotocol !== undefined && event.subprotocol !== expected.subprotocol) return fail(`subprotocol ${JSON.stringify(expected.subprotocol)}`);
  } else if ("refused" in expected) {
    if (event.type !== "http_response" || event.response.status !== expected.refused) return fail(`the handshake refused with ${expected.refused}`);
  } else if ("close" in expected) {
    if (event.type !== "close" || event.code !== expected.close || (expected.reason !== undefined && event.reason !== expected.reason)) return fail(`close ${expected.close}${expected.reason !== undefined ? ` "${expected.reason}"` : ""}`);
  } else if ("bytes" in expected) {
    if (event.type !== "bytes" || base64(event.bytes) !== expected.bytes) return fail(`bytes ${expected.bytes}`);
  } else {
    if (event.type !== "text") return fail("a text frame");
    if ("text" in expected && event.text !== expected.text) return fail(JSON.stringify(expected.text));
    if ("text_contains" in expected && !event.text.includes(expected.text_contains)) return fail(`text containing ${JSON.stringify(expected.text_contains)}`);
    if ("json" in expected && !json_equal(parse_json(event.text), expected.json)) return fail(`JSON ${JSON.stringify(expected.json)}`);
  }
  return { passed: true, message: `received ${got}` };
}

/** A server event in a line: `text "hi"`, `close 1000`, `accepted (subprotocol v1)`. */
export function describe_event(event: WebSocketServerEvent): string {
  switch (event.type) {
    case "accept":
      return event.subprotocol ? `accepted (subprotocol ${event.subprotocol})` : "accepted";
    case "text":
      return `text ${JSON.stringify(event.text.length > 200 ? event.text.slice(0, 197) + "..." : event.text)}`;
    case "bytes":
      return `${event.bytes.length} bytes`;
    case "close":
      return `close ${event.code}${event.reason ? ` "${event.reason}"` : ""}`;
    case "http_response":
      return `refused: HTTP ${event.response.status}`;
  }
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function parse_json(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}


export interface CheckOutcome {
  check: ScenarioCheck;
  passed: boolean;
  message: string;
}

/** Evaluate a scenario's checks against a replay (request checks by request index, script checks by step). */
export function run_checks(checks: ScenarioCheck[], steps: ReplayStep[] | Replay): CheckOutcome[] {
  const replayed: Replay = Array.isArray(steps) ? { requests: steps.map((s, i) => ({ ...s, index: s.index ?? i })), script: [] } : steps;
  return checks.map((check) => {
    if ("script" in check) {
      const step = replayed.script.find((s) => s.index === check.script);
      if (step?.command) return check_command(check, step.command);
      const outcome = step?.expectation;
      if (!outcome) return { check, passed: false, message: `script step ${check.script} was not run` };
      return { check, passed: outcome.passed, message: outcome.message };
    }
    const result = replayed.requests.find((s) => s.index === check.request)?.result;
    const response = result?.response;
    if (!result || !response) return { check, passed: false, message: `request ${check.request} was not run` };
    const failures: string[] = [];
    if (check.status !== undefined && response.status !== check.status) failures.push(`status ${response.status}, expected ${check.status}`);
    if (check.body_contains !== undefined && !new TextDecoder().decode(response.body).includes(check.body_contains)) failures.push(`body does not contain ${JSON.stringify(check.body_contains)}`);
    if (check.header) {
      const [name, value] = check.header;
      if (!response.headers.some(([k, v]) => k.toLowerCase() === name.toLowerCase() && v === value)) failures.push(`no header ${name}: ${value}`);
    }
    if (check.trace) failures.push(...meets_trace(result.trace, check.trace).failures);
    if (failures.length && response.status >= 500) failures.push(server_error_of(result));
    return { check, passed: failures.length === 0, message: failures.join("; ") || "ok" };
  });
}

/** A `call` or `manage` step's check: it ran without an exception (and exited 0), printed what is expected, and its trace meets `trace`. */
function check_command(check: ScenarioScriptCheck, result: CommandResult): CheckOutcome {
  if (!result.ok) return { check, passed: false, message: `${result.error.type}: ${result.error.message}${result.error.source ? ` (${result.error.source.file}${result.error.source.line ? `:${result.error.source.line}` : ""})` : ""}` };
  const failures: string[] = [];
  if (result.exit_code) failures.push(`exited with status ${result.exit_code}: ${last_line(result.output)}`);
  if (check.output !== undefined && result.output !== check.output) failures.push(`printed ${JSON.stringify(clip(result.output))}, expected ${JSON.stringify(clip(check.output))}`);
  if (check.output_contains !== undefined && !result.output.includes(check.output_contains)) failures.push(`output does not contain ${JSON.stringify(check.output_contains)}${result.output ? ` (it printed ${JSON.stringify(clip(result.output))})` : " (it printed nothing)"}`);
  if (check.trace) failures.push(...meets_trace(result.trace, check.trace).failures);
  return { check, passed: failures.length === 0, message: failures.join("; ") || (result.output ? `ok: ${clip(last_line(result.output))}` : "ok") };
}

/** Why a server error happened, from its trace: the innermost span that failed. */
function server_error_of(result: RequestResult): string {
  const failed = [...result.trace.spans].reverse().find((s) => s.error);
  return failed?.error ? `the server raised ${failed.error.type}: ${failed.error.message}` : `the server answered ${result.response.status}`;
}

function last_line(text: string): string {
  const lines = text.trimEnd().split("\n");
  return lines[lines.length - 1] ?? "";
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
