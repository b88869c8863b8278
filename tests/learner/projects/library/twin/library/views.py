from django.db.models import Avg, Count, Max, Min, Q, Sum
from django.shortcuts import get_object_or_404, render

from .models import Author, Book, Tag


def book_list(request):
    books = Book.objects.select_related("author").annotate(num_tags=Count("tags"))
    q = request.GET.get("q")
    if q:
        books = books.filter(Q(title__icontains=q) | Q(author__name__icontains=q))
    return render(request, "library/book_list.html", {"books": books, "q": q})


def tag_list(request):
    tags = Tag.objects.annotate(num_books=Count("books")).order_by("-num_books", "name")
    return render(request, "library/tag_list.html", {"tags": tags})


def tag_detail(request, name):
    tag = get_object_or_404(Tag, name=name)
    return render(request, "library/tag_detail.html", {"tag": tag, "books": tag.books.all()})


def author_stats(request):
    authors = Author.objects.annotate(num_books=Count("books"), avg_price=Avg("books__price")).filter(num_books__gt=0)
    stats = Book.objects.aggregate(Min("price"), Max("price"), total=Sum("price"), count=Count("id"))
    by_year = Book.objects.values("published__year").annotate(n=Count("id")).order_by("published__year")
    return render(request, "library/stats.html", {"authors": authors, "stats": stats, "by_year": by_year})


def author_detail(request, pk):
    author = get_object_or_404(Author, pk=pk)
    books = author.books.filter(in_stock=True).only("title", "price")
    has_tagged = author.books.filter(tags__isnull=False).exists()
    return render(request, "library/author_detail.html", {"author": author, "books": books, "has_tagged": has_tagged})
