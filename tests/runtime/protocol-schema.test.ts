import { beforeAll, describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { LIMITS, ProtocolViolation, parseRuntimeMessage } from "../../src/runtime/protocol-schema";
import type { LoadResult, RequestResult } from "../../src/runtime/protocol";
import { run_span_count, type PackedTrace } from "../../src/trace";
import { build_request, build_upgrade_request } from "../../src/scenarios/client";
import { get_builtin_scenario } from "../../src/scenarios";
import { channels_chat } from "../../src/scenarios/channels-chat";

/** What the page receives: the worker's message after structured clone. */
const cloned = <T>(value: T): T => structuredClone(value);

function violation(data: unknown): string {
  try {
    parseRuntimeMessage(data);
  } catch (e) {
    expect(e).toBeInstanceOf(ProtocolViolation);
    return (e as ProtocolViolation).message;
  }
  throw new Error("the message was accepted");
}

let loaded: LoadResult;
let response: RequestResult;

beforeAll(async () => {
  const runtime = await HeadlessRuntime.create();
  loaded = await runtime.load(get_builtin_scenario("django-hello")!);
  response = await runtime.request(build_request({ method: "GET", target: "/hello/Ada/" }, null));
});

describe("parseRuntimeMessage accepts what the real runtime sends", () => {
  it("a load result and a response with its trace, as posted by the worker", () => {
    expect(loaded.ok).toBe(true);
    expect(response.trace.spans.length).toBeGreaterThan(10);
    const message = cloned({ type: "loaded", id: 1, result: loaded });
    expect(parseRuntimeMessage(message)).toBe(message);
    const reply = cloned({ type: "response", id: 2, result: response });
    expect(parseRuntimeMessage(reply)).toBe(reply);
  });

  it("a manage.py command line's result: exit code, stdout and stderr apart, a prompt", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(get_builtin_scenario("django-hello")!);
    const ran = await runtime.command({ command: "manage", argv: ["check"] });
    expect(ran.ok && ran.exit_code).toBe(0);
    const message = cloned({ type: "commanded", id: 4, result: ran });
    expect(parseRuntimeMessage(message)).toBe(message);
    const prompted = { ...ran, chunks: [{ stream: "stderr", text: "x" }], prompt: { text: "Username: ", secret: false } };
    expect(parseRuntimeMessage({ type: "commanded", id: 5, result: prompted }).type).toBe("commanded");
    expect(violation({ type: "commanded", id: 6, result: { ...ran, chunks: [{ stream: "stdin", text: "x" }] } })).toMatch(/stream/);
  });

  it("ready, a log line, an error, a database image", () => {
    expect(parseRuntimeMessage({ type: "ready", version: 1 }).type).toBe("ready");
    expect(parseRuntimeMessage({ type: "log", entry: { level: "log", message: "hi", time: 1.5, source: { file: "app.ts", line: 3 } } }).type).toBe("log");
    expect(parseRuntimeMessage({ type: "error", id: null, error: { type: "RuntimeError", message: "x", frames: [] } }).type).toBe("error");
    expect(parseRuntimeMessage({ type: "database", id: 3, image: new Uint8Array(16) }).type).toBe("database");
  });

  it("a WebSocket step's result: the handshake accepted, a frame fanned out to two clients", async () => {
    const runtime = await HeadlessRuntime.create();
    expect((await runtime.load(channels_chat)).ok).toBe(true);
    await runtime.socket({ op: "open", client: "ann", request: build_upgrade_request("/ws/chat/lobby/", [], [], null) });
    await runtime.socket({ op: "open", client: "bob", request: build_upgrade_request("/ws/chat/lobby/", [], [], null) });
    const sent = await runtime.socket({ op: "send", client: "ann", text: JSON.stringify({ message: "hi" }) });
    expect(sent.events.map((e) => [e.client, e.event.type])).toEqual([
      ["ann", "text"],
      ["bob", "text"],
    ]);
    const message = cloned({ type: "socket_result", id: 4, result: sent });
    expect(parseRuntimeMessage(message)).toBe(message);
    expect(violation({ type: "socket_result", id: 4, result: { ...sent, events: [{ client: "ann", event: { type: "teleport" } }] } })).toBe(
      'socket_result.result.events[0].event.type: the string "teleport" is not a WebSocket server event',
    );
  });

  it("an empty trace (tracing off) is a valid trace", () => {
    const result = cloned({ ...response, trace: { spans: [] } });
    expect(parseRuntimeMessage({ type: "response", id: 2, result }).type).toBe("response");
  });
});

