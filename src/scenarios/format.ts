/**
 * Scenario format v1 ("framework-lab/scenario@1"): untrusted JSON → a validated `Scenario`.
 *
 * A scenario is a small project (files by path), how to serve it (`entry`), and a scripted
 * sequence of requests. Built-in lessons, permalinks, downloads and the CLI all use this one
 * format; docs/scenario-format.md is its reference. Scenarios come from strangers (permalinks), so
 * `parse_scenario` checks every field and names the first bad one. Main function: `parse_scenario`.
 */

import { MODE_DESCRIPTORS, mode_descriptor } from "../modes/descriptors";
import type { ModeDescriptor } from "../modes/types";
import { SPAN_KINDS, type Json, type SpanKind } from "../trace/span";

export const SCENARIO_FORMAT = "framework-lab/scenario@1";

/**
 * How the runtime serves the files: `kind` names the framework mode (src/modes/descriptors.ts) and
 * the other fields are the dotted paths that mode's descriptor asks for, e.g.
 * `{kind: "wsgi", application: "app.application"}` (a raw PEP 3333 callable) or
 * `{kind: "django", settings: "project.settings"}` (a Django project's settings module).
 */
export type ScenarioEntry = { kind: string } & { [field: string]: string };

export interface ScenarioRequest {
  method: string;
  /** Origin-form target: "/hello?name=World". */
  target: string;
  headers?: [string, string][];
  /** A raw body (sent as UTF-8). */
  body?: string;
  /** Form fields, sent as `application/x-www-form-urlencoded` (instead of `body`). */
  form?: Record<string, string | string[]>;
  /**
   * Send this request without the jar's cookies, and do not keep the cookies it sets: a one-off
   * private window. The jar itself is left as it was for the requests that follow.
   */
  no_cookies?: boolean;
  /** Shown next to the request in the lesson. */
  note?: string;
}

/** One setup step (see `Scenario.setup`). */
export type ScenarioSetupStep = { command: "migrate" } | { command: "call"; function: string };

/**
 * An assertion on a trace: how many spans of `kind` (optionally with this `name`, a name
 * containing `name_contains`, and these attribute values) it holds. With no count given, at least
 * one must be there; `absent: true` is `count: 0`. "No SQL ran": `{kind: "sql", count: 0}`; "the
 * receiver was filtered out by sender": `{kind: "receiver", name: "notify", attrs: {called: false}}`.
 */
export interface TraceExpectation {
  kind: SpanKind;
  name?: string;
  name_contains?: string;
  attrs?: Record<string, Json>;
  /** Attributes whose text contains these strings: `{sql: "INNER JOIN"}` (a sql span's name is shortened; its `sql` attribute is whole). */
  attrs_contain?: Record<string, string>;
  count?: number;
  at_least?: number;
  at_most?: number;
  absent?: true;
}

/** A check on one scripted response (by index into `requests`). */
export interface ScenarioRequestCheck {
  request: number;
  /** What the check shows (a lesson's milestone: "the chat works end to end"). */
  label?: string;
  status?: number;
  body_contains?: string;
  header?: [string, string];
  /** Assertions on the request's trace, all of which must hold. */
  trace?: TraceExpectation[];
}

/**
 * A check on a script step (by index into `script`): an `expect` step's expectation held; or a
 * `call` / `manage` step ran without an exception, printed what `output` / `output_contains` say,
 * and its trace meets `trace`.
 */
export interface ScenarioScriptCheck {
  script: number;
  label?: string;
  output?: string;
  output_contains?: string;
  trace?: TraceExpectation[];
}

export type ScenarioCheck = ScenarioRequestCheck | ScenarioScriptCheck;

/**
 * What a simulated WebSocket client should have received next (`expect`): the handshake's answer,
 * a frame, the close — or nothing at all yet.
 */
export type SocketExpectation =
  | { accepted: true; subprotocol?: string | null }
  | { refused: number }
  | { text: string }
  | { text_contains: string }
  | { json: unknown }
  | { bytes: string }
  | { close: number; reason?: string }
  | { nothing: true };

/**
 * One step of a scenario's `script`: an HTTP request of `requests` (by index), or a named
 * WebSocket client connecting, sending a frame, expecting what the server sent it, or closing.
 */
