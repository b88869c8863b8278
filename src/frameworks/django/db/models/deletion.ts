/**
 * django.db.models.deletion: deleting rows → every row that must go (or change) with them.
 * Main class: `Collector`; the `on_delete` handlers CASCADE, PROTECT, RESTRICT, SET_NULL,
 * SET_DEFAULT, SET(), DO_NOTHING decide what happens to the rows pointing at a deleted one.
 *
 *     author.delete()  → collect(author): books (CASCADE) → their reviews and tag links (CASCADE);
 *                        edited books (SET_NULL) get editor_id = NULL; then DELETE each model, leaves first.
 *     → [18, {"library.Book_tags": 8, "library.Review": 4, ..., "library.Author": 1}]
 */
import { py_tuple } from "../../../python/builtins";
import { IntegrityError } from "../utils";
import { Q } from "./query_utils";
import { pre_delete, post_delete } from "./signals";
import { atomic } from "../transaction";

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

type SubObjs = any[] | QuerySetLike;
type Handler = ((collector: Collector, field: any, sub_objs: SubObjs, using: string) => void) & { deconstruct?: () => unknown; lazy_sub_objs?: boolean };

/** What the collector needs of a QuerySet (deletion.ts cannot import query.ts: it imports us). */
interface QuerySetLike {
  model: any;
  _result_cache: any[] | null;
  _raw_delete(): number;
  update(kwargs: Record<string, unknown>): number;
  list(): any[];
}

const is_queryset = (objs: SubObjs): objs is QuerySetLike => !Array.isArray(objs) && typeof (objs as QuerySetLike)._raw_delete === "function";
const as_list = (objs: SubObjs): any[] => (is_queryset(objs) ? objs.list() : objs);

export const CASCADE: Handler = (collector, field, sub_objs) => {
  collector.collect(sub_objs, { source: field.remote_field.model, nullable: field.null, fail_on_restricted: false });
};

export const PROTECT: Handler = (_collector, field, sub_objs) => {
  const objs = as_list(sub_objs);
  throw new ProtectedError(
    `Cannot delete some instances of model '${field.remote_field.model._meta.object_name}' because they are referenced through a protected foreign key: '${objs[0].constructor.name}.${field.name}'`,
    objs,
  );
};

export const RESTRICT: Handler = (collector, field, sub_objs) => {
  collector.add_restricted_objects(field, as_list(sub_objs));
  collector.add_dependency(field.remote_field.model, field.model);
};

/** SET_NULL / SET_DEFAULT / SET() never load the rows: one UPDATE over the unevaluated QuerySet. */
export const SET_NULL: Handler = (collector, field, sub_objs) => {
  collector.add_field_update(field, null, sub_objs);
};
SET_NULL.lazy_sub_objs = true;

export const SET_DEFAULT: Handler = (collector, field, sub_objs) => {
  collector.add_field_update(field, field.get_default(), sub_objs);
};
SET_DEFAULT.lazy_sub_objs = true;

export const DO_NOTHING: Handler = () => {};

/** `SET(value)` or `SET(callable)`. */
export function SET(value: unknown): Handler {
  const handler: Handler = (collector, field, sub_objs) => collector.add_field_update(field, typeof value === "function" ? (value as () => unknown)() : value, sub_objs);
  handler.deconstruct = () => ["django.db.models.SET", [value], {}];
  handler.lazy_sub_objs = true;
  return handler;
}

for (const [name, fn] of Object.entries({ CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING })) {
  Object.defineProperty(fn, "name", { value: name });
  (fn as Handler).deconstruct = () => `django.db.models.${name}`;
}

/** The reverse relations whose rows may have to go (or change) with a deleted row. */
function candidate_relations(opts: any): any[] {
  return opts.get_fields({ include_hidden: true }).filter((f: any) => f.auto_created && !f.concrete && (f.one_to_one || f.one_to_many));
}

const has_signal_listeners = (model: any) => pre_delete.has_listeners(model) || post_delete.has_listeners(model);

/**
 * Gathers the rows to delete, model by model, then deletes them in dependency order.
 *
 * Rows nobody listens to and nothing points at are *fast-deleted* (one DELETE ... WHERE fk IN,
 * never loaded); SET_NULL-style handlers become one UPDATE; everything else is loaded, so that
 * pre_delete/post_delete can be sent for each instance.
 */
