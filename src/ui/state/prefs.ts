/**
 * The learner's layout, editor and keyboard preferences → localStorage, and back on the next visit.
 * Main function: `persistPrefs` (loads the saved ones into the store, then saves each change).
 *
 * Pane sizes are kept by react-resizable-panels itself (shell/Workspace.tsx); what is here is what
 * the page's own controls change: the sidebar, word wrap, the editor's font size, the page zoom
 * (Ctrl+= / Ctrl+-), whether Tab indents in the editor, and presenter mode's panes.
 */
import type { LabStore } from "./store";

/** The panes presenter mode can show (it shows the ones chosen, in this order). */
export const PRESENTER_PANES = ["code", "framework", "flow", "browser"] as const;
export type PresenterPane = (typeof PRESENTER_PANES)[number];

export interface Prefs {
  /** The pane left of the editor: the project's files, the lesson, or none (collapsed). */
  sidebar: "files" | "lesson" | null;
  wordWrap: boolean;
  /** The editor's font size in CSS pixels (before the page zoom). */
  fontSize: number;
  /** The whole page's zoom factor (Ctrl+= / Ctrl+- / Ctrl+0). */
  zoom: number;
  /**
   * Tab indents code in the editor. Off by default: Tab moves focus through the page, as in VS
   * Code's tab-focus mode; Ctrl+M (or the editor's Tab button) is the explicit choice to indent.
   */
  tabIndents: boolean;
  presenterPanes: PresenterPane[];
}

export const ZOOM_STEPS = [0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2] as const;
export const FONT_SIZES = [11, 12, 13, 14, 16, 18, 20, 24, 28] as const;

const KEY = "framework-lab:prefs";

/** Wide screens open with the lesson beside the code; at 1280 px the code gets the room (80 columns). */
export function defaultPrefs(width: number = typeof innerWidth === "number" ? innerWidth : 1280): Prefs {
  return { sidebar: width >= 1600 ? "lesson" : null, wordWrap: false, fontSize: 13, zoom: 1, tabIndents: false, presenterPanes: ["code", "framework", "flow"] };
}

/** Saved preferences over the defaults, each field checked (localStorage is the user's to edit). */
export function parsePrefs(text: string | null, defaults: Prefs): Prefs {
  if (!text) return defaults;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return defaults;
  }
  if (typeof raw !== "object" || raw === null) return defaults;
  const o = raw as Record<string, unknown>;
  const prefs = { ...defaults };
  if (o.sidebar === "files" || o.sidebar === "lesson" || o.sidebar === null) prefs.sidebar = o.sidebar;
  if (typeof o.wordWrap === "boolean") prefs.wordWrap = o.wordWrap;
  if (typeof o.fontSize === "number" && (FONT_SIZES as readonly number[]).includes(o.fontSize)) prefs.fontSize = o.fontSize;
  if (typeof o.zoom === "number" && (ZOOM_STEPS as readonly number[]).includes(o.zoom)) prefs.zoom = o.zoom;
  if (typeof o.tabIndents === "boolean") prefs.tabIndents = o.tabIndents;
  if (Array.isArray(o.presenterPanes)) {
    const panes = PRESENTER_PANES.filter((p) => (o.presenterPanes as unknown[]).includes(p));
    if (panes.length) prefs.presenterPanes = panes;
  }
  return prefs;
}

/** The next step up or down a list of allowed values (zoom levels, font sizes). */
export function stepValue<T extends number>(steps: readonly T[], current: number, direction: 1 | -1): T {
  const nearest = steps.reduce((best, v, i) => (Math.abs(v - current) < Math.abs(steps[best] - current) ? i : best), 0);
  return steps[Math.min(Math.max(nearest + direction, 0), steps.length - 1)];
}

export function setPrefs(store: LabStore, patch: Partial<Prefs>): void {
  store.setState({ prefs: { ...store.getState().prefs, ...patch } });
}

/** Ctrl+M (or the editor bar's Tab button): Tab indents ↔ Tab moves focus, said out loud. */
export function toggleTabIndents(store: LabStore): void {
  const tabIndents = !store.getState().prefs.tabIndents;
  setPrefs(store, { tabIndents });
  store.setState({ announcement: tabIndents ? "Tab now indents code in the editor. Press Control M to move focus with Tab again." : "Tab now moves focus out of the editor. Press Control M to indent with Tab." });
}

/** Load the saved preferences into the store, then save every change (a no-op without storage). */
export function persistPrefs(store: LabStore, storage: Pick<Storage, "getItem" | "setItem"> | null = safeStorage()): () => void {
  if (!storage) return () => undefined;
  store.setState({ prefs: parsePrefs(storage.getItem(KEY), store.getState().prefs) });
  return store.subscribe((state, previous) => {
    if (state.prefs === previous.prefs) return;
    try {
      storage.setItem(KEY, JSON.stringify(state.prefs));
    } catch {
      /* storage full or refused: the preference lasts this visit */
    }
  });
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}
