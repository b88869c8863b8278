import { post_delete, post_save, pre_save } from "django/db/models/signals";
import { Signal, receiver } from "django/dispatch";
import { AuditLog, Product } from "./models";

export const restocked = new Signal();

// Python: @receiver(pre_save, sender=Product) def normalise_name(sender, instance, **kwargs)
receiver(pre_save, { sender: Product })(function normalise_name(sender, { instance }) {
  instance.name = instance.name.trim().replace(/\w\S*/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
});

receiver(post_save, { sender: Product })(function log_save(sender, { instance, created }) {
  AuditLog.objects.create({ message: `${created ? "created" : "updated"} ${instance}` });
});

receiver(post_delete, { sender: Product })(function log_delete(sender, { instance }) {
  AuditLog.objects.create({ message: `deleted ${instance}` });
});

receiver(restocked)(function log_restock(sender, { product, amount }) {
  AuditLog.objects.create({ message: `restocked ${product} by ${amount}` });
  return amount * 2;
});
