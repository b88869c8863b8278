/**
 * The admin end to end through Django's default MIDDLEWARE (sessions, CSRF, auth, messages):
 * sign in, the index, search the user changelist, add a group with a validation error then fix
 * it, see the success message, the history, delete after the confirmation page.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WSGIHandler } from "../../../../../src/frameworks/django/core/handlers/wsgi";
import type { HttpResponseBase } from "../../../../../src/frameworks/django/http/response";
import { path } from "../../../../../src/frameworks/django/urls";
import { engines } from "../../../../../src/frameworks/django/template/loader";
import { connection } from "../../../../../src/frameworks/django/db";
import { MigrationExecutor } from "../../../../../src/frameworks/django/db/migrations/executor";
import { Group, User } from "../../../../../src/frameworks/django/contrib/auth/models";
import * as admin from "../../../../../src/frameworks/django/contrib/admin";
import { Migration as Admin0001 } from "../../../../../src/frameworks/django/contrib/admin/migrations/0001_initial";
import { Migration as Admin0002 } from "../../../../../src/frameworks/django/contrib/admin/migrations/0002_logentry_remove_auto_add";
import { Migration as Admin0003 } from "../../../../../src/frameworks/django/contrib/admin/migrations/0003_logentry_add_action_flag_choices";
import { Migration as ContentTypes0001 } from "../../../../../src/frameworks/django/contrib/contenttypes/migrations/0001_initial";
import { Migration as ContentTypes0002 } from "../../../../../src/frameworks/django/contrib/contenttypes/migrations/0002_remove_content_type_name";
import { Migration as Auth0001 } from "../../../../../src/frameworks/django/contrib/auth/migrations/0001_initial";
import { Migration as Sessions0001 } from "../../../../../src/frameworks/django/contrib/sessions/migrations/0001_initial";
import { request_environ } from "../../../../../src/conformance/areas/wsgi-harness";
import { setup_project, teardown_project } from "../auth/project";

const MIDDLEWARE = [
  "django.contrib.sessions.middleware.SessionMiddleware",
  "django.middleware.common.CommonMiddleware",
  "django.middleware.csrf.CsrfViewMiddleware",
  "django.contrib.auth.middleware.AuthenticationMiddleware",
  "django.contrib.messages.middleware.MessageMiddleware",
];

const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    APP_DIRS: true,
    OPTIONS: {
      context_processors: ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth", "django.contrib.messages.context_processors.messages"],
    },
  },
];

let site: admin.AdminSite;
const URLS = {
  get urlpatterns() {
    return [path("admin/", site.urls)];
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

  token(): string {
    return this.jar.get("csrftoken")!;
  }
}

beforeEach(async () => {
  await setup_project(
    {
      MIDDLEWARE,
      TEMPLATES,
      ROOT_URLCONF: "tests.admin_urls",
      INSTALLED_APPS: ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.messages"],
    },
    { "tests/admin_urls": URLS },
  );
  const before = [
    new ContentTypes0001("0001_initial", "contenttypes"),
    new ContentTypes0002("0002_remove_content_type_name", "contenttypes"),
    new Auth0001("0001_initial", "auth"),
    new Sessions0001("0001_initial", "sessions"),
  ];
  const admin_migrations = [new Admin0001("0001_initial", "admin"), new Admin0002("0002_logentry_remove_auto_add", "admin"), new Admin0003("0003_logentry_add_action_flag_choices", "admin")];
  new MigrationExecutor(connection, { migrations: [...before, ...admin_migrations] }).migrate();
  engines.reset();
  site = new admin.AdminSite("admin");
  site.register(
    User,
    class UserAdmin extends admin.ModelAdmin {
      override list_display = ["username", "email", "is_staff"];
      override search_fields = ["username", "email"];
      override list_filter = ["is_staff"];
    },
  );
  site.register(
    Group,
    class GroupAdmin extends admin.ModelAdmin {
      override search_fields = ["name"];
    },
  );
  User.objects.create_superuser("root", "root@example.com", "pw");
  User.objects.create_user("ann", "ann@example.com", "pw");
});

afterEach(() => {
  teardown_project();
});

describe("the admin through the default middleware stack", () => {
  it("signs in, searches, adds with an error then fixes it, shows history, deletes after confirming", async () => {
    const browser = new Browser(new WSGIHandler());
    const first = await browser.request("GET", "/admin/");
    expect([first.response.status_code, first.response.headers.get("Location")]).toEqual([302, "/admin/login/?next=/admin/"]);

    const login_page = await browser.request("GET", "/admin/login/?next=/admin/");
    expect(login_page.body).toContain('<form action="/admin/login/?next=/admin/" method="post" id="login-form">');
    const refused = await browser.request("POST", "/admin/login/?next=/admin/", { csrfmiddlewaretoken: browser.token(), username: "ann", password: "pw", next: "/admin/" });
    expect(refused.body).toMatch(/<p class="errornote">\s*Please enter the correct username and password for a staff account. Note that both fields may be case-sensitive.\s*<\/p>/);
    expect(refused.body).toContain('<input type="text" name="username" value="ann"');
    const signed_in = await browser.request("POST", "/admin/login/?next=/admin/", { csrfmiddlewaretoken: browser.token(), username: "root", password: "pw", next: "/admin/" });
    expect([signed_in.response.status_code, signed_in.response.headers.get("Location")]).toEqual([302, "/admin/"]);

    const index = await browser.request("GET", "/admin/");
    expect(index.response.status_code).toBe(200);
    expect(index.body).toContain("<h1>Site administration</h1>");
    expect(index.body).toContain('<a href="/admin/auth/group/">Groups</a>');
    expect(index.body).toMatch(/Welcome,\s*<strong>root<\/strong>\./);

    const search = await browser.request("GET", "/admin/auth/user/?q=ann");
    expect(search.body).toContain('<a href="/admin/auth/user/2/change/?_changelist_filters=q%3Dann">ann</a>');
    expect(search.body).toContain('<span class="small quiet">1 result (<a href="?">2 total</a>)</span>');

    const invalid = await browser.request("POST", "/admin/auth/group/add/", { csrfmiddlewaretoken: browser.token(), name: "" });
    expect(invalid.response.status_code).toBe(200);
    expect(invalid.body).toContain("Please correct the error below.");
    const added = await browser.request("POST", "/admin/auth/group/add/", { csrfmiddlewaretoken: browser.token(), name: "Editors", _save: "Save" });
    expect([added.response.status_code, added.response.headers.get("Location")]).toEqual([302, "/admin/auth/group/"]);
    const list = await browser.request("GET", "/admin/auth/group/");
    expect(list.body).toContain('The group “<a href="/admin/auth/group/1/change/">Editors</a>” was added successfully.');

    const recent = await browser.request("GET", "/admin/");
    expect(recent.body).toMatch(/<li class="addlink">\s*<span class="visually-hidden">Added:<\/span>\s*<a href="\/admin\/auth\/group\/1\/change\/">Editors<\/a>\s*<br>\s*<span class="mini quiet">Group<\/span>\s*<\/li>/);
    const history = await browser.request("GET", "/admin/auth/group/1/history/");
    expect(history.body).toContain("<td>Added.</td>");

    const confirm = await browser.request("GET", "/admin/auth/group/1/delete/");
    expect(confirm.body).toContain('Are you sure you want to delete the group "Editors"?');
    const deleted = await browser.request("POST", "/admin/auth/group/1/delete/", { csrfmiddlewaretoken: browser.token(), post: "yes" });
    expect([deleted.response.status_code, deleted.response.headers.get("Location")]).toEqual([302, "/admin/auth/group/"]);
    expect(Group.objects.count()).toBe(0);

    const forged = await browser.request("POST", "/admin/auth/group/add/", { name: "NoToken" });
    expect(forged.response.status_code).toBe(403);
  });
});
