/**
 * The trace panels, registered in one place: each definition names a panel, its component and an
 * optional badge. Every panel visits span kinds through `SpanKindHandlers`, so adding a span kind
 * to src/trace/span.ts fails to compile until each panel here has decided what to do with it.
 *
 * Which tabs show: the panels the project's mode lists (src/modes: a Flask project has no Admin
 * tab), in the mode's order, and of those only the ones the selected trace has something for
 * (`relevant`): a request that ran no SQL shows no SQL tab.
 */
import { createElement, lazy, useState, type ComponentType } from "react";
import type { Exchange } from "../state/store";
import type { LogEntry } from "../../runtime/protocol";
import type { SpanIndex } from "./span-index";
import type { ModeDescriptor } from "../../modes/types";
import type { SpanKind } from "../../trace/span";
import { TimelinePanel } from "./TimelinePanel";
import { MiddlewarePanel, middlewareCount } from "./MiddlewarePanel";
import { UrlsPanel } from "./UrlsPanel";
import { SignalsPanel, signalCount } from "./SignalsPanel";
import { RequestPanel } from "./RequestPanel";
import { LogsPanel } from "./LogsPanel";
import { ErrorsPanel, errorCount } from "./ErrorsPanel";
import { HistoryPanel } from "./HistoryPanel";
import { StepPanel } from "./StepPanel";
import { TemplatesPanel, templateCount } from "./TemplatesPanel";
import { FormsPanel, formCount } from "./FormsPanel";
import { ViewClassPanel, viewMethodCount } from "./ViewClassPanel";
import { DatabasePanel } from "./DatabasePanel";
import { SessionPanel, sessionCount } from "./SessionPanel";
import { AuthPanel, authCount } from "./AuthPanel";
import { CsrfPanel, csrfBadge } from "./CsrfPanel";
import { csrfEvents } from "./contrib-spans";
import { AdminPanel, adminCount } from "./AdminPanel";
import { ValidationPanel, validationCount } from "./ValidationPanel";
import { AsgiPanel } from "./AsgiPanel";
import { OpenAPIPanel } from "./OpenAPIPanel";
import { ContextPanel, contextCount } from "./ContextPanel";
import { UrlMapPanel } from "./UrlMapPanel";
import { ClientsPanel } from "./ClientsPanel";
import { ConnectionsPanel } from "./ConnectionsPanel";

export interface PanelProps {
  exchange: Exchange;
  index: SpanIndex;
  logs: LogEntry[];
}

export interface PanelDefinition {
  id: string;
  title: string;
  Component: ComponentType<PanelProps>;
  /** A count shown on the tab (null: none). */
  badge?: (props: PanelProps) => number | null;
  /** Panels that make sense before any request (History). */
  needsExchange?: boolean;
  /** Panels that still say something when the request produced no trace (a failed load, the deadline). */
  withoutTrace?: boolean;
  /** Whether the selected trace has anything for this panel (default: always). */
  relevant?: (props: PanelProps) => boolean;
}

/**
 * A lazily loaded panel whose code can be fetched before it first shows (`preload()`): once it is
 * there, a new instance renders at once, without the "Loading panel…" fallback (React.lazy would
 * suspend for a tick even then). An instance that started out lazy stays lazy, so it never remounts.
 */
function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> & { preload(): Promise<void> } {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<{ default: ComponentType<P> }> | null = null;
  const fetch = () =>
    (pending ??= load().then(
      (module) => ((loaded = module.default), module),
      (e: unknown) => {
        pending = null;
        throw e;
      },
    ));
  const Lazy = lazy(fetch);
  function Preloadable(props: P) {
    const [Component] = useState(() => loaded);
    return createElement((Component ?? Lazy) as ComponentType<P>, props);
  }
  return Object.assign(Preloadable, { preload: () => fetch().then(() => undefined) });
}

// The flow graph pulls in @xyflow/react and dagre: fetched ahead of the first response
// (preloadPanels, called by the page once its project starts loading), or when the panel first shows.
const FlowPanel = preloadable(() => import("./FlowPanel"));

/** Fetch the code of the panel the first response shows (Flow), so that it is ready when the response arrives. */
export function preloadPanels(): Promise<void> {
  return FlowPanel.preload().catch(() => undefined);
}
// The SQL panel brings sql-formatter: loaded when the panel first shows.
const SqlPanel = lazy(() => import("./SqlPanel"));
// The dependency graph pulls in @xyflow/react and dagre, as Flow does.
const DependenciesPanel = lazy(() => import("./DependenciesPanel"));
// The Channel layer panel draws with @xyflow/react: loaded when it first shows.
const ChannelLayerPanel = lazy(() => import("./ChannelLayerPanel"));
// The Terminal brings @xterm/xterm: loaded when the panel first shows.
const TerminalPanel = lazy(() => import("./TerminalPanel"));

