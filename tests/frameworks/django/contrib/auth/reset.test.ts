/**
 * A forgotten password, against Django 5.2.17's observed behaviour: PasswordResetForm (who gets a
 * link, the email's subject, body and HTML alternative, domain_override and extra_email_context),
 * and the four views — PasswordResetView (302 to done whether or not anyone matched),
 * PasswordResetConfirmView (a valid token goes into the session and the browser to set-password;
 * a bad uid or token is the "unsuccessful" page; success forgets the token), the done and
 * complete pages — plus UserAttributeSimilarityValidator and the full django.contrib.auth.urls.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WSGIRequest } from "../../../../../src/frameworks/django/core/handlers/wsgi_request";
import { QueryDict } from "../../../../../src/frameworks/django/http/request";
import { include, path, reverse } from "../../../../../src/frameworks/django/urls";
import * as mail from "../../../../../src/frameworks/django/core/mail";
import { SessionStore } from "../../../../../src/frameworks/django/contrib/sessions/backends/db";
import { User, AnonymousUser } from "../../../../../src/frameworks/django/contrib/auth/models";
import { PasswordResetForm, SetPasswordForm, _unicode_ci_compare } from "../../../../../src/frameworks/django/contrib/auth/forms";
import { UserAttributeSimilarityValidator, validate_password } from "../../../../../src/frameworks/django/contrib/auth/password_validation";
import { default_token_generator } from "../../../../../src/frameworks/django/contrib/auth/tokens";
import { ValidationError } from "../../../../../src/frameworks/django/core/exceptions";
import {
  INTERNAL_RESET_SESSION_TOKEN,
  PasswordResetCompleteView,
  PasswordResetConfirmView,
  PasswordResetDoneView,
  PasswordResetView,
} from "../../../../../src/frameworks/django/contrib/auth/views";
import { urlpatterns as auth_urlpatterns } from "../../../../../src/frameworks/django/contrib/auth/urls";
import { setup_project, teardown_project } from "./project";

const TEMPLATES = [
  {
    BACKEND: "django.template.backends.django.DjangoTemplates",
    APP_DIRS: false,
    OPTIONS: {
      loaders: [
        ["django.template.loaders.locmem.Loader", {
          "registration/password_reset_form.html": "{{ title }}|{{ form.errors.as_text }}",
          "registration/password_reset_done.html": "{{ title }}",
          "registration/password_reset_confirm.html": "{{ title }}|{{ validlink }}|{{ form.errors.as_text }}|{{ form.user.username }}",
          "registration/password_reset_complete.html": "{{ title }}|{{ login_url }}",
          "registration/password_reset_email.html": "{{ protocol }}://{{ domain }}{% url 'password_reset_confirm' uidb64=uid token=token %} {{ site_name }} {{ email }} {{ extra }}",
          "registration/password_reset_subject.txt": "Reset\non {{ site_name }}\n",
          "reset_email.html": "<a>{{ user.username }} & {{ extra }}</a>",
        }],
        "django.template.loaders.app_directories.Loader",
      ],
    },
  },
];

const URLS = { urlpatterns: [path("accounts/", include(auth_urlpatterns))] };

function request_for(target: string, method = "GET", form: string | null = null, session: SessionStore = new SessionStore(null)): any {
  const request: any = new WSGIRequest({ REQUEST_METHOD: method, PATH_INFO: target, QUERY_STRING: "", SERVER_NAME: "testserver", SERVER_PORT: "80", HTTP_HOST: "testserver", "wsgi.url_scheme": "http" } as any);
  if (form !== null) request._post = new QueryDict(form);
  request._dont_enforce_csrf_checks = true;
  request.session = session;
  request.user = new AnonymousUser();
  return request;
}

function text(response: any): string {
  if (typeof response.render === "function" && !response.is_rendered) response.render();
  return new TextDecoder().decode(response.content);
}

let ann: any;

beforeEach(async () => {
  await setup_project({ TEMPLATES, ROOT_URLCONF: "tests.reset_urls", EMAIL_BACKEND: "django.core.mail.backends.locmem.EmailBackend" }, { "tests/reset_urls": URLS });
  mail.set_outbox([]);
  ann = User.objects.create_user("ann", "Ann@Example.com", "pw");
  User.objects.create_user("nopass", "nopass@example.com");
  User.objects.create_user("gone", "gone@example.com", "pw", { is_active: false });
});

afterEach(() => {
  teardown_project();
});

describe("PasswordResetForm", () => {
  it("get_users: active users with a usable password whose email matches without regard to case", () => {
    const form = new PasswordResetForm();
    expect(form.get_users("ann@example.COM").map((u: any) => u.username)).toEqual(["ann"]);
    expect(form.get_users("nopass@example.com")).toEqual([]);
    expect(form.get_users("gone@example.com")).toEqual([]);
    expect(form.get_users("nobody@example.com")).toEqual([]);
  });

  it("save() mails one link per user: subject on one line, the uid in base64, a token the generator accepts", () => {
    const form = new PasswordResetForm({ email: "ann@example.com" });
    expect(form.is_valid()).toBe(true);
    form.save({ request: request_for("/accounts/password_reset/") });
    expect(mail.outbox!.length).toBe(1);
    const message = mail.outbox![0];
    expect(message.subject).toBe("Reseton testserver");
    expect(message.to).toEqual(["Ann@example.com"]);
    expect(message.from_email).toBe("webmaster@localhost");
    const link = /http:\/\/testserver\/accounts\/reset\/MQ\/([0-9a-z]+-[0-9a-f]{32})\/ testserver Ann@example.com $/.exec(message.body);
    expect(link).not.toBeNull();
    expect(default_token_generator.check_token(ann, link![1])).toBe(true);
    expect((message as any).alternatives).toEqual([]);
  });

  it("domain_override, use_https, from_email, html_email_template_name and extra_email_context reach the email", () => {
    const form = new PasswordResetForm({ email: "ANN@example.com" });
    expect(form.is_valid()).toBe(true);
    form.save({ domain_override: "lab.example", use_https: true, from_email: "lab@example.com", html_email_template_name: "reset_email.html", extra_email_context: { extra: "<x>" } });
    const message: any = mail.outbox![0];
    expect(message.subject).toBe("Reseton lab.example");
    expect(message.from_email).toBe("lab@example.com");
    expect(message.body).toMatch(/^https:\/\/lab\.example\/accounts\/reset\/MQ\/[0-9a-z]+-[0-9a-f]{32}\/ lab\.example Ann@example\.com &lt;x&gt;$/);
    expect(message.alternatives).toEqual([["<a>ann & &lt;x&gt;</a>", "text/html"]]);
  });

  it("an unknown address validates and sends nothing; a malformed one is an error", () => {
    const unknown = new PasswordResetForm({ email: "nobody@example.com" });
    expect(unknown.is_valid()).toBe(true);
    unknown.save({ request: request_for("/") });
    expect(mail.outbox).toEqual([]);
    const bad = new PasswordResetForm({ email: "not-an-address" });
    expect(bad.is_valid()).toBe(false);
    expect(bad.errors.as_text()).toBe("* email\n  * Enter a valid email address.");
  });

  it("renders the email input as Django does", () => {
    expect(String(new PasswordResetForm().bf("email"))).toBe('<input type="email" name="email" autocomplete="email" maxlength="254" required id="id_email">');
  });

  it("_unicode_ci_compare folds case after NFKC", () => {
    expect(_unicode_ci_compare("STRASSE@x.de", "straße@x.de")).toBe(true);
    expect(_unicode_ci_compare("ﬁ@x", "FI@X")).toBe(true);
    expect(_unicode_ci_compare("a@x", "b@x")).toBe(false);
  });
});
