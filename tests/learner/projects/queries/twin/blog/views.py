from datetime import date, timedelta

from django.db.models import F, Prefetch, Q, Value
from django.db.models.fields.json import KT
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from .models import Author, Blog, Dog, Entry


def report(request, rows):
    return render(request, "blog/report.html", {"rows": rows})


def lookups(request):
    return report(request, [
        ("2006", Entry.objects.filter(pub_date__year=2006)),
        ("chained", Entry.objects.filter(headline__startswith="What").exclude(pub_date__gte=date(2007, 1, 1)).filter(pub_date__gte=date(2005, 1, 30))),
        ("first five", Entry.objects.order_by("pub_date")[:5]),
        ("offset", Entry.objects.order_by("pub_date")[2:4]),
        ("first by headline", Entry.objects.order_by("headline")[0]),
        ("iexact", Blog.objects.get(name__iexact="beatles blog")),
        ("contains", Entry.objects.filter(headline__contains="Lennon").order_by("pk")),
        ("icontains", Entry.objects.filter(headline__icontains="lennon").count()),
        ("endswith", list(Entry.objects.filter(headline__endswith="cheese").values_list("headline", flat=True))),
        ("blog_id", Entry.objects.filter(blog_id=2).count()),
        ("pk in", list(Entry.objects.filter(pk__in=[1, 4, 7]).values_list("pk", flat=True))),
        ("percent", Entry.objects.filter(headline__contains="%")),
        ("underscore", Entry.objects.filter(headline__contains="_").count()),
        ("dates", Entry.objects.dates("pub_date", "year")),
        ("exists", Entry.objects.filter(headline__startswith="Nope").exists()),
        ("values", list(Entry.objects.filter(pk__lte=2).values("headline", "blog__name"))),
    ])


def spanning(request):
    return report(request, [
        ("blog name", Entry.objects.filter(blog__name="Beatles Blog").order_by("pk")),
        ("reverse", Blog.objects.filter(entry__headline__contains="Lennon").order_by("pk")),
        ("reverse distinct", Blog.objects.filter(entry__headline__contains="Lennon").distinct().order_by("pk")),
        ("two levels", Blog.objects.filter(entry__authors__name="Lennon")),
        ("isnull", Blog.objects.filter(entry__authors__name__isnull=True).order_by("pk")),
        ("not null author", Blog.objects.filter(entry__authors__isnull=False, entry__authors__name__isnull=True)),
        ("one filter", Blog.objects.filter(entry__headline__contains="Lennon", entry__pub_date__year=2008)),
        ("two filters", Blog.objects.filter(entry__headline__contains="Lennon").filter(entry__pub_date__year=2008).order_by("pk")),
        ("exclude", Blog.objects.exclude(entry__headline__contains="Lennon", entry__pub_date__year=2008).order_by("pk")),
        ("in subquery", Entry.objects.filter(blog__in=Blog.objects.filter(name__contains="Cheddar")).order_by("pk")),
        ("by instance", Entry.objects.filter(blog=Blog.objects.get(pk=1)).count()),
    ])


def expressions(request):
    return report(request, [
        ("comments > pingbacks", Entry.objects.filter(number_of_comments__gt=F("number_of_pingbacks")).order_by("pk")),
        ("twice", Entry.objects.filter(number_of_comments__gt=F("number_of_pingbacks") * 2).order_by("pk")),
        ("sum", Entry.objects.filter(rating__lt=F("number_of_comments") + F("number_of_pingbacks")).order_by("pk")),
        ("span F", Entry.objects.filter(authors__name=F("blog__name"))),
        ("Q or", Entry.objects.filter(Q(headline__startswith="Who") | Q(headline__startswith="What")).order_by("pk")),
        ("Q not", Entry.objects.filter(Q(headline__startswith="Who") & ~Q(pub_date__year=2005)).count()),
        ("Q with kwargs", Entry.objects.filter(Q(pub_date=date(2005, 5, 2)) | Q(pub_date=date(2005, 5, 6)), headline__startswith="Who").order_by("pk")),
        ("Q xor", Entry.objects.filter(Q(rating=5) ^ Q(number_of_comments__gt=3)).order_by("pk")),
        ("Q repr", repr(Q(headline__startswith="Who") | ~Q(pub_date__year=2005))),
        ("annotate F", [(e.headline, e.total) for e in Entry.objects.annotate(total=F("number_of_comments") + F("number_of_pingbacks")).order_by("-total", "pk")]),
        ("pk shortcut", Blog.objects.filter(pk__gt=1).count()),
        ("three days later", Entry.objects.filter(mod_date__gt=F("pub_date") + timedelta(days=3)).order_by("pk")),
        ("range", Entry.objects.filter(pub_date__range=(date(2005, 1, 1), date(2006, 12, 31))).order_by("pk")),
        ("month", Entry.objects.filter(pub_date__month=5).count()),
        ("select_related()", Entry.objects.select_related().get(pk=2).blog),
        ("first/last", (Entry.objects.order_by("pub_date").first(), Entry.objects.order_by("pub_date").last())),
        ("in_bulk", Blog.objects.in_bulk([1, 2])),
        ("durations", list(Entry.objects.annotate(d=F("mod_date") - F("pub_date")).values_list("d", flat=True))),
        ("shifted", list(Entry.objects.annotate(d=F("pub_date") + timedelta(days=3)).values_list("d", flat=True))),
        ("slow edits", [e.headline for e in Entry.objects.annotate(took=F("mod_date") - F("pub_date")).filter(took__gte=timedelta(days=2)).order_by("pk")]),
    ])


