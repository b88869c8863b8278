/**
 * The command line: a scenario and an HTTP request → the response and its trace, in a terminal.
 *
 *   npm run lab -- request <scenario> <METHOD> <target> [-H 'K: V']... [-d body] [--json] [--no-trace]
 *   npm run lab -- replay <scenario> [--no-trace]
 *   npm run lab -- export-trace <scenario> <METHOD> <target> [-H ...] [-d body] > trace.json
 *   npm run lab -- manage <scenario> <command> [args…]     what Django's manage.py prints
 *   npm run lab -- course [--check] [--json]                 the course's projects and milestones
 *
 * `<scenario>` is a built-in name (`wsgi-hello`) or the path of a scenario JSON file. Usage errors
 * and bad scenarios print one line and exit with status 2.
 */
import { readFileSync } from "node:fs";
import { formatSource, to_chrome_trace, type Span, type Trace } from "../trace";
import { HeadlessRuntime } from "../runtime/headless";
import type { CommandResult, HttpResponseMessage, LoadResult, RequestResult, SocketResult } from "../runtime/protocol";
import { build_request, describe_event, replay_all, run_checks, type ScriptStepOutcome } from "../scenarios/client";
import { builtin_scenario_names, get_builtin_scenario } from "../scenarios";
import { COURSE, check_course, course_project, course_summary } from "../course";
import { parse_scenario_json, ScenarioFormatError, type Scenario, type ScenarioRequest } from "../scenarios/format";

class UsageError extends Error {}

const USAGE = `usage:
  lab request <scenario> <METHOD> <target> [-H 'Name: value']... [-d body] [--json] [--no-trace]
  lab replay <scenario> [--no-trace]
  lab export-trace <scenario> <METHOD> <target> [-H 'Name: value']... [-d body]
  lab manage <scenario> <command> [args...]
  lab course [--check] [--json]
<scenario>: a built-in name (${builtin_scenario_names().join(", ")}) or a scenario JSON file`;

interface Options {
  positional: string[];
  headers: [string, string][];
  body?: string;
  json: boolean;
  trace: boolean;
}

export function parse_args(argv: string[]): Options {
  const options: Options = { positional: [], headers: [], json: false, trace: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "-H" || arg === "--header") options.headers.push(parse_header(argv[++i]));
    else if (arg === "-d" || arg === "--data") {
      if (argv[i + 1] === undefined) throw new UsageError("-d needs a body");
      options.body = argv[++i];
    } else if (arg === "--json") options.json = true;
    else if (arg === "--no-trace") options.trace = false;
    else if (arg === "--check") options.positional.push(arg);
    else if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
    else options.positional.push(arg);
  }
  return options;
}

function parse_header(text: string | undefined): [string, string] {
  const colon = text?.indexOf(":") ?? -1;
  if (!text || colon <= 0) throw new UsageError(`-H needs 'Name: value' (got ${JSON.stringify(text ?? "")})`);
  return [text.slice(0, colon).trim(), text.slice(colon + 1).trim()];
}

