/**
 * What the handler tells the trace about the things it calls: a callable's dotted name and source
 * location, a response in one line, and the headers a middleware added, changed or removed.
 */
import type { Attrs, Json, SourceRef } from "../../../../trace";
import type { HttpResponseBase } from "../../http/response";

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

export function describe_response(response: unknown): Attrs {
  const r = response as HttpResponseBase;
  if (!r || typeof r !== "object" || typeof r.status_code !== "number") return { type: typeof response };
  return { class: r.constructor.name, status: r.status_code, reason: r.reason_phrase };
}

export function snapshot_headers(response: HttpResponseBase): (readonly [string, string])[] {
  const headers = (response as unknown as { headers?: Iterable<[string, string]> & { _pairs?: () => (readonly [string, string])[] } }).headers;
  if (headers && typeof headers._pairs === "function") return headers._pairs();
  const out: [string, string][] = [];
  if (headers && typeof (headers as Iterable<[string, string]>)[Symbol.iterator] === "function") for (const [k, v] of headers) out.push([k, v]);
  return out;
}

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

type Headers = readonly (readonly [string, string])[];
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
}

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
  }
}
