import { F, Prefetch, Q } from "django/db/models";
import { KT } from "django/db/models/fields/json";
import { JsonResponse } from "django/http";
import { get_object_or_404, redirect, render } from "django/shortcuts";
import { require_POST } from "django/views/decorators/http";
import { date, timedelta } from "python/datetime";
import { py_tuple as t } from "python";
import { Author, Blog, Dog, Entry } from "./models";

function report(request, rows) {
  return render(request, "blog/report.html", { rows: rows.map(([label, value]) => t(label, value)) });
}

export function lookups(request) {
  return report(request, [
    ["2006", Entry.objects.filter({ pub_date__year: 2006 })],
    ["chained", Entry.objects.filter({ headline__startswith: "What" }).exclude({ pub_date__gte: new date(2007, 1, 1) }).filter({ pub_date__gte: new date(2005, 1, 30) })],
    ["first five", Entry.objects.order_by("pub_date").slice(null, 5)],
    ["offset", Entry.objects.order_by("pub_date").slice(2, 4)],
    ["first by headline", Entry.objects.order_by("headline").__getitem__(0)],
    ["iexact", Blog.objects.get({ name__iexact: "beatles blog" })],
    ["contains", Entry.objects.filter({ headline__contains: "Lennon" }).order_by("pk")],
    ["icontains", Entry.objects.filter({ headline__icontains: "lennon" }).count()],
    ["endswith", [...Entry.objects.filter({ headline__endswith: "cheese" }).values_list("headline", { flat: true })]],
    ["blog_id", Entry.objects.filter({ blog_id: 2 }).count()],
    ["pk in", [...Entry.objects.filter({ pk__in: [1, 4, 7] }).values_list("pk", { flat: true })]],
    ["percent", Entry.objects.filter({ headline__contains: "%" })],
    ["underscore", Entry.objects.filter({ headline__contains: "_" }).count()],
    ["dates", Entry.objects.dates("pub_date", "year")],
    ["exists", Entry.objects.filter({ headline__startswith: "Nope" }).exists()],
    ["values", [...Entry.objects.filter({ pk__lte: 2 }).values("headline", "blog__name")]],
  ]);
}

export function spanning(request) {
  return report(request, [
    ["blog name", Entry.objects.filter({ blog__name: "Beatles Blog" }).order_by("pk")],
    ["reverse", Blog.objects.filter({ entry__headline__contains: "Lennon" }).order_by("pk")],
    ["reverse distinct", Blog.objects.filter({ entry__headline__contains: "Lennon" }).distinct().order_by("pk")],
    ["two levels", Blog.objects.filter({ entry__authors__name: "Lennon" })],
    ["isnull", Blog.objects.filter({ entry__authors__name__isnull: true }).order_by("pk")],
    ["not null author", Blog.objects.filter({ entry__authors__isnull: false, entry__authors__name__isnull: true })],
    ["one filter", Blog.objects.filter({ entry__headline__contains: "Lennon", entry__pub_date__year: 2008 })],
    ["two filters", Blog.objects.filter({ entry__headline__contains: "Lennon" }).filter({ entry__pub_date__year: 2008 }).order_by("pk")],
    ["exclude", Blog.objects.exclude({ entry__headline__contains: "Lennon", entry__pub_date__year: 2008 }).order_by("pk")],
    ["in subquery", Entry.objects.filter({ blog__in: Blog.objects.filter({ name__contains: "Cheddar" }) }).order_by("pk")],
    ["by instance", Entry.objects.filter({ blog: Blog.objects.get({ pk: 1 }) }).count()],
  ]);
}

