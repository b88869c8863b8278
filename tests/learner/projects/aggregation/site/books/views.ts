import { Avg, Case, Count, DecimalField, ExpressionWrapper, F, FloatField, IntegerField, Max, Min, Q, StdDev, Sum, Value, Variance, When } from "django/db/models";
import { Coalesce } from "django/db/models/functions";
import { FieldError } from "django/core/exceptions";
import { OperationalError } from "django/db";
import { JsonResponse } from "django/http";
import { render } from "django/shortcuts";
import { py_tuple as t } from "python";
import { Author, Book, Publisher, Store } from "./models";

function report(request, rows) {
  return render(request, "books/report.html", { rows: rows.map(([label, value]) => t(label, value)), books: Book.objects.order_by("pk") });
}

function price_diff() {
  // The guide's example: on SQLite, FloatField - DecimalField cannot be inferred.
  try {
    return Book.objects.aggregate({ price_diff: new Max("price", { output_field: new FloatField() }).sub(new Avg("price")) });
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    return `FieldError: ${e}`;
  }
}

function decimal_diff() {
  return Book.objects.aggregate({ price_diff: new Max("price").sub(new Avg("price")) });
}

export function cheat_sheet(request) {
  const pubs = Publisher.objects.annotate({ num_books: new Count("book") }).order_by("pk");
  const above_5 = new Count("book", { filter: new Q({ book__rating__gt: 5 }) });
  const below_5 = new Count("book", { filter: new Q({ book__rating__lte: 5 }) });
  const split = Publisher.objects.annotate({ below_5 }).annotate({ above_5 }).order_by("pk");
  const top = Publisher.objects.annotate({ num_books: new Count("book") }).order_by("-num_books", "name").slice(0, 5);
  return report(request, [
    ["count", Book.objects.count()],
    ["BaloneyPress", Book.objects.filter({ publisher__name: "BaloneyPress" }).count()],
    ["avg price", Book.objects.aggregate(new Avg("price", { default: 0 }))],
    ["max price", Book.objects.aggregate(new Max("price", { default: 0 }))],
    ["price diff", price_diff()],
    ["decimal diff", decimal_diff()],
    ["pubs[0].num_books", pubs.__getitem__(0).num_books],
    ["split", [...split].map((p) => t(p.name, p.below_5, p.above_5))],
    ["top", [...top].map((p) => t(p.name, p.num_books))],
    ["empty sum", Book.objects.filter({ pages__gt: 5000 }).aggregate(new Sum("price"))],
    ["empty sum default", Book.objects.filter({ pages__gt: 5000 }).aggregate({ total: new Sum("price", { default: 0 }) })],
    ["pages sum", Book.objects.aggregate(new Sum("pages"), new Avg("pages"), new Avg("rating"))],
  ]);
}

export function across(request) {
  const stores = Store.objects.annotate({ min_price: new Min("books__price"), max_price: new Max("books__price") }).order_by("name");
  return report(request, [
    ["stores", [...stores].map((s) => t(s.name, s.min_price, s.max_price))],
    ["store range", Store.objects.aggregate({ min_price: new Min("books__price"), max_price: new Max("books__price") })],
    ["youngest", Store.objects.aggregate({ youngest_age: new Min("books__authors__age") })],
    ["book__count", [...Publisher.objects.annotate(new Count("book")).order_by("name")].map((p) => t(p.name, p.book__count))],
    ["oldest pubdate", Publisher.objects.aggregate({ oldest_pubdate: new Min("book__pubdate") })],
    ["total pages", [...Author.objects.annotate({ total_pages: new Sum("book__pages") }).order_by("-total_pages", "name")].map((a) => t(a.name, a.total_pages))],
    ["average rating", Author.objects.aggregate({ average_rating: new Avg("book__rating") })],
  ]);
}

