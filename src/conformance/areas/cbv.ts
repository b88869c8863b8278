/**
 * Conformance replayer for the `cbv` area (FORMAT.md "cbv"): generic class-based views.
 *
 * `anatomy` cases: a dotted class name → `class_anatomy()` of our class (bases, MRO, own and
 * inherited names, and per attribute its owner, kind, overrides, value and Python signature).
 * `dispatch` cases: a view class built from the case (base, handlers, class attributes) is called
 * as `cls.as_view(initkwargs)(request, url_kwargs)` on a fresh database holding the fixtures; the
 * response (or the exception), its TemplateResponse context described per FORMAT.md, the
 * WARNING+ log records and, for edit views, the Books afterwards are compared with Django's.
 */
import type { AreaReplayer, CaseResult, CorpusCase, CorpusFile } from "../area";
import { first_difference, show } from "../compare";
import { request_environ } from "./wsgi-harness";
import { connection, type SqlValue } from "../../frameworks/django/db";
import * as models from "../../frameworks/django/db/models";
import { QuerySet } from "../../frameworks/django/db/models/query";
import { Apps } from "../../frameworks/django/apps/registry";
import { settings } from "../../frameworks/django/conf";
import { WSGIRequest } from "../../frameworks/django/core/handlers/wsgi_request";
import { DatabaseSchemaEditor } from "../../frameworks/django/db/backends/sqlite3/schema";
import { HttpResponse } from "../../frameworks/django/http/response";
import { SimpleTemplateResponse } from "../../frameworks/django/template/response";
import { path } from "../../frameworks/django/urls";
import { set_urlconf } from "../../frameworks/django/urls/base";
import { Paginator, Page } from "../../frameworks/django/core/paginator";
import { add_handler, WARNING } from "../../frameworks/python/logging";
import { date } from "../../frameworks/python/datetime";
import { utf8_encode } from "../../frameworks/python/bytes";
import { class_anatomy } from "../../frameworks/python/inspect";
import { PyObject } from "../../frameworks/python/mro";
import * as forms from "../../frameworks/django/forms";
import * as generic from "../../frameworks/django/views/generic";
import * as base from "../../frameworks/django/views/generic/base";
import * as detail from "../../frameworks/django/views/generic/detail";
import * as list from "../../frameworks/django/views/generic/list";
import * as edit from "../../frameworks/django/views/generic/edit";
import * as dates from "../../frameworks/django/views/generic/dates";
import { GENERIC_VIEW_HINTS } from "../../frameworks/django/views/generic/signatures";
import { SqlJsDriver, boot_sqlite } from "../../runtime/sqlite";

type Json = any;
const MODULES: Record<string, Record<string, unknown>> = { base, detail, list, edit, dates };

// --- fixtures: models, forms, URLconf ------------------------------------------------------------

function build_models(): { Author: any; Book: any } {
  const apps = new Apps([]);
  const Author = models.create_model("Author", {
    app_label: "confapp",
    module: "confapp.models",
    fields: [["name", new models.CharField({ max_length: 100 })]],
    Meta: { apps, ordering: ["id"] } as any,
  });
  const Book = models.create_model("Book", {
    app_label: "confapp",
    module: "confapp.models",
    fields: [
      ["title", new models.CharField({ max_length: 100 })],
      ["slug", new models.SlugField({ max_length: 100, blank: true })],
      ["pages", new models.IntegerField({ default: 0 })],
      ["pub_date", new models.DateField({ null: true, blank: true })],
      ["author", new models.ForeignKey(Author, { null: true, on_delete: models.CASCADE, related_name: "books" })],
    ],
    Meta: { apps, ordering: ["id"], verbose_name: "book" } as any,
    attrs: {
      get_absolute_url(this: { id: number }) {
        return `/books/${this.id}/`;
      },
    },
  });
  void Author._meta;
  void Book._meta;
  return { Author, Book };
}

function build_contact_form(): unknown {
  return class ContactForm extends forms.Form {
    static override fields = {
      name: new forms.CharField({ max_length: 10 }),
      age: new forms.IntegerField({ required: false, min_value: 0 }),
    };
  };
}

