/**
 * The editor's declarations (scripts/framework-dts.ts): every module a learner can import must have
 * its declaration file. TypeScript silently skips a file whose declarations cannot be written (an
 * inferred type naming a private symbol, say), and the editor then marks every import from it as an
 * error — the e2e suite saw `Module "django/contrib/auth/models" has no exported member 'User'`.
 */
import { describe, expect, it } from "vitest";
import { generateFrameworkDts } from "../../scripts/framework-dts";

describe("framework declarations", () => {
  const root = new URL("../..", import.meta.url).pathname;
  const out = generateFrameworkDts(root);

  it("every importable module's entry points at an emitted declaration file", () => {
    const missing: string[] = [];
    for (const [uri, text] of Object.entries(out)) {
      if (uri.startsWith("file:///node_modules/frameworks/") || uri.startsWith("file:///node_modules/trace/")) continue;
      for (const m of text.matchAll(/export \* from "([^"]+)";/g)) {
        const target = new URL(m[1], uri).href;
        if (!(`${target}.d.ts` in out) && !(`${target}/index.d.ts` in out)) missing.push(`${uri} → ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("declares the names the built-in scenarios import", () => {
    const models = out["file:///node_modules/frameworks/django/contrib/auth/models.d.ts"];
    expect(models).toMatch(/export declare class User extends AbstractUser/);
    expect(out["file:///node_modules/frameworks/django/db/models/base.d.ts"]).not.toMatch(/STATE/);
  });
});
