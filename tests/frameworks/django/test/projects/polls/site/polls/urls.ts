import { path } from "django/urls";
import * as views from "./views";

export const app_name = "polls";
export const urlpatterns = [
  path("", views.IndexView.as_view(), { name: "index" }),
  path("<int:pk>/", views.DetailView.as_view(), { name: "detail" }),
  path("<int:pk>/results/", views.ResultsView.as_view(), { name: "results" }),
  path("<int:question_id>/vote/", views.vote, { name: "vote" }),
  path("<int:pk>/json/", views.question_json, { name: "json" }),
  path("remember/", views.remember, { name: "remember" }),
];
