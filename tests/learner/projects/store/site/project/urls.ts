import { admin } from "django/contrib";
import { path } from "django/urls";

export const urlpatterns = [path("admin/", admin.site.urls)];
