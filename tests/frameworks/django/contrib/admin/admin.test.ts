import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { settings } from "../../../../../src/frameworks/django/conf";
import { connection } from "../../../../../src/frameworks/django/db";
import { WSGIRequest } from "../../../../../src/frameworks/django/core/handlers/wsgi_request";
import { SuspiciousOperation } from "../../../../../src/frameworks/django/core/exceptions";
import { path } from "../../../../../src/frameworks/django/urls";
import { resolve, set_urlconf } from "../../../../../src/frameworks/django/urls/base";
import * as admin from "../../../../../src/frameworks/django/contrib/admin";
import { construct_search } from "../../../../../src/frameworks/django/contrib/admin/options";
import { build_q_object_from_lookup_parameters, prepare_lookup_value, quote, unquote } from "../../../../../src/frameworks/django/contrib/admin/utils";
import { result_headers, results } from "../../../../../src/frameworks/django/contrib/admin/templatetags/admin_list";
import * as admin_list from "../../../../../src/frameworks/django/contrib/admin/templatetags/admin_list";
import * as admin_modify from "../../../../../src/frameworks/django/contrib/admin/templatetags/admin_modify";
import * as admin_urls from "../../../../../src/frameworks/django/contrib/admin/templatetags/admin_urls";
import * as log from "../../../../../src/frameworks/django/contrib/admin/templatetags/log";
import { freeze_time } from "../../../../../src/frameworks/python/time";
import { Recorder, set_active_recorder } from "../../../../../src/trace";
import { boot_sqlite } from "../../../../../src/runtime/sqlite";
import { build_models, open_database, seeded_image, type SchemaSpec } from "../../../../../src/conformance/areas/orm";
import { request_environ } from "../../../../../src/conformance/areas/wsgi-harness";
import { FRAMEWORK_MODULES } from "../../../../../src/modes";
import { CookieStorage } from "../../../../../src/frameworks/django/contrib/messages/storage/cookie";

const SCHEMA: SchemaSpec = {
  app_label: "shop",
  models: [
    { name: "Maker", str: "name", fields: [{ name: "id", type: "AutoField", options: { primary_key: true } }, { name: "name", type: "CharField", options: { max_length: 50 } }], meta: { ordering: ["name"] } },
    {
      name: "Item",
      str: "title",
      fields: [
        { name: "id", type: "AutoField", options: { primary_key: true } },
        { name: "title", type: "CharField", options: { max_length: 50 } },
        { name: "maker", type: "ForeignKey", options: { to: "Maker", on_delete: "CASCADE", related_name: "items" } },
        { name: "stock", type: "IntegerField", options: { default: 0 } },
        { name: "active", type: "BooleanField", options: { default: true } },
        { name: "added", type: "DateField", options: { null: true, blank: true } },
      ],
      meta: { ordering: ["title"] },
    },
  ],
  seed: [
    { model: "Maker", table: "shop_maker", values: { id: 1, name: "Acme" } },
    { model: "Maker", table: "shop_maker", values: { id: 2, name: "Zenith" } },
    { model: "Item", table: "shop_item", values: { id: 1, title: "Bolt", maker_id: 1, stock: 5, active: true, added: { __date__: "2024-03-01" } } },
    { model: "Item", table: "shop_item", values: { id: 2, title: "Anvil", maker_id: 1, stock: 0, active: false, added: null } },
    { model: "Item", table: "shop_item", values: { id: 3, title: "Crate", maker_id: 2, stock: 12, active: true, added: { __date__: "2023-07-04" } } },
  ],
};

const SUPERUSER = { is_active: true, is_staff: true, is_superuser: true, is_authenticated: true, has_perm: () => true, has_module_perms: () => true, get_username: () => "root", get_short_name: () => "root" };

// The admin's templates live in its package folder; without an app registry the test points a
// DjangoTemplates engine at that folder (DIRS), as a project could.
const SETTINGS = {
  USE_TZ: true,
  TIME_ZONE: "UTC",
  DEBUG: false,
  DEFAULT_AUTO_FIELD: "django.db.models.AutoField",
  STATIC_URL: "static/",
  SECRET_KEY: "admin-tests",
  ALLOWED_HOSTS: ["testserver"],
  TEMPLATES: [
    {
      BACKEND: "django.template.backends.django.DjangoTemplates",
      DIRS: ["django/contrib/admin/templates"],
      APP_DIRS: false,
      OPTIONS: { libraries: { admin_list: admin_list.register, admin_modify: admin_modify.register, admin_urls: admin_urls.register, log: log.register } },
    },
  ],
};

let image: Uint8Array;
let Item: any;

