from django.db.models import Avg, Case, Count, DecimalField, ExpressionWrapper, F, FloatField, IntegerField, Max, Min, Q, StdDev, Sum, Value, Variance, When
from django.db.models.functions import Coalesce
from django.core.exceptions import FieldError
from django.db import OperationalError
from django.http import JsonResponse
from django.shortcuts import render

from .models import Author, Book, Publisher, Store


def report(request, rows):
    return render(request, "books/report.html", {"rows": rows, "books": Book.objects.order_by("pk")})


def price_diff():
    # The guide's example: on SQLite, FloatField - DecimalField cannot be inferred.
    try:
        return Book.objects.aggregate(price_diff=Max("price", output_field=FloatField()) - Avg("price"))
    except FieldError as e:
        return f"FieldError: {e}"


def decimal_diff():
    return Book.objects.aggregate(price_diff=Max("price") - Avg("price"))


def cheat_sheet(request):
    pubs = Publisher.objects.annotate(num_books=Count("book")).order_by("pk")
    above_5 = Count("book", filter=Q(book__rating__gt=5))
    below_5 = Count("book", filter=Q(book__rating__lte=5))
    split = Publisher.objects.annotate(below_5=below_5).annotate(above_5=above_5).order_by("pk")
    top = Publisher.objects.annotate(num_books=Count("book")).order_by("-num_books", "name")[:5]
    return report(request, [
        ("count", Book.objects.count()),
        ("BaloneyPress", Book.objects.filter(publisher__name="BaloneyPress").count()),
        ("avg price", Book.objects.aggregate(Avg("price", default=0))),
        ("max price", Book.objects.aggregate(Max("price", default=0))),
        ("price diff", price_diff()),
        ("decimal diff", decimal_diff()),
        ("pubs[0].num_books", pubs[0].num_books),
        ("split", [(p.name, p.below_5, p.above_5) for p in split]),
        ("top", [(p.name, p.num_books) for p in top]),
        ("empty sum", Book.objects.filter(pages__gt=5000).aggregate(Sum("price"))),
        ("empty sum default", Book.objects.filter(pages__gt=5000).aggregate(total=Sum("price", default=0))),
        ("pages sum", Book.objects.aggregate(Sum("pages"), Avg("pages"), Avg("rating"))),
    ])


def across(request):
    stores = Store.objects.annotate(min_price=Min("books__price"), max_price=Max("books__price")).order_by("name")
    return report(request, [
        ("stores", [(s.name, s.min_price, s.max_price) for s in stores]),
        ("store range", Store.objects.aggregate(min_price=Min("books__price"), max_price=Max("books__price"))),
        ("youngest", Store.objects.aggregate(youngest_age=Min("books__authors__age"))),
        ("book__count", [(p.name, p.book__count) for p in Publisher.objects.annotate(Count("book")).order_by("name")]),
        ("oldest pubdate", Publisher.objects.aggregate(oldest_pubdate=Min("book__pubdate"))),
        ("total pages", [(a.name, a.total_pages) for a in Author.objects.annotate(total_pages=Sum("book__pages")).order_by("-total_pages", "name")]),
        ("average rating", Author.objects.aggregate(average_rating=Avg("book__rating"))),
    ])


def filtering(request):
    django_books = Book.objects.filter(name__startswith="Django")
    highly_rated = Count("book", filter=Q(book__rating__gte=5))
    return report(request, [
        ("Django-prefixed", [(b.name, b.num_authors) for b in django_books.annotate(num_authors=Count("authors"))]),
        ("contains Django avg", Book.objects.filter(name__contains="Django").aggregate(Avg("price"))),
        ("many authors", [(b.name, b.num_authors) for b in Book.objects.annotate(num_authors=Count("authors")).filter(num_authors__gt=1).order_by("name")]),
        ("highly rated", [(a.name, a.num_books, a.highly_rated_books) for a in Author.objects.annotate(num_books=Count("book"), highly_rated_books=highly_rated).order_by("name")]),
        ("annotate then filter", [(p.name, p.num_books) for p in Publisher.objects.annotate(num_books=Count("book", distinct=True)).filter(book__rating__gt=3.0).order_by("name")]),
        ("filter then annotate", [(p.name, p.num_books) for p in Publisher.objects.filter(book__rating__gt=3.0).annotate(num_books=Count("book")).order_by("name")]),
        ("avg rating filtered", [(p.name, p.avg_rating) for p in Publisher.objects.annotate(avg_rating=Avg("book__rating")).filter(book__rating__gt=3.0).order_by("name")]),
        ("order by annotation", [b.name for b in Book.objects.annotate(num_authors=Count("authors")).order_by("num_authors", "name")]),
        ("combined distinct", [(b.name, b.authors__count, b.store__count) for b in Book.objects.annotate(Count("authors", distinct=True), Count("store", distinct=True)).order_by("name")]),
        ("F arithmetic", [(b.name, b.value) for b in Book.objects.annotate(value=F("price") * F("pages")).filter(value__gt=20000).order_by("-value")]),
    ])


