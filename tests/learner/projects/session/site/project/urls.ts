import { path } from "django/urls";
import * as views from "cart/views";

export const urlpatterns = [
  path("", views.show, { name: "show" }),
  path("add/", views.add, { name: "add" }),
  path("clear/", views.clear, { name: "clear" }),
  path("blocked/", views.blocked),
];
