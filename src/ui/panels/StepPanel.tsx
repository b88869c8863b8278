/**
 * Step (classroom mode): replay the selected request span by span, in the order they started.
 * Previous / Next buttons and the arrow keys (Home / End for the ends) move; each step shows the
 * span, where it sits in the tree, its node highlighted in the flow graph and its line in the editor.
 */
import { lazy, Suspense, useEffect, useMemo } from "react";
import { useLab, useLabStore } from "../state/react";
import { openFile } from "../state/files";
import { visitSpanKind, type Span } from "../../trace/span";
import { ancestors } from "./span-index";
import { flowNodeKeyOf } from "./flow-graph";
import { KIND_LOOK } from "./kinds";
import { SpanDetail } from "./SpanDetail";
import type { PanelProps } from "./registry";

const FlowPanel = lazy(() => import("./FlowPanel"));

/** Keys typed into a field or the code editor are theirs, not the stepper's. */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName) || !!el.closest?.(".monaco-editor"));
}

/** The user-file line a span points at: its own source, else the nearest ancestor's. */
function userLine(span: Span, props: PanelProps, files: Record<string, string>): { file: string; line: number } | null {
  for (const s of [span, ...ancestors(props.index, span)]) {
    const src = s.error?.source ?? s.source;
    if (!src || !(src.file in files)) continue;
    const line = src.line ?? (src.symbol ? lineOfSymbol(files[src.file], src.symbol) : null);
    if (line) return { file: src.file, line };
  }
  return null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where a symbol is defined when the trace names it without a line (a view `greet`, a method
 * `TimingMiddleware.__call__`): each dotted part is looked for after the previous one.
 */
export function lineOfSymbol(text: string, symbol: string): number | null {
  let from = 0;
  for (const part of symbol.split(".")) {
    const name = escape(part);
    const re = new RegExp(`(?:function\\s*\\*?\\s*|class\\s+|const\\s+|let\\s+|var\\s+)${name}\\b|^[ \\t]*(?:static\\s+|async\\s+|get\\s+)*${name}\\s*\\(`, "gm");
    re.lastIndex = from;
    const m = re.exec(text);
    if (!m) return null;
    from = m.index + m[0].length;
  }
  return text.slice(0, from).split("\n").length;
}

export function StepPanel(props: PanelProps) {
  const store = useLabStore();
  const files = useLab((s) => s.files);
  const stepState = useLab((s) => s.step);
  const steps = useMemo(() => [...props.index.spans].sort((a, b) => a.start - b.start || a.id - b.id), [props.index]);
  const step = Math.min(Math.max(stepState ?? 0, 0), Math.max(steps.length - 1, 0));
  const span = steps[step];
  const go = (to: number) => store.setState({ step: Math.min(Math.max(to, 0), steps.length - 1) });
  const line = span ? userLine(span, props, files) : null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typingIn(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const to = { ArrowRight: step + 1, ArrowDown: step + 1, ArrowLeft: step - 1, ArrowUp: step - 1, Home: 0, End: steps.length - 1 }[e.key];
      if (to === undefined) return;
      e.preventDefault();
      store.setState({ step: Math.min(Math.max(to, 0), steps.length - 1) });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [step, steps.length, store]);

  // The editor shows the step's line (a decoration); leaving the panel clears it.
  const lineKey = line ? `${line.file}:${line.line}` : "";
  useEffect(() => {
    const at = lineKey ? { file: lineKey.slice(0, lineKey.lastIndexOf(":")), line: Number(lineKey.slice(lineKey.lastIndexOf(":") + 1)) } : null;
    store.setState({ stepLine: at });
    if (at && store.getState().activeFile !== at.file) openFile(store, at.file);
  }, [lineKey, store]);
  useEffect(() => () => store.setState({ stepLine: null }), [store]);

  if (!span) return <p className="hint">This request has no trace to step through.</p>;
  const path = [...ancestors(props.index, span)].reverse();
  const look = visitSpanKind(span, KIND_LOOK);
  return (
    <div className="step">
      <div className="step-bar" role="toolbar" aria-label="Step through the request">
        <button className="button" aria-label="First step" onClick={() => go(0)} disabled={step === 0}>
          First
        </button>
        <button className="button" aria-label="Previous step" onClick={() => go(step - 1)} disabled={step === 0}>
          ◀ Previous
        </button>
        <span className="step-count" aria-live="polite" aria-label="Step position">
          Step {step + 1} of {steps.length}
        </span>
        <button className="primary" aria-label="Next step" onClick={() => go(step + 1)} disabled={step >= steps.length - 1}>
          Next ▶
        </button>
        <button className="button" aria-label="Last step" onClick={() => go(steps.length - 1)} disabled={step >= steps.length - 1}>
          Last
        </button>
        <span className="muted step-keys">← → keys</span>
      </div>
      <div className="step-now" aria-label="Current step">
        <span className="kind-tag" style={{ borderColor: look.color, color: look.color }}>
          {look.label}
        </span>{" "}
        <strong className="mono">{span.name}</strong>
        {path.length > 0 && <div className="step-path muted mono">{path.map((s) => s.name).join(" › ")}</div>}
        {line ? (
          <div className="muted">
            Highlighted in the editor: <span className="mono">{line.file}:{line.line}</span>
          </div>
        ) : (
          span.source && <div className="muted">Framework code: <span className="mono">{span.source.file}{span.source.symbol ? ` (${span.source.symbol})` : ""}</span></div>
        )}
      </div>
      <div className="step-flow">
        <Suspense fallback={<p className="hint">Loading graph…</p>}>
          <FlowPanel {...props} highlight={flowNodeKeyOf(props.index, span)} />
        </Suspense>
      </div>
      <div className="step-detail">
        <SpanDetail span={span} />
      </div>
    </div>
  );
}
