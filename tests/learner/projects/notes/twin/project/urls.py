from django.contrib.auth import views as auth_views
from django.urls import path

from notes import views

urlpatterns = [
    path("", views.NoteList.as_view(), name="note-list"),
    path("add/", views.NoteCreate.as_view(), name="note-add"),
    path("<int:pk>/edit/", views.NoteUpdate.as_view(), name="note-update"),
    path("today/", views.today, name="today"),
    path("stamp/", views.stamp, name="stamp"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
]
