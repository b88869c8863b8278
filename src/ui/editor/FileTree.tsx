/** The project's files as a tree: open, add files and folders, rename, delete. */
import { useState } from "react";
import { useLab, useLabStore } from "../state/react";
import { addFile, addFolder, allFolders, deletePath, openFile, renamePath } from "../state/files";
import { useLibrary } from "../session-context";

/** Reset the active file, or every file, to the scenario as it was opened. */
function ResetButtons() {
  const library = useLibrary();
  const active = useLab((s) => s.activeFile);
  const fileChanged = useLab((s) => (s.activeFile && s.scenario ? s.scenario.files[s.activeFile] !== undefined && s.scenario.files[s.activeFile] !== s.files[s.activeFile] : false));
  const anyChanged = useLab((s) => {
    const original = s.scenario?.files ?? {};
    const keys = Object.keys(s.files);
    return s.folders.length > 0 || keys.length !== Object.keys(original).length || keys.some((k) => original[k] !== s.files[k]);
  });
  return (
    <div className="file-tree-reset">
      <button className="link-button" disabled={!fileChanged} title={active ? `Bring back the original ${active}` : undefined} aria-label="Reset file to original" onClick={() => active && library.resetFile(active)}>
        Reset file
      </button>
      <button className="link-button" disabled={!anyChanged} aria-label="Reset all files: the scenario's originals" title="Bring back every original file" onClick={() => window.confirm("Discard every edit to this scenario and bring back its original files?") && library.resetScenario()}>
        Reset all
      </button>
    </div>
  );
}

interface TreeEntry {
  path: string;
  name: string;
  depth: number;
  folder: boolean;
}

function entries(files: Record<string, string>, folders: string[]): TreeEntry[] {
  const paths = [...allFolders(files, folders).map((p) => ({ path: p, folder: true })), ...Object.keys(files).map((p) => ({ path: p, folder: false }))];
  // Folders before files at each level, then by name.
  const key = (p: { path: string; folder: boolean }) =>
    p.path
      .split("/")
      .map((part, i, all) => `${i === all.length - 1 && !p.folder ? "1" : "0"}${part}`)
      .join("/");
  return paths.sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((p) => ({ ...p, name: p.path.split("/").pop()!, depth: p.path.split("/").length - 1 }));
}

export function FileTree() {
  const store = useLabStore();
  const files = useLab((s) => s.files);
  const folders = useLab((s) => s.folders);
  const active = useLab((s) => s.activeFile);
  const markers = useLab((s) => s.markers);
  const [selected, setSelected] = useState<string | null>(null);
  const report = (error: string | null) => error && store.setState({ notice: { tone: "warn", text: error } });
  const base = () => {
    if (!selected) return "";
    const isFolder = !(selected in files);
    return isFolder ? `${selected}/` : selected.includes("/") ? selected.slice(0, selected.lastIndexOf("/") + 1) : "";
  };
  const ask = (question: string, initial: string) => window.prompt(question, initial)?.trim() || null;
  return (
    <nav className="file-tree" aria-label="Project files">
      <div className="file-tree-actions">
        <span className="section-title">Files</span>
        <button className="icon-button small" aria-label="New file" title="New file" onClick={() => { const p = ask("New file path", base()); if (p) report(addFile(store, p)); }}>
          +
        </button>
        <button className="icon-button small" aria-label="New folder" title="New folder" onClick={() => { const p = ask("New folder path", base()); if (p) report(addFolder(store, p)); }}>
          ⊞
        </button>
        <button className="icon-button small" aria-label="Rename" title="Rename selected" disabled={!selected} onClick={() => { if (!selected) return; const p = ask(`Rename ${selected} to`, selected); if (p && p !== selected) { report(renamePath(store, selected, p)); setSelected(p); } }}>
          ✎
        </button>
        <button className="icon-button small" aria-label="Delete" title="Delete selected" disabled={!selected} onClick={() => { if (selected && window.confirm(`Delete ${selected}${selected in files ? "" : " and everything in it"}?`)) { deletePath(store, selected); setSelected(null); } }}>
          ✕
        </button>
      </div>
      <ul role="tree">
        {entries(files, folders).map((e) => (
          <li key={(e.folder ? "d:" : "f:") + e.path} role="treeitem" aria-selected={selected === e.path}>
            <button
              className={`tree-item${e.path === active ? " active" : ""}${selected === e.path ? " selected" : ""}${markers[e.path]?.length ? " has-error" : ""}`}
              style={{ paddingLeft: 8 + e.depth * 14 }}
              onClick={() => {
                setSelected(e.path);
                if (!e.folder) openFile(store, e.path);
              }}
            >
              <span className="tree-icon" aria-hidden="true">
                {e.folder ? "▸" : "·"}
              </span>
              {e.name}
              {e.folder && "/"}
            </button>
          </li>
        ))}
      </ul>
      <ResetButtons />
    </nav>
  );
}