describe("parseRuntimeMessage refuses garbage, naming where it is wrong", () => {
  it("not an object, an unknown type, a missing type", () => {
    expect(violation(null)).toBe("message: expected an object, got null");
    expect(violation("response")).toBe('message: expected an object, got the string "response"');
    expect(violation({ type: "navigate", id: 1 })).toBe('message.type: the string "navigate" is not a message the runtime sends');
    expect(violation({ id: 1 })).toBe("message.type: nothing is not a message the runtime sends");
  });

  it("a response with a null trace or a null response", () => {
    expect(violation({ type: "response", id: 2, result: { ...response, trace: null } })).toBe("response.result.trace: expected an object, got null");
    expect(violation({ type: "response", id: 2, result: { ...response, response: null } })).toBe("response.result.response: expected an object, got null");
  });

  it("garbage spans: a wrong kind, an id out of order, a parent that is not earlier, attrs that are not JSON", () => {
    const spans = cloned(response.trace.spans);
    const with_span = (i: number, patch: object) => ({ type: "response", id: 2, result: { ...response, trace: { spans: spans.map((s, j) => (j === i ? { ...s, ...patch } : s)) } } });
    expect(violation(with_span(1, { kind: "exploit" }))).toMatch(/^response\.result\.trace\.spans\[1\]\.kind: the string "exploit" is not one of request, gateway/);
    expect(violation(with_span(2, { id: 7 }))).toBe("response.result.trace.spans[2].id: span 2 has id 7");
    expect(violation(with_span(2, { parent: 2 }))).toBe("response.result.trace.spans[2].parent: parent 2 is not an earlier span");
    expect(violation(with_span(1, { attrs: new Map() }))).toBe("response.result.trace.spans[1].attrs: expected a plain object");
    expect(violation(with_span(1, { attrs: { when: new Date(0) } }))).toBe("response.result.trace.spans[1].attrs.when: expected a plain object");
    expect(violation(with_span(1, { name: 42 }))).toBe("response.result.trace.spans[1].name: expected a string, got number 42");
  });

  it("garbage headers and bodies", () => {
    const bad = (patch: object) => ({ type: "response", id: 2, result: { ...response, response: { ...response.response, ...patch } } });
    expect(violation(bad({ headers: [["Content-Type"]] }))).toBe("response.result.response.headers[0]: a header is a [name, value] pair");
    expect(violation(bad({ headers: [["X", 1]] }))).toBe("response.result.response.headers[0][1]: expected a string, got number 1");
    expect(violation(bad({ body: "text" }))).toBe('response.result.response.body: expected bytes, got the string "text"');
    expect(violation(bad({ status: 42 }))).toBe("response.result.response.status: expected an integer in [100, 999], got number 42");
  });

  it("wrong ids: zero, negative, fractional, a string", () => {
    for (const id of [0, -1, 1.5, "2"]) expect(violation({ type: "response", id, result: response })).toMatch(/^response\.id: expected an integer in \[1, Infinity\]/);
  });

  it("a key named __proto__ anywhere in the attributes", () => {
    const attrs = JSON.parse('{"a": {"__proto__": {"polluted": true}}}');
    const spans = response.trace.spans.map((s, i) => (i === 1 ? { ...s, attrs } : s));
    expect(violation({ type: "response", id: 2, result: { ...response, trace: { spans } } })).toBe("response.result.trace.spans[1].attrs.a: a key named __proto__");
  });

  it("attributes nested deeper than the limit", () => {
    let deep: unknown = 1;
    for (let i = 0; i < LIMITS.depth + 2; i++) deep = { d: deep };
    const spans = response.trace.spans.map((s, i) => (i === 1 ? { ...s, attrs: { deep } } : s));
    expect(violation({ type: "response", id: 2, result: { ...response, trace: { spans } } })).toMatch(/nested deeper than 48 levels$/);
  });
});

describe("parseRuntimeMessage bounds sizes", () => {
  it("a 300 MB database image is refused without being walked", () => {
    // A view over a small buffer reports the length the check sees; no 300 MB is allocated.
    const huge = { byteLength: 300 * 1024 * 1024 };
    Object.setPrototypeOf(huge, Uint8Array.prototype);
    expect(violation({ type: "database", id: 3, image: huge })).toBe(`database.image: ${300 * 1024 * 1024} bytes (at most ${LIMITS.databaseBytes})`);
  });

  it("a response body over the message budget", () => {
    const body = new Uint8Array(LIMITS.messageUnits + 1);
    expect(violation({ type: "response", id: 2, result: { ...response, response: { ...response.response, body } } })).toBe(
      `response.result.response.body: ${LIMITS.messageUnits + 1} bytes (at most ${LIMITS.messageUnits})`,
    );
  });

  it("many spans whose strings together pass the budget", () => {
    const name = "x".repeat(1024 * 1024);
    const spans = Array.from({ length: 60 }, (_, i) => ({ id: i, parent: i ? 0 : null, kind: "view", name, start: 0, end: 0, attrs: {} }));
    expect(violation({ type: "response", id: 2, result: { ...response, trace: { spans } } })).toMatch(/^response\.result\.trace\.spans\[\d+\]\.name: the message is larger than 48 MB$/);
  });

  it("more spans than the limit", () => {
    const spans = Array.from({ length: LIMITS.spans + 1 }, (_, i) => ({ id: i, parent: null, kind: "view", name: "", start: 0, end: 0, attrs: {} }));
    expect(violation({ type: "response", id: 2, result: { ...response, trace: { spans } } })).toBe(`response.result.trace.spans: an array of ${LIMITS.spans + 1} items (at most ${LIMITS.spans})`);
  });

  it("a console line longer than the limit", () => {
    expect(violation({ type: "log", entry: { level: "log", message: "x".repeat(LIMITS.logChars + 1), time: 0 } })).toBe(`log.entry.message: a string of ${LIMITS.logChars + 1} characters (at most ${LIMITS.logChars})`);
  });
});

