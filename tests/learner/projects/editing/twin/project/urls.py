from django.urls import path

from authors import views

urlpatterns = [
    path("contact/", views.ContactFormView.as_view(), name="contact"),
    path("authors/", views.AuthorListView.as_view(), name="author-list"),
    path("authors/add/", views.AuthorCreateView.as_view(), name="author-add"),
    path("authors/json/", views.AuthorJsonCreateView.as_view(), name="author-json"),
    path("authors/<int:pk>/", views.AuthorDetailView.as_view(), name="author-detail"),
    path("authors/<int:pk>/edit/", views.AuthorUpdateView.as_view(), name="author-update"),
    path("authors/<int:pk>/delete/", views.AuthorDeleteView.as_view(), name="author-delete"),
    path("authors/<int:pk>/books/add/", views.BookCreateView.as_view(), name="book-add"),
    path("books/<int:pk>/delete/", views.BookDeleteView.as_view(), name="book-delete"),
    path("books/<int:pk>/edit/", views.BookUpdateView.as_view(), name="book-edit"),
    path("authors/<int:pk>/quick-delete/", views.AuthorQuickDelete.as_view(), name="author-quick-delete"),
]
