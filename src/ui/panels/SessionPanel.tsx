/** Session: was a session loaded (from which cookie and store), what the request read and wrote, whether it was saved, and the cookie sent back. */
import type { Span } from "../../trace/span";
import { showJson, str } from "./span-index";
import { spansOf } from "./contrib-spans";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";
import { FlaskSessionView } from "./FlaskSessionView";

const isStore = (s: Span) => s.name === "SessionStore loaded";
const isLoad = (s: Span) => s.name === "SessionStore.load";
const isSave = (s: Span) => s.name === "SessionStore.save";
const isCookie = (s: Span) => s.name.startsWith("session cookie") || s.name.startsWith("session saved");
const isMessage = (s: Span) => s.name === "messages read" || s.name === "message added";

export function sessionCount(index: PanelProps["index"]): number | null {
  return spansOf(index, "session").filter((s) => s.attrs.op !== undefined).length || null;
}

function Summary({ spans }: { spans: Span[] }) {
  const store = spans.find(isStore);
  const load = spans.find(isLoad);
  const writes = spans.filter((s) => s.attrs.op === "write" || s.attrs.op === "flush" || s.attrs.op === "cycle_key");
  const saves = spans.filter(isSave);
  const cookie = spans.find(isCookie);
  const key = store ? str(store.attrs.session_key) : null;
  return (
    <dl className="kv">
      <div className="kv-row">
        <dt>Loaded</dt>
        <dd>
          {key ? <>cookie named the session <span className="mono">{key}</span></> : "no session cookie came with the request: a new, empty session"}
          {load && <span className="muted"> · read from the store: {load.attrs.found === true ? "found" : "not found (expired or unknown key → empty)"}</span>}
          {!load && key && <span className="muted"> · never read (the session is lazy: nothing touched it)</span>}
          {store && <div className="mono muted">{str(store.attrs.backend)}</div>}
        </dd>
      </div>
      <div className="kv-row">
        <dt>Modified</dt>
        <dd>{writes.length ? `yes: ${writes.map((w) => w.name).join(", ")}` : "no"}</dd>
      </div>
      <div className="kv-row">
        <dt>Saved</dt>
        <dd>
          {saves.length
            ? saves.map((s) => `${s.attrs.must_create === true ? "created" : "updated"} ${str(s.attrs.session_key) ?? ""}`).join(", ")
            : "no (SessionMiddleware saves only a modified session, or every request with SESSION_SAVE_EVERY_REQUEST)"}
        </dd>
      </div>
      <div className="kv-row">
        <dt>Cookie</dt>
        <dd>
          {!cookie && "not sent (the browser keeps the cookie it has)"}
          {cookie && cookie.name.startsWith("session cookie deleted") && <>Set-Cookie deletes <span className="mono">{str(cookie.attrs.cookie)}</span> (the session was emptied)</>}
          {cookie && cookie.name.startsWith("session saved") && (
            <>
              Set-Cookie <span className="mono">{str(cookie.attrs.cookie)}={str(cookie.attrs.session_key)}</span>
              <span className="muted"> {cookie.attrs.expire_at_browser_close === true ? "until the browser closes" : `max-age ${showJson(cookie.attrs.max_age)} s`}</span>
            </>
          )}
        </dd>
      </div>
    </dl>
  );
}

export function SessionPanel({ index }: PanelProps) {
  const spans = spansOf(index, "session");
  if (spans.some((s) => s.attrs.framework === "flask")) return <FlaskSessionView spans={spans} />;
  const sessionSpans = spans.filter((s) => !isMessage(s));
  const messages = spans.filter(isMessage);
  if (!sessionSpans.length && !messages.length)
    return <p className="hint">No session was used in this request (no SessionMiddleware, or nothing read request.session).</p>;
  const ops = sessionSpans.filter((s) => s.attrs.op !== undefined);
  return (
    <div className="contrib-panel session-panel">
      <section className="kv-section">
        <h3>Session</h3>
        {sessionSpans.length ? <Summary spans={sessionSpans} /> : <p className="hint">No session was used in this request.</p>}
      </section>
      {ops.length > 0 && (
        <section className="kv-section">
          <h3>Reads and writes, in order</h3>
          <ol className="contrib-list">
            {ops.map((s) => (
              <li key={s.id}>
                <span className={`badge ${s.attrs.op === "read" ? "" : "warn"}`}>{showJson(s.attrs.op)}</span> <span className="mono">{s.name}</span>
                {s.attrs.found === false && <span className="muted"> (not there)</span>}
                <SourceLink source={s.source} />
              </li>
            ))}
          </ol>
        </section>
      )}
      {messages.length > 0 && (
        <section className="kv-section">
          <h3>Messages (django.contrib.messages)</h3>
          <ol className="contrib-list">
            {messages.map((s) => (
              <li key={s.id}>
                <span className="mono">{s.name}</span>{" "}
                <span className="muted">
                  {str(s.attrs.storage)} {s.attrs.message !== undefined ? `“${showJson(s.attrs.message)}” (level ${showJson(s.attrs.level)})` : `${showJson(s.attrs.count)} message(s)`}
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
