/**
 * What the ASGI/FastAPI panels read from a trace, as plain data (no React, so it is tested
 * headless): the ASGI scope and messages in order (ASGI panel), each parameter validated and the
 * 422 it led to (Validation panel), the dependency graph with its resolution and cleanup order
 * (Dependencies panel), the documented operations and where their handlers are (OpenAPI panel).
 * Spans are selected by kind (`asgi`, `validation`, `dependency`, `view`, `task`) and the attrs
 * the frameworks record (src/gateway/asgi.ts, src/frameworks/fastapi/dependencies/utils.ts).
 */
import type { Json, SourceRef, Span } from "../../trace/span";
import type { SpanIndex } from "./span-index";

const obj = (v: Json | undefined): Record<string, Json> => (v && typeof v === "object" && !Array.isArray(v) ? v : {});
const text = (v: Json | undefined): string | null => (typeof v === "string" ? v : null);

// ---- ASGI -------------------------------------------------------------------------------------

export interface AsgiMessage {
  id: number;
  direction: "receive" | "send" | "event";
  type: string;
  /** ms since the scope was built. */
  at: number | null;
  /** ms the call waited (a receive() waiting for the client to disconnect). */
  waited: number | null;
  message: Record<string, Json>;
  error: string | null;
}

export interface AsgiExchange {
  scope: Record<string, Json> | null;
  messages: AsgiMessage[];
  /** The server's log lines (an exception in the app, a response never started…). */
  log: string[];
}

/** The scope and every message of the request, in order. */
export function asgiExchange(index: SpanIndex): AsgiExchange {
  const events = index.spans.filter((s) => s.kind === "asgi");
  const scopeEvent = events.find((s) => s.name === "scope http" || s.name === "scope websocket");
  const gateway = index.spans.find((s) => s.kind === "gateway" && s.attrs.protocol === "asgi");
  const messages: AsgiMessage[] = events
    .filter((s) => s !== scopeEvent)
    .map((s) => {
      const direction = s.attrs.direction === "receive" || s.attrs.direction === "send" ? s.attrs.direction : "event";
      const message = obj(s.attrs.message);
      return {
        id: s.id,
        direction,
        type: text(message.type) ?? s.name,
        at: typeof s.attrs.at === "number" ? s.attrs.at : null,
        waited: typeof s.attrs.waited === "number" ? s.attrs.waited : null,
        message,
        error: s.error ? `${s.error.type}: ${s.error.message}` : null,
      };
    });
  const log = Array.isArray(gateway?.attrs.server_log) ? (gateway!.attrs.server_log as Json[]).filter((l): l is string => typeof l === "string") : [];
  return { scope: scopeEvent ? obj(scopeEvent.attrs.scope) : null, messages, log };
}

// ---- Validation --------------------------------------------------------------------------------

export interface ValidatedParameter {
  id: number;
  name: string;
  /** path, query, header, cookie, body. */
  source: string;
  alias: string;
  annotation: string;
  declared: string;
  required: boolean;
  raw: Json;
  value: Json;
  errors: Record<string, Json>[];
  declaration: SourceRef | undefined;
  /** The dependency whose parameter this is (null: the handler's own). */
  dependency: string | null;
}

export interface ValidationSummary {
  parameters: ValidatedParameter[];
  /** The errors of the 422 response, exactly as its body lists them; null when there was none. */
  requestErrors: Record<string, Json>[] | null;
  /** A body that was not JSON: the decoder's message and position. */
  jsonInvalid: { error: string; position: number; raw: string } | null;
  /** The response model check: its model, the filters applied, its errors. */
  responseModel: { model: string; errors: Record<string, Json>[]; filters: Record<string, Json>; failed: boolean } | null;
}

/**
 * Where a body error's field was declared: `loc` ["body", "price"] of a parameter annotated `Item`
 * (or ["body", "item", "price"] when the body is embedded) → the line `price: ...` inside
 * `class Item`'s `static fields` in the learner's files. Only the first level of a model; a bare
 * annotation (`t.float`) records no line at run time, so the file text is read instead.
 */
