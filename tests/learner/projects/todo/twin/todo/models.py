from django.db import models
from django.urls import reverse


class Task(models.Model):
    title = models.CharField(max_length=100)
    done = models.BooleanField(default=False)
    due = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["done", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("task-detail", kwargs={"pk": self.pk})
