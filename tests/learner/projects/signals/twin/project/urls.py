from django.urls import path

from shop import views

urlpatterns = [
    path("products/", views.create),
    path("products/<int:pk>/restock/", views.restock),
    path("products/<int:pk>/delete/", views.remove),
    path("log/", views.log),
]
