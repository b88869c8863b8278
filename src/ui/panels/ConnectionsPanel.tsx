/**
 * Connections: every ASGI message of the session, per connection, in order — for a WebSocket,
 * from the scope through `websocket.connect`, `accept`, each `receive`/`send`, to the close; for
 * an HTTP request, `http.request` and the response messages. Click a message for the step whose
 * trace holds it.
 */
import { useMemo } from "react";
import { useLab, useLabStore } from "../state/react";
import { connectionsOf, type AsgiMessage } from "./channels-data";
import { showJson } from "./span-index";

export function ConnectionsPanel() {
  const exchanges = useLab((s) => s.exchanges);
  const selected = useLab((s) => s.selected);
  const connections = useMemo(() => connectionsOf(exchanges), [exchanges]);
  if (!connections.length) return <p className="hint">No ASGI connections yet: connect a client (Clients panel) or send a request to an ASGI project.</p>;
  return (
    <div className="connections">
      {connections.map((c) => (
        <section key={c.key} className="connection" aria-label={c.label}>
          <h3 className="connection-head">
            <span className={`chip ${c.kind}`}>{c.kind === "websocket" ? "WebSocket" : "HTTP"}</span> {c.label} <span className="muted">· {c.messages.length} messages</span>
          </h3>
          <ol className="asgi-messages">
            {c.messages.map((m, i) => (
              <MessageRow key={`${m.exchange}-${m.span}`} message={m} n={i + 1} current={m.exchange === selected} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}

function MessageRow({ message, n, current }: { message: AsgiMessage; n: number; current: boolean }) {
  const store = useLabStore();
  const arrow = message.direction === "receive" ? "app ← server" : message.direction === "send" ? "app → server" : "scope";
  const detail = message.direction === "scope" ? "" : summarise(message.message);
  return (
    <li className={`asgi-message ${message.direction}${current ? " current" : ""}${message.error ? " has-error" : ""}`}>
      <button className="asgi-message-button" onClick={() => store.setState({ selected: message.exchange, step: null })} title="Show the step's trace">
        <span className="muted mono">{n}.</span>
        <span className="asgi-dir muted">{arrow}</span>
        <span className="mono asgi-type">{message.type}</span>
        <span className="mono muted grow asgi-detail">{detail}</span>
        {message.error && <span className="error-text">{message.error}</span>}
      </button>
    </li>
  );
}

/** The message's fields other than its type, on one line. */
function summarise(message: unknown): string {
  if (!message || typeof message !== "object") return "";
  const fields = Object.entries(message as Record<string, unknown>).filter(([k]) => k !== "type");
  return fields.map(([k, v]) => `${k}=${showJson(v as never)}`).join(" ").slice(0, 300);
}
