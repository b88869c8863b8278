/** The admin lesson replayed headless: the scripted requests, then sign-in with the login page's CSRF token, the change list, search and a filter. */
import { describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { HeadlessRuntime } from "../../src/runtime/headless";
import { admin_users } from "../../src/scenarios/admin-users";
import { CookieJar, build_request, replay, run_checks } from "../../src/scenarios/client";
import type { ScenarioRequest } from "../../src/scenarios/format";
import type { Span } from "../../src/trace/span";

async function browse(runtime: HeadlessRuntime, jar: CookieJar, spec: ScenarioRequest) {
  const result = await runtime.request(build_request(spec, jar));
  jar.store_response(result.response);
  return { result, body: new TextDecoder().decode(result.response.body), spans: result.trace?.spans ?? ([] as Span[]) };
}

function token_of(html: string): string {
  return /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(html)![1];
}

describe("admin-users scenario", () => {
  it("migrates, seeds a superuser and passes its scripted checks (a token-less POST is refused)", async () => {
    const runtime = await HeadlessRuntime.create();
    const loaded = await runtime.load(admin_users);
    expect(loaded.ok ? "ok" : loaded.error.message).toBe("ok");
    const steps = await replay(runtime, admin_users);
    expect(run_checks(admin_users.checks ?? [], steps).filter((c) => !c.passed)).toEqual([]);
    const csrf = (steps[2].result.trace?.spans ?? []).find((s) => s.attrs.csrf === "rejected");
    expect(csrf?.attrs.reason).toBe("CSRF token missing.");
  }, 60_000);

  it("signs in with the login page's token, then lists, searches and filters users", async () => {
    const runtime = await HeadlessRuntime.create();
    await runtime.load(admin_users);
    const jar = new CookieJar();
    const login = await browse(runtime, jar, { method: "GET", target: "/admin/login/?next=/admin/" });
    const signed = await browse(runtime, jar, { method: "POST", target: "/admin/login/?next=/admin/", form: { csrfmiddlewaretoken: token_of(login.body), username: "admin", password: "admin", next: "/admin/" } });
    expect([signed.result.response.status, signed.result.response.headers.find(([k]) => k === "Location")?.[1]]).toEqual([302, "/admin/"]);
    expect(signed.spans.some((s) => s.kind === "auth" && s.name === "login(admin)")).toBe(true);
    expect(signed.spans.find((s) => s.attrs.csrf)?.attrs.csrf).toBe("accepted");

    const list = await browse(runtime, jar, { method: "GET", target: "/admin/auth/user/" });
    expect(list.result.response.status).toBe(200);
    expect(list.body).toContain("13 users");
    const get_queryset = list.spans.find((s) => s.kind === "admin" && s.name === "ChangeList.get_queryset")!;
    expect(get_queryset.attrs).toMatchObject({ model: "auth.User", model_admin: "UserAdmin", ordering: ["username"], list_per_page: 10, search_fields: ["username", "first_name", "last_name", "email"] });
    const pagination = list.spans.find((s) => s.name === "ChangeList.get_results (pagination)")!;
    expect(pagination.attrs).toMatchObject({ result_count: 13, num_pages: 2, multi_page: true });

    const search = await browse(runtime, jar, { method: "GET", target: "/admin/auth/user/?q=grace" });
    expect(search.body).toContain("Hopper");
    expect(search.body).not.toContain("Lovelace");
    const searched = search.spans.find((s) => s.name === "ModelAdmin.get_search_results")!;
    expect(searched.attrs.orm_lookups).toEqual(["username__icontains", "first_name__icontains", "last_name__icontains", "email__icontains"]);

    const staff = await browse(runtime, jar, { method: "GET", target: "/admin/auth/user/?is_staff__exact=1" });
    expect(staff.body).toContain("4 users");
    const change = await browse(runtime, jar, { method: "GET", target: "/admin/auth/user/2/change/" });
    expect(change.body).toContain('<h2 id="fieldset-0-1-heading" class="fieldset-heading">Personal info</h2>');
    expect(change.body).toMatch(/<label>Password:<\/label>\s*<div class="readonly">pbkdf2_sha256\$1000\$/);
    if (process.env.DUMP_ADMIN_TRACE) writeFileSync("/tmp/admin-trace.json", JSON.stringify({ login: login.spans, signed: signed.spans, list: list.spans, search: search.spans, staff: staff.spans }, null, 1));
  }, 60_000);
});