beforeAll(async () => {
  await boot_sqlite();
  settings.configure(SETTINGS);
  const classes = build_models(SCHEMA);
  Item = classes.get("Item");
  image = await seeded_image(SCHEMA);
});

beforeEach(async () => {
  settings.configure(SETTINGS);
  await open_database(image);
  freeze_time(Date.parse("2024-03-06T12:00:00Z") / 1000);
});

afterEach(() => {
  freeze_time(null);
  set_urlconf(null);
  connection.close();
});

function mount(options: Record<string, unknown>): admin.AdminSite {
  const site = new admin.AdminSite("admin");
  site.register(
    Item,
    class ItemAdmin extends admin.ModelAdmin {
      constructor(model: any, s: any) {
        super(model, s);
        Object.assign(this, options);
      }
    },
  );
  set_urlconf([path("admin/", site.urls)] as any);
  return site;
}

function get(url: string, form: Record<string, string | string[]> | null = null): any {
  const body = form ? new TextEncoder().encode(new URLSearchParams(Object.entries(form).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString()) : undefined;
  const request = new WSGIRequest(request_environ({ method: form ? "POST" : "GET", path: url, body, content_type: form ? "application/x-www-form-urlencoded" : undefined }));
  request.user = SUPERUSER;
  (request as any)._dont_enforce_csrf_checks = true; // as Django's test client
  (request as any)._messages = new CookieStorage(request); // what MessageMiddleware attaches
  const match = resolve(request.path_info);
  request.resolver_match = match;
  return Object.keys(match.kwargs).length ? (match.func as any)(request, ...match.args, match.kwargs) : (match.func as any)(request, ...match.args);
}

function html(response: any): string {
  response.render();
  return new TextDecoder().decode(response.content);
}

function mount_maker(inline: typeof admin.InlineModelAdmin): void {
  const site = new admin.AdminSite("admin");
  const Maker = Item._meta.get_field("maker").related_model;
  site.register(
    Maker,
    class MakerAdmin extends admin.ModelAdmin {
      override inlines = [
        class ItemInline extends inline {
          override model = Item;
          override extra = 1;
        },
      ];
    },
  );
  site.register(Item);
  set_urlconf([path("admin/", site.urls)] as any);
}

const text = (html: unknown) => String(html).replace(/<img[^>]*alt="([^"]*)"[^>]*>/g, "$1").replace(/<[^>]+>/g, "");

describe("django.contrib.admin: query-string helpers", () => {
  it("construct_search maps the prefixes to lookups (^ istartswith, = iexact, @ search, else icontains)", () => {
    const opts = Item._meta;
    expect(["^title", "=maker__name", "@title", "title", "maker__name"].map((f) => construct_search(opts, f))).toEqual(["title__istartswith", "maker__name__iexact", "title__search", "title__icontains", "maker__name__icontains"]);
  });

  it("prepare_lookup_value splits __in and reads __isnull as a boolean", () => {
    expect(prepare_lookup_value("pk__in", "1,3")).toEqual(["1", "3"]);
    expect(prepare_lookup_value("x__isnull", "0")).toBe(false);
    expect(prepare_lookup_value("x__isnull", "True")).toBe(true);
    expect(build_q_object_from_lookup_parameters({ a: ["1", "2"], b: ["x"] }).toString()).toBe("(AND: (OR: ('a', '1'), ('a', '2')), ('b', 'x'))");
  });

  it("quote escapes pk characters that would break a URL path, unquote reverses it", () => {
    expect(quote("a/b_c")).toBe("a_2Fb_5Fc");
    expect(unquote("a_2Fb_5Fc")).toBe("a/b_c");
  });
});

