/** The request's headers, body (form fields, JSON, raw) and the cookie jar, as tabs under the address bar. */
import { useState } from "react";
import { useLab, useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { RowsEditor } from "./RowsEditor";
import { CookieJarView } from "./CookieJarView";
import type { BodyMode, RequestDraft } from "../http/message";

type Tab = "headers" | "body" | "cookies";

function BodyEditor({ draft, setDraft }: { draft: RequestDraft; setDraft: (p: Partial<RequestDraft>) => void }) {
  const modes: [BodyMode, string][] = [["none", "None"], ["form", "Form"], ["json", "JSON"], ["raw", "Raw"]];
  const jsonError = draft.bodyMode === "json" ? jsonProblem(draft.json) : null;
  return (
    <div className="body-editor">
      <div className="segmented" role="radiogroup" aria-label="Body type">
        {modes.map(([mode, title]) => (
          <button key={mode} role="radio" aria-checked={draft.bodyMode === mode} className="segment" onClick={() => setDraft({ bodyMode: mode })}>
            {title}
          </button>
        ))}
      </div>
      {(draft.method === "GET" || draft.method === "HEAD") && draft.bodyMode !== "none" && <p className="hint">A {draft.method} request is sent without a body.</p>}
      {draft.bodyMode === "form" && <RowsEditor label="Form field" namePlaceholder="Field" rows={draft.form} onChange={(form) => setDraft({ form })} />}
      {draft.bodyMode === "json" && (
        <>
          <textarea className="mono code-input" aria-label="JSON body" spellCheck={false} value={draft.json} onChange={(e) => setDraft({ json: e.target.value })} />
          {jsonError && <p className="hint error-text">{jsonError}</p>}
        </>
      )}
      {draft.bodyMode === "raw" && (
        <>
          <input className="mono" aria-label="Raw body content type" value={draft.rawContentType} onChange={(e) => setDraft({ rawContentType: e.target.value })} />
          <textarea className="mono code-input" aria-label="Raw body" spellCheck={false} value={draft.raw} onChange={(e) => setDraft({ raw: e.target.value })} />
        </>
      )}
    </div>
  );
}

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    return `Not valid JSON (sent as typed): ${(e as Error).message}`;
  }
}

const NO_REQUESTS: never[] = [];

/** The scenario's scripted requests: pick one to put it in the address bar (its note says what it shows). */
function ScriptedRequests() {
  const session = useSession();
  const requests = useLab((s) => s.scenario?.requests ?? NO_REQUESTS);
  const script = useLab((s) => s.script);
  if (!requests.length) return null;
  const note = script !== null ? requests[script]?.note : undefined;
  return (
    <select className="scripted" aria-label="Scripted requests" title={note} value={script ?? ""} onChange={(e) => e.target.value !== "" && session.selectScript(Number(e.target.value))}>
      {script === null && <option value="">Your own request</option>}
      {requests.map((r, i) => (
        <option key={i} value={i}>
          {i + 1}. {r.method} {r.target}
          {r.note ? ` — ${r.note}` : ""}
        </option>
      ))}
    </select>
  );
}

export function RequestEditor() {
  const store = useLabStore();
  const draft = useLab((s) => s.draft);
  const cookieCount = useLab((s) => s.cookies.length);
  const [tab, setTab] = useState<Tab | null>(null);
  const setDraft = (patch: Partial<RequestDraft>) => store.setState({ draft: { ...store.getState().draft, ...patch }, script: null });
  const enabledHeaders = draft.headers.filter((h) => h.enabled).length;
  const tabs: [Tab, string][] = [
    ["headers", `Headers${enabledHeaders ? ` (${enabledHeaders})` : ""}`],
    ["body", `Body${draft.bodyMode !== "none" ? ` (${draft.bodyMode})` : ""}`],
    ["cookies", `Cookies${cookieCount ? ` (${cookieCount})` : ""}`],
  ];
  return (
    <section className="request-editor" aria-label="Request">
      <div className="tabs small request-parts">
        <div className="tabs-row" role="tablist" aria-label="Request parts">
          {tabs.map(([id, title]) => (
            <button key={id} role="tab" aria-selected={tab === id} aria-expanded={tab === id} className="tab" onClick={() => setTab(tab === id ? null : id)}>
              {title}
            </button>
          ))}
        </div>
        <span className="header-spacer" />
        <ScriptedRequests />
      </div>
      {tab === "headers" && <RowsEditor label="Header" namePlaceholder="Header" rows={draft.headers} onChange={(headers) => setDraft({ headers })} />}
      {tab === "body" && <BodyEditor draft={draft} setDraft={setDraft} />}
      {tab === "cookies" && <CookieJarView />}
    </section>
  );
}
