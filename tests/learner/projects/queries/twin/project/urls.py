from django.urls import path

from blog import views

urlpatterns = [
    path("lookups/", views.lookups),
    path("spanning/", views.spanning),
    path("expressions/", views.expressions),
    path("entries/", views.entry_list, name="entry-list"),
    path("entries/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("entries/<int:pk>/authors/", views.entry_authors, name="entry-authors"),
    path("blogs/<int:pk>/", views.blog_detail, name="blog-detail"),
    path("blogs/<int:pk>/entries/", views.add_entry, name="add-entry"),
    path("blogs/<int:pk>/copy/", views.copy_blog, name="copy-blog"),
    path("authors/<int:pk>/", views.author_detail, name="author-detail"),
    path("bulk/", views.bulk, name="bulk"),
    path("dogs/", views.dogs),
    path("dogs/<int:pk>/", views.dog_json),
]
