/**
 * The app (loaded by main.tsx once the runtime sandbox is starting): create the store, the session
 * and the scenario library, open what the visit asks for (a permalink in the URL, the last draft, or
 * the default scenario with its first request ready to send) — which sends its load to the worker —
 * then paint the shell. Monaco waits
 * for the project's first load (editor/EditorPane.tsx); trace panels with heavy code load lazily.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createLabStore } from "./state/store";
import { StoreContext } from "./state/react";
import { Session } from "./session";
import { LibraryContext, SessionContext } from "./session-context";
import { ScenarioLibrary } from "./share/library";
import { loadBuiltinScenarios } from "./scenarios";
import { DraftStore } from "./share/drafts";
import { isPermalinkHash } from "./share/permalink";
import { persistPrefs } from "./state/prefs";
import { registerServiceWorker } from "./offline/register";
import { previewReady } from "./browser/preview-host";
import { preloadPanels } from "./panels/registry";

/** The longest the first paint waits for the visit's project to be opened (its load sent). */
const FIRST_PAINT_WAIT_MS = 500;

// Marks for the page benchmark (npm run bench:page, e2e/measure.spec.ts): where a start spends its time.
performance.mark("lab:main");

const prefersDark = typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
const savedTheme = (() => {
  try {
    return localStorage.getItem("framework-lab:theme");
  } catch {
    return null;
  }
})();
const params = new URLSearchParams(location.search);
/** `?present`: presenter mode; `?embed`: one scenario, compact, for slides and blog posts. */
const view = params.has("embed") ? "embed" : params.has("present") ? "presenter" : "full";
const store = createLabStore({ theme: savedTheme === "dark" || savedTheme === "light" ? savedTheme : prefersDark ? "dark" : "light", view, ...(view === "presenter" ? { activePanel: "step" } : {}) });
// An embed keeps nothing of its own: the host page's visitors share one origin's storage.
if (view !== "embed") persistPrefs(store);
const session = new Session(store);
// The runtime client takes the worker main.tsx started, now rather than after the first paint.
session.start();

async function boot(): Promise<ScenarioLibrary> {
  // The built-in scenarios' chunks download while the drafts' database opens (the first project load waits for both).
  const builtins = loadBuiltinScenarios();
  builtins.catch(() => undefined);
  // And the code of the panel the first response shows: it must be there before the response is,
  // which can come soon after the project is opened (below, before the first render).
  void preloadPanels();
  const library = new ScenarioLibrary(store, session, view === "embed" ? null : await DraftStore.open());
  // Test hook (e2e): read state and drive the session without going through the UI.
  (window as unknown as { __lab: unknown }).__lab = { store, session, library };
  // Open what the visit asks for before React's first render: opening it sends the project's load,
  // so the worker loads the project while this thread renders the app (the render is one long task
  // that would otherwise hold the load back; docs/adr/0024-page-start-order.md). Not for longer
  // than FIRST_PAINT_WAIT_MS: the page paints then, whatever is still being opened.
  const opened = library.boot(builtins);
  await Promise.race([opened.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, FIRST_PAINT_WAIT_MS))]);
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <SessionContext.Provider value={session}>
          <LibraryContext.Provider value={library}>
            <App />
          </LibraryContext.Provider>
        </SessionContext.Provider>
      </StoreContext.Provider>
    </StrictMode>,
  );
  performance.mark("lab:rendered");
  // The Preview's service worker registers once the runtime is up (not competing with its start).
  const unsubscribe = store.subscribe((state) => {
    if (state.runtime !== "ready") return;
    unsubscribe();
    void previewReady();
  });
  setTimeout(() => void previewReady(), 5000);
  await opened;
  // Offline after the first visit (offline/sw.ts); an update found is announced once it is ready.
  registerServiceWorker(store);
  // A permalink pasted into the address bar of an open page arrives as a hash change.
  window.addEventListener("hashchange", () => {
    if (isPermalinkHash(location.hash)) library.openPermalink(location.hash);
  });
  return library;
}

boot().catch((e: unknown) => store.setState({ notice: { tone: "error", text: `The page could not start: ${String(e)}` } }));
