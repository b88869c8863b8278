"""Record what Django 5.2.17's admin changelist answers for generated queries, in the corpus's
`admin` format (FORMAT.md part B §5).

Run: /work/.venv-ref/bin/python tests/frameworks/django/contrib/admin/changelist_recorded.py [SEED COUNT OUT]
With no arguments it writes changelist.recorded.json beside this file (committed;
changelist_recorded.test.ts replays each case through src/conformance/areas/admin.ts).

The `library` and `blog` schemas and seed come from the corpus's orm.json, the eight ModelAdmin
specs from admin.json; a superuser GETs `/admin/<app>/<model>/<query>` with the clock at
`fixed_now`, and the ChangeList is described as the corpus describes it (pks, counts, pages,
columns, headers, rows as text and links, filters and their choices, date hierarchy, page range,
ordering columns) — or the 302 to `?e=1`, or 400 for a disallowed lookup. The queries are drawn
from a seeded generator: orderings (`o`), pages (`p`, `all`), searches (`q`, quoted phrases),
filter parameters each list_filter offers and lookups the admin must refuse.
"""
import datetime
import decimal
import html
import json
import os
import random
import re
import sys
import types
from unittest import mock
from urllib.parse import quote

import django
from django.apps import AppConfig
from django.conf import settings

CORPUS = "/work/shared/conformance"
HERE = os.path.dirname(os.path.abspath(__file__))
ADMIN = json.load(open(os.path.join(CORPUS, "admin.json")))
SCHEMAS = json.load(open(os.path.join(CORPUS, "orm.json")))["schemas"]


def app_module(label):
    """A package `label` with an AppConfig, so the schema installs as a real app (the admin reads it)."""
    module = types.ModuleType(label)
    module.__path__ = []
    apps_module = types.ModuleType(f"{label}.apps")
    apps_module.Config = type("Config", (AppConfig,), {"name": label, "path": HERE, "default_auto_field": "django.db.models.AutoField"})
    sys.modules[label], sys.modules[f"{label}.apps"] = module, apps_module


for label in SCHEMAS:
    app_module(label)
settings.configure(
    SECRET_KEY="changelist-recorded", USE_TZ=True, TIME_ZONE="UTC", DEBUG=False, ROOT_URLCONF="recorded_admin_urls",
    INSTALLED_APPS=["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.messages",
                    "django.contrib.sessions"] + [f"{label}.apps.Config" for label in SCHEMAS],
    DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True,
                "OPTIONS": {"context_processors": ["django.template.context_processors.request"]}}],
)
django.setup()
from django.apps import apps  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.admin.templatetags.admin_list import date_hierarchy, pagination, result_headers, results  # noqa: E402
from django.core.exceptions import SuspiciousOperation  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import clear_url_caches, path, resolve  # noqa: E402

FIXED_NOW = datetime.datetime.fromisoformat(ADMIN["fixed_now"])


# --- The schemas as Django models, seeded ---------------------------------------------------------

def decode(value):
    if isinstance(value, dict) and len(value) == 1:
        (marker, text), = value.items()
        if marker == "__date__":
            return datetime.date.fromisoformat(text)
        if marker == "__datetime__":
            return datetime.datetime.fromisoformat(text)
        if marker == "__decimal__":
            return decimal.Decimal(text)
        if marker == "__float__":
            return float(text)
    return value


ON_DELETE = {"CASCADE": models.CASCADE, "PROTECT": models.PROTECT, "SET_NULL": models.SET_NULL}


def build_field(spec):
    options = {k: decode(v) for k, v in spec.get("options", {}).items()}
    if "choices" in options:
        options["choices"] = [tuple(c) for c in options["choices"]]
    if "on_delete" in options:
        options["on_delete"] = ON_DELETE[options["on_delete"]]
    if "to" in options:
        return getattr(models, spec["type"])(options.pop("to"), **options)
    return getattr(models, spec["type"])(**options)


def build_models(schema):
    built = {}
    for m in schema["models"]:
        meta = {k: v for k, v in m.get("meta", {}).items() if k in ("ordering", "get_latest_by", "verbose_name_plural")}
        if "unique_together" in m.get("meta", {}):
            meta["unique_together"] = [tuple(t) for t in m["meta"]["unique_together"]]
        attrs = {"__module__": f"{schema['app_label']}.models", "Meta": type("Meta", (), {"app_label": schema["app_label"], **meta})}
        for f in m["fields"]:
            attrs[f["name"]] = build_field(f)
        if m.get("str"):
            attrs["__str__"] = lambda self, _f=m["str"]: str(getattr(self, _f))
        built[m["name"]] = type(m["name"], (models.Model,), attrs)
    return built


