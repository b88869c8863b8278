/**
 * A trace → the lifecycle graph the Flow panel draws: the main lane (client → web server → each
 * middleware in the order it ran → URL resolver → view, and back out the same way) and side nodes
 * for what happened along it (signals, SQL, templates, logs...), each with counts and times.
 * Pure data; FlowPanel.tsx lays it out (dagre) and renders it (@xyflow/react).
 */
import { visitSpanKind, type Span, type SpanKindHandlers } from "../../trace/span";
import { ancestors, duration, str, type SpanIndex } from "./span-index";

type Role = { lane: "main" | "side"; key: string; label: string } | null;

const side = (key: string, label: string) => (): Role => ({ lane: "side", key, label });

/** Where each span kind goes in the graph. */
export const FLOW_ROLE: SpanKindHandlers<Role> = {
  request: () => ({ lane: "main", key: "client", label: "Client (browser)" }),
  gateway: (s) => ({ lane: "main", key: "gateway", label: s.attrs.protocol === "asgi" ? "Web server (ASGI)" : "Web server (WSGI)" }),
  // A handler step is drawn only when the framework marks it as one of the lifecycle's stages
  // (Flask.wsgi_app, make_response); Django's handler spans are the wiring between middleware.
  handler: (s) => (s.attrs.flow_step === true ? { lane: "main", key: `handler:${s.name}`, label: s.name } : null),
  middleware: (s) => {
    const name = str(s.attrs.middleware) ?? s.name;
    return { lane: "main", key: `mw:${name}`, label: name };
  },
  resolver: () => ({ lane: "main", key: "resolver", label: "URL resolver" }),
  pattern: () => ({ lane: "main", key: "resolver", label: "URL resolver" }),
  view: (s) => ({ lane: "main", key: "view", label: s.name }),
  signal: side("signals", "Signals"),
  receiver: side("signals", "Signals"),
  exception: side("exception", "Exception → response"),
  queryset: side("orm", "ORM"),
  sql: side("sql", "SQL"),
  template: side("templates", "Templates"),
  form: side("forms", "Forms"),
  admin: side("admin", "Admin"),
  session: side("session", "Session"),
  auth: side("auth", "Auth"),
  module: side("modules", "Modules loaded"),
  settings: side("settings", "Settings"),
  app: side("apps", "Apps"),
  log: side("logs", "console output"),
  // Pushing and popping a Flask context are stages of the request; reading a context local is not.
  context: (s) => (s.attrs.action === "push" || s.attrs.action === "pop" ? { lane: "main", key: `context:${s.name}`, label: s.name } : { lane: "side", key: "context", label: "Context locals" }),
  hook: (s) => ({ lane: "main", key: `hook:${s.name}`, label: s.name }),
  asgi: () => ({ lane: "main", key: "gateway", label: "Web server (ASGI)" }),
  // FastAPI's path: … router → dependencies → handler → response model → background tasks.
  dependency: () => ({ lane: "main", key: "dependencies", label: "Dependencies" }),
  validation: (s) => (s.attrs.stage === "response" ? { lane: "main", key: "response-model", label: "Response model" } : { lane: "side", key: "validation", label: "Validation" }),
  task: () => ({ lane: "main", key: "tasks", label: "Background tasks" }),
  // A WebSocket step's root is the client that acted; each consumer instance (one per connection,
  // told apart by its channel) is its own node, so a fan-out shows every consumer it reached.
  websocket: (s) => (s.parent === null ? { lane: "main", key: "client", label: `Client ${str(s.attrs.client) ?? ""} (WebSocket)`.replace("  ", " ") } : { lane: "side", key: "websocket", label: "WebSocket" }),
  consumer: (s) => {
    const client = Array.isArray(s.attrs.client) ? `:${String(s.attrs.client[1])}` : "";
    return { lane: "main", key: `consumer:${str(s.attrs.channel_name) ?? str(s.attrs.consumer) ?? s.name}`, label: `${str(s.attrs.consumer) ?? s.name.split(".")[0]}${client}` };
  },
  channel: side("channel-layer", "Channel layer"),
  // A command run in the Terminal (manage.py, flask …): the program is the mode's, so the node says what it is.
  command: side("commands", "Commands"),
  user: (s) => ({ lane: "main", key: `user:${s.name}`, label: s.name }),
};

