/**
 * Conformance replayer for the `admin` area: a changelist GET → our admin's ChangeList, compared
 * with what Django 5.2's admin computed (FORMAT.md §5).
 *
 * Per file: the `library` and `blog` schemas and seed come from `orm.json` beside `admin.json`
 * (built once, as the orm replayer does). Per case: a fresh seeded database, a fresh AdminSite
 * named "admin" mounted at /admin/ with only the spec's model registered (a ModelAdmin built from
 * the spec's options), a superuser on the request, the clock frozen at `fixed_now`; the URL is
 * resolved and the view called as the handler would (a SuspiciousOperation becomes 400).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve as resolve_path } from "node:path";
import { fileURLToPath } from "node:url";
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { first_difference } from "../compare";
import { connection } from "../../frameworks/django/db";
import type * as models from "../../frameworks/django/db/models";
import { settings } from "../../frameworks/django/conf";
import { SuspiciousOperation } from "../../frameworks/django/core/exceptions";
import { WSGIRequest } from "../../frameworks/django/core/handlers/wsgi_request";
import { path } from "../../frameworks/django/urls";
import { resolve, set_urlconf } from "../../frameworks/django/urls/base";
import { freeze_time } from "../../frameworks/python/time";
import * as admin from "../../frameworks/django/contrib/admin";
import type { ChangeList } from "../../frameworks/django/contrib/admin/views/main";
import { date_hierarchy, pagination, result_headers, results } from "../../frameworks/django/contrib/admin/templatetags/admin_list";
import { boot_sqlite } from "../../runtime/sqlite";
import { build_models, open_database, seeded_image, type SchemaSpec } from "./orm";
import { request_environ } from "./wsgi-harness";

type Json = any;

const FILTER_CLASSES: Record<string, unknown> = { EmptyFieldListFilter: admin.EmptyFieldListFilter, RelatedOnlyFieldListFilter: admin.RelatedOnlyFieldListFilter };

/** orm.json sits beside admin.json: the `--cases` folder, else the shared corpus. */
function load_schemas(): Record<string, SchemaSpec> {
  const argv = process.argv;
  const i = argv.indexOf("--cases");
  const here = dirname(fileURLToPath(import.meta.url));
  const dirs = [i >= 0 ? resolve_path(argv[i + 1]) : null, resolve_path(here, "../../../../shared/conformance")].filter(Boolean) as string[];
  for (const dir of dirs) {
    const file = join(dir, "orm.json");
    if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")).schemas;
  }
  throw new Error("orm.json (the library/blog schemas) not found beside admin.json");
}

/** A stand-in superuser until the request goes through django.contrib.auth. */
const SUPERUSER = {
  is_active: true,
  is_staff: true,
  is_superuser: true,
  is_authenticated: true,
  is_anonymous: false,
  pk: 1,
  get_username: () => "admin",
  get_short_name: () => "admin",
  has_perm: () => true,
  has_perms: () => true,
  has_module_perms: () => true,
  toString: () => "admin",
};

/** The spec's options → a ModelAdmin subclass. */
function admin_class(options: Record<string, Json>): typeof admin.ModelAdmin {
  const values: Record<string, Json> = { ...options };
  if (Array.isArray(values.list_filter)) values.list_filter = values.list_filter.map((item: Json) => (Array.isArray(item) ? [item[0], FILTER_CLASSES[item[1]]] : item));
  return class SpecAdmin extends admin.ModelAdmin {
    constructor(model: any, site: any) {
      super(model, site);
      Object.assign(this, values);
    }
  };
}

// --- the ChangeList → the recorded fields ----------------------------------------------------

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#x27": "'", "#39": "'", nbsp: "\u00a0", rsaquo: "›", lsaquo: "‹" };

function unescape_html(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, name: string) => {
    if (name in ENTITIES) return ENTITIES[name];
    if (name.startsWith("#x")) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith("#")) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return m;
  });
}

/** Cell HTML → text: `<img alt=X>` → X, tags removed, entities unescaped, whitespace collapsed. */
function cell_text(html: string): string {
  const text = html.replace(/<img\b[^>]*\balt="([^"]*)"[^>]*>/gi, "$1").replace(/<[^>]*>/g, "");
  return unescape_html(text).replace(/\s+/g, " ").trim();
}