/**
 * sql.js registers a host function with the arity of the JS function it is given; the runtime's
 * driver passes `(...args)` wrappers (arity 0), so Django's SQL functions (`django_date_trunc`, used
 * by `QuerySet.dates()`) are registered here once per arity, as the orm replayer does.
 */
class ArityDriver extends SqlJsDriver {
  override create_function(name: string, fn: (...args: SqlValue[]) => SqlValue): void {
    const call = (...args: unknown[]) => {
      const result = fn(...(args as SqlValue[]));
      return result === undefined ? null : result;
    };
    const by_arity = [(a: unknown) => call(a), (a: unknown, b: unknown) => call(a, b), (a: unknown, b: unknown, c: unknown) => call(a, b, c), (a: unknown, b: unknown, c: unknown, d: unknown) => call(a, b, c, d)];
    for (const wrapper of by_arity) this.db.create_function(name, wrapper as any);
  }
}

async function empty_image(Author: any, Book: any): Promise<Uint8Array> {
  const SQL = await boot_sqlite();
  const driver = new ArityDriver(new SQL.Database());
  connection.set_driver(driver);
  const editor = new DatabaseSchemaEditor(connection as any);
  editor.__enter__();
  editor.create_model(Author);
  editor.create_model(Book);
  editor.__exit__();
  const image = driver.export();
  connection.close();
  return image;
}

