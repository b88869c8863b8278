/**
 * The inline script right after index.html's policy (built by scripts/sandbox-bootstrap.ts, allowed
 * by its hash in the page's policy): starts the runtime sandbox while the HTML is parsed and leaves
 * the start in `window.__frameworkLabSandbox` for sandbox.ts to take over. See sandbox-start.ts.
 */
import { startSandbox } from "./sandbox-start";

/** The build's URLs, put in by the build (`define`). */
declare const __FRAMEWORK_LAB_SANDBOX__: { base: string; bundle: string; wasm: string; firstVisitMode?: string };

try {
  const { base, bundle, wasm, firstVisitMode } = __FRAMEWORK_LAB_SANDBOX__;
  (window as unknown as { __frameworkLabSandbox?: unknown }).__frameworkLabSandbox = startSandbox({
    bundle,
    wasm,
    frame: `${base}runtime-frame.html`,
    offlineWorker: new URL(`${base}sw.js`, location.href).href,
    firstVisitMode,
  });
} catch {
  /* the page's entry starts it instead (sandbox.ts) */
}