export type ScenarioScriptStep = { note?: string } & (
  | { request: number }
  /** Call a project function by dotted path (`manage.py shell -c "from blog.tests import t; t()"`); its result is the step's output. */
  | { call: string }
  /** The project's command line with these words — `manage.py <argv…>` (Django), `flask <argv…>` (Flask) — as a new process on the project's files and database; `input` answers its prompts in order. */
  | { manage: string[]; input?: string[] }
  | { client: string; connect: string; headers?: [string, string][]; subprotocols?: string[]; no_cookies?: boolean }
  | { client: string; send: string }
  | { client: string; send_json: unknown }
  | { client: string; send_bytes: string }
  | { client: string; expect: SocketExpectation }
  | { client: string; close: number; reason?: string }
);

export interface Scenario {
  format: typeof SCENARIO_FORMAT;
  title: string;
  /** The framework mode's id (`"wsgi"`, `"django"`, `"flask"`, …); `entry.kind` repeats it. */
  framework: string;
  entry: ScenarioEntry;
  files: Record<string, string>;
  requests: ScenarioRequest[];
  description?: string;
  /** Lesson text (Markdown). */
  lesson?: string;
  checks?: ScenarioCheck[];
  /**
   * WebSocket clients and HTTP requests in one order (ASGI projects, e.g. Channels): each step is
   * `{request: i}` or a named client's `connect` / `send` / `send_json` / `send_bytes` / `expect` /
   * `close`; `{call}` and `{manage}` steps run project code and the project's command line (Django's
   * manage.py, Flask's `flask`) between them
   * (any project). Requests the script does not name run before it, in order.
   */
  script?: ScenarioScriptStep[];
  /**
   * Run once after loading into a fresh database (never when a database image is restored):
   * `migrate` applies the project's migrations; `call` runs a function by dotted path, like
   * `manage.py shell -c "from blog.seed import seed; seed()"`.
   */
  setup?: ScenarioSetupStep[];
}

export class ScenarioFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ScenarioFormatError";
  }
}

/** Bounds that keep a hostile permalink from exhausting the page. */
export const LIMITS = { files: 200, file_chars: 500_000, total_chars: 2_000_000, requests: 100, text_chars: 100_000, script: 500 } as const;

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;
const SAFE_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_\-./]+$/;

/** Validate untrusted input (already JSON-parsed) as a v1 scenario; throws ScenarioFormatError. */
export function parse_scenario(input: unknown): Scenario {
  const o = expect_object(input, "scenario");
  if (o.format !== SCENARIO_FORMAT)
    throw new ScenarioFormatError(`scenario.format must be "${SCENARIO_FORMAT}" (got ${describe(o.format)})`);
  const mode = typeof o.framework === "string" ? mode_descriptor(o.framework) : null;
  if (!mode) throw new ScenarioFormatError(`scenario.framework must be one of ${MODE_DESCRIPTORS.map((m) => `"${m.id}"`).join(", ")} (got ${describe(o.framework)})`);
  const scenario: Scenario = {
    format: SCENARIO_FORMAT,
    title: expect_text(o.title, "scenario.title", 200),
    framework: mode.id,
    entry: parse_entry(o.entry, mode),
    files: parse_files(o.files),
    requests: expect_array(o.requests, "scenario.requests", LIMITS.requests).map(parse_request),
  };
  if (o.description !== undefined) scenario.description = expect_text(o.description, "scenario.description", LIMITS.text_chars);
  if (o.lesson !== undefined) scenario.lesson = expect_text(o.lesson, "scenario.lesson", LIMITS.text_chars);
  if (o.setup !== undefined) scenario.setup = expect_array(o.setup, "scenario.setup", 20).map(parse_setup_step);
  if (o.script !== undefined) scenario.script = expect_array(o.script, "scenario.script", LIMITS.script).map((step, i) => parse_script_step(step, i, scenario.requests.length));
  if (o.checks !== undefined) scenario.checks = expect_array(o.checks, "scenario.checks", 500).map((c, i) => parse_check(c, i, scenario.requests.length, scenario.script ?? []));
  return scenario;
}

/** `parse_scenario(JSON.parse(text))`, with a clear error for text that is not JSON. */
export function parse_scenario_json(text: string): Scenario {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ScenarioFormatError(`scenario is not valid JSON: ${(e as Error).message}`);
  }
  return parse_scenario(data);
}