export function expressions(request) {
  return report(request, [
    ["comments > pingbacks", Entry.objects.filter({ number_of_comments__gt: new F("number_of_pingbacks") }).order_by("pk")],
    ["twice", Entry.objects.filter({ number_of_comments__gt: new F("number_of_pingbacks").mul(2) }).order_by("pk")],
    ["sum", Entry.objects.filter({ rating__lt: new F("number_of_comments").add(new F("number_of_pingbacks")) }).order_by("pk")],
    ["span F", Entry.objects.filter({ authors__name: new F("blog__name") })],
    ["Q or", Entry.objects.filter(new Q({ headline__startswith: "Who" }).or(new Q({ headline__startswith: "What" }))).order_by("pk")],
    ["Q not", Entry.objects.filter(new Q({ headline__startswith: "Who" }).and(new Q({ pub_date__year: 2005 }).negate())).count()],
    ["Q with kwargs", Entry.objects.filter(new Q({ pub_date: new date(2005, 5, 2) }).or(new Q({ pub_date: new date(2005, 5, 6) })), { headline__startswith: "Who" }).order_by("pk")],
    ["Q xor", Entry.objects.filter(new Q({ rating: 5 }).xor(new Q({ number_of_comments__gt: 3 }))).order_by("pk")],
    ["Q repr", new Q({ headline__startswith: "Who" }).or(new Q({ pub_date__year: 2005 }).negate()).__repr__()],
    ["annotate F", [...Entry.objects.annotate({ total: new F("number_of_comments").add(new F("number_of_pingbacks")) }).order_by("-total", "pk")].map((e) => t(e.headline, e.total))],
    ["pk shortcut", Blog.objects.filter({ pk__gt: 1 }).count()],
    ["three days later", Entry.objects.filter({ mod_date__gt: new F("pub_date").add(new timedelta({ days: 3 })) }).order_by("pk")],
    ["range", Entry.objects.filter({ pub_date__range: [new date(2005, 1, 1), new date(2006, 12, 31)] }).order_by("pk")],
    ["month", Entry.objects.filter({ pub_date__month: 5 }).count()],
    ["select_related()", Entry.objects.select_related().get({ pk: 2 }).blog],
    ["first/last", t(Entry.objects.order_by("pub_date").first(), Entry.objects.order_by("pub_date").last())],
    ["in_bulk", Blog.objects.in_bulk([1, 2])],
    ["durations", [...Entry.objects.annotate({ d: new F("mod_date").sub(new F("pub_date")) }).values_list("d", { flat: true })]],
    ["shifted", [...Entry.objects.annotate({ d: new F("pub_date").add(new timedelta({ days: 3 })) }).values_list("d", { flat: true })]],
    ["slow edits", [...Entry.objects.annotate({ took: new F("mod_date").sub(new F("pub_date")) }).filter({ took__gte: new timedelta({ days: 2 }) }).order_by("pk")].map((e) => e.headline)],
  ]);
}

export function entry_detail(request, { pk }) {
  const e = get_object_or_404(Entry.objects.select_related("blog"), { pk });
  return render(request, "blog/entry_detail.html", { entry: e, authors: e.authors.all(), others: Author.objects.exclude({ entry: e }).order_by("name") });
}

export function blog_detail(request, { pk }) {
  const b = get_object_or_404(Blog, { pk });
  return render(request, "blog/blog_detail.html", { blog: b, entries: b.entry_set.order_by("pub_date"), lennon: b.entry_set.filter({ headline__contains: "Lennon" }).count() });
}

export function entry_list(request) {
  const entries = Entry.objects.select_related("blog").prefetch_related(new Prefetch("authors", { queryset: Author.objects.order_by("name") })).order_by("pk");
  return render(request, "blog/entry_list.html", { entries });
}

export function author_detail(request, { pk }) {
  const a = get_object_or_404(Author, { pk });
  return render(request, "blog/author_detail.html", { author: a, entries: a.entry_set.order_by("pk") });
}

