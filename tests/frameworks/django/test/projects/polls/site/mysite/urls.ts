import { admin } from "django/contrib";
import { include, path } from "django/urls";

export const urlpatterns = [
  path("polls/", include("polls.urls")),
  path("admin/", admin.site.urls),
];
