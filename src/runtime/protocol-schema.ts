/**
 * The runtime protocol's schema, checked: an untrusted message from the runtime worker → the typed
 * `ChannelOut` (protocol.ts + channel.ts) it claims to be, or a `ProtocolViolation` saying where it
 * is wrong. Main function: `parseRuntimeMessage`.
 *
 * User code runs in the same worker as the runtime, so nothing the worker sends is trusted: every
 * message is checked field by field before the page keeps or renders any of it, and its size is
 * bounded (`LIMITS`) so that a forged 300 MB message is refused rather than stored. The check
 * works in place (no copy) and in one pass; objects must be plain (no Map, Date, Blob… that
 * structured clone could carry), keys may not be `__proto__`, and a trace must be a well-formed
 * tree (span `i` has id `i`, its parent an earlier span). A trace the worker packed (its runs of
 * pattern spans as forms, src/trace/runs.ts) is made whole first, in place, and then checked
 * like any other: what it makes counts against the size budget.
 *
 * Unknown fields on a known message are allowed (a newer runtime may add one) but count towards
 * the size limit and must be JSON-like; a field the page renders belongs in the schema below.
 * Pure TypeScript: the page and the Vitest tests share it.
 */
import { SPAN_KINDS, type Span, type Trace } from "../trace/span";
import { expand_trace, type RunForm, type SpanRun } from "../trace/runs";
import type { ChannelOut } from "./channel";
import { PROTOCOL_VERSION } from "./protocol";

export const LIMITS = {
  /** Characters of text plus bytes of binary data in one message (the database image aside). */
  messageUnits: 48 * 1024 * 1024,
  /** The database image kept to restore a replaced worker (and persisted with the draft). */
  databaseBytes: 64 * 1024 * 1024,
  spans: 100_000,
  /** Items in any one array (span lists aside). */
  arrayItems: 200_000,
  /** Nesting of JSON values (span attributes, inspected values). */
  depth: 48,
  /** One log line's text (longer lines are refused; the console of a real view stays far below). */
  logChars: 1024 * 1024,
} as const;

export class ProtocolViolation extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "ProtocolViolation";
  }
}

/** The size budget of one message, spent as it is walked. */
class Budget {
  units = 0;
  spend(n: number, path: string): void {
    this.units += n;
    if (this.units > LIMITS.messageUnits) throw new ProtocolViolation(path, `the message is larger than ${LIMITS.messageUnits / (1024 * 1024)} MB`);
  }
}

type Check<T> = (value: unknown, path: string, budget: Budget) => T;

const fail = (path: string, reason: string): never => {
  throw new ProtocolViolation(path, reason);
};

function describe(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "an array";
  if (value instanceof Uint8Array) return "bytes";
  return typeof value === "object" ? "an object" : typeof value === "string" ? `the string ${JSON.stringify(value.slice(0, 40))}` : `${typeof value} ${String(value)}`;
}

const str =
  (max = Infinity): Check<string> =>
  (v, path, budget) => {
    if (typeof v !== "string") return fail(path, `expected a string, got ${describe(v)}`);
    if (v.length > max) return fail(path, `a string of ${v.length} characters (at most ${max})`);
    budget.spend(v.length, path);
    return v;
  };

const num: Check<number> = (v, path) => (typeof v === "number" ? v : fail(path, `expected a number, got ${describe(v)}`));

const int =
  (min = -Infinity, max = Infinity): Check<number> =>
  (v, path) =>
    typeof v === "number" && Number.isInteger(v) && v >= min && v <= max ? v : fail(path, `expected an integer in [${min}, ${max}], got ${describe(v)}`);

const bool: Check<boolean> = (v, path) => (typeof v === "boolean" ? v : fail(path, `expected true or false, got ${describe(v)}`));

const literal =
  <T extends string | number | boolean>(expected: T): Check<T> =>
  (v, path) =>
    v === expected ? expected : fail(path, `expected ${JSON.stringify(expected)}, got ${describe(v)}`);

const oneOf =
  <T extends string>(values: readonly T[]): Check<T> =>
  (v, path) =>
    typeof v === "string" && (values as readonly string[]).includes(v) ? (v as T) : fail(path, `${describe(v)} is not one of ${values.slice(0, 6).join(", ")}${values.length > 6 ? ", …" : ""}`);

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (v, path, budget) =>
    v === null ? null : check(v, path, budget);

