/**
 * django.db.models.signals: the model lifecycle signals, sent by Model and QuerySet in Django's order.
 *
 *     new Book({...})        pre_init(sender=Book, args, kwargs) → post_init(sender=Book, instance)
 *     book.save()            pre_save(instance, raw, using, update_fields) → SQL → post_save(created)
 *     book.delete()          pre_delete(instance, origin) → SQL → post_delete(instance, origin)
 *     book.tags.add(tag)     m2m_changed(action="pre_add") → SQL → m2m_changed(action="post_add")
 */
import { Signal } from "../../dispatch";

export const class_prepared = new Signal({ name: "class_prepared" });
export const pre_init = new Signal({ name: "pre_init", use_caching: true });
export const post_init = new Signal({ name: "post_init", use_caching: true });
export const pre_save = new Signal({ name: "pre_save", use_caching: true });
export const post_save = new Signal({ name: "post_save", use_caching: true });
export const pre_delete = new Signal({ name: "pre_delete", use_caching: true });
export const post_delete = new Signal({ name: "post_delete", use_caching: true });
export const m2m_changed = new Signal({ name: "m2m_changed", use_caching: true });
export const pre_migrate = new Signal({ name: "pre_migrate" });
export const post_migrate = new Signal({ name: "post_migrate" });
