import { path } from "django/urls";
import * as views from "articles/views";

export const urlpatterns = [
  path("articles/", views.manage_articles, { name: "articles" }),
  path("ordered/", views.ordered, { name: "ordered" }),
  path("minimum/", views.minimum, { name: "minimum" }),
  path("authors/", views.manage_authors, { name: "authors" }),
  path("authors/<int:pk>/books/", views.author_books, { name: "author-books" }),
];
