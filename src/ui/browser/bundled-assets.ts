/**
 * The page's own copies of the documentation apps a FastAPI `/docs` or `/redoc` page loads
 * (swagger-ui-dist, redoc), by the `lab-asset:` names `fastapi/openapi/docs.ts` writes in those
 * pages. Each is a separate chunk fetched from the page's own files the first time a docs page is
 * opened — never from a CDN, never before.
 */
const ASSETS: Record<string, () => Promise<{ default: string }>> = {
  "swagger-ui-dist/swagger-ui-bundle.js": () => import("swagger-ui-dist/swagger-ui-bundle.js?raw"),
  "swagger-ui-dist/swagger-ui.css": () => import("swagger-ui-dist/swagger-ui.css?raw"),
  "redoc/bundles/redoc.standalone.js": () => import("redoc/bundles/redoc.standalone.js?raw"),
};

/** The text of a bundled asset, or null for a name the page does not bundle. */
export async function loadBundledAsset(name: string): Promise<string | null> {
  const load = ASSETS[name];
  return load ? (await load()).default : null;
}
