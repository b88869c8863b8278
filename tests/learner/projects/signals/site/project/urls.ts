import { path } from "django/urls";
import * as views from "shop/views";

export const urlpatterns = [
  path("products/", views.create),
  path("products/<int:pk>/restock/", views.restock),
  path("products/<int:pk>/delete/", views.remove),
  path("log/", views.log),
];