MODELS = {name: build_models(schema) for name, schema in SCHEMAS.items()}
with connection.schema_editor() as editor:
    for built in MODELS.values():
        for model in built.values():
            editor.create_model(model)
TABLES = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
for schema in SCHEMAS.values():
    for row in schema["seed"]:
        model = TABLES[row["table"]]
        json_fields = {f.attname for f in model._meta.fields if isinstance(f, models.JSONField)}
        values = {k: (v if k in json_fields else decode(v)) for k, v in row["values"].items()}
        model.objects.bulk_create([model(**values)])


# --- One case: a changelist GET, described --------------------------------------------------------

class Superuser:
    is_active = is_staff = is_superuser = is_authenticated = True
    is_anonymous = False
    pk = id = 1

    def has_perm(self, *a, **k):
        return True

    has_perms = has_module_perms = has_perm

    def get_username(self):
        return "admin"

    def __str__(self):
        return "admin"


def admin_class(options):
    values = dict(options)
    if "list_filter" in values:
        values["list_filter"] = [(i[0], getattr(admin, i[1])) if isinstance(i, list) else i for i in values["list_filter"]]
    return type("SpecAdmin", (admin.ModelAdmin,), values)


def cell_text(markup):
    text = re.sub(r"<img\b[^>]*\balt=\"([^\"]*)\"[^>]*>", r"\1", str(markup), flags=re.I)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]*>", "", text))).strip()


def changelist_fields(cl):
    rows = [[str(c) for c in row] for row in results(cl)]
    hierarchy = date_hierarchy(cl)
    return {
        "status": 200, "pks": [o.pk for o in cl.result_list], "result_count": cl.result_count,
        "full_result_count": cl.full_result_count, "num_pages": cl.paginator.num_pages, "page_num": cl.page_num,
        "show_all": cl.show_all, "multi_page": cl.multi_page, "can_show_all": cl.can_show_all, "search_query": cl.query,
        "columns": list(cl.list_display),
        "headers": [{"text": cell_text(h["text"]), "sortable": h["sortable"], "sorted": h.get("sorted", False),
                     "ascending": h.get("ascending", False), "sort_priority": h.get("sort_priority", 0),
                     "url_primary": h.get("url_primary")} for h in result_headers(cl)],
        "rows": [{"cells": [cell_text(c) for c in cells], "links": [html.unescape(h) for c in cells for h in re.findall(r'href="([^"]*)"', c)]}
                 for cells in rows],
        "filters": [{"title": str(spec.title), "choices": [{"display": str(c["display"]), "selected": c["selected"], "query_string": c["query_string"]}
                                                           for c in spec.choices(cl)]} for spec in cl.filter_specs],
        "date_hierarchy": hierarchy and {"back": hierarchy["back"], "choices": [{"link": c.get("link"), "title": c["title"]} for c in hierarchy["choices"]]},
        "page_range": [str(p) for p in pagination(cl)["page_range"]],
        "ordering_columns": {str(k): v for k, v in cl.get_ordering_field_columns().items()},
    }


def record(i):
    spec = ADMIN["admin_specs"][i["admin"]]
    model = MODELS[spec["schema"]][spec["model"]]
    site = admin.AdminSite("admin")
    site.register(model, admin_class(spec["options"]))
    urls = types.ModuleType("recorded_admin_urls")
    urls.urlpatterns = [path("admin/", site.urls)]
    sys.modules["recorded_admin_urls"] = urls
    clear_url_caches()
    url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/{i['query']}"
    request = RequestFactory().get(url)
    request.user = Superuser()
    match = request.resolver_match = resolve(request.path_info)
    with mock.patch("django.utils.timezone.now", lambda: FIXED_NOW):
        try:
            response = match.func(request, *match.args, **match.kwargs)
        except SuspiciousOperation:
            return {"status": 400, "url": url}
        if response.status_code == 302:
            return {"status": 302, "location": response["Location"], "url": url}
        return {**changelist_fields(response.context_data["cl"]), "url": url}


