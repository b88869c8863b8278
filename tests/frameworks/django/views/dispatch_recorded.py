"""Record what Django 5.2.17 answers when generated class-based views are dispatched, in the corpus's
`cbv` format (FORMAT.md part A, `kind: "dispatch"`).

Run: /work/.venv-ref/bin/python tests/frameworks/django/views/dispatch_recorded.py [SEED COUNT OUT]
With no arguments it writes dispatch.recorded.json beside this file (committed;
dispatch_recorded.test.ts replays each case through src/conformance/areas/cbv.ts).

Each case builds `class Name(Base)` with the spec's class attributes and handlers, calls
`cls.as_view(**initkwargs)(request, **url_kwargs)` on an in-memory SQLite database holding the
fixtures (Author, Book as the corpus describes them), and records the response — its status,
headers, class, and for a TemplateResponse the template names and the context described per
FORMAT.md — or the exception, the WARNING+ log records and, for edit views, the Books afterwards.
"""
import json
import logging
import os
import random
import sys
import types
from urllib.parse import urlencode

import django
from django.conf import settings

settings.configure(SECRET_KEY="dispatch-recorded", USE_TZ=True, TIME_ZONE="UTC", DEBUG=False, INSTALLED_APPS=[],
                   DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
                   ROOT_URLCONF="recorded_urls", DEFAULT_AUTO_FIELD="django.db.models.AutoField")
django.setup()
from django import forms  # noqa: E402
from django.core.paginator import Page, Paginator  # noqa: E402
from django.db import connection, models  # noqa: E402
from django.db.models.query import FlatValuesListIterable, QuerySet  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.template.response import SimpleTemplateResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django.urls import path  # noqa: E402
from django.views import generic  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
URLCONF = [["books/<int:pk>/", "book-detail"], ["books/<slug:slug>/", "book-by-slug"], ["target/", "target"]]


# --- Fixtures: the corpus's models, form and URLconf ---------------------------------------------

class Author(models.Model):
    name = models.CharField(max_length=100)

    class Meta:
        app_label = "confapp"
        ordering = ["id"]


class Book(models.Model):
    title = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, blank=True)
    pages = models.IntegerField(default=0)
    pub_date = models.DateField(null=True, blank=True)
    author = models.ForeignKey(Author, null=True, on_delete=models.CASCADE, related_name="books")

    class Meta:
        app_label = "confapp"
        ordering = ["id"]
        verbose_name = "book"

    def get_absolute_url(self):
        return f"/books/{self.id}/"


class ContactForm(forms.Form):
    name = forms.CharField(max_length=10)
    age = forms.IntegerField(required=False, min_value=0)


urls = types.ModuleType("recorded_urls")
urls.urlpatterns = [path(route, lambda request, _name=name, **kw: HttpResponse(_name), name=name) for route, name in URLCONF]
sys.modules["recorded_urls"] = urls

with connection.schema_editor() as editor:
    editor.create_model(Author)
    editor.create_model(Book)

FIXTURE_NAMES = {"model": {"Book": Book}, "form_class": {"ContactForm": ContactForm}}


class Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append([record.levelname, record.name, record.getMessage()])


# --- The harness -----------------------------------------------------------------------------------

def build_view(spec):
    attrs = {k: FIXTURE_NAMES[k][v] if k in FIXTURE_NAMES else v for k, v in spec.get("attrs", {}).items()}
    for h in spec.get("handlers", []):
        attrs[h] = lambda self, request, *a, _h=h, **k: HttpResponse(_h)
    return type(spec["name"], (getattr(generic, spec["base"]),), attrs)


def build_request(spec):
    query = f"?{spec['query']}" if spec.get("query") else ""
    target = spec.get("path", "/x/") + query
    if "form" in spec:
        return RequestFactory().generic(spec["method"], target, urlencode([tuple(pair) for pair in spec["form"]]), "application/x-www-form-urlencoded")
    return RequestFactory().generic(spec["method"], target)


