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
import { settings } from "../../../../../src/frameworks/django/conf";
import {
  INTERNAL_RESET_SESSION_TOKEN,
  PasswordResetCompleteView,
  PasswordResetConfirmView,
  PasswordResetDoneView,
  PasswordResetView,
} from "../../../../../src/frameworks/django/contrib/auth/views";
import { LoginRequiredMiddleware } from "../../../../../src/frameworks/django/contrib/auth/middleware";
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

describe("django.contrib.auth.urls", () => {
  it("has Django's eight names, in Django's order", () => {
    expect(auth_urlpatterns.map((p: any) => p.name)).toEqual(["login", "logout", "password_change", "password_change_done", "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete"]);
    expect(reverse("password_reset_confirm", { kwargs: { uidb64: "MQ", token: "set-password" } })).toBe("/accounts/reset/MQ/set-password/");
    expect(reverse("password_reset_complete")).toBe("/accounts/reset/done/");
  });
});

describe("LoginRequiredMiddleware and the auth views", () => {
  it("lets the sign-in and reset pages through (login_not_required), not logout or password change", () => {
    const middleware = new LoginRequiredMiddleware(() => null as any);
    const marks = Object.fromEntries(auth_urlpatterns.map((p: any) => [p.name, middleware.process_view(request_for("/x/"), p.callback, [], {}) === null]));
    expect(marks).toEqual({
      login: true,
      logout: false,
      password_change: false,
      password_change_done: false,
      password_reset: true,
      password_reset_done: true,
      password_reset_confirm: true,
      password_reset_complete: true,
    });
  });
});

describe("PasswordResetView and PasswordResetDoneView", () => {
  it("GET renders the form with the title; POST mails and redirects to password_reset_done", () => {
    const view = PasswordResetView.as_view();
    expect(text(view(request_for("/accounts/password_reset/")))).toBe("Password reset|");
    const response: any = view(request_for("/accounts/password_reset/", "POST", "email=ann%40example.com"));
    expect(response.status_code).toBe(302);
    expect(response.get("Location")).toBe("/accounts/password_reset/done/");
    expect(mail.outbox!.length).toBe(1);
    expect(response.has_header("Cache-Control")).toBe(false);
  });

  it("an address nobody has redirects all the same and sends nothing", () => {
    const response: any = PasswordResetView.as_view()(request_for("/accounts/password_reset/", "POST", "email=nobody%40example.com"));
    expect([response.status_code, response.get("Location")]).toEqual([302, "/accounts/password_reset/done/"]);
    expect(mail.outbox).toEqual([]);
  });

  it("a malformed address re-renders the form with the error", () => {
    const response: any = PasswordResetView.as_view()(request_for("/accounts/password_reset/", "POST", "email=nope"));
    expect([response.status_code, text(response)]).toEqual([200, "Password reset|* email\n  * Enter a valid email address."]);
  });

  it("as_view() options reach the email: from_email, templates, extra_email_context, success_url", () => {
    const view = PasswordResetView.as_view({ from_email: "lab@example.com", html_email_template_name: "reset_email.html", extra_email_context: { extra: "E" }, success_url: "/sent/" });
    const response: any = view(request_for("/accounts/password_reset/", "POST", "email=ann%40example.com"));
    expect(response.get("Location")).toBe("/sent/");
    const message: any = mail.outbox![0];
    expect([message.from_email, message.alternatives]).toEqual(["lab@example.com", [["<a>ann & E</a>", "text/html"]]]);
    expect(message.body.endsWith(" testserver Ann@example.com E")).toBe(true);
  });

  it("the done page has its title", () => {
    expect(text(PasswordResetDoneView.as_view()(request_for("/accounts/password_reset/done/")))).toBe("Password reset sent");
  });
});

