/**
 * Course project 5, "An admin clone": the admin-users project with the blog's Post registered
 * through a ModelAdmin (list_display, search_fields, list_filter), as the solution; the starter
 * leaves the registration and the options to write. The checks sign in through a classroom
 * shortcut view (`/classroom/sign-in/`, GET: the admin, then a redirect) so the scripted requests
 * need no password form and CSRF token.
 */
import { SCENARIO_FORMAT, type Scenario } from "../../scenarios/format";
import { admin_users } from "../../scenarios/admin-users";
import { starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  registration: "registration works",
  forms: "forms generate themselves",
  lists: "list views work",
  search: "search and filters work",
} as const;

const URLS = `// project/urls.ts
import { path } from "django/urls";
import { site } from "django/contrib/admin";
import { classroom_sign_in } from "blog/classroom";

export const urlpatterns = [
  path("admin/", site.urls),
  path("classroom/sign-in/", classroom_sign_in),
];
`;

const CLASSROOM = `// blog/classroom.ts — a shortcut for the course's checks: GET signs in as the superuser and goes
// to the admin. Never do this in a real project (a GET that logs in anyone who asks).
import { login } from "django/contrib/auth";
import { User } from "django/contrib/auth/models";
import { HttpResponseRedirect } from "django/http";

export function classroom_sign_in(request) {
  login(request, User.objects.get({ username: "admin" }), "django.contrib.auth.backends.ModelBackend");
  return new HttpResponseRedirect("/admin/");
}
`;

const ADMIN = `// blog/admin.ts — imported by the admin's autodiscover() when the project starts.
import { ModelAdmin, site } from "django/contrib/admin";
import { Post } from "./models";

export class PostAdmin extends ModelAdmin {
  // The change list's columns: a field name, or the name of a method.
  list_display = ["title", "author", "status", "published"];
  // ?q= searches these fields; several words must each match one of them (OR across fields).
  search_fields = ["title", "author__username"];
  // The sidebar: one filter per field, its choices from the data.
  list_filter = ["status"];
  ordering = ["-published"];
  // The add and change forms: generated from these fields, in these sections.
  fieldsets = [
    [null, { fields: ["title", "author"] }],
    ["Publishing", { fields: ["status", "published"] }],
  ];
}

// One registry, one ModelAdmin per model: /admin/blog/post/, /admin/blog/post/add/, /admin/blog/post/<pk>/change/.
site.register(Post, PostAdmin);
`;

const ADMIN_TODO = `// blog/admin.ts — imported by the admin's autodiscover() when the project starts.
import { ModelAdmin, site } from "django/contrib/admin";
import { Post } from "./models";

export class PostAdmin extends ModelAdmin {
  // TODO (milestone 3): the change list's columns: title, author, status, published (list_display).
  // TODO (milestone 4): search on the title and the author's username (search_fields, with author__username),
  // and a sidebar filter on status (list_filter).
  ordering = ["-published"];
  // TODO (milestone 2): the add and change forms are generated from the model's fields; lay them out
  // in two sections (fieldsets): title and author first, then "Publishing" with status and published.
}

// TODO (milestone 1): register Post with PostAdmin on the admin site.
`;

const base = admin_users;

const solution: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Project 5 — an admin",
  framework: "django",
  entry: base.entry,
  description: "Register a model with a ModelAdmin: the index, generated add and change forms, a change list with columns, search and filters.",
  files: { ...base.files, "project/urls.ts": URLS, "blog/classroom.ts": CLASSROOM, "blog/admin.ts": ADMIN },
  setup: base.setup,
  requests: [
    { method: "GET", target: "/classroom/sign-in/", note: "the classroom shortcut: signed in as admin" },
    { method: "GET", target: "/admin/", note: "the index lists every registered model" },
    { method: "GET", target: "/admin/blog/post/add/", note: "a ModelForm generated from Post's fields" },
    { method: "GET", target: "/admin/blog/post/", note: "the change list: list_display's columns" },
    { method: "GET", target: "/admin/blog/post/?q=Bernoulli", note: "search_fields" },
    { method: "GET", target: "/admin/blog/post/?status__exact=published", note: "list_filter" },
  ],
  checks: [
    { request: 1, status: 200, body_contains: 'href="/admin/blog/post/"', label: M.registration },
    { request: 2, status: 200, body_contains: 'name="title"', label: M.forms },
    { request: 2, body_contains: '<option value="published">Published</option>', label: M.forms },
    { request: 2, body_contains: "class=\"fieldset-heading\">Publishing</h2>", label: M.forms },
    { request: 3, status: 200, body_contains: '<td class="field-status">Draft</td>', label: M.lists },
    { request: 3, body_contains: '<td class="field-author nowrap">ada</td>', label: M.lists },
    { request: 4, status: 200, body_contains: "1 result", label: M.search },
    { request: 5, status: 200, body_contains: "By status", label: M.search },
    { request: 5, body_contains: "2 posts", label: M.search },
  ],
};

export const project_admin: CourseProject = {
  number: 5,
  id: "admin",
  title: "An admin clone",
  summary: "a registry of ModelAdmins that turns models into list, add, change and delete pages",
  based_on: "admin-users",
  lesson: [
    "## What you build",
    "The admin pages for the blog's `Post`: registered with a `ModelAdmin` whose options shape the change list — its columns (`list_display`), a search box (`search_fields`) and a sidebar filter (`list_filter`).",
    "",
    "## Why",
    "The admin is Django's strongest argument for \"batteries included\", and it is built from pieces you already know: a registry (`site.register`), model introspection (`Post._meta`), forms generated from fields, and a list view with a query built from the options. The Admin panel shows how each option turned into SQL.",
    "",
    "## The core challenges",
    "- **A registry with per-model options**: `site.register(Post, PostAdmin)` — one ModelAdmin per model, routes `/admin/blog/post/…`.",
    "- **Forms from fields**: a CharField becomes a text input, a field with `choices` a select, a ForeignKey a select of rows.",
    "- **List views**: columns, ordering, pagination.",
    "- **Search and filters**: `?q=` ORs each word across `search_fields` (with lookups such as `author__username`); `?status__exact=` is a filter.",
    "",
    "## Passing the milestones",
    "Write the parts marked `TODO` in `blog/admin.ts`. The checks sign in through `/classroom/sign-in/` (a shortcut, for the scripted requests only).",
  ].join("\n"),
  milestones: [
    { title: M.registration, how: "signed in, GET /admin/ links to /admin/blog/post/" },
    { title: M.forms, how: "GET /admin/blog/post/add/ has a title input and a status select with the Published choice, in a \"Publishing\" section" },
    { title: M.lists, how: "the change list has status and author columns" },
    { title: M.search, how: "?q=Bernoulli finds 1 result; ?status__exact=published shows the \"By status\" filter and 2 posts" },
  ],
  solution,
  starter: starter_of(solution, { "blog/admin.ts": ADMIN_TODO }, "Project 5 — an admin (starter)"),
};
