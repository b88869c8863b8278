/**
 * The page's first script: start the runtime sandbox (its frame, the runtime bundle, sql.js' wasm
 * and the first worker, docs/adr/0019-runtime-isolation.md) before the app's own code — React, the
 * shell, the store — has even been evaluated, so the worker's start overlaps the page's.
 * index.html loads it ahead of main.tsx.
 */
import { prepareRuntime } from "../runtime/client";

performance.mark("lab:prestart");
prepareRuntime();