function insert_rows(table: string, rows: Record<string, unknown>[]): void {
  for (const row of rows) {
    const columns = Object.keys(row);
    const cursor = connection.cursor();
    cursor.execute(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "%s").join(", ")})`, columns.map((c) => row[c]) as any);
    cursor.close();
  }
}

// --- anatomy -------------------------------------------------------------------------------------

function replay_anatomy(c: CorpusCase): CaseResult {
  const [, , , module, name] = c.input.class.split(".");
  const cls = MODULES[module]?.[name] as typeof PyObject | undefined;
  if (!cls) return { passed: false, message: `no class ${c.input.class}` };
  const got = class_anatomy(cls, GENERIC_VIEW_HINTS);
  const d = first_difference(JSON.parse(JSON.stringify(got)), c.expect);
  return { passed: !d, message: d ?? "ok" };
}

// --- dispatch ------------------------------------------------------------------------------------

interface Fixtures {
  Author: any;
  Book: any;
  ContactForm: unknown;
}

/** `class Name(Base): attrs; def h(self, request, *a, **k): return HttpResponse("h")` */
function build_view(spec: Json, fx: Fixtures): any {
  const Base = (generic as Record<string, any>)[spec.base];
  const cls = { [spec.name]: class extends Base {} }[spec.name];
  for (const [key, raw] of Object.entries(spec.attrs ?? {})) {
    const value = key === "model" ? fx[raw as "Book"] : key === "form_class" ? fx[raw as "ContactForm"] : raw;
    Object.defineProperty(cls, key, { value, enumerable: true, writable: true, configurable: true });
  }
  for (const h of spec.handlers ?? [])
    Object.defineProperty(cls.prototype, h, { value: () => new HttpResponse(h), writable: true, configurable: true });
  return cls;
}

function build_request(spec: Json): WSGIRequest {
  const query = spec.query ? `?${spec.query}` : "";
  const body = spec.form ? utf8_encode(new URLSearchParams(spec.form).toString()) : undefined;
  const environ = request_environ({
    method: spec.method,
    path: (spec.path ?? "/x/") + query,
    body,
    content_type: spec.form ? "application/x-www-form-urlencoded" : undefined,
  });
  return new WSGIRequest(environ);
}

function describe(value: unknown): Json {
  if (value === null || value === undefined) return null;
  if (value instanceof models.Model) return { model: value.constructor.name, pk: (value as any).pk };
  if (value instanceof QuerySet) {
    if ((value as any)._iterable_class === "flat") return { dates: [...value].map((d: any) => d.isoformat()) };
    return { queryset: value.model.name, pks: [...value].map((o: any) => o.pk) };
  }
  if (value instanceof Page)
    return { page: value.number, pks: [...(value.object_list as Iterable<any>)].map((o) => o.pk), has_next: value.has_next(), has_previous: value.has_previous(), start_index: value.start_index(), end_index: value.end_index() };
  if (value instanceof Paginator) return { count: value.count, num_pages: value.num_pages, per_page: value.per_page, orphans: value.orphans, page_range: value.page_range };
  if (value instanceof forms.BaseForm) return describe_form(value);
  if (value instanceof PyObject) return { view: value.constructor.name };
  if (value instanceof date) return value.isoformat();
  if (Array.isArray(value)) return value.map(describe);
  if (typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, describe(v)]));
  return value;
}

function describe_form(form: any): Json {
  const names = Object.keys(form.fields);
  const errors: Record<string, string[]> = {};
  for (const [name, list] of form.errors) errors[name] = [...list.messages];
  return { form: form.constructor.name, is_bound: form.is_bound, fields: names, values: Object.fromEntries(names.map((n) => [n, describe(form.bf(n).value())])), errors };
}

function describe_response(response: any): Json {
  const out: Json = { status: response.status_code, headers: {}, response_class: response.constructor.name };
  for (const name of ["Allow", "Location", "Content-Length", "Content-Type"]) if (response.has_header(name)) out.headers[name] = response.getitem(name);
  if (response instanceof SimpleTemplateResponse) {
    out.template_names = response.template_name;
    out.context = describe(response.context_data);
  } else out.body = new TextDecoder().decode(response.content);
  return out;
}

function error_json(e: unknown): Json {
  const err = e as any;
  return { error: err?.constructor?.name ?? "Error", message: err?.message ?? String(e) };
}

function books_after(Book: any): Json {
  const cursor = connection.cursor();
  cursor.execute('SELECT "id", "title", "pages" FROM "confapp_book" ORDER BY "id"', null);
  const rows = cursor.fetchall().map((r: any[]) => ({ pk: r[0], title: r[1], pages: r[2] }));
  cursor.close();
  void Book;
  return rows;
}

function replay_dispatch(c: CorpusCase, fx: Fixtures): CaseResult {
  const input = c.input;
  insert_rows("confapp_author", input.fixtures.Author ?? []);
  insert_rows("confapp_book", input.fixtures.Book ?? []);
  const log: [string, string, string][] = [];
  const remove = add_handler((r) => {
    if (r.levelno >= WARNING) log.push([r.levelname, r.name, r.message]);
  });
  let got: Json;
  try {
    const cls = build_view(input.view, fx);
    const view = cls.as_view(input.view.initkwargs ?? {});
    got = describe_response(view(build_request(input.request), { ...input.url_kwargs }));
  } catch (e) {
    got = error_json(e);
  } finally {
    remove();
  }
  got.log = log;
  if ("db_after" in c.expect) got.db_after = books_after(fx.Book);
  const expect = { ...c.expect };
  // Messages embedding Python reprs (NoReverseMatch's tried list, TypeError/KeyError) are informational.
  const informational = "error" in expect && ["NoReverseMatch", "TypeError", "KeyError"].includes(expect.error);
  if (informational && got.error === expect.error) got.message = expect.message;
  const d = first_difference(got, expect);
  return { passed: !d, message: d ? (got.error ? `${d} (raised ${got.error}: ${got.message})` : d) : "ok" };
}

export const replayer: AreaReplayer = {
  async prepare(file: CorpusFile) {
    await boot_sqlite();
    if (!settings.configured) settings.configure({ USE_TZ: true, TIME_ZONE: "UTC", DEBUG: false, DEFAULT_AUTO_FIELD: "django.db.models.AutoField" });
    const { Author, Book } = build_models();
    const fx: Fixtures = { Author, Book, ContactForm: build_contact_form() };
    const image = await empty_image(Author, Book);
    const urlconf = (file.urlconf as [string, string][]).map(([route, name]) => path(route, () => new HttpResponse(name), { name }));
    return async (c: CorpusCase): Promise<CaseResult> => {
      if (c.input.kind === "anatomy") return replay_anatomy(c);
      const SQL = await boot_sqlite();
      connection.set_driver(new ArityDriver(new SQL.Database(image)));
      set_urlconf(urlconf as any);
      try {
        return replay_dispatch(c, fx);
      } catch (e) {
        return { passed: false, message: `replayer error: ${show(error_json(e))}` };
      } finally {
        set_urlconf(null);
        connection.close();
      }
    };
  },
};
