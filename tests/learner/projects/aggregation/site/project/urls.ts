import { path } from "django/urls";
import * as views from "books/views";

export const urlpatterns = [
  path("cheat-sheet/", views.cheat_sheet),
  path("across/", views.across),
  path("filtering/", views.filtering),
  path("grouping/", views.grouping),
  path("json/", views.as_json),
  path("functions/", views.functions),
];
