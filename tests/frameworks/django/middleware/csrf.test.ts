import { beforeEach, describe, expect, it } from "vitest";
import { settings } from "../../../../src/frameworks/django/conf";
import { HttpRequest, QueryDict } from "../../../../src/frameworks/django/http/request";
import { HttpResponse } from "../../../../src/frameworks/django/http/response";
import { CsrfViewMiddleware, _mask_cipher_secret, _unmask_cipher_token, get_token } from "../../../../src/frameworks/django/middleware/csrf";
import { csrf_exempt } from "../../../../src/frameworks/django/views/decorators/csrf";
import { csrf_failure } from "../../../../src/frameworks/django/views/csrf";
import { set_module_importer } from "../../../../src/frameworks/django/utils/module_loading";
import { FRAMEWORK_MODULES } from "../../../../src/modes";

const SECRET = "A".repeat(32);

function post(fields: Record<string, string>, meta: Record<string, unknown> = {}): HttpRequest {
  const request = new HttpRequest();
  request.method = "POST";
  request.path = "/submit/";
  request.META = { SERVER_NAME: "testserver", SERVER_PORT: "80", ...meta };
  const q = new QueryDict("", { mutable: true });
  for (const [k, v] of Object.entries(fields)) q.setitem(k, v);
  request.POST = q;
  return request;
}

function run(request: HttpRequest, view: any = () => new HttpResponse("ok")) {
  const mw = new CsrfViewMiddleware(() => new HttpResponse("ok"));
  mw.process_request(request);
  return mw.process_view(request, view, [], {});
}

beforeEach(() => {
  settings.configure({ SECRET_KEY: "k", ALLOWED_HOSTS: ["testserver"], CSRF_FAILURE_VIEW: "django.views.csrf.csrf_failure" });
  set_module_importer((p) => (FRAMEWORK_MODULES as Record<string, any>)[p]);
});

describe("CsrfViewMiddleware", () => {
  it("masks a secret into 64 characters that unmask back to it", () => {
    const token = _mask_cipher_secret(SECRET);
    expect(token).toHaveLength(64);
    expect(_unmask_cipher_token(token)).toBe(SECRET);
  });

  it("get_token creates a secret and flags the cookie for the response", () => {
    const request = new HttpRequest();
    const token = get_token(request);
    expect(_unmask_cipher_token(token)).toBe(request.META.CSRF_COOKIE);
    const response = new CsrfViewMiddleware(() => new HttpResponse()).process_response(request, new HttpResponse());
    expect(response.headers.get("Vary")).toBe("Cookie");
    expect(response.cookies.getitem("csrftoken").value).toBe(request.META.CSRF_COOKIE);
  });

  it("rejects a POST without cookie with Django's reason and 403 page", () => {
    const response = run(post({ x: "1" }));
    expect(response!.status_code).toBe(403);
    expect(new TextDecoder().decode((response as HttpResponse).content)).toContain("<p>You are seeing this message because this site requires a CSRF cookie when submitting forms.");
  });

  it("accepts the masked or the raw secret; names the source of a bad token", () => {
    const ok = post({ csrfmiddlewaretoken: _mask_cipher_secret(SECRET) });
    ok.COOKIES = { csrftoken: SECRET };
    expect(run(ok)).toBe(null);
    const raw = post({ csrfmiddlewaretoken: SECRET });
    raw.COOKIES = { csrftoken: SECRET };
    expect(run(raw)).toBe(null);
    const bad = post({}, { HTTP_X_CSRFTOKEN: "a".repeat(64) });
    bad.COOKIES = { csrftoken: SECRET };
    const messages: string[] = [];
    const mw = new CsrfViewMiddleware(() => new HttpResponse());
    mw._reject = (_r, reason) => (messages.push(reason), new HttpResponse("", { status: 403 }));
    mw.process_request(bad);
    mw.process_view(bad, () => null, [], {});
    expect(messages).toEqual(["CSRF token from the 'X-Csrftoken' HTTP header incorrect."]);
  });

  it("checks Origin before the token, and exempt views skip everything", () => {
    const mw = new CsrfViewMiddleware(() => new HttpResponse());
    const reasons: string[] = [];
    mw._reject = (_r, reason) => (reasons.push(reason), new HttpResponse("", { status: 403 }));
    mw.process_view(post({}, { HTTP_ORIGIN: "http://evil.com" }), () => null, [], {});
    expect(reasons).toEqual(["Origin checking failed - http://evil.com does not match any trusted origins."]);
    expect(run(post({}), csrf_exempt(() => new HttpResponse()))).toBe(null);
  });

  it("csrf_failure renders the non-DEBUG page", () => {
    const body = new TextDecoder().decode(csrf_failure(new HttpRequest(), { reason: "CSRF token missing." }).content);
    expect(body).toContain("<h1>Forbidden <span>(403)</span></h1>\n  <p>CSRF verification failed. Request aborted.</p>\n\n\n</div>");
    expect(body).toContain("<p><small>More information is available with DEBUG=True.</small></p>");
  });
});
