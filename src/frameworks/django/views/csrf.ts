/**
 * django.views.csrf: a CSRF rejection reason → the 403 "CSRF verification failed" page
 * (settings.CSRF_FAILURE_VIEW's default). A project template `403_csrf.html` replaces the page;
 * otherwise the built-in one is rendered: with DEBUG it explains the reason and the usual causes,
 * without it only the summary (plus hints when the cookie or the Referer was missing).
 */
import { settings } from "../conf";
import { HttpResponseForbidden } from "../http/response";
import type { HttpRequest } from "../http/request";
import { Context } from "../template/context";
import { Engine } from "../template/engine";
import { TemplateDoesNotExist } from "../template/exceptions";
import { get_template } from "../template/loader";

export const CSRF_FAILURE_TEMPLATE_NAME = "403_csrf.html";

const REASON_NO_REFERER = "Referer checking failed - no Referer.";
const REASON_NO_CSRF_COOKIE = "CSRF cookie not set.";

/** Django's built-in page (django/views/templates/csrf_403.html), as a template. */
const CSRF_FAILURE_TEMPLATE = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style>
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font-family: sans-serif; background:#eee; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 span { font-size:60%; color:#666; font-weight:normal; }
    #info { background:#f6f6f6; }
    #info ul { margin: 0.5em 4em; }
    #info p, #summary p { padding-top:10px; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }
  </style>
</head>
<body>
<div id="summary">
  <h1>{{ title }} <span>(403)</span></h1>
  <p>{{ main }}</p>
{% if no_referer %}
  <p>{{ no_referer1 }}</p>
  <p>{{ no_referer2 }}</p>
  <p>{{ no_referer3 }}</p>
{% endif %}
{% if no_cookie %}
  <p>{{ no_cookie1 }}</p>
  <p>{{ no_cookie2 }}</p>
{% endif %}
</div>
{% if DEBUG %}
<div id="info">
  <h2>Help</h2>
    {% if reason %}
    <p>Reason given for failure:</p>
    <pre>
    {{ reason }}
    </pre>
    {% endif %}

  <p>In general, this can occur when there is a genuine Cross Site Request Forgery, or when
  <a
  href="https://docs.djangoproject.com/en/{{ docs_version }}/ref/csrf/">Django’s
  CSRF mechanism</a> has not been used correctly.  For POST forms, you need to
  ensure:</p>

  <ul>
    <li>Your browser is accepting cookies.</li>

    <li>The view function passes a <code>request</code> to the template’s <a
    href="https://docs.djangoproject.com/en/{{ docs_version }}/topics/templates/#django.template.backends.base.Template.render"><code>render</code></a>
    method.</li>

    <li>In the template, there is a <code>{% templatetag openblock %} csrf_token
    {% templatetag closeblock %}</code> template tag inside each POST form that
    targets an internal URL.</li>

    <li>If you are not using <code>CsrfViewMiddleware</code>, then you must use
    <code>csrf_protect</code> on any views that use the <code>csrf_token</code>
    template tag, as well as those that accept the POST data.</li>

    <li>The form has a valid CSRF token. After logging in in another browser
    tab or hitting the back button after a login, you may need to reload the
    page with the form, because the token is rotated after a login.</li>
  </ul>

  <p>You’re seeing the help section of this page because you have <code>DEBUG =
  True</code> in your Django settings file. Change that to <code>False</code>,
  and only the initial error message will be displayed.  </p>

  <p>You can customize this page using the CSRF_FAILURE_VIEW setting.</p>
</div>
{% else %}
<div id="explanation">
  <p><small>{{ more }}</small></p>
</div>
{% endif %}
</body>
</html>
`;

function failure_context(reason: string): Record<string, unknown> {
  return {
    title: "Forbidden",
    main: "CSRF verification failed. Request aborted.",
    reason,
    no_referer: reason === REASON_NO_REFERER,
    no_referer1:
      "You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties.",
    no_referer2:
      "If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests.",
    no_referer3:
      'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for links to third-party sites.',
    no_cookie: reason === REASON_NO_CSRF_COOKIE,
    no_cookie1:
      "You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties.",
    no_cookie2: "If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests.",
    DEBUG: !!settings.DEBUG,
    docs_version: "5.2",
    more: "More information is available with DEBUG=True.",
  };
}

/** `csrf_failure(request, reason="", template_name="403_csrf.html")` */
export function csrf_failure(request: HttpRequest, options: { reason?: string; template_name?: string } = {}): HttpResponseForbidden {
  const reason = options.reason ?? "";
  const template_name = options.template_name ?? CSRF_FAILURE_TEMPLATE_NAME;
  let body: string;
  try {
    body = String(get_template(template_name).render(null, request));
  } catch (e) {
    if (!(e instanceof TemplateDoesNotExist) || template_name !== CSRF_FAILURE_TEMPLATE_NAME) throw e;
    body = String(new Engine().from_string(CSRF_FAILURE_TEMPLATE).render(new Context(failure_context(reason))));
  }
  return new HttpResponseForbidden(body);
}
