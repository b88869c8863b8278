/**
 * What the handler tells the trace about the things it calls: a callable's dotted name and source
 * location, a response in one line, and the headers a middleware added, changed or removed.
 */
import { to_json, type Attrs, type Json, type SourceRef } from "../../../../trace";
import type { HttpResponseBase } from "../../http/response";

type Headers = readonly (readonly [string, string])[];
type Introspectable = { __module__?: string; __qualname__?: string; name?: string; view_class?: { name: string; __module__?: string }; __source__?: SourceRef };

/** `blog.views.post_detail` or `PostDetailView` (for `as_view()` results). */
export function callable_name(fn: unknown): string {
  const f = fn as Introspectable;
  if (!f) return "None";
  const name = f.view_class?.name ?? f.__qualname__ ?? f.name ?? "<anonymous>";
  const module = f.view_class?.__module__ ?? f.__module__;
  return module ? `${module}.${name}` : name;
}

/** The runtime stamps `__source__` on user functions it can locate; framework views have none. */
export function callable_source(fn: unknown): SourceRef | undefined {
  const f = fn as Introspectable;
  return f?.__source__ ?? (f?.__module__ ? { file: `${f.__module__.replace(/\./g, "/")}.ts`, symbol: f.__qualname__ ?? f.name } : undefined);
}

/** What the trace says of a callable: its name and source, made once per callable (and again if its module or source is stamped later). */
export interface CallableFacts {
  readonly name: string;
  readonly source: SourceRef | undefined;
  readonly module: string | undefined;
  readonly stamped: SourceRef | undefined;
}
const facts_by_callable = new WeakMap<object, CallableFacts>();

/** `callable_name` and `callable_source` of a view, remembered: a function's names do not change once its module is loaded. */
export function callable_facts(fn: unknown): CallableFacts {
  const f = fn as Introspectable;
  if ((typeof f !== "function" && typeof f !== "object") || f === null) return { name: callable_name(fn), source: callable_source(fn), module: undefined, stamped: undefined };
  const known = facts_by_callable.get(f);
  if (known !== undefined && known.module === f.__module__ && known.stamped === f.__source__) return known;
  const facts: CallableFacts = { name: callable_name(fn), source: callable_source(fn), module: f.__module__, stamped: f.__source__ };
  facts_by_callable.set(f, facts);
  return facts;
}

/**
 * A value the trace shows as `to_json(value)` as it is now, kept for `to_json` when the trace is
 * read (which gives the same JSON, `to_json` being idempotent): a primitive as it is, an empty
 * array or plain object as a shared frozen one, an array or plain object of primitives as a
 * shallow copy, anything else as `to_json(value)` now (its parts may change).
 */
export function keep_json(value: unknown): unknown {
  if (value === null || typeof value !== "object") return typeof value === "function" ? to_json(value) : value;
  if (Array.isArray(value)) {
    const n = value.length;
    if (n === 0) return NO_ITEMS;
    for (let i = 0; i < n; i++) if (!is_primitive(value[i])) return to_json(value);
    return value.slice();
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return to_json(value);
  const copy: Record<string, unknown> = {};
  let empty = true;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (!is_primitive(v)) return to_json(value);
    copy[key] = v;
    empty = false;
  }
  return empty ? NO_KEYS : copy;
}
const NO_ITEMS: readonly never[] = Object.freeze([]);
const NO_KEYS: Readonly<Record<string, never>> = Object.freeze({});

function is_primitive(value: unknown): boolean {
  return value === null || (typeof value !== "object" && typeof value !== "function");
}

/**
 * `{class, status, reason}` of a response, as it is now. The layers of the onion describe the same
 * response one after the other, usually unchanged: the last description is handed out again while
 * the response, its class, status and reason are the same (a description is never changed).
 */
export function describe_response(response: unknown): Attrs {
  const r = response as HttpResponseBase;
  if (!r || typeof r !== "object" || typeof r.status_code !== "number") return { type: typeof response };
  const cls = r.constructor;
  const status = r.status_code;
  const reason = r.reason_phrase;
  const last = last_described;
  if (last.response === r && last.cls === cls && last.status === status && last.reason === reason) return last.attrs;
  const attrs: Attrs = { class: cls.name, status, reason };
  last.response = r;
  last.cls = cls;
  last.status = status;
  last.reason = reason;
  last.attrs = attrs;
  return attrs;
}
const last_described: { response: unknown; cls: unknown; status: number; reason: string; attrs: Attrs } = { response: null, cls: null, status: 0, reason: "", attrs: {} };

/**
 * A response's headers now: its `[name, value]` pairs (a pair is replaced, never changed in place).
 * The last snapshot is handed out again while it still holds (the same headers, the same pairs in
 * the same order), so layers that pass a response on untouched share one snapshot.
 */
export function snapshot_headers(response: HttpResponseBase): Headers {
  const headers = (response as unknown as { headers?: Iterable<[string, string]> & { _pairs?: () => Headers; _holds?: (pairs: Headers) => boolean } }).headers;
  if (headers && typeof headers._pairs === "function") {
    if (last_snapshot.headers === headers && headers._holds!(last_snapshot.pairs)) return last_snapshot.pairs;
    const pairs = headers._pairs();
    last_snapshot.headers = headers;
    last_snapshot.pairs = pairs;
    return pairs;
  }
  const out: [string, string][] = [];
  if (headers && typeof (headers as Iterable<[string, string]>)[Symbol.iterator] === "function") for (const [k, v] of headers) out.push([k, v]);
  return out;
}
const last_snapshot: { headers: unknown; pairs: Headers } = { headers: null, pairs: [] };

