/**
 * Static files and resources from the project's files: `/static/<path>` as real Flask 3.1.3 sends
 * a file (headers printed by its test client, less Last-Modified and ETag: project files have no
 * modification time), safe_join's refusals, open_resource.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Flask } from "../../../src/frameworks/flask";
import { set_project_files } from "../../../src/frameworks/jinja2/loaders";
import { safe_join } from "../../../src/frameworks/werkzeug/security";
import { utf8_decode } from "../../../src/frameworks/python/bytes";

afterEach(() => set_project_files({}));

describe("Flask static files", () => {
  it("a file of <root_path>/static, inline, typed by its extension, no-cache; a missing one is 404", () => {
    set_project_files({ "shop/index.ts": "", "shop/static/style.css": "body { color: red; }\n", "shop/static/app.js": "console.log(1)\n" });
    const app = new Flask("shop");
    const client = app.test_client({ use_cookies: false });
    const css = client.get("/static/style.css");
    expect([css.status_code, css.headers.get("Content-Type"), css.headers.get("Content-Length"), css.headers.get("Content-Disposition"), css.headers.get("Cache-Control"), css.headers.get("Accept-Ranges")]).toEqual([200, "text/css; charset=utf-8", "21", "inline; filename=style.css", "no-cache", "bytes"]);
    expect(css.get_data(true)).toBe("body { color: red; }\n");
    expect(client.get("/static/app.js").headers.get("Content-Type")).toBe("text/javascript; charset=utf-8");
    expect([client.get("/static/nope.css").status_code, client.get("/static/").status_code]).toEqual([404, 404]);
  });

  it("safe_join refuses paths that leave the directory", () => {
    expect([safe_join("static", "a/./b//c.css"), safe_join("static", "../secret"), safe_join("static", "/etc/passwd"), safe_join("static", "a/../../x"), safe_join("static", "a/../b")]).toEqual(["static/a/b/c.css", null, null, null, "static/b"]);
  });

  it("open_resource reads a project file under the app's root path, bytes by default, text with 'r'", () => {
    set_project_files({ "flaskr/index.ts": "", "flaskr/schema.sql": "CREATE TABLE t (a);\n" });
    const app = new Flask("flaskr");
    expect(utf8_decode(app.open_resource("schema.sql").read() as Uint8Array)).toBe("CREATE TABLE t (a);\n");
    expect(app.open_resource("schema.sql", "r").read()).toBe("CREATE TABLE t (a);\n");
    expect(() => app.open_resource("schema.sql", "w")).toThrow("Resources can only be opened for reading.");
    expect(() => app.open_resource("nope.sql")).toThrow("[Errno 2] No such file or directory: 'flaskr/nope.sql'");
  });
});