describe("PasswordResetConfirmView", () => {
  const confirm = () => PasswordResetConfirmView.as_view();

  it("a valid token goes into the session, and the browser to set-password (never cached)", () => {
    const token = default_token_generator.make_token(ann);
    const session = new SessionStore(null);
    const request = request_for(`/accounts/reset/MQ/${token}/`, "GET", null, session);
    const response: any = confirm()(request, { uidb64: "MQ", token });
    expect([response.status_code, response.get("Location")]).toEqual([302, "/accounts/reset/MQ/set-password/"]);
    expect(session.get(INTERNAL_RESET_SESSION_TOKEN)).toBe(token);
    expect(response.get("Cache-Control")).toBe("max-age=0, no-cache, no-store, must-revalidate, private");
  });

  it("set-password shows the form while the session's token is valid; a good password completes and forgets the token", () => {
    const session = new SessionStore(null);
    session.set(INTERNAL_RESET_SESSION_TOKEN, default_token_generator.make_token(ann));
    const kwargs = { uidb64: "MQ", token: "set-password" };
    expect(text(confirm()(request_for("/accounts/reset/MQ/set-password/", "GET", null, session), kwargs))).toBe("Enter new password|True||ann");
    const mismatch: any = confirm()(request_for("/accounts/reset/MQ/set-password/", "POST", "new_password1=a-b-c-d-1&new_password2=a-b-c-d-2", session), kwargs);
    expect(text(mismatch)).toBe("Enter new password|True|* new_password2\n  * The two password fields didn’t match.|ann");
    const done: any = confirm()(request_for("/accounts/reset/MQ/set-password/", "POST", "new_password1=a-b-c-d-1&new_password2=a-b-c-d-1", session), kwargs);
    expect([done.status_code, done.get("Location")]).toEqual([302, "/accounts/reset/done/"]);
    expect(session.has(INTERNAL_RESET_SESSION_TOKEN)).toBe(false);
    expect(User.objects.get({ username: "ann" }).check_password("a-b-c-d-1")).toBe(true);
  });

  it("post_reset_login logs the user in after the reset", () => {
    const session = new SessionStore(null);
    session.set(INTERNAL_RESET_SESSION_TOKEN, default_token_generator.make_token(ann));
    const request = request_for("/accounts/reset/MQ/set-password/", "POST", "new_password1=a-b-c-d-1&new_password2=a-b-c-d-1", session);
    PasswordResetConfirmView.as_view({ post_reset_login: true })(request, { uidb64: "MQ", token: "set-password" });
    expect(request.user.username).toBe("ann");
    expect(session.get("_auth_user_id")).toBe("1");
  });

  it("a bad token, an unknown or malformed uid, or no token in the session: the unsuccessful page (200)", () => {
    const unsuccessful = "Password reset unsuccessful|False||";
    for (const [uidb64, token] of [["MQ", "1a2b3c-0123456789abcdef0123456789abcdef"], ["OTk", default_token_generator.make_token(ann)], ["%%%", "x-y"], ["MQ", "set-password"]]) {
      const response: any = confirm()(request_for(`/accounts/reset/${uidb64}/${token}/`), { uidb64, token });
      expect([response.status_code, text(response)]).toEqual([200, unsuccessful]);
    }
  });

  it("a token stops working once the password changes", () => {
    const token = default_token_generator.make_token(ann);
    ann.set_password("changed-1");
    ann.save();
    const response: any = confirm()(request_for(`/accounts/reset/MQ/${token}/`), { uidb64: "MQ", token });
    expect(text(response)).toBe("Password reset unsuccessful|False||");
  });
});

describe("PasswordResetCompleteView", () => {
  it("links to LOGIN_URL", () => {
    expect(text(PasswordResetCompleteView.as_view()(request_for("/accounts/reset/done/")))).toBe("Password reset complete|/accounts/login/");
  });
});

describe("UserAttributeSimilarityValidator", () => {
  it("refuses a password close to a part of an attribute, naming the field's verbose name", () => {
    const validator = new UserAttributeSimilarityValidator();
    const user = User.objects.get({ username: "ann" });
    user.first_name = "Annabel";
    expect(() => validator.validate("ann-example", user)).toThrow(ValidationError);
    try {
      validator.validate("ann-example", user);
    } catch (e: any) {
      expect([e.code, e.messages]).toEqual(["password_too_similar", ["The password is too similar to the email address."]]);
    }
    try {
      validator.validate("annabel1", user);
    } catch (e: any) {
      expect(e.messages).toEqual(["The password is too similar to the first name."]);
    }
    expect(() => validator.validate("correct-horse-battery", user)).not.toThrow();
    expect(() => validator.validate("ann-example", null)).not.toThrow();
  });

  it("max_similarity below 0.1 is a ValueError; a custom attribute without a field uses its own name", () => {
    expect(() => new UserAttributeSimilarityValidator({ max_similarity: 0.05 })).toThrow("max_similarity must be at least 0.1");
    const validator = new UserAttributeSimilarityValidator({ user_attributes: ["nickname"] });
    try {
      validator.validate("bunny", Object.assign(User.objects.get({ username: "ann" }), { nickname: "bunny" }));
      expect.unreachable();
    } catch (e: any) {
      expect(e.messages).toEqual(["The password is too similar to the nickname."]);
    }
  });

  it("SetPasswordForm shows the validators' help texts (read when the form is made)", () => {
    settings.AUTH_PASSWORD_VALIDATORS = [{ NAME: "django.contrib.auth.password_validation.UserAttributeSimilarityValidator" }, { NAME: "django.contrib.auth.password_validation.MinimumLengthValidator" }];
    const form = new SetPasswordForm(ann);
    expect(form.fields.new_password1.help_text).toBe("<ul><li>Your password can’t be too similar to your other personal information.</li><li>Your password must contain at least 8 characters.</li></ul>");
    expect(() => validate_password("ann", ann)).toThrow(ValidationError);
    settings.AUTH_PASSWORD_VALIDATORS = [];
    expect(new SetPasswordForm(ann).fields.new_password1.help_text).toBe("");
  });
});
