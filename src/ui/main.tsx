/**
 * The page's entry, kept small so that it runs as soon as the HTML is parsed: take over the runtime
 * sandbox that index.html's inline bootstrap started (its frame, the runtime bundle, sql.js' wasm and
 * the first worker; or start it, under `npm run dev`: runtime/sandbox.ts, docs/adr/0019 and 0024),
 * then evaluate the app (boot.tsx: React, the shell, the store).
 *
 * The order matters on a busy machine: the sandbox frame loads on the page's main thread, so the app's
 * evaluation (hundreds of ms of script) would hold the frame, and with it the worker, back. The app's
 * code downloads meanwhile (modulepreload links, vite.config.ts); it is evaluated once the first
 * worker is asked for, or after START_WAIT_MS at most. The worker then parses the runtime and boots
 * sql.js while the app renders.
 */
import { prepareRuntime } from "../runtime/client";
import "./styles.css";

const START_WAIT_MS = 1500;

performance.mark("lab:entry");
const started = prepareRuntime();
void Promise.race([started, new Promise((resolve) => setTimeout(resolve, START_WAIT_MS))])
  .then(() => import("./boot"))
  .catch((e: unknown) => {
    const root = document.getElementById("root");
    if (root) root.textContent = `The page could not start: ${String(e)}`;
  });
