/** The header: product name, scenario gallery, save state, Share, runtime status, deadline, theme; the notice bar and dialogs below. */
import { useLab, useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { Gallery } from "./Gallery";
import { ComparePage } from "../course/ComparePage";
import { ShareDialog } from "./ShareDialog";
import { applyUpdateNow } from "../offline/register";
import type { LabStore, RuntimeStatus } from "../state/store";

/** Presenter mode, with `?present` in the URL so a reload (or the link) stays in it. */
export function enterPresenter(store: LabStore): void {
  const url = new URL(location.href);
  url.searchParams.set("present", "");
  history.replaceState(history.state, "", url.pathname + url.search.replace("present=", "present") + url.hash);
  store.setState({ view: "presenter", activePanel: "step" });
}

export function leavePresenter(store: LabStore): void {
  const url = new URL(location.href);
  url.searchParams.delete("present");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
  store.setState({ view: "full" });
}

const STATUS_TEXT: Record<RuntimeStatus, string> = {
  idle: "Idle",
  starting: "Starting runtime…",
  loading: "Loading project…",
  ready: "Ready",
  busy: "Running…",
  replacing: "Restarting runtime…",
  blocked: "Paused",
  inert: "Not run yet",
};

function ScenarioButton() {
  const store = useLabStore();
  const title = useLab((s) => s.scenario?.title ?? "Loading…");
  const origin = useLab((s) => (s.scenarioId?.startsWith("shared-") ? "shared link" : s.scenarioId?.startsWith("file-") ? "file" : null));
  return (
    // Named by its content, "Scenarios (open: <title>, shared link)": the words a screen reader
    // adds are in the title's own inline run at zero size (an aria-label would not hold the visible
    // text as axe requires; an out-of-flow hidden span would make the name "… title )").
    <button className="scenario-button" title="Choose a scenario" onClick={() => store.setState({ dialog: "gallery" })}>
      <span className="scenario-button-label">Scenarios</span>
      <span className="scenario-title">
        <span className="sr-inline">(open: </span>
        {title}
        {origin && <span className="sr-inline">, {origin}</span>}
        <span className="sr-inline">)</span>
      </span>
      {origin && <span className="badge" aria-hidden="true">{origin}</span>}
    </button>
  );
}

const SAVE_TEXT = { unknown: "", saved: "Saved", saving: "Saving…", unsaved: "Not saved", off: "Not saved (storage unavailable)" } as const;

function SaveState() {
  const state = useLab((s) => s.saveState);
  // Until the draft store has answered, say nothing (it used to flash "storage unavailable" on every start).
  if (state === "unknown") return null;
  return (
    <span className={`save-state save-${state}`} role="status" aria-label="Draft saved">
      {SAVE_TEXT[state]}
    </span>
  );
}

function DeadlineInput() {
  const session = useSession();
  const deadline = useLab((s) => s.deadlineMs);
  return (
    <label className="field" title="A request still running after this long gets the runtime restarted">
      <span className="field-label">Deadline</span>
      <select aria-label="Deadline" value={deadline} onChange={(e) => session.setDeadline(Number(e.target.value))}>
        {[1000, 2000, 5000, 10000, 30000].map((ms) => (
          <option key={ms} value={ms}>
            {ms / 1000} s
          </option>
        ))}
      </select>
    </label>
  );
}

function ThemeToggle() {
  const store = useLabStore();
  const theme = useLab((s) => s.theme);
  const next = theme === "dark" ? "light" : "dark";
  return (
    <button
      className="icon-button"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={() => {
        store.setState({ theme: next });
        try {
          localStorage.setItem("framework-lab:theme", next);
        } catch {
          /* storage may be unavailable */
        }
      }}
    >
      {theme === "dark" ? "☀" : "☾"}
    </button>
  );
}

function NoticeBar() {
  const store = useLabStore();
  const notice = useLab((s) => s.notice);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.tone}`} role={notice.tone === "error" ? "alert" : "status"}>
      <span>{notice.text}</span>
      {notice.action === "use-update" && (
        <button className="button" onClick={applyUpdateNow}>
          Use it now
        </button>
      )}
      <button className="link-button" aria-label="Dismiss message" onClick={() => store.setState({ notice: null })}>
        ✕
      </button>
    </div>
  );
}

export function Header() {
  const store = useLabStore();
  const status = useLab((s) => s.runtime);
  const dialog = useLab((s) => s.dialog);
  return (
    <>
      <header className="header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Framework Lab
        </div>
        <ScenarioButton />
        <SaveState />
        <div className="header-spacer" />
        <button className="button" title="Share a link to this scenario (Ctrl+S)" onClick={() => store.setState({ dialog: "share" })}>
          Share
        </button>
        <button className="button" title="Presenter mode: large type, the chosen panes, step through a request with the keyboard" onClick={() => enterPresenter(store)}>
          Presenter
        </button>
        <span className={`status-pill status-${status}`} role="status" aria-label="Runtime status">
          {STATUS_TEXT[status]}
        </span>
        <DeadlineInput />
        <ThemeToggle />
      </header>
      <NoticeBar />
      {dialog === "gallery" && <Gallery />}
      {dialog === "share" && <ShareDialog />}
      {dialog === "compare" && <ComparePage />}
    </>
  );
}