function row_links(cells: string[]): string[] {
  return cells.flatMap((html) => [...html.matchAll(/href="([^"]*)"/g)].map((m) => unescape_html(m[1])));
}

function changelist_fields(cl: ChangeList): Json {
  const rows = results(cl).map((cells) => cells.map(String));
  const pages = pagination(cl);
  const hierarchy = date_hierarchy(cl);
  return {
    status: 200,
    pks: [...cl.result_list].map((o: any) => o.pk),
    result_count: cl.result_count,
    full_result_count: cl.full_result_count,
    num_pages: cl.paginator.num_pages,
    page_num: cl.page_num,
    show_all: cl.show_all,
    multi_page: cl.multi_page,
    can_show_all: cl.can_show_all,
    search_query: cl.query,
    columns: cl.list_display.map(String),
    headers: result_headers(cl).map((h) => ({
      text: cell_text(String(h.text)),
      sortable: h.sortable,
      sorted: h.sorted ?? false,
      ascending: h.ascending ?? false,
      sort_priority: h.sort_priority ?? 0,
      url_primary: h.url_primary ?? null,
    })),
    rows: rows.map((cells) => ({ cells: cells.map(cell_text), links: row_links(cells) })),
    filters: cl.filter_specs.map((spec: any) => ({ title: String(spec.title), choices: spec.choices(cl).map((c: any) => ({ display: String(c.display), selected: c.selected, query_string: c.query_string })) })),
    // A day's choice has no link (nothing below a day); it reads as null, as `choice.get("link")` does.
    date_hierarchy: hierarchy && { back: hierarchy.back, choices: hierarchy.choices.map((c) => ({ link: c.link ?? null, title: c.title })) },
    page_range: pages.page_range.map(String),
    ordering_columns: Object.fromEntries([...cl.get_ordering_field_columns()].map(([k, v]) => [String(k), v])),
  };
}

// --- one case --------------------------------------------------------------------------------------

function call_view(url: string): Json {
  const request = new WSGIRequest(request_environ({ method: "GET", path: url }));
  request.user = SUPERUSER;
  const match = resolve(request.path_info);
  request.resolver_match = match;
  let response: any;
  try {
    response = Object.keys(match.kwargs).length ? (match.func as any)(request, ...match.args, match.kwargs) : (match.func as any)(request, ...match.args);
  } catch (e) {
    if (e instanceof SuspiciousOperation) return { status: 400 };
    throw e;
  }
  if (response.status_code === 302) return { status: 302, location: response.get("Location") };
  const cl = response.context_data?.cl as ChangeList | undefined;
  if (!cl) return { status: response.status_code };
  return changelist_fields(cl);
}

function replay_case(c: CorpusCase, file: CorpusFile, schema_models: Map<string, Map<string, models.ModelClass>>): CaseResult {
  const spec = file.admin_specs[c.input.admin];
  const model = schema_models.get(spec.schema)!.get(spec.model)!;
  const site = new admin.AdminSite("admin");
  site.register(model, admin_class(spec.options));
  set_urlconf([path("admin/", site.urls)] as any);
  const app_model = `${model._meta.app_label}/${model._meta.model_name}`;
  const got = call_view(`/admin/${app_model}/${c.input.query}`);
  const expect = { ...c.expect };
  delete expect.url;
  const d = first_difference(got, expect);
  return d ? { passed: false, message: d } : { passed: true, message: "ok" };
}

export const replayer: AreaReplayer = {
  async prepare(file: CorpusFile) {
    await boot_sqlite();
    if (!settings.configured) settings.configure({ USE_TZ: true, TIME_ZONE: "UTC", DEBUG: false, DEFAULT_AUTO_FIELD: "django.db.models.AutoField" });
    const schemas = load_schemas();
    const built = new Map<string, { models: Map<string, models.ModelClass>; image: Uint8Array }>();
    for (const [name, schema] of Object.entries(schemas)) built.set(name, { models: build_models(schema), image: await seeded_image(schema) });
    const schema_models = new Map([...built].map(([name, b]) => [name, b.models]));
    const fixed_now = Date.parse(file.fixed_now) / 1000;
    return async (c: CorpusCase): Promise<CaseResult> => {
      const spec = file.admin_specs[c.input.admin];
      await open_database(built.get(spec.schema)!.image);
      freeze_time(fixed_now);
      try {
        return replay_case(c, file, schema_models);
      } finally {
        freeze_time(null);
        set_urlconf(null);
        connection.close();
      }
    };
  },
};