export function fieldDeclaration(files: Record<string, string>, p: Pick<ValidatedParameter, "annotation" | "alias" | "source">, loc: Json): { field: string; source: SourceRef } | null {
  if (p.source !== "body" || !Array.isArray(loc) || loc[0] !== "body") return null;
  const model = /^[A-Za-z_]\w*$/.test(p.annotation) ? p.annotation : null;
  if (!model) return null;
  const rest = loc.slice(1);
  const field = rest.length > 1 && rest[0] === p.alias ? rest[1] : rest[0];
  if (typeof field !== "string") return null;
  for (const [file, content] of Object.entries(files)) {
    const lines = content.split("\n");
    const start = lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?(default\\s+)?class\\s+${model}\\b`).test(l));
    if (start < 0) continue;
    const fieldLine = new RegExp(`^\\s*["']?${field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`);
    for (let i = start + 1; i < lines.length; i++) {
      if (/^(export\s+)?class\s/.test(lines[i]) || /^}/.test(lines[i])) break;
      if (fieldLine.test(lines[i])) return { field: `${model}.${field}`, source: { file, line: i + 1 } };
    }
  }
  return null;
}

function nearestDependency(index: SpanIndex, span: Span): string | null {
  for (let p = span.parent === null ? undefined : index.byId.get(span.parent); p; p = p.parent === null ? undefined : index.byId.get(p.parent)) {
    if (p.kind === "dependency") return p.name;
  }
  return null;
}

export function validationSummary(index: SpanIndex): ValidationSummary {
  const spans = index.spans.filter((s) => s.kind === "validation");
  const parameters: ValidatedParameter[] = spans
    .filter((s) => typeof s.attrs.parameter === "string")
    .map((s) => ({
      id: s.id,
      name: s.attrs.parameter as string,
      source: text(s.attrs.source) ?? "?",
      alias: text(s.attrs.alias) ?? (s.attrs.parameter as string),
      annotation: text(s.attrs.annotation) ?? "",
      declared: text(s.attrs.declared) ?? "",
      required: s.attrs.required === true,
      raw: s.attrs.raw ?? null,
      value: s.attrs.value ?? null,
      errors: (Array.isArray(s.attrs.errors) ? s.attrs.errors : []).map(obj),
      declaration: s.source,
      dependency: nearestDependency(index, s),
    }));
  const failure = spans.find((s) => s.name.startsWith("RequestValidationError"));
  const invalid = spans.find((s) => s.name === "body json_invalid");
  const response = spans.find((s) => s.attrs.stage === "response");
  return {
    parameters,
    requestErrors: failure && Array.isArray(failure.attrs.errors) ? failure.attrs.errors.map(obj) : invalid ? [{ type: "json_invalid", loc: ["body", invalid.attrs.position ?? 0], msg: "JSON decode error", input: {}, ctx: { error: invalid.attrs.error ?? "" } }] : null,
    jsonInvalid: invalid ? { error: text(invalid.attrs.error) ?? "", position: typeof invalid.attrs.position === "number" ? invalid.attrs.position : 0, raw: text(invalid.attrs.raw) ?? "" } : null,
    responseModel: response
      ? { model: text(response.attrs.response_model) ?? response.name, errors: (Array.isArray(response.attrs.errors) ? response.attrs.errors : []).map(obj), filters: obj(response.attrs.filters), failed: Boolean(response.error) }
      : null,
  };
}

/** A value as the Validation panel prints it (strings quoted, like the 422 body's JSON). */
export function showValue(value: Json): string {
  return value === undefined ? "" : JSON.stringify(value);
}

// ---- Dependencies ------------------------------------------------------------------------------

export interface DependencyNode {
  /** The span id (one node per dependency call or cache hit). */
  id: number;
  name: string;
  /** 1, 2, …: when it ran; null for a cache hit or one that never ran. */
  order: number | null;
  cached: boolean;
  /** sync (threadpool), async, generator (yield)… */
  kind: string;
  scope: string | null;
  outcome: string;
  error: string | null;
  /** The node it feeds (its dependant): another dependency's id, or "endpoint". */
  parent: number | "endpoint";
  parameter: string | null;
  /** 1, 2, …: when its cleanup (after `yield`) ran; null for none. */
  cleanup: number | null;
  cleanupHow: string | null;
  overridden: string | null;
  source: SourceRef | undefined;
}

