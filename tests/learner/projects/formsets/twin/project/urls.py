from django.urls import path

from articles import views

urlpatterns = [
    path("articles/", views.manage_articles, name="articles"),
    path("ordered/", views.ordered, name="ordered"),
    path("minimum/", views.minimum, name="minimum"),
    path("authors/", views.manage_authors, name="authors"),
    path("edit-only/", views.edit_only),
    path("no-delete-extra/", views.no_delete_extra),
    path("authors/<int:pk>/books/", views.author_books, name="author-books"),
]