def grouping(request):
    by_name = Author.objects.values("name").annotate(average_rating=Avg("book__rating")).order_by("name")
    after = Author.objects.annotate(average_rating=Avg("book__rating")).values("name", "average_rating").order_by("-average_rating", "name")
    by_age = Author.objects.values("age").annotate(n=Count("id"), books=Count("book")).order_by("age")
    by_publisher = Book.objects.values("publisher__name").annotate(n=Count("id"), pages=Sum("pages")).order_by("publisher__name")
    return report(request, [
        ("values then annotate", list(by_name)),
        ("annotate then values", list(after)),
        ("by age", list(by_age)),
        ("by publisher", list(by_publisher)),
        ("avg of annotation", Book.objects.annotate(num_authors=Count("authors")).aggregate(Avg("num_authors"))),
        ("values_list", list(Publisher.objects.annotate(n=Count("book")).values_list("name", "n").order_by("name"))),
    ])


def as_json(request):
    data = Book.objects.values("publisher__name").annotate(avg_price=Avg("price"), top=Max("rating"), n=Count("id")).order_by("publisher__name")
    return JsonResponse({"groups": list(data), "totals": Book.objects.aggregate(Sum("price"), Avg("rating"))})


def stddev_over_nulls():
    # On SQLite, Django's STDDEV_POP is Python's statistics.pstdev: a NULL (a publisher with no
    # books) makes it fail.
    try:
        return list(Publisher.objects.annotate(sd=StdDev("book__pages")).values_list("sd", flat=True))
    except OperationalError as e:
        return f"{type(e).__name__}: {e}"


def functions(request):
    return report(request, [
        ("stddev", Book.objects.aggregate(StdDev("rating"), Variance("pages"))),
        ("sample", Book.objects.aggregate(sd=StdDev("rating", sample=True), var=Variance("price", sample=True))),
        ("per publisher", list(Publisher.objects.exclude(name="BaloneyPress").annotate(sd=StdDev("book__pages")).order_by("name").values_list("name", "sd"))),
        ("over nulls", stddev_over_nulls()),
        ("wrapper", [(b.name, b.cost) for b in Book.objects.annotate(cost=ExpressionWrapper(F("price") * 2, output_field=DecimalField(max_digits=10, decimal_places=2))).order_by("pk")[:2]]),
        ("case sum", Book.objects.aggregate(thick=Sum(Case(When(pages__gt=500, then=1), default=0, output_field=IntegerField())))),
        ("conditional count", Publisher.objects.aggregate(many=Count("pk", filter=Q(book__pages__gt=400)), few=Count("pk", filter=Q(book__pages__lte=400)))),
        ("coalesce", [(p.name, p.total) for p in Publisher.objects.annotate(total=Coalesce(Sum("book__pages"), 0)).order_by("name")]),
        ("avg float", Book.objects.aggregate(a=Avg("price", output_field=FloatField()))),
        ("count distinct", Book.objects.aggregate(Count("publisher", distinct=True), Count("rating", distinct=True))),
        ("max per store", list(Store.objects.annotate(top=Max("books__rating"), n=Count("books")).values("name", "top", "n").order_by("name"))),
        ("values fk", list(Book.objects.values("publisher").annotate(n=Count("id")).order_by("publisher"))),
    ])
