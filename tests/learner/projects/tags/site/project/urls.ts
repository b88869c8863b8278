import { path } from "django/urls";
import * as views from "blog/views";

export const urlpatterns = [path("", views.page)];