def describe(value):
    if isinstance(value, models.Model):
        return {"model": type(value).__name__, "pk": value.pk}
    if isinstance(value, QuerySet):
        if value._iterable_class is FlatValuesListIterable:  # what QuerySet.dates() returns
            return {"dates": [d.isoformat() for d in value]}
        return {"queryset": value.model.__name__, "pks": [o.pk for o in value]}
    if isinstance(value, Page):
        return {"page": value.number, "pks": [o.pk for o in value.object_list], "has_next": value.has_next(),
                "has_previous": value.has_previous(), "start_index": value.start_index(), "end_index": value.end_index()}
    if isinstance(value, Paginator):
        return {"count": value.count, "num_pages": value.num_pages, "per_page": value.per_page, "orphans": value.orphans,
                "page_range": list(value.page_range)}
    if isinstance(value, forms.BaseForm):
        return {"form": type(value).__name__, "is_bound": value.is_bound, "fields": list(value.fields),
                "values": {n: describe(value[n].value()) for n in value.fields}, "errors": {k: list(v) for k, v in value.errors.items()}}
    if isinstance(value, generic.View):
        return {"view": type(value).__name__}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [describe(v) for v in value]
    if isinstance(value, dict):
        return {k: describe(v) for k, v in value.items()}
    return value


def describe_response(response):
    out = {"status": response.status_code, "response_class": type(response).__name__,
           "headers": {h: response[h] for h in ("Allow", "Location", "Content-Length", "Content-Type") if response.has_header(h)}}
    if isinstance(response, SimpleTemplateResponse):
        out["template_names"] = response.template_name
        out["context"] = describe(response.context_data)
    else:
        out["body"] = response.content.decode()
    return out


def record(i):
    Book.objects.all().delete()
    Author.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_sequence")
    Author.objects.bulk_create([Author(**row) for row in i["fixtures"]["Author"]])
    Book.objects.bulk_create([Book(**row) for row in i["fixtures"]["Book"]])
    handler = Records()
    logging.getLogger().addHandler(handler)
    try:
        view = build_view(i["view"]).as_view(**(i["view"].get("initkwargs") or {}))
        out = describe_response(view(build_request(i["request"]), **i["url_kwargs"]))
    except Exception as exc:  # exceptions escaping the view are the answer
        out = {"error": type(exc).__name__, "message": str(exc)}
    finally:
        logging.getLogger().removeHandler(handler)
    out["log"] = handler.records
    if i["view"]["base"] in ("CreateView", "UpdateView", "DeleteView"):
        out["db_after"] = [{"pk": b.pk, "title": b.title, "pages": b.pages} for b in Book.objects.order_by("id")]
    return out


# --- The generators --------------------------------------------------------------------------------

R = random.Random(0)
BOOKS = [{"id": 1, "title": "Alpha", "slug": "alpha", "pages": 100, "pub_date": "2020-03-01", "author_id": 1},
         {"id": 2, "title": "Beta", "slug": "beta", "pages": 250, "pub_date": "2021-07-15", "author_id": 1},
         {"id": 3, "title": "Gamma", "slug": "gamma", "pages": 50, "pub_date": "2021-01-10", "author_id": 1},
         {"id": 4, "title": "Delta", "slug": "delta", "pages": 300, "pub_date": "2019-11-30", "author_id": 1},
         {"id": 5, "title": "Epsilon", "slug": "epsilon", "pages": 75, "pub_date": "2999-01-01", "author_id": 1}]
FULL = {"Author": [{"id": 1, "name": "Ann"}], "Book": BOOKS}
EMPTY = {"Author": [], "Book": []}
METHODS = ["GET", "GET", "GET", "POST", "POST", "HEAD", "OPTIONS", "PUT", "PATCH", "DELETE", "TRACE", "PROPFIND"]


def maybe(attrs, key, values, p=0.3):
    if R.random() < p:
        attrs[key] = R.choice(values)


