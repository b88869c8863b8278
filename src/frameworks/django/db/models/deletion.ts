/**
 * django.db.models.deletion: deleting rows → every row that must go (or change) with them.
 * Main class: `Collector`; the `on_delete` handlers CASCADE, PROTECT, RESTRICT, SET_NULL,
 * SET_DEFAULT, SET(), DO_NOTHING decide what happens to the rows pointing at a deleted one.
 *
 *     author.delete()  → collect(author): books (CASCADE) → their reviews and tag links (CASCADE);
 *                        edited books (SET_NULL) get editor_id = NULL; then DELETE each model, leaves first.
 *     → [18, {"library.Book_tags": 8, "library.Review": 4, ..., "library.Author": 1}]
 */
import { IntegrityError } from "../utils";
import { pre_delete, post_delete } from "./signals";

export class ProtectedError extends IntegrityError {
  constructor(message: string, readonly protected_objects: any[]) {
    super(message);
  }
}

export class RestrictedError extends IntegrityError {
  constructor(message: string, readonly restricted_objects: any[]) {
    super(message);
  }
}

type Handler = ((collector: Collector, field: any, sub_objs: any[], using: string) => void) & { deconstruct?: () => unknown };

export const CASCADE: Handler = (collector, field, sub_objs) => {
  collector.collect(sub_objs, { source: field.remote_field.model, nullable: field.null });
};

export const PROTECT: Handler = (_collector, field, sub_objs) => {
  const model = field.remote_field.model._meta.object_name;
  throw new ProtectedError(
    `Cannot delete some instances of model '${model}' because they are referenced through protected foreign keys: '${field.model._meta.object_name}.${field.name}'.`,
    sub_objs,
  );
};

export const RESTRICT: Handler = (collector, field, sub_objs) => {
  collector.add_restricted_objects(field, sub_objs);
};

export const SET_NULL: Handler = (collector, field, sub_objs) => {
  collector.add_field_update(field, null, sub_objs);
};

export const SET_DEFAULT: Handler = (collector, field, sub_objs) => {
  collector.add_field_update(field, field.get_default(), sub_objs);
};

export const DO_NOTHING: Handler = () => {};

/** `SET(value)` or `SET(callable)`. */
export function SET(value: unknown): Handler {
  const handler: Handler = (collector, field, sub_objs) => collector.add_field_update(field, typeof value === "function" ? (value as () => unknown)() : value, sub_objs);
  handler.deconstruct = () => ["django.db.models.SET", [value], {}];
  return handler;
}

for (const [name, fn] of Object.entries({ CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING })) {
  Object.defineProperty(fn, "name", { value: name });
  (fn as Handler).deconstruct = () => `django.db.models.${name}`;
}

/** Gathers the rows to delete, model by model, then deletes them in dependency order. */
export class Collector {
  /** model → instances to delete, in collection order. */
  data = new Map<any, any[]>();
  field_updates: [any, unknown, any[]][] = [];
  restricted: [any, any[]][] = [];
  /** model → models that must be deleted before it. */
  dependencies = new Map<any, Set<any>>();

  constructor(public using: string, public origin: unknown = null) {}

  add(objs: any[], source: any = null, reverse_dependency = false): any[] {
    if (!objs.length) return [];
    const model = objs[0].constructor;
    const existing = this.data.get(model) ?? [];
    const keys = new Set(existing.map((o) => o.pk));
    const fresh = objs.filter((o) => !keys.has(o.pk));
    this.data.set(model, [...existing, ...fresh]);
    if (source && fresh.length) {
      const [a, b] = reverse_dependency ? [model, source] : [source, model];
      if (!this.dependencies.has(a)) this.dependencies.set(a, new Set());
      this.dependencies.get(a)!.add(b);
    }
    return fresh;
  }

  add_field_update(field: any, value: unknown, objs: any[]): void {
    if (objs.length) this.field_updates.push([field, value, objs]);
  }

  add_restricted_objects(field: any, objs: any[]): void {
    if (objs.length) this.restricted.push([field, objs]);
  }

  /** Collect `objs` and, through every relation pointing at their model, what depends on them. */
  collect(objs: any[], options: { source?: any; nullable?: boolean; keep_parents?: boolean } = {}): void {
    const fresh = this.add(objs, options.source ?? null, !options.nullable);
    if (!fresh.length) return;
    const model = fresh[0].constructor;
    const opts = model._meta;
    for (const f of opts.local_many_to_many) {
      const through = f.remote_field.through;
      const fk = f._through_fk(true);
      const rows = through._base_manager.filter({ [`${fk.name}__in`]: fresh.map((o) => o.pk) });
      this.collect([...rows], { source: model, nullable: false });
    }
    for (const rel of opts.get_fields({ include_hidden: true })) {
      if (!(rel.auto_created && !rel.concrete && (rel.one_to_one || rel.one_to_many))) continue;
      const field = rel.field;
      if (rel.on_delete === DO_NOTHING) continue;
      const related_model = field.model;
      const sub_objs = [...related_model._base_manager.filter({ [`${field.name}__in`]: fresh.map((o) => o[field.target_field.attname]) })];
      if (!sub_objs.length) continue;
      rel.on_delete(this, field, sub_objs, this.using);
    }
  }

  /** Models in the order their rows must be deleted: dependents first. */
  sort(): any[] {
    const models = [...this.data.keys()];
    const ordered: any[] = [];
    const done = new Set<any>();
    while (ordered.length < models.length) {
      let found = false;
      for (const m of models) {
        if (done.has(m)) continue;
        const deps = this.dependencies.get(m);
        if (!deps || [...deps].every((d) => done.has(d) || !this.data.has(d))) {
          ordered.push(m);
          done.add(m);
          found = true;
        }
      }
      if (!found) {
        for (const m of models) if (!done.has(m)) ordered.push(m);
        break;
      }
    }
    return ordered;
  }

  /** Field updates, then DELETE per model (leaves first); signals around each instance. */
  delete(): [number, Record<string, number>] {
    const counts: Record<string, number> = {};
    let total = 0;
    const models = this.sort().reverse();
    for (const [field, value, objs] of this.field_updates)
      field.model._base_manager.filter({ pk__in: objs.map((o: any) => o.pk) }).update({ [field.name]: value });
    for (const model of models)
      for (const obj of this.data.get(model)!) if (pre_delete.has_listeners(model)) pre_delete.send(model, { instance: obj, using: this.using, origin: this.origin });
    for (const model of models) {
      const objs = this.data.get(model)!;
      const n = model._base_manager.filter({ pk__in: objs.map((o: any) => o.pk) })._raw_delete();
      if (n) {
        counts[model._meta.label] = (counts[model._meta.label] ?? 0) + n;
        total += n;
      }
    }
    for (const model of models)
      for (const obj of this.data.get(model)!) {
        if (post_delete.has_listeners(model)) post_delete.send(model, { instance: obj, using: this.using, origin: this.origin });
      }
    for (const model of models) for (const obj of this.data.get(model)!) obj[model._meta.pk.attname] = null;
    return [total, counts];
  }
}
