/**
 * django.db.models.fields.related_descriptors: relation attributes on model instances.
 *
 *     book.author        ForwardManyToOneDescriptor: cached, else one SELECT by author_id
 *     book.author = a    sets book.author_id and the cache
 *     author.books       ReverseManyToOneDescriptor: a manager filtered by author
 *
 * Installed once per class by `contribute_to_class` (through DESCRIPTOR_HOOKS), on the prototype.
 */
import { DESCRIPTOR_HOOKS, type ForeignKey } from "./related";
import { Manager } from "../manager";

DESCRIPTOR_HOOKS.forward = (field, cls) => {
  const fk = field as ForeignKey;
  Object.defineProperty(cls.prototype, fk.name, {
    configurable: true,
    get(this: any) {
      const cache = this._state.fields_cache;
      if (fk.name in cache) return cache[fk.name];
      const value = this[fk.attname];
      const related = value === null || value === undefined ? null : (fk.remote_field.model as any)._base_manager.get({ [fk.target_field.attname]: value });
      cache[fk.name] = related;
      return related;
    },
    set(this: any, value: any) {
      this[fk.attname] = value === null || value === undefined ? null : value[fk.target_field.attname];
      this._state.fields_cache[fk.name] = value ?? null;
    },
  });
};

DESCRIPTOR_HOOKS.reverse = (rel, related) => {
  const name = rel.get_accessor_name();
  if (!name) return;
  Object.defineProperty(related.prototype, name, {
    configurable: true,
    get(this: any) {
      const fk = rel.field as ForeignKey;
      const instance = this;
      const manager = new Manager();
      manager.model = fk.model;
      const base = manager.get_queryset.bind(manager);
      manager.get_queryset = () => base().filter({ [fk.name]: instance[fk.target_field.attname] });
      return manager;
    },
  });
};