def gen_view():
    attrs = {}
    handlers = R.sample(["get", "post", "put", "patch", "delete", "head", "options", "trace"], R.randint(0, 3))
    maybe(attrs, "http_method_names", [["post"], ["get", "options"], ["get", "head"], ["post", "options"], []], 0.3)
    return {"base": "View", "name": "Plain", "handlers": handlers, "attrs": attrs}, {}, EMPTY


def gen_template():
    attrs = {}
    maybe(attrs, "template_name", ["about.html"], 0.85)
    maybe(attrs, "extra_context", [{"title": "Hi"}, {"view": "shadowed"}, {}], 0.3)
    return {"base": "TemplateView", "name": "About", "attrs": attrs}, R.choice([{}, {"title": "from-url"}, {"n": 3}]), EMPTY


def gen_redirect():
    attrs = {}
    roll = R.random()
    if roll < 0.6:
        attrs["url"] = R.choice(["/target/", "/books/%(pk)s/", "/100%%/", "/a%2Fb/", "/s/%(slug)s/", "http://example.com/x?y=1",
                                 "/%(missing)s/", "/café/", ""])
    elif roll < 0.85:
        attrs["pattern_name"] = R.choice(["book-detail", "book-by-slug", "target", "nope"])
    maybe(attrs, "permanent", [True, False])
    maybe(attrs, "query_string", [True, False])
    kwargs = R.choice([{}, {"pk": 7}, {"slug": "x y"}, {"pk": 5, "slug": "a"}, {"slug": "gamma"}])
    return {"base": "RedirectView", "name": "Go", "attrs": attrs}, kwargs, EMPTY


def gen_detail():
    attrs = {"model": "Book"}
    maybe(attrs, "context_object_name", ["thing", "book"], 0.2)
    maybe(attrs, "template_name_suffix", ["_info"], 0.15)
    maybe(attrs, "template_name", ["custom.html"], 0.15)
    kwargs = R.choice([{"pk": 2}, {"pk": 42}, {"slug": "gamma"}, {"slug": "nope"}, {}, {"pk": 1, "slug": "gamma"}, {"pk": "3"}])
    return {"base": "DetailView", "name": "BookDetail", "attrs": attrs}, kwargs, R.choice([FULL, FULL, EMPTY])


def gen_list():
    attrs = {"model": "Book"}
    maybe(attrs, "ordering", ["-pages", "title", ["-pub_date", "id"], "nope"], 0.3)
    maybe(attrs, "context_object_name", ["books"], 0.2)
    maybe(attrs, "allow_empty", [False], 0.2)
    maybe(attrs, "paginate_by", [2, 3, 10], 0.5)
    maybe(attrs, "paginate_orphans", [1, 2], 0.2)
    maybe(attrs, "page_kwarg", ["p"], 0.15)
    return {"base": "ListView", "name": "BookList", "attrs": attrs}, R.choice([{}, {}, {"page": 2}]), R.choice([FULL, FULL, EMPTY])


def list_query():
    return R.choice(["", "page=2", "page=3", "page=last", "page=0", "page=-1", "page=abc", "page=1.0", "p=2", "page=", "page=99", "page=2&page=1"])


def gen_form():
    attrs = {"form_class": "ContactForm", "template_name": "contact.html"}
    maybe(attrs, "success_url", ["/thanks/", None, "/thanks/?a=b"], 0.9)
    maybe(attrs, "initial", [{"name": "Bob"}, {"age": 3}], 0.2)
    maybe(attrs, "prefix", ["c"], 0.1)
    return {"base": "FormView", "name": "Contact", "attrs": attrs}, {}, EMPTY


CONTACT_FORMS = [[["name", "Ann"], ["age", "3"]], [["name", "A very long name"], ["age", "-1"]], [], [["name", "Ann"]],
                 [["c-name", "Ann"]], [["name", ""], ["age", "x"]]]


def gen_create():
    attrs = {"model": "Book"}
    maybe(attrs, "fields", [["title", "pages"], ["title"], "__all__", ["title", "nope"]], 0.85)
    maybe(attrs, "success_url", ["/done/{id}/{title}/", "/books/", "/x/{missing}/"], 0.4)
    return {"base": "CreateView", "name": "BookCreate", "attrs": attrs}, {}, R.choice([FULL, EMPTY])


