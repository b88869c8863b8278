from django.urls import path

from articles import views

urlpatterns = [
    path("articles/", views.manage_articles, name="articles"),
    path("ordered/", views.ordered, name="ordered"),
    path("minimum/", views.minimum, name="minimum"),
    path("authors/", views.manage_authors, name="authors"),
    path("authors/<int:pk>/books/", views.author_books, name="author-books"),
]
