/**
 * History: every request of the session; selecting one shows its trace in the other panels.
 * Exports: the selected trace as Chrome trace-event JSON (opens in Perfetto / chrome://tracing),
 * and the whole session as HAR 1.2.
 */
import { useLab, useLabStore } from "../state/react";
import { formatMs } from "../http/message";
import { to_chrome_trace } from "../../trace/chrome";
import { toHar } from "../share/har";
import { saveTextFile } from "../shell/Dialog";

function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || "root";
}

export function HistoryPanel() {
  const store = useLabStore();
  const exchanges = useLab((s) => s.exchanges);
  const selected = useLab((s) => s.selected);
  const current = exchanges.find((e) => e.id === selected) ?? null;
  const trace = current?.outcome.kind === "response" || current?.outcome.kind === "socket" ? current.outcome.result.trace : null;
  if (!exchanges.length) return <p className="hint">No requests yet.</p>;
  return (
    <div className="history-pane">
      <div className="button-row history-actions">
        <button
          className="button"
          disabled={!trace}
          title="Chrome trace-event JSON: open it at ui.perfetto.dev or chrome://tracing"
          onClick={() => current && trace && saveTextFile(`trace-${current.id}-${current.request.method}-${safeName(current.request.target)}.json`, JSON.stringify(to_chrome_trace(trace, { process_name: `${current.request.method} ${current.request.target}` }), null, 1))}
        >
          Export trace (Perfetto JSON)
        </button>
        <button className="button" onClick={() => saveTextFile("framework-lab-session.har", JSON.stringify(toHar(exchanges), null, 1), "application/json")}>
          Export session (HAR)
        </button>
      </div>
      <ol className="history" aria-label="Requests of this session">
        {[...exchanges].reverse().map((e) => {
          const status = e.outcome.kind === "response" ? e.outcome.result.response.status : e.outcome.kind === "socket" ? (e.outcome.result.ok ? "ws" : "error") : e.outcome.kind === "deadline" ? "timeout" : "error";
          return (
            <li key={e.id}>
              <button className={`history-item${selected === e.id ? " selected" : ""}`} aria-current={selected === e.id} onClick={() => store.setState({ selected: e.id, step: null })}>
                <span className="mono method-tag">{e.socket ? "WS" : e.request.method}</span>
                <span className="mono grow">{e.socket ? e.socket.summary : e.request.target}</span>
                <span className={`mono status-small s${String(status)[0]}`}>{status}</span>
                <span className="muted">{e.initiator}</span>
                <span className="muted">{formatMs(e.ms)}</span>
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
