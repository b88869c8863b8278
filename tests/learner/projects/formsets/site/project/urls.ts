import { path } from "django/urls";
import * as views from "articles/views";

export const urlpatterns = [
  path("articles/", views.manage_articles, { name: "articles" }),
  path("ordered/", views.ordered, { name: "ordered" }),
  path("minimum/", views.minimum, { name: "minimum" }),
  path("authors/", views.manage_authors, { name: "authors" }),
  path("edit-only/", views.edit_only),
  path("no-delete-extra/", views.no_delete_extra),
  path("authors/<int:pk>/books/", views.author_books, { name: "author-books" }),
];
