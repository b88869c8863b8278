/**
 * Built-in scenario "django-hello": the smallest Django project that shows every stage of a
 * request — settings with a middleware stack, a root URLconf that includes an app's URLconf under
 * a namespace, function views returning HttpResponse, JsonResponse, a redirect and a 404, one
 * custom middleware and one signal receiver connected in AppConfig.ready().
 */
import { SCENARIO_FORMAT, type Scenario } from "./format";

const SETTINGS = `// project/settings.ts — Django reads the UPPERCASE names of this module (django.conf.settings).
export const DEBUG = true;
export const SECRET_KEY = "django-insecure-framework-lab-demo-key";
export const ALLOWED_HOSTS = ["localhost", "127.0.0.1", "testserver"];

export const INSTALLED_APPS = ["hello"];

// The onion: a request passes down this list, the response passes back up it.
export const MIDDLEWARE = [
  "django.middleware.security.SecurityMiddleware",
  "django.middleware.common.CommonMiddleware",
  "project.middleware.TimingMiddleware",
  "django.middleware.clickjacking.XFrameOptionsMiddleware",
];

export const ROOT_URLCONF = "project.urls";
`;

const ROOT_URLS = `// project/urls.ts — the root URLconf (settings.ROOT_URLCONF).
import { include, path } from "django/urls";
import * as views from "hello/views";

export const urlpatterns = [
  path("", views.index, { name: "home" }),
  // Everything under hello/ is handed to the app's URLconf, in the "hello" namespace.
  path("hello/", include("hello.urls")),
];
`;

const APP_URLS = `// hello/urls.ts — the app's URLconf; app_name gives its names the "hello:" namespace.
import { path } from "django/urls";
import * as views from "./views";

export const app_name = "hello";

export const urlpatterns = [
  path("", views.greet_form, { name: "index" }),
  path("api/time/", views.api_time, { name: "api-time" }),
  path("old/", views.old_greeting, { name: "old" }),
  path("missing/", views.missing, { name: "missing" }),
  // A converter: <str:name> matches one path segment and passes it to the view as name.
  path("<str:name>/", views.greet, { name: "greet" }),
];
`;

const VIEWS = `// hello/views.ts — each view takes the request (and the URL's keyword arguments) and returns a response.
import { Http404, HttpResponse, HttpResponseRedirect, JsonResponse } from "django/http";
import { reverse } from "django/urls";

export function index(request) {
  const link = reverse("hello:greet", { kwargs: { name: "Ada" } });
  return new HttpResponse(\`<h1>Framework Lab</h1>
<p>Try <a href="\${link}">\${link}</a>, <a href="/hello/api/time/">the JSON API</a>,
<a href="/hello/old/">an old link</a>, <a href="/hello/missing/">a 404</a> or <a href="/nowhere/">a path no pattern matches</a>.</p>\`);
}

export function greet_form(request) {
  const name = request.GET.get("name", "World");
  return new HttpResponse(\`<form><input name="name" value="\${name}"><button>Greet</button></form><p>Hello, \${name}!</p>\`);
}

// URL keyword arguments arrive as one object: Python's greet(request, name="Ada").
export function greet(request, { name }) {
  console.log("greeting", name);
  return new HttpResponse(\`<h1>Hello, \${name}!</h1><p>Resolved by <code>\${request.resolver_match.view_name}</code></p>\`);
}

export function api_time(request) {
  return new JsonResponse({ now: new Date(0).toISOString(), path: request.path, method: request.method });
}

export function old_greeting(request) {
  // reverse() turns a URL name back into a path, so links survive URL changes.
  return new HttpResponseRedirect(reverse("hello:greet", { kwargs: { name: "again" } }));
}

export function missing(request) {
  throw new Http404("No greeting lives here.");
}
`;

const MIDDLEWARE = `// project/middleware.ts — a new-style middleware: built once with get_response, called per request.
export class TimingMiddleware {
  get_response;

  constructor(get_response) {
    this.get_response = get_response;
  }

  __call__(request) {
    const started = performance.now();
    const response = this.get_response(request);   // everything further in the onion runs here
    response.headers.set("X-Elapsed-Ms", (performance.now() - started).toFixed(2));
    return response;
  }
}
`;

const APPS = `// hello/apps.ts — the app's configuration; ready() runs once, after every app is loaded.
import { AppConfig } from "django/apps";
import { request_finished } from "django/core/signals";

export class HelloConfig extends AppConfig {
  name = "hello";

  ready() {
    // A receiver gets the sender and one object of keyword arguments (Python's **kwargs).
    request_finished.connect(log_finished, { dispatch_uid: "hello.log_finished" });
  }
}

function log_finished(sender, kwargs) {
  console.log("request finished");
}
`;

export const django_hello: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Django: hello, URLs, middleware and signals",
  framework: "django",
  entry: { kind: "django", settings: "project.settings" },
  description:
    "A small Django project: an include() with a namespace, a converter, function views returning HTML, JSON, a redirect and a 404, a custom middleware in the stack, and a request_finished receiver.",
  files: {
    "project/settings.ts": SETTINGS,
    "project/urls.ts": ROOT_URLS,
    "project/middleware.ts": MIDDLEWARE,
    "hello/apps.ts": APPS,
    "hello/urls.ts": APP_URLS,
    "hello/views.ts": VIEWS,
  },
  requests: [
    { method: "GET", target: "/", note: "The home page: matched by the first root pattern." },
    { method: "GET", target: "/hello/Ada/", note: "include() hands the rest of the path to hello/urls.ts; <str:name> captures Ada." },
    { method: "GET", target: "/hello/api/time/", note: "A JsonResponse." },
    { method: "GET", target: "/hello/old/", note: "A redirect built with reverse()." },
    { method: "GET", target: "/hello/Ada", note: "No slash: CommonMiddleware's APPEND_SLASH redirects to /hello/Ada/." },
    { method: "GET", target: "/hello/missing/", note: "The view raises Http404." },
    { method: "GET", target: "/nowhere/", note: "No pattern matches: the technical 404 lists every pattern tried." },
  ],
  checks: [
    { request: 1, status: 200, body_contains: "Hello, Ada!" },
    { request: 2, status: 200, header: ["Content-Type", "application/json"] },
    { request: 3, status: 302, header: ["Location", "/hello/again/"] },
    { request: 4, status: 301, header: ["Location", "/hello/Ada/"] },
    { request: 5, status: 404 },
    { request: 6, status: 404, body_contains: "hello/" },
  ],
};
