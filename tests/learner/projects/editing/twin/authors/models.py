from django.db import models
from django.urls import reverse


class Author(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("author-detail", kwargs={"pk": self.pk})


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    title = models.CharField(max_length=200)
    pages = models.PositiveIntegerField(default=100)

    def __str__(self):
        return f"{self.title} ({self.pages} pages)"
