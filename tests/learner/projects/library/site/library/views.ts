import { Avg, Count, Max, Min, Q, Sum } from "django/db/models";
import { get_object_or_404, render } from "django/shortcuts";
import { Author, Book, Tag } from "./models";

export function book_list(request) {
  let books = Book.objects.select_related("author").annotate({ num_tags: new Count("tags") });
  const q = request.GET.get("q");
  if (q) {
    books = books.filter(new Q({ title__icontains: q }).or(new Q({ author__name__icontains: q })));
  }
  return render(request, "library/book_list.html", { books, q });
}

export function tag_list(request) {
  const tags = Tag.objects.annotate({ num_books: new Count("books") }).order_by("-num_books", "name");
  return render(request, "library/tag_list.html", { tags });
}

export function tag_detail(request, { name }) {
  const tag = get_object_or_404(Tag, { name });
  return render(request, "library/tag_detail.html", { tag, books: tag.books.all() });
}

export function author_stats(request) {
  const authors = Author.objects.annotate({ num_books: new Count("books"), avg_price: new Avg("books__price") }).filter({ num_books__gt: 0 });
  const stats = Book.objects.aggregate(new Min("price"), new Max("price"), { total: new Sum("price"), count: new Count("id") });
  const by_year = Book.objects.values("published__year").annotate({ n: new Count("id") }).order_by("published__year");
  return render(request, "library/stats.html", { authors, stats, by_year });
}

export function author_detail(request, { pk }) {
  const author = get_object_or_404(Author, { pk });
  const books = author.books.filter({ in_stock: true }).only("title", "price");
  const has_tagged = author.books.filter({ tags__isnull: false }).exists();
  return render(request, "library/author_detail.html", { author, books, has_tagged });
}
