import { readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";

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

describe("the Preview's service worker (public/preview-sw.js)", () => {
  const worker = readFileSync(new URL("../../public/preview-sw.js", import.meta.url), "utf8");
  it("serves documents sandboxed, cut off the network and WebRTC, and never cached", () => {
    expect(worker).toContain(`"Connection-Allowlist": "()"`);
    expect(worker).toMatch(/"Content-Security-Policy":\s*"sandbox allow-scripts; default-src 'none'; script-src 'unsafe-inline';/);
    expect(worker).not.toMatch(/allow-same-origin|allow-forms|allow-popups|allow-top-navigation/);
    expect(worker).toContain(`"Cache-Control": "no-store"`);
  });
});
