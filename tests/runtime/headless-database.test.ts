import { describe, expect, it } from "vitest";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { build_request } from "../../src/scenarios/client";
import { django_hello } from "../../src/scenarios/django-hello";

const SQL_VIEWS = `import { HttpResponse } from "django/http";
import { connection } from "django/db";
export function write(request) {
  const cursor = connection.cursor();
  cursor.execute("CREATE TABLE IF NOT EXISTS note (text TEXT)");
  cursor.execute("INSERT INTO note VALUES ('kept')");
  return new HttpResponse("written");
}
export function count(request) {
  const cursor = connection.cursor();
  cursor.execute("SELECT count(*) FROM note");
  return new HttpResponse(String(cursor.fetchone()[0]));
}
`;
const SQL_URLS = `import { path } from "django/urls";
import * as views from "./views";
export const urlpatterns = [path("write/", views.write), path("count/", views.count)];
`;

const project = {
  entry: { kind: "django" as const, settings: "project.settings" },
  files: { "project/settings.ts": django_hello.files["project/settings.ts"].replace('"project.middleware.TimingMiddleware",\n', "").replace('["hello"]', "[]"), "project/urls.ts": SQL_URLS, "project/views.ts": SQL_VIEWS },
};

describe("HeadlessRuntime: database images, database_changed, middleware", () => {
  it("reports the loaded middleware outermost first, and whether a request wrote to the database", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(project);
    expect(loaded.ok).toBe(true);
    expect(loaded.middleware).toEqual(["django.middleware.security.SecurityMiddleware", "django.middleware.common.CommonMiddleware", "django.middleware.clickjacking.XFrameOptionsMiddleware"]);
    const write = await runtime.request(build_request({ method: "GET", target: "/write/" }, null));
    expect(new TextDecoder().decode(write.response.body)).toBe("written");
    expect(write.database_changed).toBe(true);
    const read = await runtime.request(build_request({ method: "GET", target: "/count/" }, null));
    expect(new TextDecoder().decode(read.response.body)).toBe("1");
    expect(read.database_changed).toBe(false);
  });

  it("load(input, {database}) starts from an image instead of an empty database", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(project);
    await runtime.request(build_request({ method: "GET", target: "/write/" }, null));
    const image = runtime.export_database()!;
    await runtime.load(project, { database: image });
    const read = await runtime.request(build_request({ method: "GET", target: "/count/" }, null));
    expect(new TextDecoder().decode(read.response.body)).toBe("1");
    await runtime.load(project);
    const empty = await runtime.request(build_request({ method: "GET", target: "/count/" }, null));
    expect(empty.response.status).toBe(500);
  });

  it("a raw WSGI app has no middleware list", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load({ entry: { kind: "wsgi", application: "app.application" }, files: { "app.ts": `export const application = (e: any, sr: any) => { sr("200 OK", []); return []; };` } });
    expect(loaded.middleware).toEqual([]);
  });
});
