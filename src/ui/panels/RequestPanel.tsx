/** Request: the WSGI environ the gateway built (the `gateway` span's attrs) and what it sent back. */
import { visitSpanKind, type SpanKindHandlers } from "../../trace/span";
import { showJson } from "./span-index";
import type { PanelProps } from "./registry";

/** Which spans describe the request as the framework saw it. */
const ROLE: SpanKindHandlers<"environ" | "request" | null> = {
  gateway: () => "environ",
  request: () => "request",
  handler: () => null,
  middleware: () => null,
  resolver: () => null,
  pattern: () => null,
  view: () => null,
  signal: () => null,
  receiver: () => null,
  exception: () => null,
  queryset: () => null,
  sql: () => null,
  template: () => null,
  form: () => null,
  admin: () => null,
  session: () => null,
  auth: () => null,
  module: () => null,
  settings: () => null,
  app: () => null,
  log: () => null,
  context: () => null,
  hook: () => null,
  asgi: () => null,
  dependency: () => null,
  validation: () => null,
  task: () => null,
  websocket: () => null,
  consumer: () => null,
  channel: () => null,
  command: () => null,
  user: () => null,
};

export function RequestPanel({ exchange, index }: PanelProps) {
  const gateway = index.spans.find((s) => visitSpanKind(s, ROLE) === "environ");
  const environ = gateway?.attrs.environ;
  const rest = gateway ? Object.entries(gateway.attrs).filter(([k]) => k !== "environ") : [];
  return (
    <div className="request-panel">
      <section className="kv-section">
        <h3>HTTP request</h3>
        <pre className="raw mono">
          {exchange.request.method} {exchange.request.target} HTTP/1.1{"\n"}
          {exchange.request.headers.map(([k, v]) => `${k}: ${v}`).join("\n")}
          {typeof exchange.request.body === "string" && exchange.request.body ? `\n\n${exchange.request.body}` : ""}
        </pre>
      </section>
      {environ && typeof environ === "object" && !Array.isArray(environ) && (
        <section className="kv-section">
          <h3>WSGI environ</h3>
          <dl className="kv">
            {Object.entries(environ).map(([k, v]) => (
              <div className="kv-row" key={k}>
                <dt className="mono">{k}</dt>
                <dd className="mono">{showJson(v)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {rest.length > 0 && (
        <section className="kv-section">
          <h3>Server</h3>
          <dl className="kv">
            {rest.map(([k, v]) => (
              <div className="kv-row" key={k}>
                <dt className="mono">{k}</dt>
                <dd className="mono">{showJson(v)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </div>
  );
}