# --- The generators: queries over the corpus's eight specs ------------------------------------------

R = random.Random(0)
SEARCHES = ["the", "THE", "the magic", '"left hand"', '"guards guards"', "Terry Pratchett", '"terry pratchett"', "humor", "off_sale",
            "", "  ", "emma", "le guin", "gods", "%", "_", "50%", "'", '"unterminated', "Émile", "é", "django", "draft", "python tips", "x" * 5]
PARAMS = {
    "book_filters": ["in_print__exact=0", "in_print__exact=1", "in_print__exact=maybe", "author__id__exact=4", "author__id__exact=999",
                     "publisher__isnull=True", "publisher__isnull=False", "tags__id__exact=3", "tags__id__exact=1", "publisher__city=",
                     "publisher__city=London", "price__isempty=1", "price__isempty=0", "published__gte=2024-01-01&published__lt=2025-01-01",
                     "published__gte=1900-01-01&published__lt=2000-01-01", "published__isnull=True", "published__isnull=False",
                     "editor__id__exact=6", "editor__isnull=True", "author__id__exact=abc", "publisher__id__exact=2", "tags__isnull=True"],
    "post_admin": ["status__exact=draft", "status__exact=published", "status__exact=nope", "category__id__exact=3", "category__id__exact=1",
                   "category__parent__id__exact=2", "category__parent__isnull=True", "published_at__isnull=True",
                   "published_at__gte=2024-02-28+00%3A00%3A00%2B00%3A00&published_at__lt=2024-03-07+00%3A00%3A00%2B00%3A00",
                   "published_at__gte=2024-03-06+00%3A00%3A00%2B00%3A00&published_at__lt=2024-03-07+00%3A00%3A00%2B00%3A00",
                   "published_at__gte=2024-03-01+00%3A00%3A00%2B00%3A00&published_at__lt=2024-04-01+00%3A00%3A00%2B00%3A00"],
    "book_hierarchy": ["published__year=1989", "published__year=1989&published__month=11", "published__year=1989&published__month=11&published__day=1",
                       "published__year__gte=1960", "published__year=abc", "published__year=2001&published__month=1", "published__year=1817"],
}
GENERAL = ["pages__gt=400", "pk__in=1,3,5", "author__email=jane@example.com", "author__id__exact=1", "pages__gt=abc", "e=1", "nope=1",
           "title__icontains=the", "id__lt=5", "pages=0", "_changelist_filters=x", "to_field=id", "_to_field=id", "_popup=1"]


def ordering(columns):
    parts = []
    for _ in range(R.randint(1, 3)):
        n = R.choice(range(-1, columns + 2))
        parts.append(("-" if R.random() < 0.4 else "") + str(n))
    return R.choice([".".join(parts), "", "99", "x", "1.1", "-0"])


def gen_query(spec_name):
    spec = ADMIN["admin_specs"][spec_name]
    options = spec["options"]
    columns = len(options.get("list_display", ["__str__"])) + (0 if options.get("actions", "default") is None else 1)
    params = []
    if R.random() < 0.5:
        params.append("o=" + ordering(columns))
    if R.random() < 0.35:
        params.append(R.choice(["p=" + str(R.randint(0, 5)), "p=abc", "all=", "p=1", "p=2"]))
    if options.get("search_fields") and R.random() < 0.6:
        params.append("q=" + quote(R.choice(SEARCHES)))
    if spec_name in PARAMS and R.random() < 0.6:
        params.append(R.choice(PARAMS[spec_name]))
    if R.random() < 0.15:
        params.append(R.choice(GENERAL))
    R.shuffle(params)
    return "?" + "&".join(params) if params else R.choice(["", "?"])