describe("django.contrib.admin: the changelist", () => {
  it("default ordering is Meta.ordering made deterministic with -pk; the first column links with preserved filters", () => {
    mount({ list_display: ["title", "maker", "stock", "active", "added"] });
    const response = get("/admin/shop/item/");
    const cl = response.context_data.cl;
    expect([...cl.result_list].map((o: any) => o.pk)).toEqual([2, 1, 3]);
    expect(cl.list_display).toEqual(["action_checkbox", "title", "maker", "stock", "active", "added"]);
    expect(results(cl)[0].map(text)).toEqual(["", "Anvil", "Acme", "0", "False", "-"]);
    expect(String(results(cl)[1][1])).toBe('<th class="field-title"><a href="/admin/shop/item/1/change/">Bolt</a></th>');
    expect(String(results(cl)[1][5])).toBe('<td class="field-added nowrap">March 1, 2024</td>');
  });

  it("?o= sorts by column index and the header links toggle it", () => {
    mount({ list_display: ["title", "stock"] });
    const cl = get("/admin/shop/item/?o=-2").context_data.cl;
    expect([...cl.result_list].map((o: any) => o.pk)).toEqual([3, 1, 2]);
    const headers = result_headers(cl).map((h) => [h.sorted ?? false, h.url_primary ?? null]);
    expect(headers).toEqual([
      [false, null],
      [false, "?o=1.-2"],
      [true, "?o=2"],
    ]);
  });

  it("search ANDs the terms and ORs the fields; smart_split keeps quoted phrases", () => {
    mount({ list_display: ["title"], search_fields: ["title", "=maker__name"] });
    expect([...get("/admin/shop/item/?q=acme").context_data.cl.result_list].map((o: any) => o.pk)).toEqual([2, 1]);
    expect([...get("/admin/shop/item/?q=acme%20bol").context_data.cl.result_list].map((o: any) => o.pk)).toEqual([1]);
    expect(get("/admin/shop/item/?q=%22ac%20me%22").context_data.cl.result_count).toBe(0);
  });

  it("list_filter builds Boolean, Related and Date filters with Django's choices", () => {
    mount({ list_display: ["title"], list_filter: ["active", "maker", "added"] });
    const cl = get("/admin/shop/item/?active__exact=1").context_data.cl;
    expect([...cl.result_list].map((o: any) => o.pk)).toEqual([1, 3]);
    const filters = cl.filter_specs.map((s: any) => [s.constructor.name, s.choices(cl).map((c: any) => `${c.selected ? "*" : ""}${c.display} ${c.query_string}`)]);
    expect(filters[0]).toEqual(["BooleanFieldListFilter", ["All ?", "*Yes ?active__exact=1", "No ?active__exact=0"]]);
    expect(filters[1]).toEqual(["RelatedFieldListFilter", ["*All ?active__exact=1", "Acme ?active__exact=1&maker__id__exact=1", "Zenith ?active__exact=1&maker__id__exact=2"]]);
    expect(filters[2][1].slice(0, 3)).toEqual(["*Any date ?active__exact=1", "Today ?active__exact=1&added__gte=2024-03-06&added__lt=2024-03-07", "Past 7 days ?active__exact=1&added__gte=2024-02-28&added__lt=2024-03-07"]);
  });

  it("a bad value redirects to ?e=1; a relation lookup no filter offers is a SuspiciousOperation (400)", () => {
    mount({ list_display: ["title"] });
    const response = get("/admin/shop/item/?stock__gt=abc");
    expect([response.status_code, response.get("Location")]).toEqual([302, "/admin/shop/item/?e=1"]);
    expect(() => get("/admin/shop/item/?maker__name=Acme")).toThrow(SuspiciousOperation);
    expect(get("/admin/shop/item/?maker__id__exact=2").context_data.cl.result_count).toBe(1);
  });

  it("paginates: a page out of range on a multi-page list is IncorrectLookupParameters", () => {
    mount({ list_display: ["title"], list_per_page: 2 });
    const cl = get("/admin/shop/item/?p=2").context_data.cl;
    expect([cl.multi_page, cl.paginator.num_pages, [...cl.result_list].map((o: any) => o.pk)]).toEqual([true, 2, [3]]);
    expect(get("/admin/shop/item/?p=3").status_code).toBe(302);
  });

  it("renders Django's changelist page: table, filter sidebar, paginator", () => {
    mount({ list_display: ["title", "active"], list_filter: ["active"] });
    const response = get("/admin/shop/item/");
    response.render();
    const html = new TextDecoder().decode(response.content);
    expect(html).toContain('<table id="result_list">');
    expect(html).toContain('<nav id="changelist-filter"');
    expect(html).toContain("<h1>Select item to change</h1>");
    expect(html).toMatch(/3 items/);
    // Django's page links the admin's static files by URL.
    expect(html).toContain('<link rel="stylesheet" href="/static/admin/css/changelists.css">');
  });
});

describe("django.contrib.admin: trace", () => {
  it("records admin spans for each step with the ORM's spans nested inside", () => {
    mount({ list_display: ["title", "maker"], search_fields: ["title"], list_filter: ["active"] });
    const recorder = new Recorder({ enabled: true });
    const previous = set_active_recorder(recorder);
    try {
      get("/admin/shop/item/?q=b&active__exact=1");
    } finally {
      set_active_recorder(previous);
    }
    const spans = recorder.trace().spans;
    const names = spans.filter((s) => s.kind === "admin").map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(["ItemAdmin.changelist_view", "ChangeList.get_queryset", "ChangeList.get_filters", "filter BooleanFieldListFilter", "select_related", "ordering", "ModelAdmin.get_search_results", "ChangeList.get_results (pagination)"]),
    );
    const search = spans.find((s) => s.name === "ModelAdmin.get_search_results")!;
    expect(search.attrs.q).toBe("(AND: (OR: ('title__icontains', 'b')))");
    const results_span = spans.find((s) => s.name === "ChangeList.get_results (pagination)")!;
    const nested_sql = spans.filter((s) => s.kind === "sql" && is_under(spans, s, results_span.id));
    expect(nested_sql.length).toBeGreaterThan(0);
  });
});