/** Bytes (a Uint8Array); `counted`: they count towards the message's size budget. */
const bytes =
  (max: number, counted = true): Check<Uint8Array> =>
  (v, path, budget) => {
    if (!(v instanceof Uint8Array)) return fail(path, `expected bytes, got ${describe(v)}`);
    if (v.byteLength > max) return fail(path, `${v.byteLength} bytes (at most ${max})`);
    if (counted) budget.spend(v.byteLength, path);
    return v;
  };

const arr =
  <T>(item: Check<T>, max: number = LIMITS.arrayItems): Check<T[]> =>
  (v, path, budget) => {
    if (!Array.isArray(v)) return fail(path, `expected an array, got ${describe(v)}`);
    if (v.length > max) return fail(path, `an array of ${v.length} items (at most ${max})`);
    budget.spend(v.length, path);
    for (let i = 0; i < v.length; i++) item(v[i], `${path}[${i}]`, budget);
    return v as T[];
  };

function plainObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return fail(path, `expected an object, got ${describe(v)}`);
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return fail(path, "expected a plain object");
  return v as Record<string, unknown>;
}

/** Required fields checked; optional fields (`?` suffix) checked when present; other fields JSON-like. */
function obj<T>(fields: Record<string, Check<unknown>>): Check<T> {
  const entries = Object.entries(fields).map(([key, check]) => ({ key: key.replace(/\?$/, ""), optional: key.endsWith("?"), check }));
  const known = new Set(entries.map((e) => e.key));
  return (v, path, budget) => {
    const o = plainObject(v, path);
    for (const { key, optional, check } of entries) {
      const value = o[key];
      if (value === undefined && optional) continue;
      if (!Object.prototype.hasOwnProperty.call(o, key) && !optional) fail(`${path}.${key}`, "missing");
      check(value, `${path}.${key}`, budget);
    }
    for (const key of Object.keys(o)) {
      if (known.has(key)) continue;
      budget.spend(key.length, path);
      json(o[key], `${path}.${key}`, budget);
    }
    return o as T;
  };
}

/** A JSON-like value: null, booleans, numbers, strings, arrays, plain objects (undefined members allowed), bytes. */
function json(v: unknown, path: string, budget: Budget, depth = 0): unknown {
  if (v === null || v === undefined || typeof v === "boolean" || typeof v === "number") return v;
  if (typeof v === "string") return str()(v, path, budget);
  if (v instanceof Uint8Array) return bytes(LIMITS.messageUnits)(v, path, budget);
  if (depth >= LIMITS.depth) return fail(path, `nested deeper than ${LIMITS.depth} levels`);
  if (Array.isArray(v)) {
    if (v.length > LIMITS.arrayItems) return fail(path, `an array of ${v.length} items (at most ${LIMITS.arrayItems})`);
    budget.spend(v.length, path);
    for (let i = 0; i < v.length; i++) json(v[i], `${path}[${i}]`, budget, depth + 1);
    return v;
  }
  const o = plainObject(v, path);
  for (const key of Object.keys(o)) {
    if (key === "__proto__") return fail(path, "a key named __proto__");
    budget.spend(key.length + 1, path);
    json(o[key], `${path}.${key}`, budget, depth + 1);
  }
  return o;
}

const jsonValue: Check<unknown> = (v, path, budget) => json(v, path, budget);
const jsonObject: Check<Record<string, unknown>> = (v, path, budget) => json(plainObject(v, path), path, budget) as Record<string, unknown>;

const sourceRef = obj({ file: str(4096), "line?": int(0), "column?": int(0), "symbol?": str(4096) });
const errorInfo = obj({ type: str(512), message: str(), "source?": sourceRef, frames: arr(sourceRef, 1000) });
const logEntry = obj({ level: oneOf(["log", "info", "warn", "error", "debug"] as const), message: str(LIMITS.logChars), "source?": sourceRef, time: num });
const logs = arr(logEntry);
const spanError = obj({ type: str(512), message: str(), "source?": sourceRef });
const span = obj({ id: int(0), parent: nullable(int(0)), kind: oneOf(SPAN_KINDS), name: str(), start: num, end: num, attrs: jsonObject, "source?": sourceRef, "error?": spanError });

