from django.urls import path

from books import views

urlpatterns = [
    path("cheat-sheet/", views.cheat_sheet),
    path("across/", views.across),
    path("filtering/", views.filtering),
    path("grouping/", views.grouping),
    path("json/", views.as_json),
    path("functions/", views.functions),
]