/** The entry: `kind` repeats the mode, then each dotted path the mode's descriptor asks for (and nothing else). */
function parse_entry(value: unknown, mode: ModeDescriptor): ScenarioEntry {
  const o = expect_object(value, "scenario.entry");
  if (o.kind !== mode.id) throw new ScenarioFormatError(`scenario.entry.kind must be "${mode.id}" to match scenario.framework (got ${describe(o.kind)})`);
  const entry: ScenarioEntry = { kind: mode.id };
  for (const field of mode.entry) {
    const dotted = expect_text(o[field.name], `scenario.entry.${field.name}`, 200);
    if (!DOTTED.test(dotted)) throw new ScenarioFormatError(`scenario.entry.${field.name} must be a dotted path like "${field.example}" (got ${describe(dotted)})`);
    entry[field.name] = dotted;
  }
  const unknown = Object.keys(o).find((key) => key !== "kind" && !mode.entry.some((field) => field.name === key));
  if (unknown !== undefined) throw new ScenarioFormatError(`scenario.entry.${unknown} is not a field of a ${mode.title} entry (it takes ${mode.entry.map((f) => f.name).join(", ")})`);
  return entry;
}

function parse_files(value: unknown): Record<string, string> {
  const o = expect_object(value, "scenario.files");
  const entries = Object.entries(o);
  if (entries.length > LIMITS.files) throw new ScenarioFormatError(`scenario.files has ${entries.length} files (at most ${LIMITS.files})`);
  let total = 0;
  const files: Record<string, string> = {};
  for (const [path, source] of entries) {
    if (!SAFE_PATH.test(path)) throw new ScenarioFormatError(`scenario.files: ${describe(path)} is not a relative path of letters, digits, "_", "-", "." and "/"`);
    files[path] = expect_text(source, `scenario.files[${JSON.stringify(path)}]`, LIMITS.file_chars, true);
    total += files[path].length;
  }
  if (total > LIMITS.total_chars) throw new ScenarioFormatError(`scenario.files are ${total} characters in all (at most ${LIMITS.total_chars})`);
  return files;
}

function parse_request(value: unknown, index: number): ScenarioRequest {
  const where = `scenario.requests[${index}]`;
  const o = expect_object(value, where);
  const method = expect_text(o.method, `${where}.method`, 20);
  if (!METHOD.test(method)) throw new ScenarioFormatError(`${where}.method must be an HTTP method token (got ${describe(method)})`);
  const target = expect_text(o.target, `${where}.target`, 8000);
  if (!target.startsWith("/")) throw new ScenarioFormatError(`${where}.target must start with "/" (got ${describe(target)})`);
  const request: ScenarioRequest = { method, target };
  if (o.headers !== undefined) request.headers = expect_array(o.headers, `${where}.headers`, 100).map((h, i) => parse_header(h, `${where}.headers[${i}]`));
  if (o.body !== undefined) request.body = expect_text(o.body, `${where}.body`, LIMITS.file_chars, true);
  if (o.form !== undefined) request.form = parse_form(o.form, `${where}.form`);
  if (o.body !== undefined && o.form !== undefined) throw new ScenarioFormatError(`${where} has both body and form: give one`);
  if (o.no_cookies !== undefined) request.no_cookies = expect_boolean(o.no_cookies, `${where}.no_cookies`);
  if (o.note !== undefined) request.note = expect_text(o.note, `${where}.note`, LIMITS.text_chars);
  return request;
}

function parse_header(value: unknown, where: string): [string, string] {
  const pair = expect_array(value, where, 2);
  if (pair.length !== 2) throw new ScenarioFormatError(`${where} must be a [name, value] pair`);
  const name = expect_text(pair[0], `${where}[0]`, 200);
  const text = expect_text(pair[1], `${where}[1]`, 8000, true);
  if (!METHOD.test(name)) throw new ScenarioFormatError(`${where}[0] is not a valid header name (got ${describe(name)})`);
  if (/[\r\n\0]/.test(text)) throw new ScenarioFormatError(`${where}[1] must not contain CR, LF or NUL`);
  return [name, text];
}

function parse_form(value: unknown, where: string): Record<string, string | string[]> {
  const form: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(expect_object(value, where))) {
    form[key] = Array.isArray(v) ? v.map((x, i) => expect_text(x, `${where}.${key}[${i}]`, LIMITS.file_chars, true)) : expect_text(v, `${where}.${key}`, LIMITS.file_chars, true);
  }
  return form;
}