# Further specs, generated: a ModelAdmin per model with a random pick of the options FORMAT.md lists.
MODEL_OPTIONS = {
    ("library", "Book"): {"display": ["title", "author", "editor", "publisher", "pages", "price", "published", "in_print", "slug",
                                      "__str__", "author__name", "publisher__city", "metadata"],
                          "filter": ["in_print", "author", "publisher", "tags", "published", "publisher__city", "pages", "editor",
                                     ["price", "EmptyFieldListFilter"], ["editor", "RelatedOnlyFieldListFilter"], ["published", "EmptyFieldListFilter"]],
                          "search": ["title", "^slug", "=author__name", "tags__name", "publisher__name", "^title"], "date": "published"},
    ("library", "Author"): {"display": ["name", "email", "birth_date", "rating", "__str__"], "filter": ["birth_date", "rating", ["email", "EmptyFieldListFilter"]],
                            "search": ["name", "=email", "^name"], "date": "birth_date"},
    ("library", "Review"): {"display": ["reviewer", "book", "rating", "created", "book__title"], "filter": ["rating", "created", "book", "book__author"],
                            "search": ["reviewer", "body", "book__title"], "date": "created"},
    ("blog", "Post"): {"display": ["title", "category", "status", "views", "score", "published_at", "slug", "category__name", "__str__"],
                       "filter": ["status", "category", "published_at", "category__parent", "views", ["published_at", "EmptyFieldListFilter"]],
                       "search": ["title", "body", "category__name", "=slug"], "date": "published_at"},
    ("blog", "Comment"): {"display": ["author_name", "post", "approved", "created", "email"], "filter": ["approved", "post", "created"],
                          "search": ["author_name", "body", "post__title"], "date": "created"},
}


def gen_spec():
    (schema, model), menu = R.choice(list(MODEL_OPTIONS.items()))
    options = {}
    if R.random() < 0.9:
        options["list_display"] = R.sample(menu["display"], R.randint(1, 4))
    if R.random() < 0.5:
        options["list_filter"] = R.sample(menu["filter"], R.randint(1, 3))
    if R.random() < 0.5:
        options["search_fields"] = R.sample(menu["search"], R.randint(1, 2))
    if R.random() < 0.3:
        field = R.choice([d for d in menu["display"] if "__" not in d and d != "metadata"])
        options["ordering"] = [R.choice(["", "-"]) + field]
    for key, values, p in (("list_per_page", [2, 3, 5, 100], 0.6), ("list_max_show_all", [3, 10, 200], 0.2),
                           ("show_full_result_count", [False], 0.15), ("actions", [None], 0.25),
                           ("empty_value_display", ["(none)", "—"], 0.2), ("date_hierarchy", [menu["date"]], 0.2)):
        if R.random() < p:
            options[key] = R.choice(values)
    if "list_display" in options and R.random() < 0.2:
        options["list_display_links"] = [options["list_display"][-1]]
    if "list_display" in options and R.random() < 0.15:
        options["sortable_by"] = options["list_display"][:1]
    return {"schema": schema, "model": model, "options": options}


def gen_generic_query(spec):
    options = spec["options"]
    columns = len(options.get("list_display", ["__str__"])) + (0 if "actions" in options else 1)
    params = []
    if R.random() < 0.5:
        params.append("o=" + ordering(columns))
    if R.random() < 0.4:
        params.append(R.choice(["p=" + str(R.randint(0, 4)), "p=abc", "all=", "p=2"]))
    if options.get("search_fields") and R.random() < 0.5:
        params.append("q=" + quote(R.choice(SEARCHES)))
    return "?" + "&".join(params) if params else ""


def main():
    global R
    seed, count, out = 20261207, 8, os.path.join(HERE, "changelist.recorded.json")
    if len(sys.argv) > 1:
        seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    R = random.Random(seed)
    cases, seen = [], set()
    for spec_name in ADMIN["admin_specs"]:
        for n in range(count):
            i = {"admin": spec_name, "query": gen_query(spec_name)}
            if json.dumps(i) in seen:
                continue
            seen.add(json.dumps(i))
            cases.append({"id": f"admin-gen-{spec_name.replace('_', '-')}-{n}", "input": i, "expect": record(i)})
    specs = dict(ADMIN["admin_specs"])
    for n in range(count * 2):
        name = f"generated_{n}"
        specs[name] = ADMIN["admin_specs"][name] = gen_spec()
        for k in range(3):
            i = {"admin": name, "query": gen_generic_query(specs[name])}
            if json.dumps(i) in seen:
                continue
            seen.add(json.dumps(i))
            cases.append({"id": f"admin-gen-spec-{n}-{k}", "input": i, "expect": record(i)})
    with open(out, "w") as f:
        json.dump({**{k: v for k, v in ADMIN.items() if k != "cases"}, "admin_specs": specs, "cases": cases}, f, indent=0, ensure_ascii=False)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