export interface FlowNode {
  key: string;
  label: string;
  lane: "main" | "side";
  kind: Span["kind"];
  spans: number[];
  /** Time in the node's own top-level spans (nested spans of the same node are not added twice). */
  ms: number;
  /** How many top-level spans the node has: SQL statements, templates rendered, signals sent… */
  count: number;
  /** A middleware of settings.MIDDLEWARE the request never reached (an outer one returned early). */
  unreached: boolean;
  error: boolean;
  shortCircuit: boolean;
  /** Side nodes: the main node they happened in. */
  attachedTo: string | null;
  /** The sync functions this stage ran in the threadpool (`run_in_threadpool`): a sync handler, sync dependencies. */
  threadpool: string[];
}

export interface FlowGraph {
  main: FlowNode[];
  side: FlowNode[];
}

function nodeFor(nodes: Map<string, FlowNode>, role: NonNullable<Role>, span: Span, attachedTo: string | null): FlowNode {
  let node = nodes.get(role.key);
  if (!node) {
    node = { key: role.key, label: role.label, lane: role.lane, kind: span.kind, spans: [], ms: 0, count: 0, error: false, shortCircuit: false, unreached: false, attachedTo, threadpool: [] };
    nodes.set(role.key, node);
  }
  return node;
}

/**
 * `middleware`: settings.MIDDLEWARE as loaded (dotted paths, outermost first). Those with no span
 * in the trace — inside a middleware that returned early, or that raised — are added to the main
 * lane, in their place, marked `unreached`.
 */
export function buildFlowGraph(index: SpanIndex, middleware: string[] = []): FlowGraph {
  const nodes = new Map<string, FlowNode>();
  const roleOf = new Map<number, Role>();
  for (const span of index.spans) {
    const role = visitSpanKind(span, FLOW_ROLE);
    roleOf.set(span.id, role);
    if (!role) {
      // A sync function sent to the threadpool: its stage (the handler, the dependencies) says so.
      if (span.kind === "handler" && span.name === "run_in_threadpool") {
        const stage = ancestors(index, span).map((a) => roleOf.get(a.id)).find((r) => r?.lane === "main");
        const node = stage ? nodes.get(stage.key) : undefined;
        const func = str(span.attrs.func) ?? "?";
        if (node && !node.threadpool.includes(func)) node.threadpool.push(func);
      }
      continue;
    }
    const up = ancestors(index, span);
    const mainAncestor = up.map((a) => roleOf.get(a.id)).find((r) => r?.lane === "main");
    const node = nodeFor(nodes, role, span, role.lane === "side" ? (mainAncestor?.key ?? "client") : null);
    node.spans.push(span.id);
    // Count time once: skip spans nested inside another span of the same node.
    if (!up.some((a) => roleOf.get(a.id)?.key === role.key)) {
      node.ms += duration(span);
      node.count += 1;
    }
    if (span.error) node.error = true;
    if (span.attrs.short_circuit === true) node.shortCircuit = true;
  }
  const all = [...nodes.values()];
  return { main: withUnreached(all.filter((n) => n.lane === "main"), middleware), side: all.filter((n) => n.lane === "side") };
}

/** The main lane with every middleware of the settings in order, the ones never reached included. */
function withUnreached(main: FlowNode[], middleware: string[]): FlowNode[] {
  if (!middleware.length || !main.length) return main;
  const isMw = (n: FlowNode) => n.key.startsWith("mw:");
  const reached = new Map(main.filter(isMw).map((n) => [n.key, n]));
  const listed = middleware.map((path) => {
    const name = path.split(".").pop() ?? path;
    const key = `mw:${name}`;
    const node: FlowNode = reached.get(key) ?? { key, label: name, lane: "main", kind: "middleware", spans: [], ms: 0, count: 0, error: false, shortCircuit: false, unreached: true, attachedTo: null, threadpool: [] };
    reached.delete(key);
    return node;
  });
  const layers = [...listed, ...reached.values()];
  const first = main.findIndex(isMw);
  const at = first >= 0 ? first : Math.min(2, main.length);
  const rest = main.filter((n) => !isMw(n));
  return [...rest.slice(0, at), ...layers, ...rest.slice(at)];
}

/** The graph node a span is drawn in: its own, or its nearest ancestor's (a handler span has none of its own). */
export function flowNodeKeyOf(index: SpanIndex, span: Span): string | null {
  for (const s of [span, ...ancestors(index, span)]) {
    const role = visitSpanKind(s, FLOW_ROLE);
    if (role) return role.key;
  }
  return null;
}