describe("django.contrib.admin: registration", () => {
  it("register(Model)(AdminClass) registers on the default site; twice is AlreadyRegistered", () => {
    class ItemAdmin extends admin.ModelAdmin {}
    expect(admin.register(Item)(ItemAdmin)).toBe(ItemAdmin);
    expect(admin.site.get_model_admin(Item)).toBeInstanceOf(ItemAdmin);
    expect(() => admin.site.register(Item)).toThrow(admin.AlreadyRegistered);
    admin.site.unregister(Item);
    expect(() => admin.site.get_model_admin(Item)).toThrow(admin.NotRegistered);
  });

  it("display() sets the column label, boolean icon and ordering of a callable", () => {
    const fn = admin.display({ description: "In stock?", boolean: true, ordering: "stock" })((obj: any) => obj.stock > 0);
    expect([fn.short_description, fn.boolean, fn.admin_order_field]).toEqual(["In stock?", true, "stock"]);
    mount({ list_display: ["title", fn] });
    const cl = get("/admin/shop/item/").context_data.cl;
    expect(result_headers(cl)[2].text).toBe("In stock?");
    expect(results(cl).map((r) => text(r[2]))).toEqual(["False", "True", "True"]);
  });

  it("resolves as a framework module for user code", () => {
    expect((FRAMEWORK_MODULES as Record<string, any>)["django/contrib/admin"].site).toBe(admin.site);
  });
});

function is_under(spans: { id: number; parent: number | null }[], span: { parent: number | null }, ancestor: number): boolean {
  let parent = span.parent;
  while (parent !== null) {
    if (parent === ancestor) return true;
    parent = spans[parent].parent;
  }
  return false;
}