/** A run's form (src/trace/runs.ts): its attributes are checked once made into spans; here, what making them needs. */
const runForm: Check<RunForm> = (v, path, budget) => {
  const form = obj<RunForm>({ name: str(), attrs: (a, p) => plainObject(a, p), holes: arr(arr(str(), 3), 10_000) })(v, path, budget);
  form.holes.forEach((hole, i) => {
    if (hole.length !== 3) fail(`${path}.holes[${i}]`, "a hole is a [key, before, after] triple");
    if (hole[0] === "__proto__" || !Object.prototype.hasOwnProperty.call(form.attrs, hole[0])) fail(`${path}.holes[${i}]`, `the hole ${JSON.stringify(hole[0].slice(0, 40))} is not one of the form's attributes`);
  });
  return form;
};
const spanRun = obj<SpanRun>({ first: int(0, LIMITS.spans), parent: nullable(int(0)), kind: oneOf(SPAN_KINDS), time: num, "source?": sourceRef, fill: str(), forms: arr(nullable(runForm), LIMITS.spans) });

/**
 * A packed trace's runs made spans, in place (`runs` removed): at most LIMITS.spans spans in all,
 * every id taken exactly once. The spans made are then checked as any trace's are.
 */
function unpack(o: Record<string, unknown>, path: string, budget: Budget): void {
  if (!Array.isArray(o.spans)) fail(`${path}.spans`, `expected an array, got ${describe(o.spans)}`);
  if (!Array.isArray(o.runs)) fail(`${path}.runs`, `expected an array, got ${describe(o.runs)}`);
  const spans = o.spans as unknown[];
  // The count first (each run's forms at most LIMITS.spans), before any run is looked into.
  let total = spans.length;
  for (const run of o.runs as unknown[]) {
    const forms = typeof run === "object" && run !== null ? (run as { forms?: unknown }).forms : undefined;
    if (Array.isArray(forms)) total += forms.length;
    if (total > LIMITS.spans) fail(path, `a trace of more than ${LIMITS.spans} spans`);
  }
  const runs = arr(spanRun, LIMITS.spans)(o.runs, `${path}.runs`, budget);
  spans.forEach((s, i) => plainObject(s, `${path}.spans[${i}]`));
  try {
    o.spans = expand_trace({ spans: spans as Span[], runs }).spans;
  } catch (e) {
    fail(`${path}.runs`, e instanceof RangeError ? e.message : String(e));
  }
  delete o.runs;
}

/** A trace: at most LIMITS.spans spans, span i has id i, and each parent is an earlier span. A packed one (`runs`) is made whole first. */
const trace: Check<Trace> = (v, path, budget) => {
  const o = plainObject(v, path);
  if (o.runs !== undefined) unpack(o, path, budget);
  const t = obj<Trace>({ spans: arr(span, LIMITS.spans) })(o, path, budget);
  t.spans.forEach((s, i) => {
    if (s.id !== i) fail(`${path}.spans[${i}].id`, `span ${i} has id ${s.id}`);
    if (s.parent !== null && s.parent >= i) fail(`${path}.spans[${i}].parent`, `parent ${s.parent} is not an earlier span`);
  });
  return t;
};

const header: Check<[string, string]> = (v, path, budget) => {
  const pair = arr(str(), 2)(v, path, budget);
  if (pair.length !== 2) fail(path, "a header is a [name, value] pair");
  return pair as [string, string];
};
const response = obj({ status: int(100, 999), reason: str(4096), headers: arr(header, 10_000), body: bytes(LIMITS.messageUnits) });
const strings = arr(str(4096), 10_000);
const errorResult = { ok: literal(false), error: errorInfo };

/** `{ok: true, ...}` or `{ok: false, error, ...}` with fields common to both. */
function result(success: Record<string, Check<unknown>>, common: Record<string, Check<unknown>> = {}): Check<unknown> {
  const good = obj({ ok: literal(true), ...success, ...common });
  const bad = obj({ ...errorResult, ...common });
  return (v, path, budget) => (plainObject(v, path).ok === true ? good(v, path, budget) : bad(v, path, budget));
}

/** What the server sent one simulated WebSocket client (gateway/asgi-websocket.ts's WebSocketServerEvent). */
const serverEvent: Check<unknown> = (v, path, budget) => {
  const type = plainObject(v, path).type;
  if (type === "accept") return obj({ type: literal("accept"), subprotocol: nullable(str(4096)), headers: arr(header, 10_000) })(v, path, budget);
  if (type === "text") return obj({ type: literal("text"), text: str() })(v, path, budget);
  if (type === "bytes") return obj({ type: literal("bytes"), bytes: bytes(LIMITS.messageUnits) })(v, path, budget);
  if (type === "close") return obj({ type: literal("close"), code: int(0, 65535), reason: str(4096) })(v, path, budget);
  if (type === "http_response") return obj({ type: literal("http_response"), response })(v, path, budget);
  return fail(`${path}.type`, `${describe(type)} is not a WebSocket server event`);
};
const socketEvents = arr(obj({ client: str(4096), event: serverEvent }));
const socketClients = arr(
  obj({ client: str(4096), target: str(), port: nullable(int(0, 65535)), state: oneOf(["connecting", "open", "closed"] as const), close_status: nullable(obj({ code: int(0, 65535), reason: str(4096) })) }),
  10_000,
);

