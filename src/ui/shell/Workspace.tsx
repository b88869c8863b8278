/**
 * The workspace at desktop widths: [sidebar (files or lesson)] | code | browser over trace, in
 * resizable panes whose sizes react-resizable-panels keeps in localStorage (one layout with the
 * sidebar, one without). The default proportions give the editor room for 80 columns of code at
 * 1280×720 (the sidebar starts closed there) and leave the rest to the browser and the panels.
 */
import { Group, Panel, Separator, useDefaultLayout, type LayoutStorage } from "react-resizable-panels";
import { useLab } from "../state/react";
import { Browser, Editor, Sidebar, Trace } from "./panes";

const memory = new Map<string, string>();
/** localStorage, or this visit's memory when storage is refused (a private window). */
const storage: LayoutStorage = {
  getItem(key) {
    try {
      return localStorage.getItem(key);
    } catch {
      return memory.get(key) ?? null;
    }
  },
  setItem(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch {
      memory.set(key, value);
    }
  },
};

const SIDEBAR_PX = 300;

/**
 * Default sizes (percent of the row): the editor gets what 80 columns need at its font size (at
 * least 45 %); with the sidebar open the browser and trace keep a third of the row, and the editor
 * gives up what is missing.
 */
export function defaultColumns(widthPx: number, fontSize: number, sidebar: boolean): { sidebar: number; editor: number; side: number } {
  const side = sidebar ? Math.min((SIDEBAR_PX / widthPx) * 100, 24) : 0;
  // 80 columns of a monospace font at 0.6 em, plus Monaco's gutter (line numbers, folding) and scrollbar.
  const editorPx = 82 * 0.6 * fontSize + 80;
  const wanted = Math.min(Math.max((editorPx / widthPx) * 100, 45), 66);
  const editor = sidebar ? Math.min(wanted, 100 - side - 34) : wanted;
  return { sidebar: side, editor, side: 100 - side - editor };
}

export function Workspace() {
  const sidebar = useLab((s) => s.prefs.sidebar);
  const fontSize = useLab((s) => s.prefs.fontSize);
  const zoom = useLab((s) => s.prefs.zoom);
  const ids = sidebar ? ["sidebar", "editor", "side"] : ["editor", "side"];
  const columns = useDefaultLayout({ id: "framework-lab-columns", panelIds: ids, storage });
  const rows = useDefaultLayout({ id: "framework-lab-rows", storage });
  const sizes = defaultColumns((typeof innerWidth === "number" ? innerWidth : 1280) / zoom, fontSize, sidebar !== null);
  const { sidebar: sidebarSize, editor: editorSize, side: sideSize } = sizes;
  return (
    <Group orientation="horizontal" className="columns" id="framework-lab-columns" defaultLayout={columns.defaultLayout} onLayoutChanged={columns.onLayoutChanged}>
      {sidebar && (
        <>
          <Panel id="sidebar" defaultSize={`${sidebarSize}%`} minSize="160px" maxSize="45%">
            <Sidebar which={sidebar} />
          </Panel>
          <Separator className="separator" aria-label={`Resize the ${sidebar === "lesson" ? "lesson" : "file tree"} and the code editor`} />
        </>
      )}
      <Panel id="editor" defaultSize={`${editorSize}%`} minSize="20%">
        <Editor />
      </Panel>
      <Separator className="separator" aria-label="Resize the code editor and the browser" />
      <Panel id="side" defaultSize={`${sideSize}%`} minSize="24%">
        <Group orientation="vertical" className="rows" id="framework-lab-rows" defaultLayout={rows.defaultLayout} onLayoutChanged={rows.onLayoutChanged}>
          <Panel id="browser" defaultSize="45%" minSize="18%">
            <Browser />
          </Panel>
          <Separator className="separator horizontal" aria-label="Resize the browser and the trace panels" />
          <Panel id="trace" defaultSize="55%" minSize="20%">
            <Trace />
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