describe("django.contrib.admin: add, change, delete", () => {
  it("the add form shows validation errors, then saves and redirects to the changelist", () => {
    mount_maker(admin.TabularInline);
    const page = html(get("/admin/shop/maker/add/"));
    expect(page).toContain("<h1>Add maker</h1>");
    expect(page).toContain('name="name"');
    expect(page).toContain('id="items-group"');
    const invalid = html(get("/admin/shop/maker/add/", { name: "", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0" }));
    expect(invalid).toMatch(/<p class="errornote">\s*Please correct the error below.\s*<\/p>/);
    expect(invalid).toContain("This field is required.");
    const saved = get("/admin/shop/maker/add/", { name: "Orbit", "items-TOTAL_FORMS": "1", "items-INITIAL_FORMS": "0", "items-0-title": "Gear", "items-0-stock": "4", "items-0-active": "on" });
    expect([saved.status_code, saved.get("Location")]).toEqual([302, "/admin/shop/maker/"]);
    const Maker = Item._meta.get_field("maker").related_model;
    const orbit = Maker.objects.get({ name: "Orbit" });
    expect([...Item.objects.filter({ maker_id: orbit.pk })].map(String)).toEqual(["Gear"]);
  });

  it("the change form lists the inline rows (tabular) and edits them", () => {
    mount_maker(admin.TabularInline);
    const page = html(get("/admin/shop/maker/1/change/"));
    expect(page).toContain("<h1>Change maker</h1>");
    expect(page).toContain('name="items-TOTAL_FORMS" value="3"');
    expect(page).toMatch(/<td class="original">\s*<p>\s*Bolt\s*<\/p>/);
    const response = get("/admin/shop/maker/1/change/", {
      name: "Acme Corp",
      "items-TOTAL_FORMS": "2", "items-INITIAL_FORMS": "2",
      "items-0-id": "1", "items-0-title": "Bolt", "items-0-stock": "9", "items-0-active": "on",
      "items-1-id": "2", "items-1-title": "Anvil", "items-1-stock": "0", "items-1-DELETE": "on",
    });
    expect(response.status_code).toBe(302);
    expect([...Item.objects.filter({ maker_id: 1 }).order_by("id")].map((i: any) => [i.title, i.stock])).toEqual([["Bolt", 9]]);
  });

  it("a stacked inline renders one fieldset per related row", () => {
    mount_maker(admin.StackedInline);
    const page = html(get("/admin/shop/maker/2/change/"));
    expect(page).toMatch(/<span class="inline_label">Crate\s*<\/span>/);
  });

  it("delete asks first, listing everything the cascade removes, then deletes", () => {
    mount_maker(admin.TabularInline);
    const page = html(get("/admin/shop/maker/1/delete/"));
    expect(page).toContain('Are you sure you want to delete the maker "Acme"?');
    expect(page).toContain("<li>Items: 2</li>");
    expect(page).toMatch(/Item: <a href="\/admin\/shop\/item\/1\/change\/">Bolt<\/a>/);
    expect(page).toMatch(/Maker: <a href="\/admin\/shop\/maker\/1\/change\/">Acme<\/a>\s*<ul>\s*<li>Item: /);
    const done = get("/admin/shop/maker/1/delete/", { post: "yes" });
    expect([done.status_code, done.get("Location")]).toEqual([302, "/admin/shop/maker/"]);
    expect(Item.objects.count()).toBe(1);
  });

  it("delete_selected: the changelist action shows the confirmation, then deletes the selected rows", () => {
    mount({ list_display: ["title"] });
    const confirm = html(get("/admin/shop/item/", { action: "delete_selected", _selected_action: ["1", "3"], index: "0" }));
    expect(confirm).toContain("Are you sure you want to delete the selected items?");
    expect(confirm).toContain("<li>Items: 2</li>");
    const done = get("/admin/shop/item/", { action: "delete_selected", _selected_action: ["1", "3"], post: "yes" });
    expect(done.status_code).toBe(302);
    expect([...Item.objects.all()].map((i: any) => i.pk)).toEqual([2]);
  });
});

describe("django.contrib.admin: form options", () => {
  it("fieldsets group the fields (a tuple shares a row); readonly_fields and admin methods show as text", () => {
    const site = new admin.AdminSite("admin");
    class ItemAdmin extends admin.ModelAdmin {
      override fieldsets: any = [
        [null, { fields: ["title", ["stock", "active"]] }],
        ["Dates", { fields: ["added", "maker_name"], classes: ["collapse"], description: "When it arrived" }],
      ];
      override readonly_fields = ["added", "maker_name"];
      maker_name = admin.display({ description: "Made by" })((obj: any) => obj.maker.name.toUpperCase());
    }
    site.register(Item, ItemAdmin);
    set_urlconf([path("admin/", site.urls)] as any);
    const page = html(get("/admin/shop/item/1/change/"));
    expect(page).toContain('<h2 id="fieldset-0-1-heading" class="fieldset-heading">Dates</h2>');
    expect(page).toContain('<fieldset class="module aligned collapse" aria-labelledby="fieldset-0-1-heading">');
    expect(page).toContain('<div class="form-row field-stock field-active">');
    expect(page).toMatch(/<label>Made by:<\/label>\s*<div class="readonly">ACME<\/div>/);
    expect(page).toMatch(/<label>Added:<\/label>\s*<div class="readonly">March 1, 2024<\/div>/);
    expect(page).not.toContain('name="added"');
    const saved = get("/admin/shop/item/1/change/", { title: "Bolt", stock: "7", added: "2000-01-01" });
    expect(saved.status_code).toBe(302);
    const item = Item.objects.get({ pk: 1 });
    expect([item.stock, item.active, String(item.added)]).toEqual([7, false, "2024-03-01"]);
  });

  it("exclude leaves fields out of the form; a ModelAdmin method with ordering sorts its column", () => {
    const site = new admin.AdminSite("admin");
    class ItemAdmin extends admin.ModelAdmin {
      override exclude = ["added", "active"];
      override list_display = ["title", "doubled"];
      doubled = admin.display({ ordering: "-stock", description: "Twice" })((obj: any) => obj.stock * 2);
    }
    site.register(Item, ItemAdmin);
    set_urlconf([path("admin/", site.urls)] as any);
    const form_page = html(get("/admin/shop/item/add/"));
    expect(form_page).toContain('<input type="number" name="stock" value="0" class="vIntegerField" required id="id_stock">');
    expect(form_page).toContain('<input type="text" name="title" class="vTextField" maxlength="50" required id="id_title">');
    expect(form_page).not.toContain('name="added"');
    const cl = get("/admin/shop/item/?o=2").context_data.cl;
    expect([...cl.result_list].map((o: any) => o.pk)).toEqual([3, 1, 2]);
    expect(results(cl).map((r) => text(r[2]))).toEqual(["24", "10", "0"]);
  });
});