export const entry_authors = require_POST(function entry_authors(request, { pk }) {
  const e = get_object_or_404(Entry, { pk });
  const action = request.POST.getitem("action");
  const ids = request.POST.getlist("author");
  const authors = Author.objects.filter({ pk__in: ids });
  if (action === "add") e.authors.add(...authors);
  else if (action === "remove") e.authors.remove(...authors);
  else if (action === "set") e.authors.set(authors);
  else if (action === "clear") e.authors.clear();
  else if (action === "create") e.authors.create({ name: request.POST.getitem("name"), email: "new@example.com" });
  return redirect("entry-detail", { pk: e.pk });
});

export const add_entry = require_POST(function add_entry(request, { pk }) {
  const b = get_object_or_404(Blog, { pk });
  const e = b.entry_set.create({ headline: request.POST.getitem("headline"), body_text: "New.", pub_date: new date(2009, 1, 1), mod_date: new date(2009, 1, 2) });
  return redirect("entry-detail", { pk: e.pk });
});

export const bulk = require_POST(function bulk(request) {
  const bumped = Entry.objects.filter({ pub_date__year: 2005 }).update({ number_of_pingbacks: new F("number_of_pingbacks").add(1) });
  const renamed = Entry.objects.filter({ pk: 6 }).update({ headline: "Everything is the same" });
  const moved = Entry.objects.filter({ blog__name: "Cheddar Talk", rating__lt: 2 }).update({ blog: Blog.objects.get({ name: "Empty Blog" }) });
  const deleted = Entry.objects.filter({ pub_date__year: 2006 }).delete();
  return report(request, [["bumped", bumped], ["renamed", renamed], ["moved", moved], ["deleted", deleted], ["left", Entry.objects.order_by("pk")]]);
});

export const copy_blog = require_POST(function copy_blog(request, { pk }) {
  const blog = Blog.objects.get({ pk });
  const old_pk = blog.pk;
  blog.pk = null;
  blog._state.adding = true;
  blog.name = blog.name + " (copy)";
  blog.save();
  return report(request, [["old", old_pk], ["new", blog.pk], ["blogs", Blog.objects.order_by("pk")], ["copied entries", blog.entry_set.count()]]);
});

export function dogs(request) {
  return report(request, [
    ["collies", Dog.objects.filter({ data__breed: "collie" }).order_by("pk")],
    ["owner name", Dog.objects.filter({ data__owner__name: "Bob" })],
    ["nested list", Dog.objects.filter({ data__owner__other_pets__0__name: "Fishy" })],
    ["has_key", Dog.objects.filter({ data__has_key: "owner" }).order_by("pk")],
    ["has_keys", Dog.objects.filter({ data__has_keys: ["breed", "tags"] })],
    ["owner null", Dog.objects.filter({ data__owner: null })],
    ["owner isnull", Dog.objects.filter({ data__owner__isnull: true }).order_by("pk")],
    ["sql null", Dog.objects.filter({ data__isnull: true })],
    ["values", [...Dog.objects.order_by("pk").values_list("data", { flat: true })]],
    ["breed values", [...Dog.objects.order_by("pk").values_list("data__breed", { flat: true })]],
    ["KT", [...Dog.objects.annotate({ breed: KT("data__breed"), owner: KT("data__owner__name") }).order_by("pk")].map((d) => t(d.name, d.breed, d.owner))],
    ["KT filter", Dog.objects.annotate({ owner: KT("data__owner") }).filter({ owner__contains: "An" })],
    ["age gt", Dog.objects.filter({ data__age__gt: 2 })],
    ["icontains", Dog.objects.filter({ data__breed__icontains: "COL" }).count()],
    ["in", Dog.objects.filter({ data__breed__in: ["labrador", "poodle"] }).count()],
    ["order by key", [...Dog.objects.exclude({ data: null }).order_by("data__breed", "name")].map((d) => d.name)],
  ]);
}

export function dog_json(request, { pk }) {
  const dog = get_object_or_404(Dog, { pk });
  return new JsonResponse({ name: dog.name, data: dog.data });
}
