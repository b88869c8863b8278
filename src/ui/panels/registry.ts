/**
 * The trace panels, registered in one place: each definition names a panel, its component and an
 * optional badge. Every panel visits span kinds through `SpanKindHandlers`, so adding a span kind
 * to src/trace/span.ts fails to compile until each panel here has decided what to do with it.
 */
import { lazy, type ComponentType } from "react";
import type { Exchange } from "../state/store";
import type { LogEntry } from "../../runtime/protocol";
import type { SpanIndex } from "./span-index";
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
import { AdminPanel, adminCount } from "./AdminPanel";

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
}

// The flow graph pulls in @xyflow/react and dagre: loaded when the panel first shows.
const FlowPanel = lazy(() => import("./FlowPanel"));
// The SQL panel brings sql-formatter: loaded when the panel first shows.
const SqlPanel = lazy(() => import("./SqlPanel"));

export const PANELS: PanelDefinition[] = [
  { id: "flow", title: "Flow", Component: FlowPanel },
  { id: "step", title: "Step", Component: StepPanel },
  { id: "timeline", title: "Timeline", Component: TimelinePanel, badge: ({ index }) => index.spans.length },
  { id: "middleware", title: "Middleware", Component: MiddlewarePanel, badge: ({ index }) => middlewareCount(index) },
  { id: "urls", title: "URLs", Component: UrlsPanel },
  { id: "sql", title: "SQL", Component: SqlPanel, badge: ({ index }) => index.spans.filter((s) => s.kind === "sql").length || null },
  { id: "signals", title: "Signals", Component: SignalsPanel, badge: ({ index }) => signalCount(index) },
  { id: "templates", title: "Templates", Component: TemplatesPanel, badge: ({ index }) => templateCount(index) },
  { id: "forms", title: "Forms", Component: FormsPanel, badge: ({ index }) => formCount(index) },
  { id: "cbv", title: "Class-based view", Component: ViewClassPanel, badge: ({ index }) => viewMethodCount(index) },
  { id: "session", title: "Session", Component: SessionPanel, badge: ({ index }) => sessionCount(index) },
  { id: "auth", title: "Auth", Component: AuthPanel, badge: ({ index }) => authCount(index) },
  { id: "csrf", title: "CSRF", Component: CsrfPanel, badge: ({ index }) => csrfBadge(index) },
  { id: "admin", title: "Admin", Component: AdminPanel, badge: ({ index }) => adminCount(index) },
  { id: "request", title: "Request", Component: RequestPanel },
  { id: "logs", title: "Logs", Component: LogsPanel, withoutTrace: true, badge: ({ logs }) => logs.length || null },
  { id: "errors", title: "Errors", Component: ErrorsPanel, withoutTrace: true, badge: (p) => errorCount(p) || null },
  { id: "history", title: "History", Component: HistoryPanel, needsExchange: false, withoutTrace: true },
  // Not a view of the trace: the database itself (manage.py commands, tables, rows).
  { id: "database", title: "Database", Component: DatabasePanel, needsExchange: false, withoutTrace: true },
];