def entry_detail(request, pk):
    e = get_object_or_404(Entry.objects.select_related("blog"), pk=pk)
    return render(request, "blog/entry_detail.html", {"entry": e, "authors": e.authors.all(), "others": Author.objects.exclude(entry=e).order_by("name")})


def blog_detail(request, pk):
    b = get_object_or_404(Blog, pk=pk)
    return render(request, "blog/blog_detail.html", {"blog": b, "entries": b.entry_set.order_by("pub_date"), "lennon": b.entry_set.filter(headline__contains="Lennon").count()})


def entry_list(request):
    entries = Entry.objects.select_related("blog").prefetch_related(Prefetch("authors", queryset=Author.objects.order_by("name"))).order_by("pk")
    return render(request, "blog/entry_list.html", {"entries": entries})


def author_detail(request, pk):
    a = get_object_or_404(Author, pk=pk)
    return render(request, "blog/author_detail.html", {"author": a, "entries": a.entry_set.order_by("pk")})


@require_POST
def entry_authors(request, pk):
    e = get_object_or_404(Entry, pk=pk)
    action = request.POST["action"]
    ids = request.POST.getlist("author")
    authors = Author.objects.filter(pk__in=ids)
    if action == "add":
        e.authors.add(*authors)
    elif action == "remove":
        e.authors.remove(*authors)
    elif action == "set":
        e.authors.set(authors)
    elif action == "clear":
        e.authors.clear()
    elif action == "create":
        e.authors.create(name=request.POST["name"], email="new@example.com")
    return redirect("entry-detail", pk=e.pk)


@require_POST
def add_entry(request, pk):
    b = get_object_or_404(Blog, pk=pk)
    e = b.entry_set.create(headline=request.POST["headline"], body_text="New.", pub_date=date(2009, 1, 1), mod_date=date(2009, 1, 2))
    return redirect("entry-detail", pk=e.pk)


@require_POST
def bulk(request):
    bumped = Entry.objects.filter(pub_date__year=2005).update(number_of_pingbacks=F("number_of_pingbacks") + 1)
    renamed = Entry.objects.filter(pk=6).update(headline="Everything is the same")
    moved = Entry.objects.filter(blog__name="Cheddar Talk", rating__lt=2).update(blog=Blog.objects.get(name="Empty Blog"))
    deleted = Entry.objects.filter(pub_date__year=2006).delete()
    return report(request, [("bumped", bumped), ("renamed", renamed), ("moved", moved), ("deleted", deleted), ("left", Entry.objects.order_by("pk"))])


@require_POST
def copy_blog(request, pk):
    blog = Blog.objects.get(pk=pk)
    old_pk = blog.pk
    blog.pk = None
    blog._state.adding = True
    blog.name = blog.name + " (copy)"
    blog.save()
    return report(request, [("old", old_pk), ("new", blog.pk), ("blogs", Blog.objects.order_by("pk")), ("copied entries", blog.entry_set.count())])


def dogs(request):
    return report(request, [
        ("collies", Dog.objects.filter(data__breed="collie").order_by("pk")),
        ("owner name", Dog.objects.filter(data__owner__name="Bob")),
        ("nested list", Dog.objects.filter(data__owner__other_pets__0__name="Fishy")),
        ("has_key", Dog.objects.filter(data__has_key="owner").order_by("pk")),
        ("has_keys", Dog.objects.filter(data__has_keys=["breed", "tags"])),
        ("owner null", Dog.objects.filter(data__owner=None)),
        ("owner isnull", Dog.objects.filter(data__owner__isnull=True).order_by("pk")),
        ("sql null", Dog.objects.filter(data__isnull=True)),
        ("values", list(Dog.objects.order_by("pk").values_list("data", flat=True))),
        ("breed values", list(Dog.objects.order_by("pk").values_list("data__breed", flat=True))),
        ("KT", [(d.name, d.breed, d.owner) for d in Dog.objects.annotate(breed=KT("data__breed"), owner=KT("data__owner__name")).order_by("pk")]),
        ("KT filter", Dog.objects.annotate(owner=KT("data__owner")).filter(owner__contains="An")),
        ("age gt", Dog.objects.filter(data__age__gt=2)),
        ("icontains", Dog.objects.filter(data__breed__icontains="COL").count()),
        ("in", Dog.objects.filter(data__breed__in=["labrador", "poodle"]).count()),
        ("order by key", [d.name for d in Dog.objects.exclude(data=None).order_by("data__breed", "name")]),
    ])


def dog_json(request, pk):
    dog = get_object_or_404(Dog, pk=pk)
    return JsonResponse({"name": dog.name, "data": dog.data})
