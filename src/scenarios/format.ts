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

/** A check on one scripted response (by index into `requests`). */
export interface ScenarioCheck {
  request: number;
  status?: number;
  body_contains?: string;
  header?: [string, string];
}

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
export const LIMITS = { files: 200, file_chars: 500_000, total_chars: 2_000_000, requests: 100, text_chars: 100_000 } as const;

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
  if (o.checks !== undefined) scenario.checks = expect_array(o.checks, "scenario.checks", 500).map((c, i) => parse_check(c, i, scenario.requests.length));
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

function parse_check(value: unknown, index: number, request_count: number): ScenarioCheck {
  const where = `scenario.checks[${index}]`;
  const o = expect_object(value, where);
  if (typeof o.request !== "number" || !Number.isInteger(o.request) || o.request < 0 || o.request >= request_count)
    throw new ScenarioFormatError(`${where}.request must be the index of a scripted request (0…${request_count - 1})`);
  const check: ScenarioCheck = { request: o.request };
  if (o.status !== undefined) {
    if (typeof o.status !== "number" || !Number.isInteger(o.status)) throw new ScenarioFormatError(`${where}.status must be an integer`);
    check.status = o.status;
  }
  if (o.body_contains !== undefined) check.body_contains = expect_text(o.body_contains, `${where}.body_contains`, LIMITS.text_chars, true);
  if (o.header !== undefined) check.header = parse_header(o.header, `${where}.header`);
  return check;
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
