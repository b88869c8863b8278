/**
 * Course project 3, "An ORM": models that become tables, a lazy QuerySet, immutable chaining and
 * `__` lookups, on the blog-orm scenario's project. Milestones about code (a QuerySet runs no SQL
 * until iterated) are `call` steps whose traces are checked: `{kind: "sql", count: 0}`.
 */
import { SCENARIO_FORMAT, type Scenario } from "../../scenarios/format";
import { blog_orm } from "../../scenarios/blog-orm";
import { starter_of } from "../check";
import type { CourseProject } from "../types";

const M = {
  tables: "models define tables",
  lazy: "the QuerySet is lazy",
  chaining: "chaining works",
  lookups: "lookups work",
} as const;

const MODELS_TODO = `// blog/models.ts — each class is a table; each entry of \`fields\` is a column (Django's class attributes).
import { models } from "django/db";

export class Author extends models.Model {
  static fields = {
    name: new models.CharField({ max_length: 100 }),
  };
  declare id: number;
  declare name: string;

  toString() {
    return this.name;
  }
}

export class Post extends models.Model {
  static fields = {
    // TODO (milestone 1): the columns of blog_post (see migrations/0001_initial.ts):
    //   title — a CharField of at most 200 characters;
    //   author — a ForeignKey to Author (on_delete CASCADE, related_name "posts");
    //   published — a DateField.
  };
  static Meta = { ordering: ["-published"] };
  declare id: number;
  declare title: string;
  declare author: Author;
  declare author_id: number;

  toString() {
    return this.title;
  }
}
`;

const QUERIES = `// blog/queries.ts — the QuerySets you write. The milestones call these (see blog/milestones.ts).
import { date } from "python/datetime";
import { Post } from "./models";

/** Posts published from 1900 on, newest first — built, not run: the caller decides when SQL runs. */
export function recent_posts() {
  return Post.objects.filter({ published__gte: new date(1900, 1, 1) }).order_by("-published");
}

/** From any QuerySet of posts: those published before \`year\`, by title. A new QuerySet; \`qs\` is unchanged. */
export function published_before(qs, year) {
  return qs.filter({ published__lt: new date(year, 1, 1) }).order_by("title");
}

/** Posts whose author's name starts with \`prefix\` (a lookup across the foreign key: a JOIN), oldest first. */
export function by_author(prefix) {
  return Post.objects.filter({ author__name__startswith: prefix }).order_by("published");
}
`;

const QUERIES_TODO = `// blog/queries.ts — the QuerySets you write. The milestones call these (see blog/milestones.ts).
import { date } from "python/datetime";
import { Post } from "./models";

/** Posts published from 1900 on, newest first — built, not run: the caller decides when SQL runs. */
export function recent_posts() {
  // TODO (milestone 2): return Post.objects filtered on published__gte (a date), ordered by
  // "-published" — without iterating it, so no SQL runs here.
  throw new Error("TODO (milestone 2): recent_posts()");
}

/** From any QuerySet of posts: those published before \`year\`, by title. A new QuerySet; \`qs\` is unchanged. */
export function published_before(qs, year) {
  // TODO (milestone 3): chain .filter({published__lt: …}) and .order_by("title") on qs.
  throw new Error("TODO (milestone 3): published_before()");
}

/** Posts whose author's name starts with \`prefix\` (a lookup across the foreign key: a JOIN), oldest first. */
export function by_author(prefix) {
  // TODO (milestone 4): a lookup that follows the foreign key: author__name__startswith.
  throw new Error("TODO (milestone 4): by_author()");
}
`;

const MILESTONES = `// blog/milestones.ts — what the course's checks call (do not edit: edit queries.ts and models.ts).
import { QuerySet } from "django/db/models";
import { Post } from "./models";
import { by_author, published_before, recent_posts } from "./queries";

const titles = (qs) => [...qs].map((post) => post.title).join(" | ");

/** Milestone 1: the model's fields became blog_post's columns. */
export function tables() {
  return \`\${Post._meta.db_table}: \${Post._meta.concrete_fields.map((f) => f.column).join(", ")}\`;
}

/** Milestone 2: building the QuerySet runs no SQL (its trace has no sql span)… */
export function lazy() {
  const qs = recent_posts();
  return qs instanceof QuerySet ? "a QuerySet, not run yet" : \`not a QuerySet: \${String(qs)}\`;
}

/** …iterating it does. */
export function iterate() {
  return titles(recent_posts());
}

/** Milestone 3: each call returns a new QuerySet; the one it started from is unchanged. */
export function chaining() {
  const all = Post.objects.all();
  const before = published_before(all, 1900);
  return \`\${before === all ? "the same QuerySet" : "a new QuerySet"}; the original has \${all.count()} posts; chained: \${titles(before)}\`;
}

/** Milestone 4: a lookup across the foreign key. */
export function lookups() {
  return titles(by_author("Grace"));
}
`;

