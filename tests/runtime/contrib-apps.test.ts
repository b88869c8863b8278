/** django.contrib apps in a project: `migrate` applies their migrations; sessions and auth then work. */
import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { SCENARIO_FORMAT, type Scenario } from "../../src/scenarios/format";
import { replay } from "../../src/scenarios/client";

const project: Scenario = {
  format: SCENARIO_FORMAT,
  title: "contrib apps",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  files: {
    "project/settings.ts": `export const SECRET_KEY = "t"; export const DEBUG = true; export const ALLOWED_HOSTS = ["localhost"];
export const ROOT_URLCONF = "project.urls";
export const INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages"];
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
  "django.contrib.messages.middleware.MessageMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];`,
    "project/urls.ts": `import { path } from "django/urls"; import { HttpResponse } from "django/http";
export const urlpatterns = [
  path("set/", (request) => { request.session.set("visits", (request.session.get("visits", 0)) + 1); return new HttpResponse("ok"); }),
  path("get/", (request) => new HttpResponse(\`visits=\${request.session.get("visits", 0)} user=\${request.user.is_authenticated}\`)),
];`,
  },
  setup: [{ command: "migrate" }],
  requests: [
    { method: "GET", target: "/set/" },
    { method: "GET", target: "/set/" },
    { method: "GET", target: "/get/" },
  ],
};

describe("contrib apps in a project", () => {
  it("migrates auth, contenttypes and sessions, then keeps a session across requests", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(project);
    expect(loaded.ok ? "ok" : loaded.error.message).toBe("ok");
    const shown = await runtime.command({ command: "showmigrations" });
    expect(shown.ok && shown.output).toContain("sessions\n [X] 0001_initial");
    const steps = await replay(runtime, project);
    expect(new TextDecoder().decode(steps[2].result.response.body)).toBe("visits=2 user=false");
  });
});

describe("framework models across runs", () => {
  it("registers django.contrib models again after a reload (their classes outlive the registry)", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(project);
    const again = await runtime.load(project);
    expect(again.ok ? "ok" : again.error.message).toBe("ok");
    const shown = await runtime.command({ command: "showmigrations" });
    expect(shown.ok && shown.output).toContain("contenttypes\n [X] 0001_initial");
    const steps = await replay(runtime, project);
    expect(new TextDecoder().decode(steps[2].result.response.body)).toBe("visits=2 user=false");
  });
});

describe("relations of framework models resolve in every run", () => {
  it("LogEntry.user reaches auth.User when django.contrib.admin is listed before auth, after another project ran", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(project);
    const settings = project.files["project/settings.ts"].replace('INSTALLED_APPS = ["django.contrib.auth"', 'INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth"');
    const admin_first: Scenario = {
      ...project,
      files: {
        "project/settings.ts": settings,
        "project/urls.ts": `import { path } from "django/urls"; import { HttpResponse } from "django/http"; import { LogEntry } from "django/contrib/admin/models";
export const urlpatterns = [path("", () => new HttpResponse(String(LogEntry._meta.get_field("user").related_model._meta.label) + " " + LogEntry.objects.select_related("user").count()))];`,
      },
      requests: [{ method: "GET", target: "/" }],
    };
    const loaded = await runtime.load(admin_first);
    expect(loaded.ok ? "ok" : loaded.error.message).toBe("ok");
    const steps = await replay(runtime, admin_first);
    expect(new TextDecoder().decode(steps[0].result.response.body)).toBe("auth.User 0");
  });
});
