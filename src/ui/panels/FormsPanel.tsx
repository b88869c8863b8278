/**
 * Forms: each `full_clean()` of the request (a bound form's validation) — per field the raw value
 * from the request, the cleaning pipeline it went through (to_python → validate → run_validators →
 * clean_<field>), where it stopped, the cleaned value or the errors and which step or validator
 * raised each; then the form's clean() and its non-field errors.
 */
import { visitSpanKind, type Json, type Span, type SpanKindHandlers } from "../../trace/span";
import { formatMs } from "../http/message";
import { duration, showJson, str, type SpanIndex } from "./span-index";
import type { PanelProps } from "./registry";

const yes = () => true;
const no = () => false;

const IS_FORM: SpanKindHandlers<boolean> = {
  form: yes,
  request: no,
  gateway: no,
  handler: no,
  middleware: no,
  resolver: no,
  pattern: no,
  view: no,
  signal: no,
  receiver: no,
  exception: no,
  queryset: no,
  sql: no,
  template: no,
  admin: no,
  session: no,
  auth: no,
  module: no,
  settings: no,
  app: no,
  log: no,
  context: no,
  hook: no,
  asgi: no,
  dependency: no,
  validation: no,
  task: no,
  websocket: no,
  consumer: no,
  channel: no,
  command: no,
  user: no,
};

interface FieldError {
  message: string;
  code: string | null;
  raised_by: string | null;
}
interface FieldCleaning {
  field: string;
  type: string;
  raw: Json;
  cleaned?: Json;
  errors: FieldError[];
  clean_method?: boolean;
}

export function formCount(index: SpanIndex): number | null {
  return index.spans.filter((s) => visitSpanKind(s, IS_FORM)).length || null;
}

/** The pipeline steps of one field, in the order Django runs them. */
function stepsOf(f: FieldCleaning): string[] {
  return ["to_python", "validate", "run_validators", ...(f.clean_method ? [`clean_${f.field}`] : [])];
}

/** Which pipeline step an error's `raised_by` belongs to (a validator's name is a run_validators error). */
function stepOf(f: FieldCleaning, raisedBy: string | null): string | null {
  if (raisedBy === null) return null;
  return stepsOf(f).includes(raisedBy) ? raisedBy : "run_validators";
}

type StepState = "ok" | "raised" | "skipped";

function stepStates(f: FieldCleaning): [string, StepState][] {
  const steps = stepsOf(f);
  const raised = new Set(f.errors.map((e) => stepOf(f, e.raised_by)).filter((s): s is string => s !== null));
  const first = steps.findIndex((s) => raised.has(s));
  return steps.map((s, i) => [s, first === -1 || i < first ? "ok" : i === first ? "raised" : "skipped"]);
}

function Pipeline({ f }: { f: FieldCleaning }) {
  const states = stepStates(f);
  return (
    <span className="form-steps" aria-label={`Cleaning steps of ${f.field}`}>
      {states.map(([step, state], i) => (
        <span key={step}>
          {i > 0 && <span className="muted"> → </span>}
          <span className={`form-step ${state}`} title={state === "ok" ? "passed" : state === "raised" ? "raised a ValidationError" : "not reached"}>
            {step}
          </span>
        </span>
      ))}
    </span>
  );
}

function value(v: Json | undefined) {
  if (v === undefined) return <span className="muted">—</span>;
  if (v === null) return <span className="muted">None</span>;
  if (v === "") return <span className="muted">"" (empty)</span>;
  return <span className="mono">{typeof v === "string" ? JSON.stringify(v) : showJson(v)}</span>;
}

function FieldRow({ f }: { f: FieldCleaning }) {
  return (
    <tr className={f.errors.length ? "form-field-error" : ""}>
      <td>
        <strong className="mono">{f.field}</strong>
        <div className="muted">{f.type}</div>
      </td>
      <td>{value(f.raw)}</td>
      <td>
        <Pipeline f={f} />
      </td>
      <td>
        {f.errors.length ? (
          <ul className="form-errors">
            {f.errors.map((e, i) => (
              <li key={i}>
                <span className="error-text">{e.message}</span>{" "}
                <span className="muted">
                  raised by <span className="mono">{e.raised_by ?? "?"}</span>
                  {e.code && (
                    <>
                      , code <span className="mono">{e.code}</span>
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          value(f.cleaned)
        )}
      </td>
    </tr>
  );
}

function FormCard({ span }: { span: Span }) {
  const fields = Array.isArray(span.attrs.fields) ? (span.attrs.fields as unknown as FieldCleaning[]) : [];
  const nonField = Array.isArray(span.attrs.non_field_errors) ? (span.attrs.non_field_errors as unknown as FieldError[]) : [];
  const valid = span.attrs.is_valid === true;
  return (
    <section className="kv-section form-card" aria-label={`Form ${str(span.attrs.form) ?? span.name}`}>
      <h3>
        <span className="mono">{span.name}()</span> <span className={`badge ${valid ? "ok" : "error"}`}>{valid ? "valid" : "invalid"}</span>{" "}
        <span className="muted">{formatMs(duration(span))}</span>
        {str(span.attrs.prefix) && <span className="muted"> prefix={str(span.attrs.prefix)}</span>}
      </h3>
      {fields.length > 0 ? (
        <table className="form-table">
          <thead>
            <tr>
              <th>field</th>
              <th>raw value (request)</th>
              <th>cleaning</th>
              <th>cleaned value / errors</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <FieldRow key={f.field} f={f} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No field was cleaned (an unbound form, or an unchanged form with empty_permitted).</p>
      )}
      <div className="form-clean">
        <span className="mono">clean()</span> then <span className="mono">_post_clean()</span>:{" "}
        {nonField.length ? (
          nonField.map((e, i) => (
            <span key={i} className="error-text">
              {e.message} <span className="muted">(raised by {e.raised_by ?? "?"})</span>{" "}
            </span>
          ))
        ) : (
          <span className="muted">no non-field errors</span>
        )}
      </div>
    </section>
  );
}

export function FormsPanel({ index }: PanelProps) {
  const forms = index.spans.filter((s) => visitSpanKind(s, IS_FORM));
  if (!forms.length)
    return <p className="hint">No form was validated during this request. A form is cleaned when a view calls is_valid() (or reads errors) on a bound form — POST one to see it here.</p>;
  return (
    <div className="forms-panel">
      {forms.map((span) => (
        <FormCard key={span.id} span={span} />
      ))}
    </div>
  );
}

export default FormsPanel;
