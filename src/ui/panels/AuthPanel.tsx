/** Auth: who request.user is and how it was found (session → backend → user), sign-in and sign-out, and every permission check with its outcome and who decided it. */
import type { Span } from "../../trace/span";
import { showJson, str, type SpanIndex } from "./span-index";
import { spansOf } from "./contrib-spans";
import { SourceLink } from "./SourceLink";
import type { PanelProps } from "./registry";

const isPermCheck = (s: Span) => s.name.startsWith("has_perm(") || s.name.startsWith("has_module_perms(");
const isGetUser = (s: Span) => s.name === "get_user(request)";
const isFlow = (s: Span) => /^(authenticate\(\)|login\(|logout\(\)|user_passes_test\(|createsuperuser|check_password)/.test(s.name);

export function authCount(index: SpanIndex): number | null {
  return spansOf(index, "auth").filter(isPermCheck).length || null;
}

interface PermRow {
  what: string;
  granted: boolean;
  decided: string;
  count: number;
}

/** One row per distinct check (the admin asks the same permission several times per page). */
function permRows(spans: Span[]): PermRow[] {
  const rows = new Map<string, PermRow>();
  for (const s of spans.filter(isPermCheck)) {
    const what = str(s.attrs.perm) ?? (str(s.attrs.app_label) ? `module "${str(s.attrs.app_label)}"` : s.name);
    const granted = s.attrs.granted === true;
    const decided = s.name.includes("active superuser") ? "active superuser (every permission)" : (str(s.attrs.decided_by) ?? "no backend granted it");
    const key = `${what}|${granted}|${decided}`;
    const row = rows.get(key) ?? { what, granted, decided, count: 0 };
    row.count += 1;
    rows.set(key, row);
  }
  return [...rows.values()];
}

function WhoIsTheUser({ spans }: { spans: Span[] }) {
  const get = spans.find(isGetUser);
  const hash = spans.find((s) => s.name.startsWith("session hash"));
  if (!get) return <p className="hint">request.user was never read in this request (it is lazy: AuthenticationMiddleware resolves it on first use).</p>;
  return (
    <dl className="kv">
      <div className="kv-row">
        <dt>User</dt>
        <dd className="mono">{showJson(get.attrs.user)}</dd>
      </div>
      <div className="kv-row">
        <dt>Resolved by</dt>
        <dd>
          {showJson(get.attrs.how)}
          {get.attrs.user_id !== undefined && <span className="muted"> · session _auth_user_id={showJson(get.attrs.user_id)}</span>}
          {get.attrs.backend !== undefined && <div className="mono muted">{showJson(get.attrs.backend)}</div>}
        </dd>
      </div>
      {hash && (
        <div className="kv-row">
          <dt>Session hash</dt>
          <dd>{hash.attrs.verified === true ? "verified (the password has not changed since login)" : "did not verify: the session was flushed, user is anonymous"}</dd>
        </div>
      )}
    </dl>
  );
}

function FlowStep({ span, index }: { span: Span; index: SpanIndex }) {
  const events = (index.children.get(span.id) ?? []).filter((c) => c.kind === "auth");
  const attrs = Object.entries(span.attrs).filter(([k]) => k !== "credentials");
  return (
    <li>
      <span className="mono">{span.name}</span> <span className="muted">{attrs.map(([k, v]) => `${k}=${showJson(v)}`).join(" · ")}</span>
      {span.error && <span className="badge error">{span.error.type}</span>}
      <SourceLink source={span.source} />
      {events.length > 0 && (
        <ul className="contrib-list nested">
          {events.map((e) => (
            <li key={e.id} className="mono muted">
              {e.name}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function AuthPanel({ index }: PanelProps) {
  const spans = spansOf(index, "auth");
  if (!spans.length) return <p className="hint">No authentication in this request: nothing read request.user, signed in or checked a permission.</p>;
  const flow = spans.filter((s) => isFlow(s) && !(s.name === "check_password" && spans.some((p) => p.id === s.parent)));
  const rows = permRows(spans);
  return (
    <div className="contrib-panel auth-panel">
      <section className="kv-section">
        <h3>request.user</h3>
        <WhoIsTheUser spans={spans} />
      </section>
      {flow.length > 0 && (
        <section className="kv-section">
          <h3>Sign-in and checks</h3>
          <ol className="contrib-list">
            {flow.map((s) => <FlowStep key={s.id} span={s} index={index} />)}
          </ol>
        </section>
      )}
      <section className="kv-section">
        <h3>Permission checks</h3>
        {rows.length ? (
          <table className="contrib-table">
            <thead>
              <tr>
                <th>permission</th>
                <th>outcome</th>
                <th>decided by</th>
                <th>times</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.what}|${r.granted}|${r.decided}`}>
                  <td className="mono">{r.what}</td>
                  <td>
                    <span className={`badge ${r.granted ? "ok" : "error"}`}>{r.granted ? "granted" : "denied"}</span>
                  </td>
                  <td className="muted">{r.decided}</td>
                  <td className="muted">×{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="hint">No permission was checked.</p>
        )}
      </section>
    </div>
  );
}