function parse_setup_step(value: unknown, index: number): ScenarioSetupStep {
  const where = `scenario.setup[${index}]`;
  const o = expect_object(value, where);
  if (o.command === "migrate") return { command: "migrate" };
  if (o.command === "call") {
    const fn = expect_text(o.function, `${where}.function`, 200);
    if (!DOTTED.test(fn)) throw new ScenarioFormatError(`${where}.function must be a dotted path like "blog.seed.seed" (got ${describe(fn)})`);
    return { command: "call", function: fn };
  }
  throw new ScenarioFormatError(`${where}.command must be "migrate" or "call" (got ${describe(o.command)})`);
}

function parse_check(value: unknown, index: number, request_count: number, script: ScenarioScriptStep[]): ScenarioCheck {
  const where = `scenario.checks[${index}]`;
  const o = expect_object(value, where);
  const label = o.label === undefined ? {} : { label: expect_text(o.label, `${where}.label`, 500) };
  if (o.script !== undefined) {
    if (typeof o.script !== "number" || !Number.isInteger(o.script) || o.script < 0 || o.script >= script.length || "request" in script[o.script] || !["expect", "call", "manage"].some((k) => k in script[o.script as number]))
      throw new ScenarioFormatError(`${where}.script must be the index of an "expect", "call" or "manage" step of scenario.script`);
    const check: ScenarioScriptCheck = { script: o.script, ...label };
    const runs = !("expect" in script[o.script]);
    for (const key of ["output", "output_contains", "trace"] as const) {
      if (o[key] !== undefined && !runs) throw new ScenarioFormatError(`${where}.${key} checks a "call" or "manage" step, not an "expect" step`);
    }
    if (o.output !== undefined) check.output = expect_text(o.output, `${where}.output`, LIMITS.text_chars, true);
    if (o.output_contains !== undefined) check.output_contains = expect_text(o.output_contains, `${where}.output_contains`, LIMITS.text_chars, true);
    if (o.trace !== undefined) check.trace = parse_trace_expectations(o.trace, `${where}.trace`);
    return check;
  }
  if (typeof o.request !== "number" || !Number.isInteger(o.request) || o.request < 0 || o.request >= request_count)
    throw new ScenarioFormatError(`${where}.request must be the index of a scripted request (0…${request_count - 1})`);
  const check: ScenarioRequestCheck = { request: o.request, ...label };
  if (o.status !== undefined) {
    if (typeof o.status !== "number" || !Number.isInteger(o.status)) throw new ScenarioFormatError(`${where}.status must be an integer`);
    check.status = o.status;
  }
  if (o.body_contains !== undefined) check.body_contains = expect_text(o.body_contains, `${where}.body_contains`, LIMITS.text_chars, true);
  if (o.header !== undefined) check.header = parse_header(o.header, `${where}.header`);
  if (o.trace !== undefined) check.trace = parse_trace_expectations(o.trace, `${where}.trace`);
  for (const key of ["output", "output_contains"]) {
    if (o[key] !== undefined) throw new ScenarioFormatError(`${where}.${key} checks a "call" or "manage" step (give script: i)`);
  }
  return check;
}

const TRACE_EXPECTATION_KEYS = ["kind", "name", "name_contains", "attrs", "attrs_contain", "count", "at_least", "at_most", "absent"];

function parse_trace_expectations(value: unknown, where: string): TraceExpectation[] {
  return expect_array(value, where, 50).map((item, i) => {
    const at = `${where}[${i}]`;
    const o = expect_object(item, at);
    const extra = Object.keys(o).find((k) => !TRACE_EXPECTATION_KEYS.includes(k));
    if (extra !== undefined) throw new ScenarioFormatError(`${at}.${extra} is not part of a trace expectation (it takes ${TRACE_EXPECTATION_KEYS.join(", ")})`);
    if (typeof o.kind !== "string" || !(SPAN_KINDS as readonly string[]).includes(o.kind)) throw new ScenarioFormatError(`${at}.kind must be a span kind (src/trace/span.ts) (got ${describe(o.kind)})`);
    const expectation: TraceExpectation = { kind: o.kind as SpanKind };
    if (o.name !== undefined) expectation.name = expect_text(o.name, `${at}.name`, 500, true);
    if (o.name_contains !== undefined) expectation.name_contains = expect_text(o.name_contains, `${at}.name_contains`, 500, true);
    if (o.attrs !== undefined) expectation.attrs = expect_object(o.attrs, `${at}.attrs`) as Record<string, Json>;
    if (o.attrs_contain !== undefined) {
      const contain = expect_object(o.attrs_contain, `${at}.attrs_contain`);
      expectation.attrs_contain = Object.fromEntries(Object.entries(contain).map(([key, text]) => [key, expect_text(text, `${at}.attrs_contain.${key}`, 500, true)]));
    }
    for (const key of ["count", "at_least", "at_most"] as const) {
      if (o[key] === undefined) continue;
      const n = o[key];
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0) throw new ScenarioFormatError(`${at}.${key} must be a whole number (got ${describe(n)})`);
      expectation[key] = n;
    }
    if (o.absent !== undefined) {
      if (o.absent !== true) throw new ScenarioFormatError(`${at}.absent must be true (or left out)`);
      expectation.absent = true;
    }
    const counts = ["count", "at_least", "at_most", "absent"].filter((k) => o[k] !== undefined);
    if (counts.includes("absent") && counts.length > 1) throw new ScenarioFormatError(`${at} has absent with ${counts.filter((k) => k !== "absent").join(", ")}: give one`);
    if (counts.includes("count") && counts.length > 1) throw new ScenarioFormatError(`${at} has count with ${counts.filter((k) => k !== "count").join(", ")}: give one`);
    return expectation;
  });
}

