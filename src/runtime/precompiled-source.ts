/**
 * Where the runtime gets the build's compiled code for the built-in projects' files (compile.ts):
 * `precompiled_code(path, source)`. Here (Node, tests, `npm run dev`) there is none and every file
 * is transpiled; the page's worker build replaces this file with a lookup over the table it made
 * from the built-in scenarios and the course's projects (precompiled.ts;
 * scripts/runtime-worker-bundle.ts, `lazyRuntimeSources`).
 */
export function precompiled_code(_path: string, _source: string): string | null {
  return null;
}
