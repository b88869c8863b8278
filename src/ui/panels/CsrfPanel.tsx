/** CSRF: did CsrfViewMiddleware accept or reject the request, and why — with what the request carried (the csrftoken cookie, the form field or X-CSRFToken header). */
import type { Span } from "../../trace/span";
import type { Exchange } from "../state/store";
import { showJson, str, type SpanIndex } from "./span-index";
import { csrfEvents, spansOf } from "./contrib-spans";
import type { PanelProps } from "./registry";

const SAFE_METHODS = ["GET", "HEAD", "OPTIONS", "TRACE"];

/** Django's rejection reasons, explained for a learner. */
function explain(reason: string): string {
  if (reason === "CSRF cookie not set.") return "The request had no csrftoken cookie: the browser never received one (no page with {% csrf_token %} was loaded first), or cookies were not sent.";
  if (reason === "CSRF token missing.") return "The cookie was there, but the POST had no csrfmiddlewaretoken form field and no X-CSRFToken header: the form lacks {% csrf_token %} (or the request was forged).";
  if (reason.startsWith("CSRF token incorrect")) return "A token was sent but does not match the secret in the csrftoken cookie (a stale page after login rotated the token, or a forged value).";
  if (reason.startsWith("CSRF token from")) return `The token itself is malformed: ${reason}`;
  if (reason.startsWith("Origin checking failed")) return "The Origin header names a site that is neither this host nor in CSRF_TRUSTED_ORIGINS.";
  if (reason.startsWith("Referer checking failed")) return "Over HTTPS Django also requires a Referer from this host (or CSRF_TRUSTED_ORIGINS).";
  return "";
}

function header(exchange: Exchange, name: string): string | null {
  return exchange.request.headers.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
}

function carried(exchange: Exchange): { cookie: boolean; field: boolean; header: boolean } {
  const cookies = header(exchange, "cookie") ?? "";
  const body = typeof exchange.request.body === "string" ? exchange.request.body : new TextDecoder().decode(exchange.request.body);
  return { cookie: /(^|;\s*)csrftoken=/.test(cookies), field: /(^|&)csrfmiddlewaretoken=/.test(body), header: header(exchange, "x-csrftoken") !== null };
}

export function csrfBadge(index: SpanIndex): number | null {
  return csrfEvents(index).filter((s) => s.attrs.csrf === "rejected").length || null;
}

function Verdict({ verdict, exchange }: { verdict: Span; exchange: Exchange }) {
  const method = str(verdict.attrs.method) ?? exchange.request.method;
  if (verdict.attrs.csrf === "accepted")
    return (
      <p className="csrf-verdict ok">
        <span className="badge ok">accepted</span>{" "}
        {SAFE_METHODS.includes(method.toUpperCase()) ? `${method} is a safe method: no token is needed.` : `${method} carried a token matching the csrftoken cookie's secret.`}
      </p>
    );
  const reason = str(verdict.attrs.reason) ?? "";
  return (
    <div className="csrf-verdict rejected" role="alert">
      <p>
        <span className="badge error">rejected → 403</span> <strong className="mono">{reason}</strong>
      </p>
      <p>{explain(reason)}</p>
    </div>
  );
}

export function CsrfPanel({ index, exchange }: PanelProps) {
  const events = csrfEvents(index);
  const verdict = events.find((s) => s.attrs.csrf === "accepted" || s.attrs.csrf === "rejected");
  const issued = events.filter((s) => s.attrs.csrf === "token issued");
  const rotated = spansOf(index, "auth").some((s) => s.attrs.csrf_rotated === true);
  const sent = carried(exchange);
  if (!events.length && !rotated)
    return <p className="hint">CsrfViewMiddleware did not check this request (it is not in MIDDLEWARE, or the view is csrf_exempt) and no token was issued.</p>;
  return (
    <div className="contrib-panel csrf-panel">
      <section className="kv-section">
        <h3>Verdict</h3>
        {verdict ? <Verdict verdict={verdict} exchange={exchange} /> : <p className="hint">No verdict: the view never reached CsrfViewMiddleware.process_view (or it is csrf_exempt).</p>}
      </section>
      <section className="kv-section">
        <h3>What the request carried</h3>
        <dl className="kv">
          <div className="kv-row">
            <dt>csrftoken cookie</dt>
            <dd>{sent.cookie ? "yes" : "no"}</dd>
          </div>
          <div className="kv-row">
            <dt>csrfmiddlewaretoken field</dt>
            <dd>{sent.field ? "yes" : "no"}</dd>
          </div>
          <div className="kv-row">
            <dt>X-CSRFToken header</dt>
            <dd>{sent.header ? "yes" : "no"}</dd>
          </div>
        </dl>
      </section>
      <section className="kv-section">
        <h3>Tokens</h3>
        <ul className="contrib-list">
          {issued.length > 0 && <li>get_token() ran {issued.length}× ({"{% csrf_token %}"} in a template): the response sets the csrftoken cookie and Vary: Cookie.</li>}
          {rotated && <li>login() rotated the token: pages rendered before the sign-in hold a stale one.</li>}
          {!issued.length && !rotated && <li className="muted">No token was issued or rotated.</li>}
          {events
            .filter((s) => s !== verdict && s.attrs.csrf !== "token issued")
            .map((s) => (
              <li key={s.id} className="mono muted">
                {s.name} {showJson(s.attrs.reason)}
              </li>
            ))}
        </ul>
      </section>
    </div>
  );
}
