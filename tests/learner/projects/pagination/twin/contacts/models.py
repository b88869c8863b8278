from django.db import models
from django.utils.functional import cached_property


class Contact(models.Model):
    first_name = models.CharField(max_length=50)
    last_name = models.CharField(max_length=50)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.full_name

    @cached_property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"
