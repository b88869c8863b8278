/**
 * File actions: the editor's edits → new `files`, tabs and folders in the store. A rename or a
 * delete of a folder moves or removes every file under it and keeps open tabs pointing right.
 */
import type { LabStore } from "./store";

const VALID_PATH = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_\-./]+$/;

export function isValidPath(path: string): boolean {
  return VALID_PATH.test(path) && !path.endsWith("/");
}

/** Every folder implied by the files plus the empty ones the user made, sorted. */
export function allFolders(files: Record<string, string>, folders: string[]): string[] {
  const set = new Set(folders);
  for (const path of Object.keys(files)) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) set.add(parts.slice(0, i).join("/"));
  }
  return [...set].sort();
}

export function openFile(store: LabStore, path: string): void {
  const { openTabs } = store.getState();
  store.setState({ activeFile: path, openTabs: openTabs.includes(path) ? openTabs : [...openTabs, path] });
}

export function closeTab(store: LabStore, path: string): void {
  const { openTabs, activeFile } = store.getState();
  const i = openTabs.indexOf(path);
  const tabs = openTabs.filter((p) => p !== path);
  store.setState({ openTabs: tabs, activeFile: activeFile === path ? (tabs[Math.min(i, tabs.length - 1)] ?? null) : activeFile });
}

export function editFile(store: LabStore, path: string, text: string): void {
  const { files } = store.getState();
  if (files[path] === text) return;
  store.setState({ files: { ...files, [path]: text } });
}

/** Returns an error message, or null when the file was added. */
export function addFile(store: LabStore, path: string, text = ""): string | null {
  const { files } = store.getState();
  if (!isValidPath(path)) return `"${path}" is not a valid path (letters, digits, _ - . and /)`;
  if (path in files) return `${path} already exists`;
  store.setState({ files: { ...files, [path]: text } });
  openFile(store, path);
  return null;
}

export function addFolder(store: LabStore, path: string): string | null {
  const clean = path.replace(/\/+$/, "");
  if (!isValidPath(clean)) return `"${path}" is not a valid folder name`;
  const { folders } = store.getState();
  if (!folders.includes(clean)) store.setState({ folders: [...folders, clean] });
  return null;
}

/** Rename a file, or a folder with everything under it. */
export function renamePath(store: LabStore, from: string, to: string): string | null {
  const { files, folders, openTabs, activeFile } = store.getState();
  if (!isValidPath(to)) return `"${to}" is not a valid path`;
  const move = (p: string) => (p === from ? to : p.startsWith(from + "/") ? to + p.slice(from.length) : p);
  const next: Record<string, string> = {};
  for (const [p, text] of Object.entries(files)) {
    const q = move(p);
    if (q !== p && q in files) return `${q} already exists`;
    next[q] = text;
  }
  store.setState({ files: next, folders: folders.map(move), openTabs: openTabs.map(move), activeFile: activeFile && move(activeFile) });
  return null;
}

/** Delete a file, or a folder with everything under it. */
export function deletePath(store: LabStore, path: string): void {
  const { files, folders, openTabs, activeFile } = store.getState();
  const gone = (p: string) => p === path || p.startsWith(path + "/");
  const next = Object.fromEntries(Object.entries(files).filter(([p]) => !gone(p)));
  const tabs = openTabs.filter((p) => !gone(p));
  store.setState({ files: next, folders: folders.filter((f) => !gone(f)), openTabs: tabs, activeFile: activeFile && gone(activeFile) ? (tabs[0] ?? null) : activeFile });
}

/** Show a file at a line (a frame in the Errors panel, a span's source). */
export function revealSource(store: LabStore, file: string, line: number): boolean {
  if (!(file in store.getState().files)) return false;
  openFile(store, file);
  store.setState({ reveal: { file, line, nonce: Date.now() } });
  return true;
}