const CLIENT_NAME = /^[A-Za-z0-9_.:@ -]{1,40}$/;
const SCRIPT_ACTIONS = ["connect", "send", "send_json", "send_bytes", "expect", "close"] as const;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function parse_script_step(value: unknown, index: number, request_count: number): ScenarioScriptStep {
  const where = `scenario.script[${index}]`;
  const o = expect_object(value, where);
  const note = o.note === undefined ? {} : { note: expect_text(o.note, `${where}.note`, LIMITS.text_chars) };
  if (o.request !== undefined) {
    if (typeof o.request !== "number" || !Number.isInteger(o.request) || o.request < 0 || o.request >= request_count)
      throw new ScenarioFormatError(`${where}.request must be the index of a scripted request (0…${request_count - 1})`);
    return { request: o.request, ...note };
  }
  if (o.call !== undefined) {
    const fn = expect_text(o.call, `${where}.call`, 200);
    if (!DOTTED.test(fn)) throw new ScenarioFormatError(`${where}.call must be a dotted path like "blog.tests.test_lazy" (got ${describe(fn)})`);
    return { call: fn, ...note };
  }
  if (o.manage !== undefined) {
    const argv = expect_array(o.manage, `${where}.manage`, 50).map((arg, i) => expect_text(arg, `${where}.manage[${i}]`, 1000, true));
    if (!argv.length) throw new ScenarioFormatError(`${where}.manage must name a command: ["migrate"], ["sqlmigrate", "blog", "0001"]`);
    const step: ScenarioScriptStep = { manage: argv, ...note };
    if (o.input !== undefined) step.input = expect_array(o.input, `${where}.input`, 100).map((line, i) => expect_text(line, `${where}.input[${i}]`, 10_000, true));
    return step;
  }
  const client = expect_text(o.client, `${where}.client`, 40);
  if (!CLIENT_NAME.test(client)) throw new ScenarioFormatError(`${where}.client must be 1–40 letters, digits, spaces or _ . : @ - (got ${describe(client)})`);
  const actions = SCRIPT_ACTIONS.filter((action) => o[action] !== undefined);
  if (actions.length !== 1) throw new ScenarioFormatError(`${where} must have exactly one of ${SCRIPT_ACTIONS.join(", ")} (or be {request: i}, {call: "dotted.path"} or {manage: [argv]})`);
  const action = actions[0];
  if (action === "connect") {
    const target = expect_text(o.connect, `${where}.connect`, 8000);
    if (!target.startsWith("/")) throw new ScenarioFormatError(`${where}.connect must be a path starting with "/" (got ${describe(target)})`);
    const step: ScenarioScriptStep = { client, connect: target, ...note };
    if (o.headers !== undefined) step.headers = expect_array(o.headers, `${where}.headers`, 100).map((h, i) => parse_header(h, `${where}.headers[${i}]`));
    if (o.subprotocols !== undefined) step.subprotocols = expect_array(o.subprotocols, `${where}.subprotocols`, 20).map((p, i) => expect_text(p, `${where}.subprotocols[${i}]`, 200));
    if (o.no_cookies !== undefined) step.no_cookies = expect_boolean(o.no_cookies, `${where}.no_cookies`);
    return step;
  }
  if (action === "send") return { client, send: expect_text(o.send, `${where}.send`, LIMITS.file_chars, true), ...note };
  if (action === "send_json") return { client, send_json: o.send_json, ...note };
  if (action === "send_bytes") return { client, send_bytes: expect_base64(o.send_bytes, `${where}.send_bytes`), ...note };
  if (action === "close") {
    const code = expect_close_code(o.close, `${where}.close`);
    return o.reason === undefined ? { client, close: code, ...note } : { client, close: code, reason: expect_text(o.reason, `${where}.reason`, 123, true), ...note };
  }
  return { client, expect: parse_expectation(o.expect, `${where}.expect`), ...note };
}

