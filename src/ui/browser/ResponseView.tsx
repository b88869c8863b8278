/** The selected exchange's response: status, time and size, then Preview / Raw / Headers / Cookies. */
import { useLab, useLabStore } from "../state/react";
import { bodyBytes, bodyText, formatBytes, formatMs, mediaType, header } from "../http/message";
import { parseSetCookie } from "../http/cookies";
import { HtmlPreview } from "./Preview";
import { CopyAsTest } from "./CopyAsTest";
import { openPreviewTab } from "./PreviewTabs";
import type { Exchange, LabState } from "../state/store";
import type { HttpResponseMessage } from "../../runtime/protocol";

const TABS: [LabState["responseTab"], string][] = [
  ["preview", "Preview"],
  ["raw", "Raw"],
  ["headers", "Headers"],
  ["cookies", "Cookies"],
];

function statusClass(status: number): string {
  return status >= 500 ? "s5" : status >= 400 ? "s4" : status >= 300 ? "s3" : "s2";
}

function HeadersTable({ title, headers }: { title: string; headers: [string, string][] }) {
  return (
    <section className="kv-section">
      <h3>{title}</h3>
      <dl className="kv">
        {headers.map(([k, v], i) => (
          <div key={i} className="kv-row">
            <dt>{k}</dt>
            <dd className="mono">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function CookiesTab({ exchange, response }: { exchange: Exchange; response: HttpResponseMessage }) {
  const sent = header(exchange.request.headers, "cookie");
  const set = response.headers.filter(([k]) => k.toLowerCase() === "set-cookie").map(([, v]) => parseSetCookie(v, exchange.request.target, exchange.at));
  return (
    <div className="tab-body">
      <section className="kv-section">
        <h3>Request cookies</h3>
        {sent ? (
          <dl className="kv">
            {sent.split(/;\s*/).map((pair, i) => (
              <div key={i} className="kv-row">
                <dt>{pair.split("=")[0]}</dt>
                <dd className="mono">{pair.slice(pair.indexOf("=") + 1)}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <p className="hint">No cookies were sent.</p>
        )}
      </section>
      <section className="kv-section">
        <h3>Response cookies</h3>
        {set.length ? (
          <dl className="kv">
            {set.map((c, i) =>
              c ? (
                <div key={i} className="kv-row">
                  <dt>{c.name}</dt>
                  <dd className="mono">
                    {c.value}
                    <span className="muted">
                      {" "}
                      path={c.path}
                      {c.expires !== null ? (c.expires <= exchange.at ? " (deleted)" : ` expires ${new Date(c.expires).toUTCString()}`) : ""}
                      {c.httpOnly ? " HttpOnly" : ""}
                      {c.secure ? " Secure" : ""}
                      {c.sameSite ? ` SameSite=${c.sameSite}` : ""}
                    </span>
                  </dd>
                </div>
              ) : null,
            )}
          </dl>
        ) : (
          <p className="hint">The response set no cookies.</p>
        )}
      </section>
    </div>
  );
}

function Body({ exchange, response, tab }: { exchange: Exchange; response: HttpResponseMessage; tab: LabState["responseTab"] }) {
  const text = bodyText(response.body);
  const type = mediaType(response);
  if (tab === "raw") return <pre className="raw mono">{text || <span className="muted">(empty body)</span>}</pre>;
  if (tab === "headers")
    return (
      <div className="tab-body">
        <HeadersTable title="Response headers" headers={response.headers} />
        <HeadersTable title="Request headers" headers={exchange.request.headers} />
      </div>
    );
  if (tab === "cookies") return <CookiesTab exchange={exchange} response={response} />;
  if (isHtml(response)) return <HtmlPreview html={text} target={exchange.request.target} exchangeId={exchange.id} socketPrefix="page" title="Response preview" />;
  if (type === "application/json") {
    try {
      return <pre className="raw mono">{JSON.stringify(JSON.parse(text), null, 2)}</pre>;
    } catch {
      /* fall through to the raw text */
    }
  }
  return <pre className="raw mono plain-preview">{text || <span className="muted">(empty body)</span>}</pre>;
}

/** Shown in the Preview as a page (and can open in a Preview tab). */
function isHtml(response: HttpResponseMessage): boolean {
  const type = mediaType(response);
  return type === "text/html" || (!type && /^\s*</.test(bodyText(response.body)));
}

function Failure({ exchange }: { exchange: Exchange }) {
  const deadline = useLab((s) => s.deadlineMs);
  const outcome = exchange.outcome;
  if (outcome.kind === "deadline")
    return (
      <div className="failure" role="alert">
        <h3>Stopped at the deadline</h3>
        <p>
          {outcome.phase === "load" ? "Loading the project" : "The request"} was still running after {deadline / 1000} s — an infinite loop, or very slow code. The runtime was stopped and
          replaced; files and database are as they were after the last completed request.
        </p>
      </div>
    );
  if (outcome.kind === "failed")
    return (
      <div className="failure" role="alert">
        <h3>{outcome.error.type}</h3>
        <p className="mono">{outcome.error.message}</p>
        {outcome.error.source && (
          <p className="muted">
            at {outcome.error.source.file}:{outcome.error.source.line}
          </p>
        )}
      </div>
    );
  return null;
}

export function ResponseView() {
  const store = useLabStore();
  const tab = useLab((s) => s.responseTab);
  // The browser shows a page: the selected request's response, or — while a WebSocket step's trace
  // is selected — the page the browser is on (its sockets keep running in it).
  const exchange = useLab((s) => {
    const selected = s.exchanges.find((e) => e.id === s.selected) ?? null;
    if (!selected?.socket) return selected;
    const page = s.nav.entries[s.nav.index];
    return s.exchanges.find((e) => e.id === page) ?? null;
  });
  if (!exchange)
    return (
      <section className="response empty" aria-label="Response">
        <p className="hint big">
          Press <strong>Send</strong> (or Ctrl+Enter) to request <span className="mono">{store.getState().draft.target}</span> from the project.
        </p>
      </section>
    );
  const response = exchange.outcome.kind === "response" ? exchange.outcome.result.response : null;
  return (
    <section className="response" aria-label="Response">
      <div className="response-status">
        {response ? (
          <span className={`status-code ${statusClass(response.status)}`} aria-label="Response status">
            {response.status} {response.reason}
          </span>
        ) : (
          <span className="status-code s5" aria-label="Response status">
            {exchange.outcome.kind === "deadline" ? "Timed out" : "Failed"}
          </span>
        )}
        <span className="metric" title="Time from Send to response (project reload included)">
          {formatMs(exchange.ms)}
        </span>
        {response && <span className="metric">{formatBytes(bodyBytes(response.body))}</span>}
        {response && <span className="metric muted">{mediaType(response) || "no content type"}</span>}
        {exchange.redirectedFrom !== null && <span className="badge">after redirect</span>}
        {response && isHtml(response) && (
          <button className="link-button new-tab" onClick={() => openPreviewTab(store, exchange.id, exchange.request.target, bodyText(response.body))} title="Open this page again in a Preview tab beside this one (its own scripts and WebSockets)">
            Open in a new tab
          </button>
        )}
        {exchange.reload && <span className="badge" title={exchange.reload.modules.join(", ")}>project reloaded</span>}
        {exchange.privateWindow && <span className="badge" title="Sent without the jar's cookies; what it set was not kept (the scripted request's no_cookies)">private window</span>}
        <span className="header-spacer" />
        <CopyAsTest exchange={exchange} />
      </div>
      {response ? (
        <>
          <div className="tabs small" role="tablist" aria-label="Response view">
            {TABS.map(([id, title]) => (
              <button key={id} role="tab" aria-selected={tab === id} className="tab" onClick={() => store.setState({ responseTab: id })}>
                {title}
              </button>
            ))}
          </div>
          <div className="response-body" tabIndex={0} role="region" aria-label="Response body">
            <Body exchange={exchange} response={response} tab={tab} />
          </div>
        </>
      ) : (
        <Failure exchange={exchange} />
      )}
    </section>
  );
}
