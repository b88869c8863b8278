import django.dispatch
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from .models import AuditLog, Product

restocked = django.dispatch.Signal()


@receiver(pre_save, sender=Product)
def normalise_name(sender, instance, **kwargs):
    instance.name = instance.name.strip().title()


@receiver(post_save, sender=Product)
def log_save(sender, instance, created, **kwargs):
    AuditLog.objects.create(message=f"{'created' if created else 'updated'} {instance}")


@receiver(post_delete, sender=Product)
def log_delete(sender, instance, **kwargs):
    AuditLog.objects.create(message=f"deleted {instance}")


@receiver(restocked)
def log_restock(sender, product, amount, **kwargs):
    AuditLog.objects.create(message=f"restocked {product} by {amount}")
    return amount * 2