const solution: Scenario = {
  format: SCENARIO_FORMAT,
  title: "Project 3 — an ORM",
  framework: "django",
  entry: blog_orm.entry,
  description: "Models that become tables; a QuerySet that builds SQL lazily, chains without changing, and follows lookups across a foreign key.",
  files: { ...blog_orm.files, "blog/queries.ts": QUERIES, "blog/milestones.ts": MILESTONES },
  setup: blog_orm.setup,
  requests: [{ method: "GET", target: "/", note: "the post list: the posts, then each author (the SQL panel flags the N+1)." }],
  script: [
    { call: "blog.milestones.tables", note: "the model's columns" },
    { call: "blog.milestones.lazy", note: "build the QuerySet: no SQL" },
    { call: "blog.milestones.iterate", note: "iterate it: one SELECT" },
    { call: "blog.milestones.chaining", note: "chain filter() and order_by()" },
    { call: "blog.milestones.lookups", note: "author__name__startswith: a JOIN" },
  ],
  checks: [
    { script: 0, output: "blog_post: id, title, author_id, published", label: M.tables },
    { request: 0, status: 200, body_contains: "7 posts", trace: [{ kind: "sql", attrs_contain: { sql: 'FROM "blog_post"' } }], label: M.tables },
    { script: 1, output: "a QuerySet, not run yet", trace: [{ kind: "sql", count: 0 }], label: M.lazy },
    { script: 2, output: "Nanoseconds you can hold | Why COBOL reads like English | The first compiler | Can machines think? | Computable numbers", trace: [{ kind: "sql", count: 1 }], label: M.lazy },
    { script: 3, output: "a new QuerySet; the original has 7 posts; chained: Bernoulli numbers, step by step | Notes on the Analytical Engine", label: M.chaining },
    { script: 4, output: "The first compiler | Why COBOL reads like English | Nanoseconds you can hold", trace: [{ kind: "sql", attrs_contain: { sql: "INNER JOIN" } }], label: M.lookups },
  ],
};

export const project_orm: CourseProject = {
  number: 3,
  id: "orm",
  title: "An ORM",
  summary: "models that become tables, a lazy QuerySet, chaining, lookups across a foreign key",
  based_on: "blog-orm",
  lesson: [
    "## What you build",
    "The data layer of a blog: an `Author` and a `Post` with a foreign key to it, declared as classes whose fields become the columns of `blog_author` and `blog_post`; then the QuerySets the pages need.",
    "",
    "## Why",
    "An ORM is a translator with a plan: it lets you write `Post.objects.filter({author__name__startswith: \"Grace\"})` and decides *when* to turn it into SQL. Knowing that moment — and how many queries a page really runs — is the difference between a fast page and the N+1 the SQL panel flags on the list view.",
    "",
    "## The core challenges",
    "- **Field classes and the metaclass**: `static fields` is read when the class is defined; each field contributes a column (`author` becomes `author_id`).",
    "- **Deferred execution**: `filter()` and `order_by()` build a query; only iterating (or `count()`, `list()`, a template loop) runs it.",
    "- **Immutable chaining**: each call returns a *new* QuerySet; the one you started from never changes.",
    "- **Lookups**: `published__lt`, `author__name__startswith` — the `__` path is split into fields (a JOIN) and a lookup.",
    "",
    "## Passing the milestones",
    "Write the fields of `Post` in `blog/models.ts` and the three functions of `blog/queries.ts`. The checks call `blog/milestones.ts` and read the trace: building `recent_posts()` must show **no** sql span; iterating it exactly one.",
  ].join("\n"),
  milestones: [
    { title: M.tables, how: "Post._meta's columns are id, title, author_id, published, and GET / lists 7 posts with a SELECT … FROM \"blog_post\"" },
    { title: M.lazy, how: "a call building recent_posts() returns a QuerySet and its trace has no sql span; iterating it runs exactly one query and yields the five posts from 1900 on" },
    { title: M.chaining, how: "published_before(all, 1900) returns a new QuerySet with the two posts before 1900, by title, while the original still counts 7" },
    { title: M.lookups, how: "by_author(\"Grace\") returns Grace Hopper's three posts, oldest first, through SQL with an INNER JOIN" },
  ],
  solution,
  starter: starter_of(solution, { "blog/models.ts": MODELS_TODO, "blog/queries.ts": QUERIES_TODO }, "Project 3 — an ORM (starter)"),
};
