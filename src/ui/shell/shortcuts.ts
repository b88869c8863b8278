/**
 * The page's keyboard shortcuts, caught before the editor sees them (capture phase):
 * Ctrl+Enter sends, Ctrl+S shares, Ctrl+= / Ctrl+- / Ctrl+0 zoom the whole page (the editor
 * included). Cmd on a Mac. Main function: `useGlobalShortcuts`.
 */
import { useEffect } from "react";
import { useLabStore } from "../state/react";
import { useSession } from "../session-context";
import { setPrefs, stepValue, ZOOM_STEPS } from "../state/prefs";
import type { LabStore } from "../state/store";

export type ShortcutAction = "send" | "share" | "zoom-in" | "zoom-out" | "zoom-reset";

/** A key press → the page action it stands for, or null (then the key is left alone). */
export function shortcutOf(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "code">): ShortcutAction | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  if (e.key === "Enter") return "send";
  if (e.key === "s" || e.key === "S") return "share";
  if (e.key === "=" || e.key === "+" || e.code === "NumpadAdd") return "zoom-in";
  if (e.key === "-" || e.key === "_" || e.code === "NumpadSubtract") return "zoom-out";
  if (e.key === "0" || e.code === "Numpad0") return "zoom-reset";
  return null;
}

export function zoomBy(store: LabStore, action: "zoom-in" | "zoom-out" | "zoom-reset"): void {
  const current = store.getState().prefs.zoom;
  const zoom = action === "zoom-reset" ? 1 : stepValue(ZOOM_STEPS, current, action === "zoom-in" ? 1 : -1);
  setPrefs(store, { zoom });
  store.setState({ announcement: `Zoom ${Math.round(zoom * 100)} %` });
}

export function useGlobalShortcuts(): void {
  const store = useLabStore();
  const session = useSession();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutOf(e);
      if (!action) return;
      e.preventDefault();
      e.stopPropagation();
      if (action === "send") void session.sendDraft();
      else if (action === "share") {
        if (store.getState().view !== "embed") store.setState({ dialog: "share" });
      } else zoomBy(store, action);
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [session, store]);
}
