/**
 * Step (classroom mode): replay the selected request span by span, in the order they started.
 * Previous / Next buttons and the arrow keys (Home / End for the ends, PageUp / PageDown for a
 * clicker) move; each step shows the span, where it sits in the tree, its node in the flow graph
 * under a spotlight, its line in the learner's code (highlighted in the editor) and the framework
 * source that ran it.
 */
import { lazy, Suspense } from "react";
import { visitSpanKind, type Span } from "../../trace/span";
import { ancestors } from "./span-index";
import { flowNodeKeyOf } from "./flow-graph";
import { KIND_LOOK } from "./kinds";
import { SpanDetail } from "./SpanDetail";
import { useStepKeys, useStepper, type Stepper } from "./use-stepper";
import type { FrameworkPlace } from "./step-source";
import type { PanelProps } from "./registry";

const FlowPanel = lazy(() => import("./FlowPanel"));

export { lineOfSymbol } from "./step-source";

export function placeText(place: FrameworkPlace): string {
  return `${place.file}${place.symbol ? ` · ${place.symbol}` : place.line ? `:${place.line}` : ""}`;
}

/** First / Previous / position / Next / Last. */
export function StepBar({ stepper, keysHint = true }: { stepper: Stepper; keysHint?: boolean }) {
  const { step, steps, go } = stepper;
  return (
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
      {keysHint && <span className="muted step-keys">← → keys</span>}
    </div>
  );
}

/** What the current step is: its kind and name, the path to it, and the code it stands for. */
export function StepNow({ stepper, props }: { stepper: Stepper; props: PanelProps }) {
  const { span, line, place } = stepper;
  if (!span) return null;
  const path: Span[] = [...ancestors(props.index, span)].reverse();
  const look = visitSpanKind(span, KIND_LOOK);
  return (
    <div className="step-now" aria-label="Current step">
      <div className="step-title">
        <span className="kind-tag" style={{ borderColor: look.color, color: look.color }}>
          {look.label}
        </span>{" "}
        <strong className="mono">{span.name}</strong>
        {span.error && <span className="badge error">raised {span.error.type}</span>}
      </div>
      {path.length > 0 && (
        <div className="step-path muted" title={path.map((s) => s.name).join(" › ")}>
          in <span className="mono">{(path.length > 3 ? ["…", ...path.slice(-3).map((s) => s.name)] : path.map((s) => s.name)).join(" › ")}</span>
        </div>
      )}
      <div className="step-code">
        {line ? (
          <div>
            Your code: <span className="mono">{line.file}:{line.line}</span>
            <span className="visually-hidden"> (highlighted in the editor)</span>
          </div>
        ) : (
          <div className="muted">Your code: nothing of yours runs at this step.</div>
        )}
        {place && (
          <div>
            Framework: <span className="mono">{placeText(place)}</span>
          </div>
        )}
      </div>
    </div>
  );
}

export function StepPanel(props: PanelProps) {
  const stepper = useStepper(props.index);
  useStepKeys(stepper.step, stepper.steps.length);
  const { span } = stepper;
  if (!span) return <p className="hint">This request has no trace to step through.</p>;
  return (
    <div className="step">
      <StepBar stepper={stepper} />
      <StepNow stepper={stepper} props={props} />
      <div className="step-flow">
        <Suspense fallback={<p className="hint">Loading graph…</p>}>
          <FlowPanel {...props} highlight={flowNodeKeyOf(props.index, span)} spotlight />
        </Suspense>
      </div>
      <div className="step-detail" tabIndex={0} role="region" aria-label="Details of the current step">
        <SpanDetail span={span} />
      </div>
    </div>
  );
}
