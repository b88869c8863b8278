/**
 * Course project 6, "Class-based views": the blog-cbv scenario plus a plain `View` with `get` and
 * `post` (dispatch by method, 405 with Allow), as the solution; the starter leaves `as_view()`, the
 * `post` handler, the ListView's hooks and the CreateView's configuration to write.
 */
import { SCENARIO_FORMAT, type Scenario } from "../../scenarios/format";
import { blog_cbv } from "../../scenarios/blog-cbv";
import { carve, starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  as_view: "as_view() works",
  dispatch: "dispatch() routes methods",
  mixins: "mixins compose",
  generic: "generic views work",
} as const;

const files = blog_cbv.files;

const PING = `
// A plain View: dispatch() calls the method named like the request's (get, post); any other is a 405.
export class PingView extends View {
  get(request) {
    return new HttpResponse("pong");
  }

  post(request) {
    return new HttpResponse(\`posted \${request.POST.get("n", "nothing")}\`);
  }
}
`;

const PING_TODO = `
// A plain View: dispatch() calls the method named like the request's (get, post); any other is a 405.
export class PingView extends View {
  get(request) {
    return new HttpResponse("pong");
  }

  // TODO (milestone 2): answer POST with "posted <the form's n>" (request.POST.get("n", "nothing")).
}
`;

const VIEWS = carve(files["blog/views.ts"], [['import { CreateView, ListView, TemplateView } from "django/views/generic";', 'import { CreateView, ListView, TemplateView, View } from "django/views/generic";\nimport { HttpResponse } from "django/http";']], "blog/views.ts") + PING;

const URLS = carve(files["blog/urls.ts"], [
  ['import { HomeView, PostCreateView, PostListView } from "./views";', 'import { HomeView, PingView, PostCreateView, PostListView } from "./views";'],
  ['  path("posts/new/", PostCreateView.as_view(), { name: "post_create" }),', '  path("posts/new/", PostCreateView.as_view(), { name: "post_create" }),\n  path("ping/", PingView.as_view(), { name: "ping" }),'],
], "blog/urls.ts");

const URLS_TODO = carve(URLS, [['  path("", HomeView.as_view(), { name: "home" }),', '  // TODO (milestone 1): a class is not a view function: as_view() makes one (a new instance per request).\n  path("", HomeView, { name: "home" }),']], "blog/urls.ts");

const VIEWS_TODO = carve(VIEWS, [
  [
    '  // ?category=<slug> narrows the list; the pagination links keep the filter.\n  get_queryset() {\n    const queryset = super.get_queryset().select_related("category");\n    const slug = this.request.GET.get("category");\n    return slug ? queryset.filter({ category__slug: slug }) : queryset;\n  }\n\n  get_context_data(kwargs) {\n    const context = super.get_context_data(kwargs);\n    context.category = this.request.GET.get("category", "");\n    context.categories = Category.objects.all();\n    return context;\n  }',
    '  // TODO (milestone 3): the hooks the mixins call —\n  //   get_queryset(): super()\'s, with select_related("category"), filtered on category__slug when ?category=<slug> is given;\n  //   get_context_data(kwargs): super()\'s, plus `category` (the slug, or "") and `categories` (every Category).',
  ],
  [
    "  static form_class = PostForm;\n  static success_url = reverse_lazy(\"blog:post_list\");",
    '  // TODO (milestone 4): the form to show and validate (PostForm) and where to go once it is saved\n  // (reverse_lazy("blog:post_list")).',
  ],
], "blog/views.ts") .replace(PING, PING_TODO);