def gen_update():
    attrs = {"model": "Book", "fields": R.choice([["title", "pages"], ["title"]])}
    maybe(attrs, "success_url", ["/books/", "/done/{id}/"], 0.5)
    return {"base": "UpdateView", "name": "BookUpdate", "attrs": attrs}, R.choice([{"pk": 2}, {"pk": 42}, {"slug": "beta"}]), FULL


def gen_delete():
    attrs = {"model": "Book"}
    maybe(attrs, "success_url", ["/books/", None, "/gone/{title}/"], 0.85)
    return {"base": "DeleteView", "name": "BookDelete", "attrs": attrs}, R.choice([{"pk": 3}, {"pk": 42}, {"slug": "gamma"}]), FULL


def gen_archive():
    attrs = {"model": "Book"}
    maybe(attrs, "date_field", ["pub_date"], 0.85)
    maybe(attrs, "allow_future", [True, False], 0.4)
    maybe(attrs, "allow_empty", [True, False], 0.3)
    maybe(attrs, "paginate_by", [2], 0.2)
    return {"base": "ArchiveIndexView", "name": "BookArchive", "attrs": attrs}, {}, R.choice([FULL, FULL, EMPTY])


def gen_year():
    attrs = {"model": "Book", "date_field": "pub_date"}
    maybe(attrs, "allow_future", [True], 0.3)
    maybe(attrs, "allow_empty", [True], 0.3)
    maybe(attrs, "make_object_list", [True], 0.4)
    maybe(attrs, "year_format", ["%y"], 0.1)
    kwargs = R.choice([{"year": "2021"}, {"year": "2020"}, {"year": "1999"}, {"year": "2999"}, {}, {"year": "abc"}, {"year": "21"}])
    return {"base": "YearArchiveView", "name": "BookYear", "attrs": attrs}, kwargs, R.choice([FULL, FULL, EMPTY])


GENERATORS = {"view": gen_view, "template": gen_template, "redirect": gen_redirect, "detail": gen_detail, "list": gen_list,
              "form": gen_form, "create": gen_create, "update": gen_update, "delete": gen_delete, "archive": gen_archive,
              "year": gen_year}


def gen_case(kind):
    view, url_kwargs, fixtures = GENERATORS[kind]()
    request = {"method": R.choice(METHODS)}
    if kind in ("form", "create", "update") and R.random() < 0.6:
        request["method"] = "POST"
    if request["method"] in ("POST", "PUT") and kind in ("form", "create", "update"):
        request["form"] = R.choice(CONTACT_FORMS) if kind == "form" else R.choice(
            [[["title", "Zeta"], ["pages", "10"]], [["title", ""], ["pages", "x"]], [["title", "Beta 2"], ["pages", "251"]], []])
    if kind in ("list", "archive", "year") or R.random() < 0.15:
        query = list_query() if kind in ("list", "archive", "year") else "a=1&b=2"
        if query:
            request["query"] = query
    return {"kind": "dispatch", "view": view, "request": request, "url_kwargs": url_kwargs, "fixtures": fixtures}


def main():
    global R
    seed, count, out = 20261207, 30, os.path.join(HERE, "dispatch.recorded.json")
    if len(sys.argv) > 1:
        seed, count, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    R = random.Random(seed)
    cases, seen = [], set()
    for kind in GENERATORS:
        for n in range(count):
            i = json.loads(json.dumps(gen_case(kind)))
            key = json.dumps(i, sort_keys=True)
            if key in seen:
                continue
            seen.add(key)
            cases.append({"id": f"cbv-gen-{kind}-{n}", "input": i, "expect": record(i)})
    with open(out, "w") as f:
        json.dump({"area": "cbv", "django": django.get_version(), "urlconf": URLCONF, "cases": cases}, f, indent=0, ensure_ascii=False)
        f.write("\n")
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
