/**
 * The page's entry: create the store and the session, paint the shell, then fetch the built-in
 * scenarios and open the default one (its first request ready to send). Monaco and the runtime
 * (sucrase, sql.js) load lazily, after this first paint.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { createLabStore } from "./state/store";
import { StoreContext } from "./state/react";
import { Session } from "./session";
import { SessionContext } from "./session-context";
import { loadBuiltinScenarios } from "./scenarios";
import "./styles.css";

const prefersDark = typeof matchMedia === "function" && matchMedia("(prefers-color-scheme: dark)").matches;
const savedTheme = (() => {
  try {
    return localStorage.getItem("framework-lab:theme");
  } catch {
    return null;
  }
})();
const store = createLabStore({ theme: savedTheme === "dark" || savedTheme === "light" ? savedTheme : prefersDark ? "dark" : "light" });
const session = new Session(store);

// Test hook (e2e): read state and drive the session without going through the UI.
(window as unknown as { __lab: unknown }).__lab = { store, session };

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <SessionContext.Provider value={session}>
        <App />
      </SessionContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);

session.start();
loadBuiltinScenarios().then(
  (entries) => {
    store.setState({ scenarios: entries.map(({ id, scenario }) => ({ id, title: scenario.title, description: scenario.description })) });
    const first = entries[0];
    if (first) session.openScenario(first.id, first.scenario);
  },
  (e: unknown) => store.setState({ notice: { tone: "error", text: `The built-in scenarios could not be loaded: ${String(e)}` } }),
);
