/**
 * The embed (`?embed`): one scenario, compact, for slides and blog posts — the address bar and
 * Send, the response Preview, and the Flow and Step views, with a link that opens the same scenario
 * in the full page. It saves nothing (shell/../share/library.ts: no drafts, no autosave) and shows
 * the scenario as published, never the visitor's own edits.
 */
import { lazy, Suspense, useMemo, useState } from "react";
import { useLab, useLabStore } from "../state/react";
import { AddressBar } from "../browser/AddressBar";
import { ResponseView } from "../browser/ResponseView";
import { indexTrace } from "../panels/span-index";
import { StepPanel } from "../panels/StepPanel";
import type { PanelProps } from "../panels/registry";
import type { Trace } from "../../runtime/protocol";

const FlowPanel = lazy(() => import("../panels/FlowPanel"));
const EMPTY: Trace = { spans: [] };

/** The full page for the same scenario: the link's hash (a shared scenario), or `?scenario=<built-in id>`. */
export function openInLabUrl(href: string, builtinId: string | null): string {
  const url = new URL(href);
  url.searchParams.delete("embed");
  if (!url.hash && builtinId) url.searchParams.set("scenario", builtinId);
  return url.toString();
}

export default function Embed() {
  const store = useLabStore();
  const title = useLab((s) => s.scenario?.title ?? "Framework Lab");
  const scenarioId = useLab((s) => s.scenarioId);
  const exchange = useLab((s) => s.exchanges.find((e) => e.id === s.selected) ?? null);
  const logs = useLab((s) => (s.selected !== null ? s.logs[s.selected] : undefined));
  const trace = exchange?.outcome.kind === "response" ? exchange.outcome.result.trace : EMPTY;
  const index = useMemo(() => indexTrace(trace), [trace]);
  const [tab, setTab] = useState<"flow" | "step">("flow");
  const props: PanelProps | null = exchange && exchange.outcome.kind === "response" ? { exchange, index, logs: logs ?? [] } : null;
  const href = openInLabUrl(location.href, scenarioId && !/^(shared|file)-/.test(scenarioId) ? scenarioId : null);
  return (
    <div className="embed">
      <header className="embed-bar">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="embed-title" title={title}>
          {title}
        </span>
        <a className="button embed-open" href={href} target="_blank" rel="noopener">
          Open in Framework Lab
        </a>
      </header>
      <AddressBar />
      <div className="embed-body">
        <div className="embed-response">
          <ResponseView />
        </div>
        <section className="embed-trace" aria-label="Trace">
          <div className="tabs small" role="tablist" aria-label="Trace views">
            {(["flow", "step"] as const).map((id) => (
              <button key={id} role="tab" id={`embed-tab-${id}`} aria-selected={tab === id} aria-controls="embed-panel" tabIndex={tab === id ? 0 : -1} className="tab" onClick={() => { setTab(id); store.setState({ activePanel: id }); }}>
                {id === "flow" ? "Flow" : "Step"}
              </button>
            ))}
          </div>
          <div className="panel-body" id="embed-panel" role="tabpanel" tabIndex={0} aria-labelledby={`embed-tab-${tab}`}>
            {!props ? (
              <p className="hint">Send the request to see its path through the framework.</p>
            ) : tab === "flow" ? (
              <Suspense fallback={<p className="hint">Loading graph…</p>}>
                <FlowPanel {...props} />
              </Suspense>
            ) : (
              <StepPanel {...props} />
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