/** A built-in name, a course project's starter or solution (`course:orm:starter`, `course:3:solution`), or a path to a scenario JSON file. */
export function resolve_scenario(name: string): Scenario {
  const builtin = get_builtin_scenario(name);
  if (builtin) return builtin;
  const course = /^course:([a-z0-9]+):(starter|solution)$/.exec(name);
  if (course) {
    const project = course_project(course[1]);
    if (!project) throw new UsageError(`no course project '${course[1]}' (${COURSE.map((p) => `${p.number} ${p.id}`).join(", ")})`);
    return project[course[2] as "starter" | "solution"];
  }
  if (!/[/\\.]/.test(name)) throw new UsageError(`unknown scenario '${name}' (built-in: ${builtin_scenario_names().join(", ")}; or give a .json file)`);
  let text: string;
  try {
    text = readFileSync(name, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read scenario file ${name}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parse_scenario_json(text);
}

async function start(scenario: Scenario, trace: boolean): Promise<HeadlessRuntime> {
  const runtime = await HeadlessRuntime.create({ trace });
  const loaded: LoadResult = await runtime.load(scenario);
  if (!loaded.ok) process.stderr.write(`warning: the project failed to load: ${loaded.error.type}: ${loaded.error.message}\n`);
  return runtime;
}

function request_spec(options: Options, command: string): ScenarioRequest {
  const [, method, target] = options.positional;
  if (!method || !target) throw new UsageError(`${command} needs <scenario> <METHOD> <target>`);
  if (!target.startsWith("/")) throw new UsageError(`target must start with "/" (got ${JSON.stringify(target)})`);
  return { method: method.toUpperCase(), target, headers: options.headers, ...(options.body !== undefined ? { body: options.body } : {}) };
}

async function command_request(options: Options): Promise<number> {
  const scenario = resolve_scenario(need_scenario(options));
  const runtime = await start(scenario, options.trace);
  const result = await runtime.request(build_request(request_spec(options, "request"), null));
  if (options.json) print(JSON.stringify({ response: response_json(result.response), trace: options.trace ? result.trace : null }, null, 2));
  else print_result(result, options.trace);
  return 0;
}

async function command_replay(options: Options): Promise<number> {
  const scenario = resolve_scenario(need_scenario(options));
  const runtime = await start(scenario, options.trace);
  const replayed = await replay_all(runtime, scenario);
  const in_script = new Set(replayed.script.flatMap((s) => (s.request ? [s.request] : [])));
  let n = 0;
  for (const step of replayed.requests.filter((s) => !in_script.has(s))) {
    print(`### ${++n}. ${step.request.method} ${step.request.target}${step.note ? `  — ${step.note}` : ""}`);
    print_result(step.result, options.trace);
  }
  for (const outcome of replayed.script) {
    print(`### ${++n}. ${script_step_title(outcome)}`);
    if (outcome.request) print_result(outcome.request.result, options.trace);
    else if (outcome.socket) print_socket_result(outcome.socket.result, options.trace);
    else if (outcome.expectation) print(`${outcome.expectation.passed ? "✓" : "✗"} ${outcome.expectation.message}\n`);
  }
  if (scenario.checks?.length) {
    const outcomes = run_checks(scenario.checks, replayed);
    for (const o of outcomes) {
      const where = "request" in o.check ? `request ${o.check.request + 1}` : `script step ${o.check.script + 1}`;
      print(`${o.passed ? "✓" : "✗"} check${o.check.label ? ` "${o.check.label}"` : ""} on ${where}: ${o.message}`);
    }
    return outcomes.every((o) => o.passed) ? 0 : 1;
  }
  return 0;
}

async function command_export_trace(options: Options): Promise<number> {
  const scenario = resolve_scenario(need_scenario(options));
  const runtime = await start(scenario, true);
  const result = await runtime.request(build_request(request_spec(options, "export-trace"), null));
  print(JSON.stringify(to_chrome_trace(result.trace, { process_name: `Framework Lab: ${scenario.title}` })));
  return 0;
}

function need_scenario(options: Options): string {
  if (!options.positional[0]) throw new UsageError("missing <scenario>");
  return options.positional[0];
}

/**
 * `lab manage <scenario> <command> [args…]`: the scenario loaded (its setup run: migrate, seed),
 * then `manage.py <command> [args…]` on it, printing what Django's manage.py prints — stdout and
 * stderr apart — and exiting with its status. Everything after the scenario goes to manage.py
 * untouched (`lab manage blog-orm help migrate`, `lab manage blog-orm sqlmigrate blog 0001`). In a
 * terminal the prompts (createsuperuser, shell, dbshell) read the keyboard; otherwise input is at
 * its end at once, as for manage.py with nothing on stdin.
 */
async function command_manage(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name) throw new UsageError("manage needs <scenario> [command] [args…]");
  const scenario = resolve_scenario(name);
  const runtime = await start(scenario, false);
  const interactive = process.stdin.isTTY === true;
  const write = (result: CommandResult) => {
    if (!result.ok) {
      process.stderr.write(`lab: ${result.error.type}: ${result.error.message}\n`);
      return;
    }
    for (const chunk of result.chunks ?? [{ stream: "stdout" as const, text: result.output }]) (chunk.stream === "stderr" ? process.stderr : process.stdout).write(chunk.text);
  };
  let result = await runtime.command({ command: "manage", argv: args, interactive });
  write(result);
  if (interactive && result.ok && result.prompt) {
    const { createInterface } = await import("node:readline");
    const rl = createInterface({ input: process.stdin, terminal: false });
    const lines = rl[Symbol.asyncIterator]();
    while (result.ok && result.prompt) {
      const next = await lines.next();
      result = await runtime.command({ command: "manage_input", line: next.done ? null : next.value });
      write(result);
    }
    rl.close();
  }
  return result.ok ? (result.exit_code ?? 0) : 1;
}

/**
 * `lab course`: the ten projects and their milestones. `--check` runs every project's milestones
 * against its solution and its starter (a fresh runtime each), prints ✓/✗ with why, and ends with
 * `milestones: P/40 pass on solutions, F/40 fail on starters`; it exits 1 unless every milestone
 * passes on its solution and fails on its starter. `--json` prints the results as JSON instead.
 */
async function command_course(options: Options): Promise<number> {
  const check = options.positional.includes("--check");
  if (!check) {
    for (const project of COURSE) {
      print(`${project.number}. ${project.title} — ${project.summary}  (course:${project.id}:starter, course:${project.id}:solution)`);
      project.milestones.forEach((m, i) => print(`   ${project.number}.${i + 1} ${m.title}: ${m.how}`));
    }
    return 0;
  }
  const checks = await check_course(COURSE, () => HeadlessRuntime.create({ trace: true }), (c) => {
    if (options.json) return;
    print(`${c.project.number}. ${c.project.title} — ${c.variant}`);
    for (const r of c.results) print(`   ${r.passed ? "✓" : "✗"} ${r.milestone.title}: ${r.why}`);
  });
  const summary = course_summary(checks);
  if (options.json) print(JSON.stringify({ summary, checks: checks.map((c) => ({ project: c.project.id, variant: c.variant, results: c.results.map((r) => ({ milestone: r.milestone.title, passed: r.passed, why: r.why })) })) }, null, 2));
  else print(summary.line);
  return summary.passed === summary.total && summary.failed === summary.total ? 0 : 1;
}

// --- output ----------------------------------------------------------------------------------

function print(text: string): void {
  process.stdout.write(text + "\n");
}

function script_step_title({ step, request }: ScriptStepOutcome): string {
  const note = step.note ? `  — ${step.note}` : "";
  if (request) return `${request.request.method} ${request.request.target}${note}`;
  if ("connect" in step) return `${step.client}: connect ${step.connect}${note}`;
  if ("send" in step) return `${step.client}: send ${JSON.stringify(step.send)}${note}`;
  if ("send_json" in step) return `${step.client}: send ${JSON.stringify(step.send_json)}${note}`;
  if ("send_bytes" in step) return `${step.client}: send bytes ${step.send_bytes}${note}`;
  if ("close" in step) return `${step.client}: close ${step.close}${note}`;
  if ("expect" in step) return `${step.client}: expect ${JSON.stringify(step.expect)}${note}`;
  return "?";
}

function print_socket_result(result: SocketResult, with_trace: boolean): void {
  if (!result.ok) print(`!! ${result.error.type}: ${result.error.message}`);
  for (const { client, event } of result.events) print(`${client} ← ${describe_event(event)}`);
  if (with_trace && result.trace.spans.length) {
    print("");
    print(format_trace_tree(result.trace));
  }
  print("");
}

function print_result(result: RequestResult, with_trace: boolean): void {
  const { response } = result;
  print(`HTTP/1.1 ${response.status} ${response.reason}`);
  for (const [name, value] of response.headers) print(`${name}: ${value}`);
  print("");
  print(body_text(response.body) ?? `<${response.body.length} bytes of binary data>`);
  for (const { client, event } of result.socket_events ?? []) print(`${client} ← ${describe_event(event)}`);
  if (with_trace && result.trace.spans.length) {
    print("");
    print(format_trace_tree(result.trace));
  }
  print("");
}

function body_text(body: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

/** The response as JSON: the body as text when it is UTF-8, else base64. */
export function response_json(response: HttpResponseMessage): Record<string, unknown> {
  const text = body_text(response.body);
  return {
    status: response.status,
    reason: response.reason,
    headers: response.headers,
    ...(text !== null ? { body: text } : { body_base64: Buffer.from(response.body).toString("base64") }),
  };
}

/** The span tree, indented: kind, name, duration, key attributes, source, error. */
export function format_trace_tree(trace: Trace): string {
  const children = new Map<number | null, Span[]>();
  for (const span of trace.spans) children.set(span.parent, [...(children.get(span.parent) ?? []), span]);
  const lines: string[] = [];
  const visit = (span: Span, depth: number) => {
    lines.push("  ".repeat(depth) + span_line(span));
    for (const child of children.get(span.id) ?? []) visit(child, depth + 1);
  };
  for (const root of children.get(null) ?? []) visit(root, 0);
  return lines.join("\n");
}

function span_line(span: Span): string {
  const duration = `${(span.end - span.start).toFixed(2)}ms`;
  const mark = span.kind === "pattern" && typeof span.attrs.matched === "boolean" ? (span.attrs.matched ? "✓ " : "✗ ") : "";
  const attrs = key_attrs(span);
  const source = span.source ? `  @ ${formatSource(span.source)}` : "";
  const error = span.error ? `  !! ${span.error.type}: ${span.error.message}` : "";
  return `${mark}[${span.kind}] ${span.name}  ${duration}${attrs ? "  " + attrs : ""}${source}${error}`;
}

/** The few attributes worth a terminal line; the whole set is in `--json`. */
const KEY_ATTRS = ["status", "reason", "message", "rows", "rowcount", "bytes_written", "violation", "exception"];

function key_attrs(span: Span): string {
  const shown = KEY_ATTRS.filter((k) => span.attrs[k] !== undefined && span.attrs[k] !== null).map((k) => `${k}=${JSON.stringify(span.attrs[k])}`);
  if (span.kind === "pattern" && span.attrs.reason !== undefined && !shown.some((s) => s.startsWith("reason="))) shown.push(`reason=${JSON.stringify(span.attrs.reason)}`);
  return shown.join(" ");
}

// --- entry -----------------------------------------------------------------------------------

const COMMANDS: Record<string, (options: Options) => Promise<number>> = {
  request: command_request,
  replay: command_replay,
  "export-trace": command_export_trace,
  course: command_course,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (!command || command === "-h" || command === "--help") {
      print(USAGE);
      return command ? 0 : 2;
    }
    // manage.py's own arguments are not the lab's: they pass through unparsed.
    if (command === "manage") return await command_manage(rest);
    const run = COMMANDS[command];
    if (!run) throw new UsageError(`unknown command '${command}' (request, replay, export-trace, manage, course)`);
    return await run(parse_args(rest));
  } catch (e) {
    if (e instanceof UsageError || e instanceof ScenarioFormatError) {
      process.stderr.write(`lab: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

const invoked_directly = process.argv[1] !== undefined && /cli[/\\]main\.[tj]s$/.test(process.argv[1]);
if (invoked_directly) main(process.argv.slice(2)).then((code) => process.exit(code));
