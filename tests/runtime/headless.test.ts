import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { build_request } from "../../src/scenarios/client";
import { get_builtin_scenario } from "../../src/scenarios";

describe("HeadlessRuntime serves a Django project (entry kind 'django')", () => {
  it("settings.configure → setup → get_wsgi_application, then GET / through the gateway", async () => {
    const scenario = get_builtin_scenario("django-hello");
    if (!scenario) return; // the lead's scenario; this test only checks the runtime's wiring
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(scenario);
    expect(loaded.ok).toBe(true);
    const { response, trace } = await runtime.request(build_request({ method: "GET", target: "/" }, null));
    expect(response.status).toBe(200);
    expect(trace.spans.slice(0, 2).map((s) => s.kind)).toEqual(["request", "gateway"]);
    expect(trace.spans.some((s) => s.kind === "module" && s.name === "import project.urls")).toBe(true);
  });

  it("a folder without index.ts imports as a namespace package (an app listed in INSTALLED_APPS)", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load({ entry: { kind: "wsgi", application: "app.application" }, files: { "app.ts": `import { import_module } from "django/utils/module_loading";\nexport const application = (e: any, sr: any) => { sr("200 OK", []); return [new TextEncoder().encode(import_module("blog").__name__)]; };`, "blog/views.ts": "" } });
    expect(loaded.ok).toBe(true);
    const { response } = await runtime.request(build_request({ method: "GET", target: "/" }, null));
    expect(new TextDecoder().decode(response.body)).toBe("blog");
  });
});
