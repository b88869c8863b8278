/** The trace pane: a tab per registered panel (one row, the rest under More), showing the selected exchange's trace. */
import { Suspense, useMemo } from "react";
import { useLab, useLabStore } from "../state/react";
import { visiblePanels, type PanelDefinition, type PanelProps } from "./registry";
import { mode_descriptor } from "../../modes/descriptors";
import { indexTrace } from "./span-index";
import { OverflowTabs } from "../shell/OverflowTabs";
import type { Exchange } from "../state/store";
import type { Trace } from "../../runtime/protocol";
import { ErrorBoundary } from "../shell/ErrorBoundary";

const EMPTY: Trace = { spans: [] };

/** A tab's badge; a panel that cannot count this trace shows none rather than failing the pane. */
function badgeOf(panel: PanelDefinition, props: PanelProps | null): number | null {
  if (!props || !panel.badge) return null;
  try {
    return panel.badge(props) ?? null;
  } catch {
    return null;
  }
}

function traceOf(exchange: Exchange | null): Trace {
  return exchange?.outcome.kind === "response" || exchange?.outcome.kind === "socket" ? exchange.outcome.result.trace : EMPTY;
}

export function TracePane() {
  const store = useLabStore();
  const active = useLab((s) => s.activePanel);
  const exchange = useLab((s) => s.exchanges.find((e) => e.id === s.selected) ?? null);
  const logs = useLab((s) => (s.selected !== null ? s.logs[s.selected] : undefined));
  const index = useMemo(() => indexTrace(traceOf(exchange)), [exchange]);
  const props: PanelProps | null = exchange ? { exchange, index, logs: logs ?? [] } : null;
  const framework = useLab((s) => s.scenario?.framework ?? null);
  const panels = useMemo(() => visiblePanels(framework ? mode_descriptor(framework) : null, exchange ? { exchange, index, logs: logs ?? [] } : null), [framework, exchange, index, logs]);
  const panel = panels.find((p) => p.id === active) ?? panels[0];
  return (
    <div className="pane trace-pane">
      <OverflowTabs
        label="Trace panels"
        items={panels.map((p) => ({ id: p.id, title: p.title, badge: badgeOf(p, props) }))}
        active={panel.id}
        onSelect={(id, via) => {
          store.setState({ activePanel: id });
          // Clicking Step puts the keyboard in the panel, so ← → step through the request at once
          // (on the tabs, the arrow keys move between tabs).
          if (id === "step" && via === "click") requestAnimationFrame(() => document.getElementById("trace-panel")?.focus({ preventScroll: true }));
        }}
        idPrefix="panel-tab-"
        controls="trace-panel"
      />
      <div className="panel-body" id="trace-panel" role="tabpanel" tabIndex={0} aria-labelledby={`panel-tab-${panel.id}`}>
        {exchange && exchange.outcome.kind !== "response" && exchange.outcome.kind !== "socket" && !panel.withoutTrace ? (
          <p className="hint big">{exchange.outcome.kind === "deadline" ? "No trace: the runtime was stopped at the deadline before the request finished." : "No trace: the project failed to load (see Errors)."}</p>
        ) : props || panel.needsExchange === false ? (
          <ErrorBoundary name={`The ${panel.title} panel`} resetKey={`${panel.id}:${exchange?.id ?? ""}`}>
            <Suspense fallback={<p className="hint">Loading panel…</p>}>
              <panel.Component {...(props ?? { exchange: null as unknown as Exchange, index, logs: [] })} />
            </Suspense>
          </ErrorBoundary>
        ) : (
          <p className="hint big">Send a request to see its trace: every step from the web server through the middleware, the URL resolver and the view, and back.</p>
        )}
      </div>
    </div>
  );
}
