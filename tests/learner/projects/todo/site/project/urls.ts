import * as auth_views from "django/contrib/auth/views";
import { path } from "django/urls";
import * as views from "todo/views";

export const urlpatterns = [
  path("", views.TaskList.as_view(), { name: "task-list" }),
  path("task/<int:pk>/", views.TaskDetail.as_view(), { name: "task-detail" }),
  path("task/add/", views.TaskCreate.as_view(), { name: "task-add" }),
  path("task/<int:pk>/edit/", views.TaskUpdate.as_view(), { name: "task-update" }),
  path("task/<int:pk>/delete/", views.TaskDelete.as_view(), { name: "task-delete" }),
  path("login/", auth_views.LoginView.as_view(), { name: "login" }),
];
