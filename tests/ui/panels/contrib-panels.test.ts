/** The Session, Auth, CSRF and Admin panels rendered (server-side) from real traces of the admin-users scenario, and their hints on a trace without those spans. */
import { beforeAll, describe, expect, it } from "vitest";
import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { HeadlessRuntime } from "../../../src/runtime/headless";
import { admin_users } from "../../../src/scenarios/admin-users";
import { blog_orm } from "../../../src/scenarios/blog-orm";
import { CookieJar, build_request } from "../../../src/scenarios/client";
import type { ScenarioRequest } from "../../../src/scenarios/format";
import type { HttpRequestMessage, RequestResult } from "../../../src/runtime/protocol";
import { indexTrace } from "../../../src/ui/panels/span-index";
import { StoreContext } from "../../../src/ui/state/react";
import { createLabStore, type Exchange } from "../../../src/ui/state/store";
import type { PanelProps } from "../../../src/ui/panels/registry";
import { SessionPanel } from "../../../src/ui/panels/SessionPanel";
import { AuthPanel, authCount } from "../../../src/ui/panels/AuthPanel";
import { CsrfPanel, csrfBadge } from "../../../src/ui/panels/CsrfPanel";
import { AdminPanel, adminCount } from "../../../src/ui/panels/AdminPanel";

type Sent = { request: HttpRequestMessage; result: RequestResult };

function text(Panel: ComponentType<PanelProps>, sent: Sent): string {
  const props: PanelProps = { exchange: { request: sent.request } as Exchange, index: indexTrace(sent.result.trace), logs: [] };
  const html = renderToStaticMarkup(createElement(StoreContext.Provider, { value: createLabStore() }, createElement(Panel, props)));
  return html.replace(/<[^>]+>/g, " ").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&gt;/g, ">").replace(/\s+/g, " ");
}

const sent: Record<string, Sent> = {};

beforeAll(async () => {
  const runtime = await HeadlessRuntime.create();
  await runtime.load(admin_users);
  const jar = new CookieJar();
  const send = async (spec: ScenarioRequest): Promise<Sent> => {
    const request = build_request(spec, jar);
    const result = await runtime.request(request);
    jar.store_response(result.response);
    return { request, result };
  };
  sent.login = await send({ method: "GET", target: "/admin/login/" });
  const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(new TextDecoder().decode(sent.login.result.response.body))![1];
  sent.signin = await send({ method: "POST", target: "/admin/login/", form: { csrfmiddlewaretoken: token, username: "admin", password: "admin", next: "/admin/" } });
  sent.search = await send({ method: "GET", target: "/admin/auth/user/?q=grace&is_staff__exact=0&o=2" });
  sent.forged = await send({ method: "POST", target: "/admin/auth/user/add/", form: { username: "mallory" } });
  const blog = await HeadlessRuntime.create();
  await blog.load(blog_orm);
  const request = build_request({ method: "GET", target: "/" }, null);
  sent.plain = { request, result: await blog.request(request) };
}, 60_000);

describe("django.contrib panels", () => {
  it("Session: a new session created and its cookie set at sign-in", () => {
    const out = text(SessionPanel, sent.signin);
    expect(out).toContain("no session cookie came with the request");
    expect(out).toContain("yes: session.cycle_key()");
    expect(out).toContain("created");
    expect(out).toMatch(/Set-Cookie sessionid=\w{4}…\w{4} max-age 1209600 s/);
  });

  it("Auth: authenticate → login at sign-in; the user resolved from the session afterwards, with each permission check", () => {
    expect(text(AuthPanel, sent.signin)).toContain("authenticate() user=admin");
    const out = text(AuthPanel, sent.search);
    expect(out).toContain("User admin Resolved by session → backend → user");
    expect(out).toMatch(/auth\.view_user granted active superuser \(every permission\) ×\d/);
    expect(authCount(indexTrace(sent.search.result.trace))).toBeGreaterThan(0);
  });

  it("CSRF: a safe GET accepted, a POST with the token accepted, a token-less POST rejected with the reason explained", () => {
    expect(text(CsrfPanel, sent.login)).toContain("GET is a safe method");
    expect(text(CsrfPanel, sent.signin)).toContain("POST carried a token matching");
    expect(text(CsrfPanel, sent.signin)).toContain("login() rotated the token");
    const out = text(CsrfPanel, sent.forged);
    expect(out).toContain("rejected → 403 CSRF token missing.");
    expect(out).toContain("csrftoken cookie yes csrfmiddlewaretoken field no");
    expect(csrfBadge(indexTrace(sent.forged.result.trace))).toBe(1);
  });

  it("Admin: search → Q tree, the chosen filter, ?o= ordering, pagination and the SQL they produced", () => {
    const out = text(AdminPanel, sent.search);
    expect(out).toContain('?q=grace → terms ["grace"] → lookups ["username__icontains", "first_name__icontains", "last_name__icontains", "email__icontains"]');
    expect(out).toContain("(AND: (OR: ('username__icontains', 'grace')");
    expect(out).toContain("staff status: is_staff__exact=0");
    expect(out).toContain('?o=2 (a column header) → get_ordering() = ["email", "username"] → ORDER BY email ASC, username ASC');
    expect(out).toContain("1 of 13 rows → page 1 of 1 → LIMIT 10");
    expect(out).toContain(`LIKE '%grace%'`);
    expect(adminCount(indexTrace(sent.search.result.trace))).toBe(1);
  });

  it("each panel says so when the request did not use its part of Django", () => {
    expect(text(SessionPanel, sent.plain)).toContain("No session was used in this request");
    expect(text(AuthPanel, sent.plain)).toContain("No authentication in this request");
    expect(text(CsrfPanel, sent.plain)).toContain("CsrfViewMiddleware did not check this request");
    expect(text(AdminPanel, sent.plain)).toContain("The admin did not handle this request.");
  });
});

describe("Admin panel: the ordering a change list compiles to", () => {
  it("names a field listed twice (the admin's ordering, then the queryset's own) once in ORDER BY, and says so", async () => {
    const { orderByText } = await import("../../../src/ui/panels/AdminPanel");
    expect(orderByText(["username", "username"])).toEqual({ sql: "username ASC", repeated: ["username"] });
    expect(orderByText(["-date_joined", "username", "-pk"])).toEqual({ sql: "date_joined DESC, username ASC, pk DESC", repeated: [] });
  });
});
