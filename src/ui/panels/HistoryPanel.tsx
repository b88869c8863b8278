/** History: every request of the session; selecting one shows its trace in the other panels. */
import { useLab, useLabStore } from "../state/react";
import { formatMs } from "../http/message";

export function HistoryPanel() {
  const store = useLabStore();
  const exchanges = useLab((s) => s.exchanges);
  const selected = useLab((s) => s.selected);
  if (!exchanges.length) return <p className="hint">No requests yet.</p>;
  return (
    <ol className="history" aria-label="Requests of this session">
      {[...exchanges].reverse().map((e) => {
        const status = e.outcome.kind === "response" ? e.outcome.result.response.status : e.outcome.kind === "deadline" ? "timeout" : "error";
        return (
          <li key={e.id}>
            <button className={`history-item${selected === e.id ? " selected" : ""}`} aria-current={selected === e.id} onClick={() => store.setState({ selected: e.id })}>
              <span className="mono method-tag">{e.request.method}</span>
              <span className="mono grow">{e.request.target}</span>
              <span className={`mono status-small s${String(status)[0]}`}>{status}</span>
              <span className="muted">{e.initiator}</span>
              <span className="muted">{formatMs(e.ms)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
