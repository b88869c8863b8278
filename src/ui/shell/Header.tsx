/** The header: product name, scenario picker, runtime status, deadline, theme; and the notice bar below. */
import { useLab, useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { loadBuiltinScenarios } from "../scenarios";
import type { RuntimeStatus } from "../state/store";

const STATUS_TEXT: Record<RuntimeStatus, string> = {
  idle: "Idle",
  starting: "Starting runtime…",
  loading: "Loading project…",
  ready: "Ready",
  busy: "Running…",
  replacing: "Restarting runtime…",
  blocked: "Paused",
};

function ScenarioPicker() {
  const session = useSession();
  const scenarios = useLab((s) => s.scenarios);
  const current = useLab((s) => s.scenarioId);
  const choose = async (id: string) => {
    const entry = (await loadBuiltinScenarios()).find((e) => e.id === id);
    if (entry) session.openScenario(entry.id, entry.scenario);
  };
  return (
    <label className="field">
      <span className="field-label">Scenario</span>
      <select aria-label="Scenario" value={current ?? ""} onChange={(e) => void choose(e.target.value)}>
        {current === null && <option value="">Loading…</option>}
        {scenarios.map((s) => (
          <option key={s.id} value={s.id} title={s.description}>
            {s.title}
          </option>
        ))}
      </select>
    </label>
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
      <button className="link-button" aria-label="Dismiss message" onClick={() => store.setState({ notice: null })}>
        ✕
      </button>
    </div>
  );
}

export function Header() {
  const status = useLab((s) => s.runtime);
  return (
    <>
      <header className="header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            ◆
          </span>
          Framework Lab
        </div>
        <ScenarioPicker />
        <div className="header-spacer" />
        <span className={`status-pill status-${status}`} role="status" aria-label="Runtime status">
          {STATUS_TEXT[status]}
        </span>
        <DeadlineInput />
        <ThemeToggle />
      </header>
      <NoticeBar />
    </>
  );
}
