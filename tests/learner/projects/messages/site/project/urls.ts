import { path } from "django/urls";
import * as views from "board/views";

export const urlpatterns = [
  path("", views.index, { name: "index" }),
  path("add/", views.add, { name: "add" }),
  path("verbose/", views.verbose, { name: "verbose" }),
  path("quiet/", views.quiet, { name: "quiet" }),
  path("peek/", views.peek, { name: "peek" }),
  path("json/", views.as_json, { name: "json" }),
  path("flood/", views.flood, { name: "flood" }),
  path("posts/new/", views.PostCreateView.as_view(), { name: "post-create" }),
  path("posts/count/", views.PostCountView.as_view(), { name: "post-count" }),
];
