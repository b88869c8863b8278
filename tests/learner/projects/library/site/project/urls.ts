import { path } from "django/urls";
import * as views from "library/views";

export const urlpatterns = [
  path("books/", views.book_list, { name: "book_list" }),
  path("tags/", views.tag_list, { name: "tag_list" }),
  path("tags/<slug:name>/", views.tag_detail, { name: "tag_detail" }),
  path("stats/", views.author_stats, { name: "stats" }),
  path("authors/<int:pk>/", views.author_detail, { name: "author_detail" }),
];
