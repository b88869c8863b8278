/**
 * The app shell: the header, then the workspace (shell/Workspace.tsx: sidebar | code | browser over
 * trace), or stacked tabs on a narrow screen; presenter mode (`?present`, the Presenter button) and
 * the embed (`?embed`) replace the workspace with their own layouts. The page zoom (Ctrl+= / Ctrl+-)
 * applies to all of it.
 */
import { lazy, Suspense, useEffect, useState } from "react";
import { Header } from "./shell/Header";
import { Workspace } from "./shell/Workspace";
import { useLab } from "./state/react";
import { useGlobalShortcuts } from "./shell/shortcuts";
import { ErrorBoundary } from "./shell/ErrorBoundary";
import { CourseBar } from "./course/CourseBar";
import { Browser, Editor, Sidebar, Trace } from "./shell/panes";

const Presenter = lazy(() => import("./presenter/Presenter"));
const Embed = lazy(() => import("./embed/Embed"));

const NARROW = "(max-width: 900px)";

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => typeof matchMedia === "function" && matchMedia(NARROW).matches);
  useEffect(() => {
    const query = matchMedia(NARROW);
    const update = () => setNarrow(query.matches);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return narrow;
}

const PANES = [
  { id: "lesson", title: "Lesson", render: () => <Sidebar which="lesson" /> },
  { id: "files", title: "Files", render: () => <Sidebar which="files" /> },
  { id: "editor", title: "Code", render: () => <Editor /> },
  { id: "browser", title: "Browser", render: () => <Browser /> },
  { id: "trace", title: "Trace", render: () => <Trace /> },
] as const;

function StackedPanes() {
  const [active, setActive] = useState<string>("browser");
  return (
    <div className="stacked">
      <div className="tabs" role="tablist" aria-label="Panes">
        {PANES.map((p) => (
          <button key={p.id} role="tab" aria-selected={active === p.id} className="tab" onClick={() => setActive(p.id)}>
            {p.title}
          </button>
        ))}
      </div>
      {PANES.map((p) => (
        <div key={p.id} className="stacked-pane" hidden={active !== p.id}>
          {p.render()}
        </div>
      ))}
    </div>
  );
}

/** Read out what the page says to screen readers (store.announcement). */
function Announcer() {
  const text = useLab((s) => s.announcement);
  return (
    <div className="visually-hidden announcer" aria-live="polite" aria-atomic="true">
      {text}
    </div>
  );
}

export function App() {
  const theme = useLab((s) => s.theme);
  const view = useLab((s) => s.view);
  const zoom = useLab((s) => s.prefs.zoom);
  const narrow = useNarrow();
  useGlobalShortcuts();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className={`app view-${view}`} style={zoom !== 1 ? { zoom } : undefined}>
      {view === "embed" ? (
        <Suspense fallback={<p className="hint">Loading…</p>}>
          <ErrorBoundary name="The embed">
            <Embed />
          </ErrorBoundary>
        </Suspense>
      ) : view === "presenter" ? (
        <Suspense fallback={<p className="hint">Loading presenter mode…</p>}>
          <ErrorBoundary name="Presenter mode">
            <Presenter />
          </ErrorBoundary>
        </Suspense>
      ) : (
        <>
          <ErrorBoundary name="The header">
            <Header />
          </ErrorBoundary>
          <ErrorBoundary name="The course bar">
            <CourseBar />
          </ErrorBoundary>
          <main className="workspace">{narrow ? <StackedPanes /> : <Workspace />}</main>
        </>
      )}
      <Announcer />
    </div>
  );
}
