/**
 * Presenter mode (`?present`, the header's Presenter button): the page sized for a projector at
 * 1280×720 — everything drawn at 1.25× with no text under 13 px before that (so ≥ 16 px on the
 * screen), and only the panes the teacher chose: the learner's code, the framework source that ran,
 * the flow graph with a spotlight on the current node, the browser. The keyboard (← →, PageUp /
 * PageDown from a clicker, Home / End) steps through the selected request; each step highlights its
 * line in the learner's code and in the framework's.
 */
import { lazy, Suspense, useMemo } from "react";
import { useLab, useLabStore } from "../state/react";
import { AddressBar } from "../browser/AddressBar";
import { ResponseView } from "../browser/ResponseView";
import { indexTrace } from "../panels/span-index";
import { flowNodeKeyOf } from "../panels/flow-graph";
import { useStepKeys, useStepper } from "../panels/use-stepper";
import { StepBar, StepNow } from "../panels/StepPanel";
import { PRESENTER_PANES, setPrefs, type PresenterPane } from "../state/prefs";
import { leavePresenter } from "../shell/Header";
import type { PanelProps } from "../panels/registry";
import type { Exchange } from "../state/store";
import type { Trace } from "../../runtime/protocol";

const MonacoEditor = lazy(() => import("../editor/MonacoEditor"));
const FrameworkSource = lazy(() => import("./FrameworkSource"));
const FlowPanel = lazy(() => import("../panels/FlowPanel"));

const PANE_TITLES: Record<PresenterPane, string> = { code: "Code", framework: "Framework", flow: "Flow", browser: "Browser" };
const EMPTY: Trace = { spans: [] };

function PaneToggles() {
  const store = useLabStore();
  const panes = useLab((s) => s.prefs.presenterPanes);
  return (
    <div className="presenter-panes" role="group" aria-label="Panes shown">
      {PRESENTER_PANES.map((p) => (
        <button
          key={p}
          className="bar-button"
          aria-pressed={panes.includes(p)}
          onClick={() => {
            const next = panes.includes(p) ? panes.filter((x) => x !== p) : PRESENTER_PANES.filter((x) => x === p || panes.includes(x));
            if (next.length) setPrefs(store, { presenterPanes: next });
          }}
        >
          {PANE_TITLES[p]}
        </button>
      ))}
    </div>
  );
}

function Stepping({ exchange, panes }: { exchange: Exchange; panes: PresenterPane[] }) {
  const trace = exchange.outcome.kind === "response" ? exchange.outcome.result.trace : EMPTY;
  const index = useMemo(() => indexTrace(trace), [trace]);
  const logs = useLab((s) => s.logs[exchange.id]);
  const props: PanelProps = { exchange, index, logs: logs ?? [] };
  const stepper = useStepper(index);
  useStepKeys(stepper.step, stepper.steps.length);
  const activeFile = useLab((s) => s.activeFile);
  const left = panes.filter((p) => p === "code" || p === "framework");
  const right = panes.filter((p) => p === "flow" || p === "browser");
  return (
    <div className={`presenter-body${left.length ? "" : " no-left"}`}>
      {left.length > 0 && (
        <div className="presenter-column">
          {left.includes("code") && (
            <section className="presenter-code" aria-label="Your code">
              <h2 className="pane-title">
                Your code <span className="mono muted">{activeFile ?? ""}{stepper.line && stepper.line.file === activeFile ? `:${stepper.line.line}` : ""}</span>
              </h2>
              <div className="editor-body">
                <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
                  <MonacoEditor />
                </Suspense>
              </div>
            </section>
          )}
          {left.includes("framework") && (
            <Suspense fallback={<p className="hint">Loading the framework source…</p>}>
              <FrameworkSource fontSize={13} />
            </Suspense>
          )}
        </div>
      )}
      <div className="presenter-column presenter-steps">
        <StepBar stepper={stepper} keysHint={false} />
        <StepNow stepper={stepper} props={props} />
        {right.includes("flow") && stepper.span && (
          <div className="presenter-flow">
            <Suspense fallback={<p className="hint">Loading graph…</p>}>
              <FlowPanel {...props} highlight={flowNodeKeyOf(index, stepper.span)} spotlight spotlightZoom={1} />
            </Suspense>
          </div>
        )}
        {right.includes("browser") && (
          <div className="presenter-browser">
            <ResponseView />
          </div>
        )}
      </div>
    </div>
  );
}

export default function Presenter() {
  const store = useLabStore();
  const title = useLab((s) => s.scenario?.title ?? "");
  const panes = useLab((s) => s.prefs.presenterPanes);
  const exchange = useLab((s) => s.exchanges.find((e) => e.id === s.selected) ?? null);
  return (
    <div className="presenter">
      <header className="presenter-bar">
        <span className="brand" title={title}>
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>{" "}
          Presenter
        </span>
        <div className="presenter-address">
          <AddressBar />
        </div>
        <PaneToggles />
        <button className="button" onClick={() => leavePresenter(store)}>
          Exit presenter
        </button>
      </header>
      <main className="presenter-main">
        {exchange && exchange.outcome.kind === "response" ? (
          <Stepping key={exchange.id} exchange={exchange} panes={panes} />
        ) : (
          <p className="hint big presenter-hint">
            {exchange ? "This request produced no trace (see the page outside presenter mode)." : "Press Send (or Ctrl+Enter) to run the request, then step through it with ← and →."}
          </p>
        )}
      </main>
    </div>
  );
}
