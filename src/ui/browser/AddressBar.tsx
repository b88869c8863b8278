/** Back, forward, method, Address, Send: the top of the browser pane. */
import { useLab, useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { HOST_HEADER } from "../http/message";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

export function AddressBar() {
  const store = useLabStore();
  const session = useSession();
  const draft = useLab((s) => s.draft);
  const nav = useLab((s) => s.nav);
  const busy = useLab((s) => s.runtime === "busy" || s.runtime === "loading" || s.runtime === "replacing");
  // Until the visit's scenario is open there is no project to send to (a press would be lost).
  const opening = useLab((s) => s.scenario === null);
  // A scripted request marked no_cookies is sent as from a private window (session.ts).
  const privateWindow = useLab((s) => s.script !== null && s.scenario?.requests[s.script]?.no_cookies === true);
  const setDraft = (patch: Partial<typeof draft>) => store.setState({ draft: { ...store.getState().draft, ...patch }, script: null });
  return (
    <form
      className="address-bar"
      onSubmit={(e) => {
        e.preventDefault();
        if (!opening) void session.sendDraft();
      }}
    >
      <button type="button" className="icon-button" aria-label="Back" title="Back" disabled={nav.index <= 0} onClick={() => session.go(-1)}>
        ←
      </button>
      <button type="button" className="icon-button" aria-label="Forward" title="Forward" disabled={nav.index >= nav.entries.length - 1} onClick={() => session.go(1)}>
        →
      </button>
      <select className="method" aria-label="Method" value={draft.method} onChange={(e) => setDraft({ method: e.target.value })}>
        {METHODS.map((m) => (
          <option key={m}>{m}</option>
        ))}
      </select>
      <div className="address">
        <span className="address-origin" aria-hidden="true">
          {HOST_HEADER}
        </span>
        <input className="mono" aria-label="Address" spellCheck={false} value={draft.target} onChange={(e) => setDraft({ target: e.target.value })} />
      </div>
      {privateWindow && (
        <span className="badge private-badge" title="This scripted request is sent as from a private window: without the jar's cookies, and what it sets is not kept">
          private
        </span>
      )}
      <button type="submit" className="primary" aria-label="Send" title="Send (Ctrl+Enter)" disabled={busy || opening}>
        Send
        {busy && <span className="sending" aria-hidden="true" />}
      </button>
    </form>
  );
}