/**
 * `{added: {...}, changed: {...}, removed: [...]}`, header names compared case-insensitively.
 * Middleware almost always appends headers, so the common case (before is a prefix of after) is a
 * single pass; only a reordering or removal pays for the general comparison.
 */
export function header_changes(before: readonly (readonly [string, string])[], after: readonly (readonly [string, string])[]): Json {
  const added: { [k: string]: Json } = {};
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && (before[prefix] === after[prefix] || (before[prefix][0] === after[prefix][0] && before[prefix][1] === after[prefix][1]))) prefix++;
  if (prefix === before.length) {
    for (let i = prefix; i < after.length; i++) added[after[i][0]] = after[i][1];
    return { added, changed: {}, removed: [] };
  }
  const b = new Map(before.map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const a = new Map(after.map(([k, v]) => [k.toLowerCase(), [k, v] as const]));
  const changed: { [k: string]: Json } = {};
  const removed: Json[] = [];
  for (const [key, [name, value]] of a) {
    const old = b.get(key);
    if (!old) added[name] = value;
    else if (old[1] !== value) changed[name] = { from: old[1], to: value };
  }
  for (const [key, [name]] of b) if (!a.has(key)) removed.push(name);
  return { added, changed, removed };
}

// ---------------------------------------------------------------------------------------------
// The onion's layers while they run, for the trace (base.ts's trace_layer, MiddlewareMixin's phases)
// ---------------------------------------------------------------------------------------------

const NO_HEADERS: Headers = [];

/**
 * One traced layer of the onion, while it runs and until its trace is read: whether the layer
 * inside was reached, the response it returned (with its headers then), and — for a
 * `MiddlewareMixin` layer — the response its `process_response` was given and returned. The
 * layer's span and its `process_response` span describe the same two moments (the response as the
 * inner layer returned it, and as this layer returns it), so they share one header snapshot of
 * each, one description of the response, and one header comparison, made when the trace is read.
 * Every field is written while the layer runs and never after it returns.
 */
export class LayerState {
  reached = false;
  inner_response: HttpResponseBase | null = null;
  inner_headers: Headers = NO_HEADERS;
  /** The `MiddlewareMixin` whose own `__call__` this layer calls (nothing runs between its process_response and the layer's return), or null. */
  readonly owner: object | null;
  /** What `process_response` was given, with its headers then. */
  given: HttpResponseBase | null = null;
  given_headers: Headers = NO_HEADERS;
  /** What `process_response` returned, with its headers and description then (null until it returns). */
  returned: HttpResponseBase | null = null;
  returned_headers: Headers = NO_HEADERS;
  returned_described: Attrs | null = null;
  /** What the layer returned, with its headers and description then (null until it returns). */
  final_response: HttpResponseBase | null = null;
  final_headers: Headers = NO_HEADERS;
  final_described: Attrs | null = null;
  /** The last header comparison made (made when read; the layer's and its process_response's are usually the same). */
  private compared: [Headers, Headers, Json] | null = null;

  constructor(owner: object | null) {
    this.owner = owner;
  }

  /** `header_changes(before, after)`, made once for the two spans that compare the same snapshots. */
  changes(before: Headers, after: Headers): Json {
    const last = this.compared;
    if (last !== null && last[0] === before && last[1] === after) return last[2];
    const changes = header_changes(before, after);
    this.compared = [before, after, changes];
    return changes;
  }
}

/** The traced layers running now, outermost first. */
const layer_stack: LayerState[] = [];

/** A traced layer starts: the layer outside it (if any) has reached the next one. */
export function enter_layer(owner: object | null): LayerState {
  const state = new LayerState(owner);
  if (layer_stack.length) layer_stack[layer_stack.length - 1].reached = true;
  layer_stack.push(state);
  return state;
}

/** A traced layer is done (returned or raised). */
export function leave_layer(state: LayerState): void {
  if (layer_stack[layer_stack.length - 1] === state) layer_stack.pop();
  else {
    const i = layer_stack.lastIndexOf(state);
    if (i >= 0) layer_stack.splice(i, 1);
  }
  if (layer_stack.length === 0) forget_last();
}

/** The onion is done: the last snapshot and description are not held past the request. */
function forget_last(): void {
  last_snapshot.headers = last_described.response = last_described.cls = null;
  last_snapshot.pairs = NO_HEADERS;
  last_described.attrs = NO_ATTRS;
}
const NO_ATTRS: Attrs = {};

/** The innermost traced layer running now, if `owner` is the middleware it calls. */
export function owned_layer(owner: object): LayerState | null {
  const top = layer_stack[layer_stack.length - 1];
  return top !== undefined && top.owner === owner ? top : null;
}

/**
 * A layer returned `response`: its headers and description now (shared with its process_response
 * span when nothing ran between the two), handed to the layer outside as what its inner layer returned.
 */
export function layer_returned(state: LayerState, response: HttpResponseBase): void {
  leave_layer(state);
  const shared = state.returned !== null && state.returned === response;
  const headers = shared ? state.returned_headers : snapshot_headers(response);
  state.final_response = response;
  state.final_headers = headers;
  state.final_described = shared ? state.returned_described : describe_response(response);
  const parent = layer_stack[layer_stack.length - 1];
  if (parent) {
    parent.inner_response = response;
    parent.inner_headers = headers;
  } else forget_last();
}
