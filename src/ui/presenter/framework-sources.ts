/**
 * The frameworks' own source text, for reading beside a request (presenter mode and the Step
 * panel): `django/urls/resolvers.ts` → the text of src/frameworks/django/urls/resolvers.ts, and
 * `gateway/server.ts` → src/gateway/server.ts. Main function: `loadFrameworkSource`.
 *
 * Text only — shown read-only, never run — so the page's import rule (ui/ never imports frameworks/)
 * holds. This module is itself loaded lazily, and each file is its own chunk (Vite's
 * `import.meta.glob` with `?raw`), fetched the first time a step shows it; vite.config.ts names
 * those chunks `assets/source/…` so the service worker caches them on use rather than up front.
 */
const FRAMEWORKS = import.meta.glob<string>("../../frameworks/**/*.ts", { query: "?raw", import: "default" });
const GATEWAY = import.meta.glob<string>("../../gateway/*.ts", { query: "?raw", import: "default" });

const LOADERS = new Map<string, () => Promise<string>>([
  ...Object.entries(FRAMEWORKS).map(([path, load]) => [path.replace("../../frameworks/", ""), load] as const),
  ...Object.entries(GATEWAY).map(([path, load]) => [path.replace("../../", ""), load] as const),
]);

/** Every framework file the page can show, by the path trace sources use (`django/urls/resolvers.ts`). */
export const FRAMEWORK_FILES: ReadonlySet<string> = new Set(LOADERS.keys());

const cache = new Map<string, Promise<string>>();

/** The text of one framework file (loaded once), or null for a path that is not one. */
export function loadFrameworkSource(file: string): Promise<string> | null {
  const load = LOADERS.get(file);
  if (!load) return null;
  let text = cache.get(file);
  if (!text) {
    text = load();
    cache.set(file, text);
  }
  return text;
}