function parse_expectation(value: unknown, where: string): SocketExpectation {
  const o = expect_object(value, where);
  const keys = Object.keys(o);
  const only = (...allowed: string[]) => {
    const extra = keys.find((k) => !allowed.includes(k));
    if (extra !== undefined) throw new ScenarioFormatError(`${where}.${extra} is not part of this expectation`);
  };
  if (o.accepted !== undefined) {
    only("accepted", "subprotocol");
    if (o.accepted !== true) throw new ScenarioFormatError(`${where}.accepted must be true (expect {refused: status} for a refused handshake)`);
    if (o.subprotocol === undefined) return { accepted: true };
    return { accepted: true, subprotocol: o.subprotocol === null ? null : expect_text(o.subprotocol, `${where}.subprotocol`, 200) };
  }
  if (o.refused !== undefined) {
    only("refused");
    if (typeof o.refused !== "number" || !Number.isInteger(o.refused) || o.refused < 100 || o.refused > 599) throw new ScenarioFormatError(`${where}.refused must be an HTTP status`);
    return { refused: o.refused };
  }
  if (o.text !== undefined) {
    only("text");
    return { text: expect_text(o.text, `${where}.text`, LIMITS.file_chars, true) };
  }
  if (o.text_contains !== undefined) {
    only("text_contains");
    return { text_contains: expect_text(o.text_contains, `${where}.text_contains`, LIMITS.file_chars, true) };
  }
  if ("json" in o) {
    only("json");
    return { json: o.json };
  }
  if (o.bytes !== undefined) {
    only("bytes");
    return { bytes: expect_base64(o.bytes, `${where}.bytes`) };
  }
  if (o.close !== undefined) {
    only("close", "reason");
    const code = expect_close_code(o.close, `${where}.close`);
    return o.reason === undefined ? { close: code } : { close: code, reason: expect_text(o.reason, `${where}.reason`, 123, true) };
  }
  if (o.nothing !== undefined) {
    only("nothing");
    if (o.nothing !== true) throw new ScenarioFormatError(`${where}.nothing must be true`);
    return { nothing: true };
  }
  throw new ScenarioFormatError(`${where} must be one of {accepted: true}, {refused: status}, {text}, {text_contains}, {json}, {bytes}, {close: code}, {nothing: true}`);
}

function expect_close_code(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1000 || value > 4999) throw new ScenarioFormatError(`${where} must be a WebSocket close code (1000–4999)`);
  return value;
}

function expect_base64(value: unknown, where: string): string {
  const text = expect_text(value, where, LIMITS.file_chars, true);
  if (text.length % 4 !== 0 || !BASE64.test(text)) throw new ScenarioFormatError(`${where} must be standard base64 (with padding)`);
  return text;
}

function expect_object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ScenarioFormatError(`${where} must be an object (got ${describe(value)})`);
  return value as Record<string, unknown>;
}

function expect_array(value: unknown, where: string, max: number): unknown[] {
  if (!Array.isArray(value)) throw new ScenarioFormatError(`${where} must be an array (got ${describe(value)})`);
  if (value.length > max) throw new ScenarioFormatError(`${where} has ${value.length} items (at most ${max})`);
  return value;
}

function expect_text(value: unknown, where: string, max: number, allow_empty = false): string {
  if (typeof value !== "string") throw new ScenarioFormatError(`${where} must be a string (got ${describe(value)})`);
  if (!allow_empty && !value.trim()) throw new ScenarioFormatError(`${where} must not be empty`);
  if (value.length > max) throw new ScenarioFormatError(`${where} is ${value.length} characters long (at most ${max})`);
  return value;
}

function expect_boolean(value: unknown, where: string): boolean {
  if (typeof value !== "boolean") throw new ScenarioFormatError(`${where} must be true or false (got ${describe(value)})`);
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? value.slice(0, 57) + "..." : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}