const loadResult = result({ modules: strings }, { logs, trace, "middleware?": strings });
const requestResult = obj({ response, trace, logs, "database_changed?": bool, "socket_events?": socketEvents });
const socketResult = result({}, { trace, logs, events: socketEvents, clients: socketClients, "database_changed?": bool });
const files = (v: unknown, path: string, budget: Budget) => {
  const o = plainObject(v, path);
  const keys = Object.keys(o);
  if (keys.length > 10_000) fail(path, `${keys.length} files`);
  for (const key of keys) {
    str(4096)(key, `${path} (a file name)`, budget);
    if (key === "__proto__") fail(path, "a file named __proto__");
    str()(o[key], `${path}[${JSON.stringify(key.slice(0, 80))}]`, budget);
  }
  return o;
};
const outputChunk = obj({ stream: oneOf(["stdout", "stderr"] as const), text: str() });
const commandPrompt = obj({ text: str(4096), secret: bool });
const commandResult = result(
  { output: str(), files, "exit_code?": int(0, 255), "chunks?": arr(outputChunk), "prompt?": nullable(commandPrompt), "error?": errorInfo, "folders?": strings },
  { logs, trace, database_changed: bool },
);
const explainResult = result({ plan: arr(obj({ id: int(), parent: int(), detail: str(100_000) }), 100_000) });
const cell: Check<unknown> = (v, path, budget) => (v === null || typeof v === "number" ? v : str()(v, path, budget));
const selectResult = result({ columns: arr(str(100_000), 10_000), rows: arr(arr(cell, 10_000)) });
const tablesResult = result({ tables: arr(obj({ name: str(100_000), sql: str(), rows: int(0) }), 100_000) });
const renderedResult = result({ html: str() });
const attribute = obj({ defined_in: str(), kind: str(), "overrides?": strings, "value?": jsonValue, "signature?": str() });
const anatomy = obj({ class: str(), bases: strings, mro: strings, own: strings, inherited: strings, attributes: (v: unknown, path: string, budget: Budget) => {
  const o = plainObject(v, path);
  for (const key of Object.keys(o)) {
    if (key === "__proto__") fail(path, "an attribute named __proto__");
    budget.spend(key.length, path);
    attribute(o[key], `${path}.${key}`, budget);
  }
  return o;
} });
const inspectedResult = result({ anatomy });

const id = int(1);
const MESSAGES: Record<ChannelOut["type"], Check<unknown>> = {
  ready: obj({ type: literal("ready"), version: literal(PROTOCOL_VERSION) }),
  log: obj({ type: literal("log"), entry: logEntry }),
  error: obj({ type: literal("error"), id: nullable(id), error: errorInfo }),
  loaded: obj({ type: literal("loaded"), id, result: loadResult }),
  response: obj({ type: literal("response"), id, result: requestResult }),
  commanded: obj({ type: literal("commanded"), id, result: commandResult }),
  explained: obj({ type: literal("explained"), id, result: explainResult }),
  selected: obj({ type: literal("selected"), id, result: selectResult }),
  tables: obj({ type: literal("tables"), id, result: tablesResult }),
  rendered: obj({ type: literal("rendered"), id, result: renderedResult }),
  inspected: obj({ type: literal("inspected"), id, result: inspectedResult }),
  database: obj({ type: literal("database"), id, image: bytes(LIMITS.databaseBytes, false) }),
  socket_result: obj({ type: literal("socket_result"), id, result: socketResult }),
  database_exported: obj({ type: literal("database_exported"), id, image: nullable(bytes(LIMITS.databaseBytes, false)) }),
};

/** An untrusted message → the protocol message it is; throws ProtocolViolation (path and reason). */
export function parseRuntimeMessage(data: unknown): ChannelOut {
  const o = plainObject(data, "message");
  const type = o.type;
  if (typeof type !== "string" || !Object.prototype.hasOwnProperty.call(MESSAGES, type)) return fail("message.type", `${describe(type)} is not a message the runtime sends`);
  MESSAGES[type as ChannelOut["type"]](o, type, new Budget());
  return o as ChannelOut;
}