export interface DependencyGraph {
  endpoint: { name: string; ran: boolean; source: SourceRef | undefined } | null;
  nodes: DependencyNode[];
  /** Cleanup events in the order they ran (newest entered first). */
  cleanups: { name: string; how: string; exception: string | null }[];
  tasks: { name: string; error: string | null }[];
}

export function dependencyGraph(index: SpanIndex): DependencyGraph {
  const deps = index.spans.filter((s) => s.kind === "dependency" && !s.name.startsWith("cleanup "));
  const cleanupSpans = index.spans.filter((s) => s.kind === "dependency" && s.name.startsWith("cleanup "));
  const view = index.spans.find((s) => s.kind === "view" && typeof s.attrs.endpoint === "string");
  const cleanups = cleanupSpans.map((s) => ({ name: s.name.slice("cleanup ".length), how: text(s.attrs.cleanup) ?? "", exception: text(s.attrs.exception) }));
  const cleanupOrder = new Map<string, number>();
  cleanups.forEach((c, i) => {
    if (!cleanupOrder.has(c.name)) cleanupOrder.set(c.name, i + 1);
  });
  const nodes: DependencyNode[] = deps.map((s) => {
    const parentSpan = s.parent === null ? undefined : index.byId.get(s.parent);
    const cleanup = cleanupOrder.get(s.name) ?? null;
    const cleanupHow = cleanups.find((c) => c.name === s.name)?.how ?? null;
    return {
      id: s.id,
      name: s.name,
      order: typeof s.attrs.order === "number" ? s.attrs.order : null,
      cached: s.attrs.cached === true,
      kind: text(s.attrs.kind) ?? "",
      scope: text(s.attrs.scope),
      outcome: text(s.attrs.outcome) ?? (s.error ? "raised" : ""),
      error: s.error ? `${s.error.type}: ${s.error.message}` : null,
      parent: parentSpan?.kind === "dependency" ? parentSpan.id : "endpoint",
      parameter: text(s.attrs.parameter),
      cleanup: s.attrs.cached === true ? null : cleanup,
      cleanupHow: s.attrs.cached === true ? null : cleanupHow,
      overridden: text(s.attrs.overridden),
      source: s.source,
    };
  });
  const tasks = index.spans.filter((s) => s.kind === "task").map((s) => ({ name: s.name, error: s.error ? `${s.error.type}: ${s.error.message}` : null }));
  const endpointName = view ? (view.attrs.endpoint as string) : null;
  return { endpoint: endpointName || deps.length ? { name: endpointName ?? "(handler)", ran: Boolean(view), source: view?.source } : null, nodes, cleanups, tasks };
}

// ---- OpenAPI -----------------------------------------------------------------------------------

export interface Operation {
  method: string;
  path: string;
  operationId: string;
  summary: string | null;
  handler: string | null;
  source: SourceRef | undefined;
}

/** Where each documented operation's handler is declared (recorded when /openapi.json was served). */
export function operationSources(index: SpanIndex): Map<string, { handler: string; source: SourceRef | undefined }> {
  const out = new Map<string, { handler: string; source: SourceRef | undefined }>();
  const event = index.spans.find((s) => s.kind === "handler" && s.name === "openapi operations");
  for (const op of Array.isArray(event?.attrs.operations) ? (event!.attrs.operations as Json[]) : []) {
    const o = obj(op);
    const id = text(o.operationId);
    if (!id) continue;
    const where = text(o.source);
    const m = where ? /^(.*):(\d+)$/.exec(where) : null;
    out.set(id, { handler: text(o.handler) ?? "", source: where ? (m ? { file: m[1], line: Number(m[2]) } : { file: where }) : undefined });
  }
  return out;
}

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** The operations of an OpenAPI document, in document order. */
export function operationsOf(document: unknown, sources: Map<string, { handler: string; source: SourceRef | undefined }>): Operation[] {
  const paths = obj((document as { paths?: Json })?.paths);
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(obj(item))) {
      if (!HTTP_METHODS.includes(method)) continue;
      const o = obj(op);
      const operationId = text(o.operationId) ?? `${method} ${path}`;
      const known = sources.get(operationId);
      out.push({ method: method.toUpperCase(), path, operationId, summary: text(o.summary), handler: known?.handler ?? null, source: known?.source });
    }
  }
  return out;
}
