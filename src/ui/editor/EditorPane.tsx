/**
 * The editor pane: a bar (sidebar toggles, open files, word wrap, font size, what Tab does) over the
 * lazily loaded Monaco editor. The file tree and the lesson live in the sidebar (shell/Workspace.tsx).
 */
import { lazy, Suspense, useEffect, useState } from "react";
import { useLab, useLabStore } from "../state/react";
import { closeTab, openFile } from "../state/files";
import { FONT_SIZES, setPrefs, stepValue, toggleTabIndents } from "../state/prefs";

const MonacoEditor = lazy(() => import("./MonacoEditor"));

/** The open files: a button each (the shown one marked current) and its close button. */
function Tabs() {
  const store = useLabStore();
  const tabs = useLab((s) => s.openTabs);
  const active = useLab((s) => s.activeFile);
  const markers = useLab((s) => s.markers);
  return (
    <ul className="tabs editor-tabs" aria-label="Open files">
      {tabs.map((path) => (
        <li key={path} className={`tab closable${path === active ? " current" : ""}${markers[path]?.length ? " has-error" : ""}`}>
          <button className="tab-open" aria-current={path === active ? "page" : undefined} onClick={() => openFile(store, path)} title={path}>
            {path.split("/").pop()}
          </button>
          <button className="tab-close" aria-label={`Close ${path}`} onClick={() => closeTab(store, path)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/** Show or hide the sidebar's files or lesson (the same button again hides it). */
function SidebarToggles() {
  const store = useLabStore();
  const sidebar = useLab((s) => s.prefs.sidebar);
  const toggle = (which: "files" | "lesson") => setPrefs(store, { sidebar: sidebar === which ? null : which });
  return (
    <div className="sidebar-toggles" role="group" aria-label="Sidebar">
      <button className="bar-button" aria-pressed={sidebar === "files"} title="Show the project's files (file tree)" onClick={() => toggle("files")}>
        Files
      </button>
      <button className="bar-button" aria-pressed={sidebar === "lesson"} title="Show the lesson and its scripted requests" onClick={() => toggle("lesson")}>
        Lesson
      </button>
    </div>
  );
}

/** Word wrap, font size, and what the Tab key does in the editor (Ctrl+M switches, as in VS Code). */
function EditorControls() {
  const store = useLabStore();
  const prefs = useLab((s) => s.prefs);
  return (
    <div className="editor-controls" role="group" aria-label="Editor settings">
      <button className="bar-button" aria-pressed={prefs.wordWrap} title="Wrap long lines (Alt+Z)" onClick={() => setPrefs(store, { wordWrap: !prefs.wordWrap })}>
        Wrap
      </button>
      <button className="bar-button" title="Smaller code font" disabled={prefs.fontSize <= FONT_SIZES[0]} onClick={() => setPrefs(store, { fontSize: stepValue(FONT_SIZES, prefs.fontSize, -1) })}>
        <span aria-hidden="true">A−</span>
        <span className="visually-hidden">Smaller code font</span>
      </button>
      <span className="font-size mono" role="status" aria-label="Code font size">
        {prefs.fontSize}px
      </span>
      <button className="bar-button" title="Larger code font" disabled={prefs.fontSize >= FONT_SIZES[FONT_SIZES.length - 1]} onClick={() => setPrefs(store, { fontSize: stepValue(FONT_SIZES, prefs.fontSize, 1) })}>
        <span aria-hidden="true">A+</span>
        <span className="visually-hidden">Larger code font</span>
      </button>
      <button
        className="bar-button"
        aria-pressed={prefs.tabIndents}
        title={prefs.tabIndents ? "Tab indents code in the editor (Ctrl+M: Tab moves focus instead)" : "Tab moves focus out of the editor (Ctrl+M: Tab indents code instead)"}
        onClick={() => toggleTabIndents(store)}
      >
        <span aria-hidden="true">Tab: {prefs.tabIndents ? "indent" : "focus"}</span>
        <span className="visually-hidden">Tab key indents code</span>
      </button>
    </div>
  );
}

/** The longest Monaco waits for the project's first load (ms after the pane shows). */
const EDITOR_WAIT_MS = 6000;
/** How long the runtime must stay idle after the first load before Monaco starts loading (ms). */
const EDITOR_IDLE_MS = 400;

/**
 * Whether to load Monaco yet. Monaco is megabytes of script, and its TypeScript worker parses ~7 MB
 * more: loaded with the page, it competes with the runtime for the CPU (two cores here) and delays
 * the first response by seconds. So it waits until the project's first load is over and the runtime
 * has been idle a moment (a Send pressed at once gets its answer first), or until the learner
 * reaches for the code (a click or focus in the pane), or EDITOR_WAIT_MS at most. Until then the
 * open file shows as plain text. Once loaded it stays.
 */
function useEditorWanted(): [boolean, () => void] {
  const [wanted, setWanted] = useState(false);
  const runtime = useLab((s) => s.runtime);
  const opened = useLab((s) => s.scenario !== null);
  useEffect(() => {
    if (wanted) return;
    const timer = setTimeout(() => setWanted(true), EDITOR_WAIT_MS);
    return () => clearTimeout(timer);
  }, [wanted]);
  useEffect(() => {
    if (wanted) return;
    // Nothing runs (a link, a crashed last visit) or the project is loaded and idle: load Monaco.
    const settled = runtime === "inert" || runtime === "blocked" || (opened && (runtime === "ready" || runtime === "idle"));
    if (!settled) return;
    const timer = setTimeout(() => setWanted(true), runtime === "ready" ? EDITOR_IDLE_MS : 0);
    return () => clearTimeout(timer);
  }, [wanted, runtime, opened]);
  return [wanted, () => setWanted(true)];
}

/** The open file as plain text while Monaco is not loaded yet. */
function PlainCode({ onWant }: { onWant: () => void }) {
  const active = useLab((s) => s.activeFile);
  const text = useLab((s) => (s.activeFile ? s.files[s.activeFile] : undefined));
  if (text === undefined) return <div className="editor-loading">Loading editor…</div>;
  return (
    <pre className="editor-plain mono" tabIndex={0} aria-label={`${active} (the editor is loading)`} onPointerDown={onWant} onFocus={onWant}>
      {text}
    </pre>
  );
}

export function EditorPane() {
  const active = useLab((s) => s.activeFile);
  const [wanted, want] = useEditorWanted();
  return (
    <section className="pane editor-pane" aria-label="Code">
      <div className="editor-bar">
        <SidebarToggles />
        <Tabs />
        <EditorControls />
      </div>
      <div className="editor-body">
        {wanted ? (
          <Suspense fallback={<PlainCode onWant={want} />}>
            <MonacoEditor />
          </Suspense>
        ) : (
          <PlainCode onWant={want} />
        )}
        {!active && <div className="editor-empty hint">Open a file from the tree.</div>}
      </div>
    </section>
  );
}
