/** The editor pane: file tree beside tabs and the (lazily loaded) Monaco editor. */
import { lazy, Suspense } from "react";
import { useLab, useLabStore } from "../state/react";
import { closeTab, openFile } from "../state/files";
import { FileTree } from "./FileTree";

const MonacoEditor = lazy(() => import("./MonacoEditor"));

function Tabs() {
  const store = useLabStore();
  const tabs = useLab((s) => s.openTabs);
  const active = useLab((s) => s.activeFile);
  const markers = useLab((s) => s.markers);
  return (
    <div className="tabs editor-tabs" role="tablist" aria-label="Open files">
      {tabs.map((path) => (
        <span key={path} className={`tab closable${markers[path]?.length ? " has-error" : ""}`} role="presentation">
          <button className="tab-open" role="tab" aria-selected={path === active} onClick={() => openFile(store, path)} title={path}>
            {path.split("/").pop()}
          </button>
          <button className="tab-close" aria-label={`Close ${path}`} onClick={() => closeTab(store, path)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}

export function EditorPane() {
  const active = useLab((s) => s.activeFile);
  return (
    <div className="pane editor-pane">
      <FileTree />
      <div className="editor-main">
        <Tabs />
        <div className="editor-body">
          <Suspense fallback={<div className="editor-loading">Loading editor…</div>}>
            <MonacoEditor />
          </Suspense>
          {!active && <div className="editor-empty hint">Open a file from the tree.</div>}
        </div>
      </div>
    </div>
  );
}
