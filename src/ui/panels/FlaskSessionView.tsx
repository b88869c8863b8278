/**
 * The Session panel for Flask: the signed cookie the request brought, decoded (payload, signing
 * time, signature) with the verdict of `open_session`, and what `save_session` did with the
 * response's cookie. Reads the `session` spans of flask/sessions.ts.
 */
import type { Json, Span } from "../../trace/span";
import { showJson, str } from "./span-index";
import { SourceLink } from "./SourceLink";

function Cookie({ cookie }: { cookie: Json | undefined }) {
  if (!cookie || typeof cookie !== "object" || Array.isArray(cookie)) return null;
  const c = cookie as Record<string, Json>;
  const ts = typeof c.timestamp === "number" ? new Date(c.timestamp * 1000).toISOString() : null;
  return (
    <dl className="kv flask-cookie">
      <div className="kv-row">
        <dt>Payload</dt>
        <dd className="mono">
          {showJson(c.payload)}
          {c.compressed === true && <span className="muted"> (zlib-compressed: the value starts with “.”)</span>}
        </dd>
      </div>
      <div className="kv-row">
        <dt>Signed at</dt>
        <dd className="mono">
          {ts ?? "unreadable"} <span className="muted">({showJson(c.timestamp)})</span>
        </dd>
      </div>
      <div className="kv-row">
        <dt>Signature</dt>
        <dd className="mono">
          {showJson(c.signature)} <span className="muted">HMAC-SHA1 of payload.timestamp, key HMAC(SECRET_KEY, "cookie-session")</span>
        </dd>
      </div>
    </dl>
  );
}

export function FlaskSessionView({ spans }: { spans: Span[] }) {
  const open = spans.find((s) => s.name.endsWith("open_session"));
  const save = spans.find((s) => s.name.endsWith("save_session"));
  return (
    <div className="contrib-panel session-panel">
      <section className="kv-section">
        <h3>Opened from the request's cookie</h3>
        {open ? (
          <>
            <p>
              <span className={`badge ${str(open.attrs.verdict) === "signature valid" ? "ok" : "warn"}`}>{str(open.attrs.verdict) ?? "opened"}</span>
              {open.attrs.max_age !== undefined && <span className="muted"> · max age {showJson(open.attrs.max_age)} s (PERMANENT_SESSION_LIFETIME)</span>}
            </p>
            <p className="muted flask-session-source">
              <SourceLink source={open.source} />
            </p>
            <Cookie cookie={open.attrs.cookie} />
            {open.attrs.data !== undefined && (
              <p>
                session = <span className="mono">{showJson(open.attrs.data)}</span>
              </p>
            )}
          </>
        ) : (
          <p className="hint">The session was not opened.</p>
        )}
      </section>
      <section className="kv-section">
        <h3>Saved onto the response</h3>
        {save ? (
          <>
            <p>
              {str(save.attrs.action)}
              <span className="muted">
                {" "}
                · modified {showJson(save.attrs.modified)} · accessed {showJson(save.attrs.accessed)} (Vary: Cookie) · permanent {showJson(save.attrs.permanent)}
              </span>
            </p>
            <p className="muted flask-session-source">
              <SourceLink source={save.source} />
            </p>
            <Cookie cookie={save.attrs.cookie} />
            {save.attrs.data !== undefined && (
              <p>
                session = <span className="mono">{showJson(save.attrs.data)}</span>
              </p>
            )}
          </>
        ) : (
          <p className="hint">Nothing was saved (a null session: no SECRET_KEY).</p>
        )}
      </section>
    </div>
  );
}