const solution: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Project 6 — class-based views",
  framework: "django",
  entry: blog_cbv.entry,
  description: "A View with get and post, then TemplateView, ListView and CreateView built from mixins and hooks.",
  files: { ...files, "blog/views.ts": VIEWS, "blog/urls.ts": URLS },
  setup: blog_cbv.setup,
  requests: [
    { method: "GET", target: "/", note: "TemplateView.as_view(): a new HomeView per request, then dispatch → get." },
    { method: "GET", target: "/ping/", note: "dispatch → get" },
    { method: "POST", target: "/ping/", form: { n: "3" }, note: "dispatch → post" },
    { method: "PUT", target: "/ping/", note: "no put method: http_method_not_allowed, 405 with Allow" },
    { method: "GET", target: "/posts/?category=python", note: "ListView: get_queryset and get_context_data through super() along the MRO" },
    { method: "GET", target: "/posts/?page=2", note: "MultipleObjectMixin's pagination" },
    { method: "GET", target: "/posts/new/", note: "CreateView GET: an unbound form" },
    { method: "POST", target: "/posts/new/", form: { title: "My first CBV", category: "1", body: "It worked." }, note: "form_valid saves, then a 302 to success_url" },
  ],
  checks: [
    { request: 0, status: 200, body_contains: "12 posts so far.", label: M.as_view },
    { request: 1, status: 200, body_contains: "pong", label: M.as_view },
    { request: 2, status: 200, body_contains: "posted 3", label: M.dispatch },
    { request: 3, status: 405, header: ["Allow", "GET, POST, HEAD, OPTIONS"], label: M.dispatch },
    { request: 4, status: 200, body_contains: "Posts in Python", label: M.mixins },
    { request: 5, status: 200, body_contains: "Page 2 of 3", label: M.mixins },
    { request: 6, status: 200, body_contains: '<input type="text" name="title"', label: M.generic },
    { request: 7, status: 302, header: ["Location", "/posts/"], label: M.generic },
  ],
};

export const project_cbv: CourseProject = {
  number: 6,
  id: "cbv",
  title: "Class-based views",
  summary: "as_view() and dispatch(), then generic views built from mixins and hooks",
  based_on: "blog-cbv",
  lesson: [
    "## What you build",
    "A `PingView` on the bare `View` (a `get` and a `post`), then the blog's `TemplateView`, `ListView` (filtered and paginated) and `CreateView`, each configured by class attributes and customised through hooks.",
    "",
    "## Why",
    "A URLconf wants a function; a class gives you inheritance. `as_view()` is the bridge: it returns a function that, per request, makes a new instance, calls `setup()` and `dispatch()`. Generic views are then nothing but mixins — `MultipleObjectMixin` fetches and paginates, `TemplateResponseMixin` renders — stacked in an MRO you can follow hop by hop in the Class-based view panel.",
    "",
    "## The core challenges",
    "- **Turning a class into a callable**: `HomeView.as_view()`, not `HomeView`.",
    "- **Routing HTTP methods**: `dispatch()` looks up `get`, `post`…; a method the class lacks is a 405 whose `Allow` header lists those it has.",
    "- **Mixins and the MRO**: `get_context_data` calls `super()` and each mixin adds its part.",
    "- **Hooks**: `get_queryset()`, `get_context_data()`, `form_class`, `success_url`.",
    "",
    "## Passing the milestones",
    "Write the parts marked `TODO` in `blog/urls.ts` and `blog/views.ts`.",
  ].join("\n"),
  milestones: [
    { title: M.as_view, how: "GET / (HomeView.as_view()) renders \"12 posts so far.\" and GET /ping/ answers pong" },
    { title: M.dispatch, how: "POST /ping/ reaches post (\"posted 3\"); PUT /ping/ is a 405 with Allow: GET, POST, HEAD, OPTIONS" },
    { title: M.mixins, how: "GET /posts/?category=python shows \"Posts in Python\" (get_queryset and get_context_data through super()), and page 2 of 3 paginates" },
    { title: M.generic, how: "GET /posts/new/ shows the generated form; a valid POST saves and redirects to /posts/" },
  ],
  solution,
  starter: starter_of(solution, { "blog/views.ts": VIEWS_TODO, "blog/urls.ts": URLS_TODO }, "Project 6 — class-based views (starter)"),
};
