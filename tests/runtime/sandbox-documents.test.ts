import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { inlineBootstrap } from "../../scripts/sandbox-bootstrap";

const frame = readFileSync(new URL("../../public/runtime-frame.html", import.meta.url), "utf8");
const policyOf = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";

describe("the runtime sandbox frame (public/runtime-frame.html)", () => {
  it("allows its one inline script by hash: edit the script, then put this hash in its policy", () => {
    const scripts = [...frame.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    const hash = createHash("sha256").update(scripts[0]).digest("base64");
    expect(policyOf(frame)).toContain(`script-src 'sha256-${hash}' 'unsafe-eval' 'wasm-unsafe-eval';`);
  });

  it("allows no connections, no other sources, only blob workers, and states the policy before any script", () => {
    expect(policyOf(frame).split("; ")).toEqual([
      "default-src 'none'",
      expect.stringMatching(/^script-src 'sha256-[A-Za-z0-9+/=]+' 'unsafe-eval' 'wasm-unsafe-eval'$/),
      "worker-src blob:",
      "connect-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ]);
    expect(frame.indexOf("Content-Security-Policy")).toBeLessThan(frame.indexOf("<script>"));
  });

  it("runs nothing unless its origin is opaque (served by the offline worker, it is sandboxed by a header instead of the attribute)", () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(frame)?.[1] ?? "";
    const check = script.indexOf('if (self.origin !== "null")');
    expect(check).toBeGreaterThan(0);
    // Before the control port is kept: a frame that is not sandboxed never gets to start a worker.
    expect(check).toBeLessThan(script.indexOf("control = event.ports[0]"));
    expect(script.slice(check, script.indexOf("control = event.ports[0]"))).toContain('postMessage({ type: "not-sandboxed" });\n      return;');
  });
});

describe("the frame's worker start: what the page's spawn message may carry into a worker", () => {
  it("passes on only a few mode ids, each checked, and only a real port", () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(frame)?.[1] ?? "";
    expect(script).toContain('m.type === "spawn" && workerUrl && typeof m.generation === "number" && m.port instanceof MessagePort');
    expect(script).toContain('var warm = Array.isArray(m.warm) ? m.warm.filter(function (id) { return typeof id === "string" && /^[a-z][a-z0-9_-]{0,31}$/.test(id); }).slice(0, 4) : [];');
    expect(script).toContain('worker.postMessage({ type: "boot", generation: generation, wasm: module, warm: warm }, [port]);');
  });
});

describe("the page's inline bootstrap (scripts/sandbox-bootstrap.ts)", () => {
  const page = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
  it("goes right after the page's policy, which allows exactly it by hash and nothing inline besides", () => {
    const code = "(function(){window.__started=1})();";
    const html = inlineBootstrap(page, code);
    const hash = createHash("sha256").update(code).digest("base64");
    expect(policyOf(html)).toContain(`script-src 'self' 'sha256-${hash}';`);
    expect(policyOf(html).split("; ").find((d) => d.startsWith("script-src"))).toBe(`script-src 'self' 'sha256-${hash}'`);
    expect(html).toContain(`/>\n    <script>${code}</script>`);
    expect(html.indexOf(`<script>${code}`)).toBeLessThan(html.indexOf('<script type="module"'));
    expect(html.replace(`<script>${code}</script>`, "")).not.toMatch(/<script>/);
  });

  it("refuses a script that would end its own element, and a page whose policy it cannot find", () => {
    expect(() => inlineBootstrap(page, 'x="</script><script>alert(1)"')).toThrow("would end its own <script> element");
    expect(() => inlineBootstrap(page.replace("script-src 'self';", "script-src 'self' 'unsafe-inline';"), "x")).toThrow("index.html's policy has no");
  });
});

describe("the Preview's service worker (public/preview-sw.js)", () => {
  const worker = readFileSync(new URL("../../public/preview-sw.js", import.meta.url), "utf8");
  it("serves documents sandboxed, cut off the network and WebRTC, and never cached", () => {
    expect(worker).toContain(`"Connection-Allowlist": "()"`);
    expect(worker).toMatch(/"Content-Security-Policy":\s*"sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline';/);
    expect(worker).not.toMatch(/allow-same-origin|allow-forms|allow-popups|allow-top-navigation/);
    expect(worker).toContain(`"Cache-Control": "no-store"`);
  });
});
