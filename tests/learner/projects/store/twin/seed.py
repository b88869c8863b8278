import datetime

from django.contrib.auth.models import User

from store.models import Category, Product


def at(y, m, d, h=12):
    return datetime.datetime(y, m, d, h, 0, tzinfo=datetime.timezone.utc)


def seed():
    tea = Category.objects.create(name="Tea")
    cups = Category.objects.create(name="Cups & Mugs")
    Category.objects.create(name="Empty shelf")
    green = Product.objects.create(name="Green tea", category=tea, price="4.50", stock=20, status="p", featured=True, added=at(2023, 3, 14))
    green.variants.create(sku="GT-50", color="", extra_price="0.00")
    green.reviews.create(author="Ann", rating=5, comment="Fresh.")
    green.reviews.create(author="Bob", rating=3)
    Product.objects.create(name="Black tea", category=tea, price="3.90", stock=0, status="d", added=at(2023, 3, 20))
    Product.objects.create(name="Oolong", category=tea, price="7.25", stock=5, status="w", added=at(2024, 1, 5))
    Product.objects.create(name="Blue mug", category=cups, price="9.99", stock=12, status="p", featured=True, added=at(2024, 2, 29, 23))
    Product.objects.create(name="Espresso cup", category=cups, price="5.00", stock=3, status="d", added=at(2022, 11, 2))
    User.objects.create_superuser("admin", "admin@example.com", "pass1234")
