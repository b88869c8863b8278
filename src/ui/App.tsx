/** The app shell: header, then editor | browser | trace panels (stacked tabs on a narrow screen). */
import { useEffect, useState } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { Header } from "./shell/Header";
import { EditorPane } from "./editor/EditorPane";
import { BrowserPane } from "./browser/BrowserPane";
import { TracePane } from "./panels/TracePane";
import { useLab } from "./state/react";
import { useSession } from "./session-context";
import { ErrorBoundary } from "./shell/ErrorBoundary";
import { CourseBar } from "./course/CourseBar";

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

/** Ctrl+Enter (Cmd+Enter) sends the address bar's request from anywhere, the editor included. */
function useSendShortcut(): void {
  const session = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        e.stopPropagation();
        void session.sendDraft();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [session]);
}

/** Each pane in its own error boundary: one failing never blanks the others. */
const Editor = () => (
  <ErrorBoundary name="The editor">
    <EditorPane />
  </ErrorBoundary>
);
// The browser and trace panes show the selected exchange: selecting another one tries again.
const Browser = () => (
  <ErrorBoundary name="The browser pane" resetKey={useLab((s) => s.selected)}>
    <BrowserPane />
  </ErrorBoundary>
);
const Trace = () => (
  <ErrorBoundary name="The trace pane" resetKey={useLab((s) => `${s.selected}:${s.activePanel}`)}>
    <TracePane />
  </ErrorBoundary>
);

const PANES = [
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

function ColumnPanes() {
  return (
    <Group orientation="horizontal" className="columns" id="framework-lab-columns">
      <Panel id="editor" defaultSize="38" minSize="18">
        <Editor />
      </Panel>
      <Separator className="separator" />
      <Panel id="browser" defaultSize="28" minSize="20">
        <Browser />
      </Panel>
      <Separator className="separator" />
      <Panel id="trace" defaultSize="34" minSize="20">
        <Trace />
      </Panel>
    </Group>
  );
}

export function App() {
  const theme = useLab((s) => s.theme);
  const narrow = useNarrow();
  useSendShortcut();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <ErrorBoundary name="The header">
        <Header />
      </ErrorBoundary>
      <ErrorBoundary name="The course bar">
        <CourseBar />
      </ErrorBoundary>
      <main className="workspace">{narrow ? <StackedPanes /> : <ColumnPanes />}</main>
    </div>
  );
}