/** The trace has a span of one of these kinds. */
const has = (...kinds: SpanKind[]) => ({ index }: PanelProps) => index.spans.some((s) => kinds.includes(s.kind));
/** The panel's badge counts something in this trace. */
const counts = (badge: (props: PanelProps) => number | null) => (props: PanelProps) => (badge(props) ?? 0) > 0;

export const PANELS: PanelDefinition[] = [
  { id: "flow", title: "Flow", Component: FlowPanel },
  { id: "step", title: "Step", Component: StepPanel },
  { id: "timeline", title: "Timeline", Component: TimelinePanel, badge: ({ index }) => index.spans.length },
  { id: "middleware", title: "Middleware", Component: MiddlewarePanel, badge: ({ index }) => middlewareCount(index), relevant: has("middleware") },
  { id: "urls", title: "URLs", Component: UrlsPanel, relevant: has("resolver", "pattern") },
  { id: "sql", title: "SQL", Component: SqlPanel, badge: ({ index }) => index.spans.filter((s) => s.kind === "sql").length || null, relevant: has("sql", "queryset") },
  { id: "signals", title: "Signals", Component: SignalsPanel, badge: ({ index }) => signalCount(index), relevant: has("signal", "receiver") },
  { id: "templates", title: "Templates", Component: TemplatesPanel, badge: ({ index }) => templateCount(index), relevant: has("template") },
  { id: "forms", title: "Forms", Component: FormsPanel, badge: ({ index }) => formCount(index), relevant: has("form") },
  { id: "cbv", title: "Class-based view", Component: ViewClassPanel, badge: ({ index }) => viewMethodCount(index), relevant: counts(({ index }) => viewMethodCount(index)) },
  { id: "session", title: "Session", Component: SessionPanel, badge: ({ index }) => sessionCount(index), relevant: has("session") },
  { id: "auth", title: "Auth", Component: AuthPanel, badge: ({ index }) => authCount(index), relevant: has("auth") },
  { id: "csrf", title: "CSRF", Component: CsrfPanel, badge: ({ index }) => csrfBadge(index), relevant: ({ index }) => csrfEvents(index).length > 0 },
  { id: "admin", title: "Admin", Component: AdminPanel, badge: ({ index }) => adminCount(index), relevant: has("admin") },
  { id: "validation", title: "Validation", Component: ValidationPanel, badge: validationCount, relevant: has("validation") },
  { id: "dependencies", title: "Dependencies", Component: DependenciesPanel, badge: ({ index }) => index.spans.filter((s) => s.kind === "dependency" && !s.name.startsWith("cleanup ")).length || null, relevant: has("dependency", "view") },
  { id: "openapi", title: "OpenAPI", Component: OpenAPIPanel },
  { id: "asgi", title: "ASGI", Component: AsgiPanel, badge: ({ index }) => index.spans.filter((s) => s.kind === "asgi").length || null, relevant: has("asgi") },
  { id: "context", title: "Context", Component: ContextPanel, badge: ({ index }) => contextCount(index), relevant: has("context") },
  { id: "urlmap", title: "URL map", Component: UrlMapPanel, relevant: has("resolver") },
  // WebSockets (ASGI projects): the clients, every ASGI message per connection, the channel layer.
  { id: "clients", title: "Clients", Component: ClientsPanel, needsExchange: false, withoutTrace: true },
  { id: "connections", title: "Connections", Component: ConnectionsPanel, needsExchange: false, withoutTrace: true },
  { id: "channel-layer", title: "Channel layer", Component: ChannelLayerPanel, needsExchange: false, withoutTrace: true },
  { id: "request", title: "Request", Component: RequestPanel },
  { id: "logs", title: "Logs", Component: LogsPanel, withoutTrace: true, badge: ({ logs }) => logs.length || null },
  { id: "errors", title: "Errors", Component: ErrorsPanel, withoutTrace: true, badge: (p) => errorCount(p) || null },
  { id: "history", title: "History", Component: HistoryPanel, needsExchange: false, withoutTrace: true },
  // Not a view of the trace: the database itself (manage.py commands, tables, rows).
  { id: "database", title: "Database", Component: DatabasePanel, needsExchange: false, withoutTrace: true },
  // manage.py at a prompt: the project's commands run in the worker, each with its own trace.
  { id: "terminal", title: "Terminal", Component: TerminalPanel, needsExchange: false, withoutTrace: true },
];

/**
 * The tabs for a project of `mode` with the selected exchange: the mode's panels in its order, those
 * with nothing in the selected trace left out. Without a mode (no project open) every panel shows;
 * before any request, every panel the mode lists does.
 */
export function visiblePanels(mode: ModeDescriptor | null, props: PanelProps | null): PanelDefinition[] {
  const listed = mode ? mode.panels.map((id) => PANELS.find((p) => p.id === id)).filter((p): p is PanelDefinition => p !== undefined) : PANELS;
  if (!props || (props.exchange.outcome.kind !== "response" && props.exchange.outcome.kind !== "socket")) return listed;
  return listed.filter((p) => !p.relevant || p.relevant(props));
}
