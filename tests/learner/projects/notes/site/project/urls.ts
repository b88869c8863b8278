import * as auth_views from "django/contrib/auth/views";
import { path } from "django/urls";
import * as views from "notes/views";

export const urlpatterns = [
  path("", views.NoteList.as_view(), { name: "note-list" }),
  path("add/", views.NoteCreate.as_view(), { name: "note-add" }),
  path("<int:pk>/edit/", views.NoteUpdate.as_view(), { name: "note-update" }),
  path("today/", views.today, { name: "today" }),
  path("stamp/", views.stamp, { name: "stamp" }),
  path("login/", auth_views.LoginView.as_view(), { name: "login" }),
];
