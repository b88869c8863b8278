from django.urls import path

from notes import views

urlpatterns = [
    path("api/notes/", views.note_list),
    path("api/notes/<int:pk>/", views.note_detail),
    path("api/stats/", views.stats),
    path("api/search/", views.search),
]