export function filtering(request) {
  const django_books = Book.objects.filter({ name__startswith: "Django" });
  const highly_rated = new Count("book", { filter: new Q({ book__rating__gte: 5 }) });
  return report(request, [
    ["Django-prefixed", [...django_books.annotate({ num_authors: new Count("authors") })].map((b) => t(b.name, b.num_authors))],
    ["contains Django avg", Book.objects.filter({ name__contains: "Django" }).aggregate(new Avg("price"))],
    ["many authors", [...Book.objects.annotate({ num_authors: new Count("authors") }).filter({ num_authors__gt: 1 }).order_by("name")].map((b) => t(b.name, b.num_authors))],
    ["highly rated", [...Author.objects.annotate({ num_books: new Count("book"), highly_rated_books: highly_rated }).order_by("name")].map((a) => t(a.name, a.num_books, a.highly_rated_books))],
    ["annotate then filter", [...Publisher.objects.annotate({ num_books: new Count("book", { distinct: true }) }).filter({ book__rating__gt: 3.0 }).order_by("name")].map((p) => t(p.name, p.num_books))],
    ["filter then annotate", [...Publisher.objects.filter({ book__rating__gt: 3.0 }).annotate({ num_books: new Count("book") }).order_by("name")].map((p) => t(p.name, p.num_books))],
    ["avg rating filtered", [...Publisher.objects.annotate({ avg_rating: new Avg("book__rating") }).filter({ book__rating__gt: 3.0 }).order_by("name")].map((p) => t(p.name, p.avg_rating))],
    ["order by annotation", [...Book.objects.annotate({ num_authors: new Count("authors") }).order_by("num_authors", "name")].map((b) => b.name)],
    ["combined distinct", [...Book.objects.annotate(new Count("authors", { distinct: true }), new Count("store", { distinct: true })).order_by("name")].map((b) => t(b.name, b.authors__count, b.store__count))],
    ["F arithmetic", [...Book.objects.annotate({ value: new F("price").mul(new F("pages")) }).filter({ value__gt: 20000 }).order_by("-value")].map((b) => t(b.name, b.value))],
  ]);
}

export function grouping(request) {
  const by_name = Author.objects.values("name").annotate({ average_rating: new Avg("book__rating") }).order_by("name");
  const after = Author.objects.annotate({ average_rating: new Avg("book__rating") }).values("name", "average_rating").order_by("-average_rating", "name");
  const by_age = Author.objects.values("age").annotate({ n: new Count("id"), books: new Count("book") }).order_by("age");
  const by_publisher = Book.objects.values("publisher__name").annotate({ n: new Count("id"), pages: new Sum("pages") }).order_by("publisher__name");
  return report(request, [
    ["values then annotate", [...by_name]],
    ["annotate then values", [...after]],
    ["by age", [...by_age]],
    ["by publisher", [...by_publisher]],
    ["avg of annotation", Book.objects.annotate({ num_authors: new Count("authors") }).aggregate(new Avg("num_authors"))],
    ["values_list", [...Publisher.objects.annotate({ n: new Count("book") }).values_list("name", "n").order_by("name")]],
  ]);
}

export function as_json(request) {
  const data = Book.objects.values("publisher__name").annotate({ avg_price: new Avg("price"), top: new Max("rating"), n: new Count("id") }).order_by("publisher__name");
  return new JsonResponse({ groups: [...data], totals: Book.objects.aggregate(new Sum("price"), new Avg("rating")) });
}

function stddev_over_nulls() {
  // On SQLite, Django's STDDEV_POP is Python's statistics.pstdev: a NULL (a publisher with no
  // books) makes it fail.
  try {
    return [...Publisher.objects.annotate({ sd: new StdDev("book__pages") }).values_list("sd", { flat: true })];
  } catch (e) {
    if (!(e instanceof OperationalError)) throw e;
    return `${e.constructor.name}: ${e.message}`;
  }
}

export function functions(request) {
  return report(request, [
    ["stddev", Book.objects.aggregate(new StdDev("rating"), new Variance("pages"))],
    ["sample", Book.objects.aggregate({ sd: new StdDev("rating", { sample: true }), var: new Variance("price", { sample: true }) })],
    ["per publisher", [...Publisher.objects.exclude({ name: "BaloneyPress" }).annotate({ sd: new StdDev("book__pages") }).order_by("name").values_list("name", "sd")]],
    ["over nulls", stddev_over_nulls()],
    ["wrapper", [...Book.objects.annotate({ cost: new ExpressionWrapper(new F("price").mul(2), { output_field: new DecimalField({ max_digits: 10, decimal_places: 2 }) }) }).order_by("pk").slice(null, 2)].map((b) => t(b.name, b.cost))],
    ["case sum", Book.objects.aggregate({ thick: new Sum(new Case(new When({ pages__gt: 500, then: 1 }), { default: 0, output_field: new IntegerField() })) })],
    ["conditional count", Publisher.objects.aggregate({ many: new Count("pk", { filter: new Q({ book__pages__gt: 400 }) }), few: new Count("pk", { filter: new Q({ book__pages__lte: 400 }) }) })],
    ["coalesce", [...Publisher.objects.annotate({ total: new Coalesce(new Sum("book__pages"), 0) }).order_by("name")].map((p) => t(p.name, p.total))],
    ["avg float", Book.objects.aggregate({ a: new Avg("price", { output_field: new FloatField() }) })],
    ["count distinct", Book.objects.aggregate(new Count("publisher", { distinct: true }), new Count("rating", { distinct: true }))],
    ["max per store", [...Store.objects.annotate({ top: new Max("books__rating"), n: new Count("books") }).values("name", "top", "n").order_by("name")]],
    ["values fk", [...Book.objects.values("publisher").annotate({ n: new Count("id") }).order_by("publisher")]],
  ]);
}