describe("a packed trace: runs of pattern spans (ADR 0035), made spans before any other check", () => {
  let packed: RequestResult;
  beforeAll(async () => {
    const runtime = await HeadlessRuntime.create({ packed_traces: true });
    await runtime.load(get_builtin_scenario("django-hello")!);
    packed = await runtime.request(build_request({ method: "GET", target: "/hello/Ada/" }, null));
  });
  const trace = () => structuredClone(packed.trace) as PackedTrace;
  const reply = (t: unknown) => ({ type: "response", id: 2, result: { ...packed, trace: t } });

  it("accepts the worker's packed trace and hands on the same trace read whole", () => {
    const runs = (packed.trace as PackedTrace).runs!;
    expect(runs.length).toBeGreaterThan(0);
    const parsed = parseRuntimeMessage(cloned(reply(packed.trace)));
    const spans = (parsed as { result: RequestResult }).result.trace.spans;
    expect((parsed as { result: { trace: PackedTrace } }).result.trace.runs).toBeUndefined();
    expect(spans.map((s) => s.id)).toEqual(spans.map((_, i) => i));
    expect(spans.map((s) => s.name)).toEqual(response.trace.spans.map((s) => s.name));
    expect(spans.filter((s) => s.kind === "pattern").map((s) => [s.name, s.attrs.matched, s.attrs.reason ?? null])).toEqual(
      response.trace.spans.filter((s) => s.kind === "pattern").map((s) => [s.name, s.attrs.matched, s.attrs.reason ?? null]),
    );
  });

  it("refuses a run whose spans take an id already taken, or leave one out", () => {
    const overlapping = trace();
    overlapping.runs![0].first = 0;
    expect(violation(reply(overlapping))).toMatch(/^response\.result\.trace\.runs: span id \d+ is not free in a trace of \d+ spans$/);
    const short = trace();
    short.spans.splice(1, 1);
    expect(violation(reply(short))).toMatch(/^response\.result\.trace\.runs: span id \d+ is not free in a trace of \d+ spans$/);
  });

  it("refuses more spans made than the limit, and a form that is not one", () => {
    const many = trace();
    many.runs![0].forms = Array.from({ length: LIMITS.spans }, () => many.runs![0].forms.find((f) => f !== null)!);
    expect(violation(reply(many))).toBe(`response.result.trace: a trace of more than ${LIMITS.spans} spans`);
    const mapped = trace();
    const form = mapped.runs![0].forms.find((f) => f !== null)!;
    form.attrs = new Map() as never;
    expect(violation(reply(mapped))).toMatch(/^response\.result\.trace\.runs\[0\]\.forms\[\d+\]\.attrs: expected a plain object$/);
  });

  it("refuses a hole that is not one of the form's attributes, or names __proto__", () => {
    for (const key of ["nope", "__proto__"]) {
      const t = trace();
      const form = t.runs![0].forms.find((f) => f !== null)!;
      form.holes = [[key, "", ""]];
      expect(violation(reply(t))).toMatch(new RegExp(`^response\\.result\\.trace\\.runs\\[0\\]\\.forms\\[\\d+\\]\\.holes\\[0\\]: the hole "${key}" is not one of the form's attributes$`));
    }
  });

  it("counts what the runs make against the message budget: a large fill in many holes is refused", () => {
    const t = trace();
    const run = t.runs![0];
    const form = run.forms.find((f) => f !== null)!;
    run.fill = "x".repeat(1024 * 1024);
    form.holes = Object.keys(form.attrs).map((key) => [key, "", ""] as [string, string, string]);
    const first = t.spans.length + run_span_count(t.runs!);
    // 60 spans, each with the megabyte fill in every attribute: the page would hold ~60 × 5 MB.
    t.runs!.push({ ...run, first, parent: 0, forms: Array.from({ length: 60 }, () => form) });
    expect(violation(reply(t))).toMatch(/the message is larger than 48 MB$/);
  });

  it("checks the spans made as any: a run whose parent is not an earlier span", () => {
    const t = trace();
    const run = t.runs![t.runs!.length - 1];
    run.parent = run.first + run.forms.length + 5;
    expect(violation(reply(t))).toMatch(/^response\.result\.trace\.spans\[\d+\]\.parent: parent \d+ is not an earlier span$/);
  });
});
