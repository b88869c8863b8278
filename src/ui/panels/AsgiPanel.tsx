/**
 * ASGI: the connection scope the server built, then every message the application received
 * (`http.request`, `http.disconnect`) and sent (`http.response.start`, `http.response.body`), in
 * order, with when it happened and how long a `receive()` waited. Violations of the message order
 * and the server's own log lines (an exception in the app, a response never started) are shown.
 */
import { formatMs } from "../http/message";
import { asgiExchange, type AsgiMessage } from "./asgi-spans";
import type { PanelProps } from "./registry";
import "./asgi-panels.css";

function Scope({ scope }: { scope: Record<string, unknown> }) {
  return (
    <table className="asgi-scope">
      <tbody>
        {Object.entries(scope).map(([key, value]) => (
          <tr key={key}>
            <th className="mono">{key}</th>
            <td className="mono">
              {key === "headers" && Array.isArray(value)
                ? (value as [string, string][]).map(([k, v], i) => (
                    <div key={i}>
                      ({`b'${k}'`}, {`b'${v}'`})
                    </div>
                  ))
                : JSON.stringify(value)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Message({ m }: { m: AsgiMessage }) {
  const { type: _type, ...fields } = m.message;
  return (
    <li className={`asgi-message ${m.direction}${m.error ? " error" : ""}`} data-type={m.type}>
      <span className="asgi-direction" title={m.direction === "receive" ? "the application received this (await receive())" : "the application sent this (await send(...))"}>
        {m.direction === "receive" ? "→ app" : m.direction === "send" ? "app →" : "·"}
      </span>
      <span className="mono asgi-type">{m.type}</span>
      <span className="muted asgi-at">{m.at === null ? "" : `+${formatMs(m.at)}`}</span>
      {m.waited !== null && m.waited > 0.05 && <span className="muted">waited {formatMs(m.waited)}</span>}
      {Object.keys(fields).length > 0 && <code className="mono asgi-fields">{JSON.stringify(fields)}</code>}
      {m.error && <span className="badge error">{m.error}</span>}
    </li>
  );
}

export function AsgiPanel({ index }: PanelProps) {
  const exchange = asgiExchange(index);
  if (!exchange.scope && !exchange.messages.length) return <p className="hint">This request did not go through the ASGI gateway (a WSGI project).</p>;
  return (
    <div className="asgi-panel">
      <h3>Scope</h3>
      {exchange.scope && <Scope scope={exchange.scope} />}
      <h3>Messages</h3>
      <ol className="asgi-messages">
        {exchange.messages.map((m) => (
          <Message key={m.id} m={m} />
        ))}
      </ol>
      {exchange.log.length > 0 && (
        <div className="result no">
          <p>The server's log (uvicorn's):</p>
          <pre className="mono">{exchange.log.join("\n")}</pre>
        </div>
      )}
    </div>
  );
}
