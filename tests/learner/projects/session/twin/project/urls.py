from django.urls import path

from cart import views

urlpatterns = [
    path("", views.show, name="show"),
    path("add/", views.add, name="add"),
    path("clear/", views.clear, name="clear"),
    path("blocked/", views.blocked),
]
