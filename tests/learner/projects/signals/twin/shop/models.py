from django.db import models


class Product(models.Model):
    name = models.CharField(max_length=50)
    stock = models.IntegerField(default=0)

    def __str__(self):
        return self.name


class AuditLog(models.Model):
    message = models.CharField(max_length=200)

    def __str__(self):
        return self.message
