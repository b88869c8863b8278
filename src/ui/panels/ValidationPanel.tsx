/**
 * Validation (FastAPI): each parameter FastAPI validated for this request — where it came from
 * (path, query, header, cookie, body), the raw text it arrived as, the value Pydantic coerced it
 * to, and each error exactly as the 422 body lists it — linked to the line that declared it;
 * then the 422 itself, and the response model's check.
 */
import { SourceLink } from "./SourceLink";
import { useLab } from "../state/react";
import { fieldDeclaration, showValue, validationSummary, type ValidatedParameter } from "./asgi-spans";
import type { PanelProps } from "./registry";
import "./asgi-panels.css";

function ParameterRows({ p, files }: { p: ValidatedParameter; files: Record<string, string> }) {
  const ok = p.errors.length === 0;
  return (
    <>
      <tr className={ok ? "ok" : "no"} data-parameter={p.name}>
        <td>
          <span className="validation-mark" aria-label={ok ? "valid" : "invalid"}>
            {ok ? "✓" : "✗"}
          </span>
          <span className="mono">{p.name}</span>
          {p.alias !== p.name && <span className="muted mono"> ({p.alias})</span>}
          {p.dependency && <div className="muted">of {p.dependency}</div>}
        </td>
        <td>
          <span className={`badge source-${p.source}`}>{p.source}</span>
        </td>
        <td className="mono">
          {p.declared}({p.annotation}){!p.required && <span className="muted"> = optional</span>}
        </td>
        <td className="mono raw">{p.raw === null ? <span className="muted">(absent)</span> : showValue(p.raw)}</td>
        <td className="mono raw">{ok ? showValue(p.value) : <span className="muted">—</span>}</td>
        <td>
          <SourceLink source={p.declaration} />
        </td>
      </tr>
      {!ok && (
        <tr className="no errors" data-errors-of={p.name}>
          <td colSpan={6}>
            <ul className="validation-errors" aria-label={`Errors of ${p.name}`}>
              {p.errors.map((e, i) => {
                const where = fieldDeclaration(files, p, e.loc ?? null);
                return (
                  <li key={i}>
                    <code className="validation-error mono">{JSON.stringify(e)}</code>
                    {where && (
                      <span className="validation-field">
                        {" "}
                        → field <span className="mono">{where.field}</span> <SourceLink source={where.source} />
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </td>
        </tr>
      )}
    </>
  );
}

export function ValidationPanel({ index }: PanelProps) {
  const summary = validationSummary(index);
  const files = useLab((s) => s.files);
  if (!summary.parameters.length && !summary.requestErrors && !summary.responseModel) return <p className="hint">Nothing was validated in this request (no FastAPI route with parameters, a body or a response model ran).</p>;
  return (
    <div className="validation-panel">
      {summary.parameters.length > 0 && (
        <table className="validation-table">
          <thead>
            <tr>
              <th>Parameter</th>
              <th>From</th>
              <th>Declared</th>
              <th>Raw</th>
              <th>Coerced</th>
              <th>Declared at</th>
            </tr>
          </thead>
          <tbody>
            {summary.parameters.map((p) => (
              <ParameterRows key={p.id} p={p} files={files} />
            ))}
          </tbody>
        </table>
      )}
      {summary.jsonInvalid && (
        <p className="result no">
          The body is not JSON: <span className="mono">{summary.jsonInvalid.error}</span> at character {summary.jsonInvalid.position} (Python's <span className="mono">json.loads</span>).
        </p>
      )}
      {summary.requestErrors && (
        <div className="result no">
          <p>
            FastAPI raised <span className="mono">RequestValidationError</span>: the handler did not run, and the answer is <strong>422 Unprocessable Entity</strong> with this body:
          </p>
          <pre className="mono validation-body">{JSON.stringify({ detail: summary.requestErrors }, null, 2)}</pre>
        </div>
      )}
      {summary.responseModel && (
        <div className={`result ${summary.responseModel.failed ? "no" : "ok"}`}>
          <p>
            Response model <span className="mono">{summary.responseModel.model}</span>: {summary.responseModel.failed ? "the handler's return value failed it (a 500, ResponseValidationError)" : "the return value was validated, then dumped through it"}
            {Object.keys(summary.responseModel.filters).length > 0 && <span className="mono muted"> {JSON.stringify(summary.responseModel.filters)}</span>}
          </p>
          {summary.responseModel.errors.map((e, i) => (
            <pre key={i} className="validation-error mono">
              {JSON.stringify(e)}
            </pre>
          ))}
        </div>
      )}
    </div>
  );
}

export function validationCount({ index }: PanelProps): number | null {
  const n = validationSummary(index).parameters.filter((p) => p.errors.length).length;
  return n || null;
}
