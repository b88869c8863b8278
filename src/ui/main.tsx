/**
 * The page's entry, kept small so that it runs as soon as the HTML is parsed: start the runtime
 * sandbox (its frame, the runtime bundle, sql.js' wasm and the first worker; runtime/sandbox.ts,
 * docs/adr/0019-runtime-isolation.md), then load the app (boot.tsx: React, the shell, the store).
 * The worker parses the runtime and boots sql.js while the page's own script loads and renders,
 * instead of after it.
 */
import { prepareRuntime } from "../runtime/client";
import "./styles.css";

performance.mark("lab:entry");
prepareRuntime();
import("./boot").catch((e: unknown) => {
  const root = document.getElementById("root");
  if (root) root.textContent = `The page could not start: ${String(e)}`;
});