export class Collector {
  /** model → instances to delete, in collection order. */
  data = new Map<any, any[]>();
  /** (field, value) → the instance lists or unevaluated QuerySets to update. */
  field_updates: { field: any; value: unknown; batches: SubObjs[] }[] = [];
  restricted: [any, any[]][] = [];
  fast_deletes: QuerySetLike[] = [];
  /** model → models whose rows must be deleted before its own. */
  dependencies = new Map<any, Set<any>>();

  constructor(
    public using: string,
    public origin: unknown = null,
  ) {}

  /** Record instances to delete; returns those not already collected. */
  add(objs: any[], source: any = null, nullable = false, reverse_dependency = false): any[] {
    if (!objs.length) return [];
    const model = objs[0].constructor;
    if (!this.data.has(model)) this.data.set(model, []);
    const instances = this.data.get(model)!;
    const fresh = objs.filter((o) => !instances.some((i) => i === o || (i.pk === o.pk && i.pk !== null)));
    instances.push(...fresh);
    // A nullable relation can be set to NULL first, so it does not order the deletes.
    if (source && !nullable) this.add_dependency(source, model, reverse_dependency);
    return fresh;
  }

  add_dependency(model: any, dependency: any, reverse_dependency = false): void {
    if (reverse_dependency) [model, dependency] = [dependency, model];
    if (!this.dependencies.has(model)) this.dependencies.set(model, new Set());
    this.dependencies.get(model)!.add(dependency);
    if (!this.data.has(dependency)) this.data.set(dependency, []);
  }

  add_field_update(field: any, value: unknown, objs: SubObjs): void {
    const entry = this.field_updates.find((u) => u.field === field && u.value === value);
    if (entry) entry.batches.push(objs);
    else this.field_updates.push({ field, value, batches: [objs] });
  }

  add_restricted_objects(field: any, objs: any[]): void {
    if (objs.length) this.restricted.push([field, objs]);
  }

  /** Can these rows go with one DELETE, without loading them (no signals, nothing cascades)? */
  can_fast_delete(objs: any, from_field: any = null): boolean {
    if (from_field && from_field.remote_field.on_delete !== CASCADE) return false;
    const model = objs && objs._meta ? objs : objs && is_queryset(objs) ? objs.model : null;
    if (!model || has_signal_listeners(model)) return false;
    return candidate_relations(model._meta).every((rel: any) => rel.field.remote_field.on_delete === DO_NOTHING);
  }

  /** `related_model` rows pointing at `objs` through any of `fields`, unevaluated. */
  related_objects(related_model: any, fields: any[], objs: any[]): QuerySetLike {
    const pks = objs.map((o) => o.pk);
    // Several fields from one model (both sides of a symmetrical many-to-many's through table): OR.
    const q = fields.map((f) => new Q({ [`${f.name}__in`]: pks })).reduce((a, b) => a.or(b));
    return related_model._base_manager.filter(q);
  }

  /** Collect `objs` (instances or a QuerySet) and, through every relation to their model, what depends on them. */
  collect(objs: SubObjs, options: { source?: any; nullable?: boolean; reverse_dependency?: boolean; keep_parents?: boolean; fail_on_restricted?: boolean } = {}): void {
    if (this.can_fast_delete(objs)) {
      this.fast_deletes.push(objs as QuerySetLike);
      return;
    }
    const fresh = this.add(as_list(objs), options.source ?? null, options.nullable ?? false, options.reverse_dependency ?? false);
    if (!fresh.length) return;
    const model = fresh[0].constructor;
    const fast = new Map<any, any[]>();
    const protected_objects = new Map<string, any[]>();
    for (const rel of candidate_relations(model._meta)) {
      const field = rel.field;
      const on_delete = field.remote_field.on_delete as Handler;
      if (on_delete === DO_NOTHING) continue;
      const related_model = rel.related_model;
      if (this.can_fast_delete(related_model, field)) {
        fast.set(related_model, [...(fast.get(related_model) ?? []), field]);
        continue;
      }
      const sub_objs = this.related_objects(related_model, [field], fresh);
      if (!on_delete.lazy_sub_objs && !sub_objs.list().length) continue;
      try {
        on_delete(this, field, sub_objs, this.using);
      } catch (e) {
        if (!(e instanceof ProtectedError)) throw e;
        const key = `'${field.model._meta.object_name}.${field.name}'`;
        protected_objects.set(key, [...(protected_objects.get(key) ?? []), ...e.protected_objects]);
      }
    }
    if (protected_objects.size)
      throw new ProtectedError(
        `Cannot delete some instances of model '${model._meta.object_name}' because they are referenced through protected foreign keys: ${[...protected_objects.keys()].join(", ")}.`,
        [...new Set([...protected_objects.values()].flat())],
      );
    for (const [related_model, fields] of fast) this.fast_deletes.push(this.related_objects(related_model, fields, fresh));
    if (options.fail_on_restricted ?? true) this.check_restricted();
  }

