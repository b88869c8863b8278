/**
 * The whole sign-in flow through Django's default startproject MIDDLEWARE (sessions, CSRF, auth,
 * messages…): a login_required page redirects, the login page sets the CSRF cookie, the POST
 * (with the token) signs in and rotates the session, the page then shows the user, and the POST
 * to logout signs out. `include("django.contrib.auth.urls")` supplies the URLs.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WSGIHandler } from "../../../../../src/frameworks/django/core/handlers/wsgi";
import type { HttpResponseBase } from "../../../../../src/frameworks/django/http/response";
import { include, path } from "../../../../../src/frameworks/django/urls";
import { engines } from "../../../../../src/frameworks/django/template/loader";
import { TemplateResponse } from "../../../../../src/frameworks/django/template/response";
import { login_required } from "../../../../../src/frameworks/django/contrib/auth/decorators";
import { User } from "../../../../../src/frameworks/django/contrib/auth/models";
import { Recorder, set_active_recorder } from "../../../../../src/trace";
import { request_environ } from "../../../../../src/conformance/areas/wsgi-harness";
import { setup_project, teardown_project } from "./project";

const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
  "django.contrib.messages.middleware.MessageMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];

const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    OPTIONS: {
      context_processors: ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth"],
      loaders: [["django.template.loaders.locmem.Loader", {
        "registration/login.html": '<form method="post">{% csrf_token %}{{ form.as_p }}<input type="hidden" name="next" value="{{ next }}"></form>',
        "registration/logged_out.html": "bye {{ user }}",
        "secret.html": "secret for {{ user.username }}{% if perms.auth.add_user %} (can add users){% endif %}",
      }]],
    },
  },
];

const secret = login_required((request: any) => new TemplateResponse(request, "secret.html", {}));

/** The URLconf module, built when first imported (include() imports django.contrib.auth.urls). */
const URLS = {
  get urlpatterns() {
    return [path("secret/", secret), path("accounts/", include("django.contrib.auth.urls"))];
  },
};

class Browser {
  jar = new Map<string, string>();
  constructor(readonly handler: WSGIHandler) {}

  async request(method: string, target: string, form: Record<string, string> | null = null): Promise<{ response: HttpResponseBase; body: string }> {
    const body = form ? new TextEncoder().encode(new URLSearchParams(form).toString()) : undefined;
    const environ = request_environ({ method, path: target, body, content_type: form ? "application/x-www-form-urlencoded" : undefined });
    if (this.jar.size) environ.HTTP_COOKIE = [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (form) {
      environ.CONTENT_TYPE = "application/x-www-form-urlencoded";
      environ.CONTENT_LENGTH = String(body!.length);
    }
    const response = (await this.handler.__call__(environ, () => () => {})) as HttpResponseBase;
    for (const [name, morsel] of response.cookies.items() as [string, any][]) {
      if (String(morsel.getitem("max-age")) === "0") this.jar.delete(name);
      else this.jar.set(name, String(morsel.value));
    }
    return { response, body: new TextDecoder().decode((response as any).content ?? new Uint8Array()) };
  }
}

beforeEach(async () => {
  await setup_project(
    { MIDDLEWARE, TEMPLATES, ROOT_URLCONF: "tests.flow_urls" },
    { "tests/flow_urls": URLS },
  );
  engines.reset();
  User.objects.create_user("ann", "ann@example.com", "pw");
});

afterEach(() => {
  teardown_project();
});

describe("sign in and out through the default middleware stack", () => {
  it("redirects, shows the login form, signs in with the CSRF token, shows the page, signs out", async () => {
    const browser = new Browser(new WSGIHandler());
    const first = await browser.request("GET", "/secret/");
    expect([first.response.status_code, first.response.headers.get("Location")]).toEqual([302, "/accounts/login/?next=/secret/"]);

    const page = await browser.request("GET", "/accounts/login/?next=/secret/");
    expect(page.response.status_code).toBe(200);
    expect(page.response.headers.get("Cache-Control")).toBe("max-age=0, no-cache, no-store, must-revalidate, private");
    const token = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(page.body)![1];
    expect(page.body).toContain('<input type="hidden" name="next" value="/secret/">');
    expect(browser.jar.has("csrftoken")).toBe(true);

    const wrong = await browser.request("POST", "/accounts/login/", { csrfmiddlewaretoken: token, username: "ann", password: "no", next: "/secret/" });
    expect(wrong.response.status_code).toBe(200);
    expect(wrong.body).toContain("Please enter a correct username and password.");

    const csrf_before = browser.jar.get("csrftoken");
    const signed_in = await browser.request("POST", "/accounts/login/", { csrfmiddlewaretoken: token, username: "ann", password: "pw", next: "/secret/" });
    expect([signed_in.response.status_code, signed_in.response.headers.get("Location")]).toEqual([302, "/secret/"]);
    expect(browser.jar.has("sessionid")).toBe(true);
    expect(browser.jar.get("csrftoken")).not.toBe(csrf_before); // login() rotated the CSRF token

    const recorder = new Recorder({ enabled: true });
    const previous = set_active_recorder(recorder);
    let shown;
    try {
      shown = await browser.request("GET", "/secret/");
    } finally {
      set_active_recorder(previous);
    }
    expect([shown.response.status_code, shown.body]).toEqual([200, "secret for ann"]);
    // The trace says how the user was found and what was checked.
    const auth_spans = recorder.trace().spans.filter((sp) => sp.kind === "auth");
    const found = auth_spans.find((sp) => sp.name === "get_user(request)")!;
    expect(found.attrs).toMatchObject({ how: "session → backend → user", user_id: "1", backend: "django.contrib.auth.backends.ModelBackend", user: "ann" });
    expect(auth_spans.map((sp) => sp.name)).toContain('has_perm("auth.add_user")');
    expect(auth_spans.find((sp) => sp.name === 'has_perm("auth.add_user")')!.attrs).toMatchObject({ granted: false, decided_by: null });

    const logout_page = await browser.request("GET", "/accounts/logout/");
    expect(logout_page.response.status_code).toBe(405);

    const fresh_token = browser.jar.get("csrftoken")!;
    const out = await browser.request("POST", "/accounts/logout/", { csrfmiddlewaretoken: fresh_token });
    expect([out.response.status_code, out.body]).toEqual([200, "bye AnonymousUser"]);
    expect(browser.jar.has("sessionid")).toBe(false);

    const again = await browser.request("GET", "/secret/");
    expect(again.response.status_code).toBe(302);
  });
});
