/**
 * The workspace's panes, each in its own error boundary (one failing never blanks the others):
 * `Editor`, `Browser`, `Trace`, `Sidebar` (the file tree or the lesson). Used by the desktop
 * workspace (Workspace.tsx) and the stacked layout of a narrow screen (App.tsx).
 */
import { EditorPane } from "../editor/EditorPane";
import { BrowserPane } from "../browser/BrowserPane";
import { TracePane } from "../panels/TracePane";
import { FileTree } from "../editor/FileTree";
import { LessonPane } from "../lesson/LessonPane";
import { useLab } from "../state/react";
import { ErrorBoundary } from "./ErrorBoundary";

export const Editor = () => (
  <ErrorBoundary name="The editor">
    <EditorPane />
  </ErrorBoundary>
);
// The browser and trace panes show the selected exchange: selecting another one tries again.
export const Browser = () => (
  <ErrorBoundary name="The browser pane" resetKey={useLab((s) => s.selected)}>
    <BrowserPane />
  </ErrorBoundary>
);
export const Trace = () => (
  <ErrorBoundary name="The trace pane" resetKey={useLab((s) => `${s.selected}:${s.activePanel}`)}>
    <TracePane />
  </ErrorBoundary>
);
export const Sidebar = ({ which }: { which: "files" | "lesson" }) => (
  <aside className="pane sidebar">
    <ErrorBoundary name={which === "lesson" ? "The lesson" : "The file tree"} resetKey={useLab((s) => s.scenarioId)}>
      {which === "lesson" ? <LessonPane /> : <FileTree />}
    </ErrorBoundary>
  </aside>
);
