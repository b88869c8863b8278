from django.contrib import admin
from django.db import models


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)

    class Meta:
        verbose_name_plural = "categories"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Product(models.Model):
    STATUS_CHOICES = [
        ("d", "Draft"),
        ("p", "Published"),
        ("w", "Withdrawn"),
    ]
    name = models.CharField(max_length=200)
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="products")
    price = models.DecimalField(max_digits=8, decimal_places=2)
    stock = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=1, choices=STATUS_CHOICES, default="d")
    featured = models.BooleanField(default=False)
    added = models.DateTimeField("date added")
    description = models.TextField(blank=True)

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"/products/{self.pk}/"

    @admin.display(boolean=True, description="In stock")
    def in_stock(self):
        return self.stock > 0


class Variant(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="variants")
    sku = models.CharField("SKU", max_length=20)
    color = models.CharField(max_length=30, blank=True)
    extra_price = models.DecimalField(max_digits=6, decimal_places=2, default=0)

    def __str__(self):
        return self.sku


class Review(models.Model):
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    author = models.CharField(max_length=100)
    rating = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    def __str__(self):
        return f"{self.author} ({self.rating})"