  /** RESTRICT: a referencing row blocks the delete unless it is itself being deleted by a cascade. */
  check_restricted(): void {
    const blocked: any[] = [];
    const keys: string[] = [];
    for (const [field, objs] of this.restricted) {
      const left = objs.filter((o) => !(this.data.get(o.constructor) ?? []).some((i) => i.pk === o.pk));
      if (!left.length) continue;
      blocked.push(...left);
      const key = `'${field.model._meta.object_name}.${field.name}'`;
      if (!keys.includes(key)) keys.push(key);
    }
    if (blocked.length) {
      const model = this.restricted[0][0].remote_field.model._meta.object_name;
      throw new RestrictedError(`Cannot delete some instances of model '${model}' because they are referenced through restricted foreign keys: ${keys.join(", ")}.`, blocked);
    }
  }

  /** Models in the order their rows must be deleted: a model after every model it depends on. */
  sort(): void {
    const models = [...this.data.keys()];
    const sorted: any[] = [];
    while (sorted.length < models.length) {
      let found = false;
      for (const m of models) {
        if (sorted.includes(m)) continue;
        const deps = this.dependencies.get(m);
        if (!deps || [...deps].every((d) => sorted.includes(d))) {
          sorted.push(m);
          found = true;
        }
      }
      if (!found) return;
    }
    this.data = new Map(sorted.map((m) => [m, this.data.get(m)!]));
  }

  /** pre_delete, fast deletes, field updates, DELETE per model with post_delete → `[total, {label: n}]`. */
  delete(): [number, Record<string, number>] {
    for (const [model, instances] of this.data) this.data.set(model, [...instances].sort((a, b) => (a.pk < b.pk ? -1 : a.pk > b.pk ? 1 : 0)));
    this.sort();
    const counts: Record<string, number> = {};
    const count = (label: string, n: number) => {
      if (n) counts[label] = (counts[label] ?? 0) + n;
    };
    const single = this.single_fast_delete();
    if (single) return single;
    // One transaction: SQLite checks the (deferred) foreign keys at COMMIT, once every row is gone.
    atomic(() => this.delete_in_transaction(count), { using: this.using, savepoint: false });
    for (const { field, value, batches } of this.field_updates) for (const b of batches) if (Array.isArray(b)) for (const obj of b) obj[field.attname] = value;
    for (const [model, instances] of this.data) for (const obj of instances) obj[model._meta.pk.attname] = null;
    // A tuple, as Django returns it: `(2, {'blog.Entry': 2})`.
    return py_tuple(Object.values(counts).reduce((a, b) => a + b, 0), counts) as unknown as [number, Record<string, number>];
  }

  delete_in_transaction(count: (label: string, n: number) => void): void {
    for (const [model, instances] of this.data)
      if (!model._meta.auto_created) for (const obj of instances) pre_delete.send(model, { instance: obj, using: this.using, origin: this.origin });
    for (const qs of this.fast_deletes) count(qs.model._meta.label, qs._raw_delete());
    this.run_field_updates();
    for (const [model, instances] of this.data) {
      instances.reverse();
      if (instances.length) count(model._meta.label, model._base_manager.filter({ pk__in: instances.map((o: any) => o.pk) })._raw_delete());
      if (!model._meta.auto_created) for (const obj of instances) post_delete.send(model, { instance: obj, using: this.using, origin: this.origin });
    }
  }

  /** One instance, nothing else collected, nobody listening: a single DELETE. */
  single_fast_delete(): [number, Record<string, number>] | null {
    if (this.data.size !== 1 || this.fast_deletes.length || this.field_updates.length) return null;
    const [model, instances] = [...this.data][0];
    if (instances.length !== 1 || !this.can_fast_delete(instances[0].constructor)) return null;
    const n = model._base_manager.filter({ pk__in: [instances[0].pk] })._raw_delete();
    instances[0][model._meta.pk.attname] = null;
    return py_tuple(n, n ? { [model._meta.label]: n } : {}) as unknown as [number, Record<string, number>];
  }

  run_field_updates(): void {
    for (const { field, value, batches } of this.field_updates)
      for (const b of batches) {
        if (is_queryset(b) && b._result_cache === null) b.update({ [field.name]: value });
        else field.model._base_manager.filter({ pk__in: [...new Set(as_list(b).map((o: any) => o.pk))] }).update({ [field.name]: value });
      }
  }
}
