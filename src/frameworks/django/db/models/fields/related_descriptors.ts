/**
 * django.db.models.fields.related_descriptors: relation attributes on model instances.
 *
 *     book.author        ForwardManyToOneDescriptor: cached, else one SELECT by author_id
 *     book.author = a    sets book.author_id and the cache
 *     author.profile     ReverseOneToOneDescriptor: cached, else one SELECT; RelatedObjectDoesNotExist
 *     author.books       ReverseManyToOneDescriptor: a RelatedManager filtered by author
 *     book.tags          ManyToManyDescriptor: a ManyRelatedManager over the join table
 *     tag.books          (the reverse side of the same ManyToManyField)
 *
 * Installed once per class by `contribute_to_class` (through DESCRIPTOR_HOOKS), on the prototype.
 * Each descriptor also registers a *prefetcher* (`get_prefetch_querysets`): how
 * `prefetch_related()` loads this relation for many instances in one query.
 */
import { TypeError as PyTypeError, ValueError, py_repr } from "../../../../python/builtins";
import { DESCRIPTOR_HOOKS, type ForeignKey, type ForeignObjectRel, type ManyToManyField, type ManyToManyRel } from "./related";
import { Manager } from "../manager";
import { PREFETCH, type QuerySet } from "../query";
import { Q } from "../query_utils";
import { m2m_changed } from "../signals";
import { atomic } from "../../transaction";
import { py_int_set_order } from "../../../../python/hash";

/** What `prefetch_related` needs from a relation attribute (Django's `get_prefetch_querysets`). */
export interface Prefetcher {
  /** Whether `instance` already holds this relation (select_related, an earlier prefetch). */
  is_cached(instance: any, cache_name: string): boolean;
  /** The query for every instance's related objects, and how to match them back. */
  get_prefetch_queryset(instances: any[], queryset: QuerySet | null): PrefetchPlan;
}

export interface PrefetchPlan {
  queryset: QuerySet;
  rel_obj_attr: (obj: any) => unknown;
  instance_attr: (instance: any) => unknown;
  single: boolean;
  cache_name: string;
  /** A forward one-to-one: the accessor on each fetched object that points back (`author.profile`). */
  remote_cache_name?: string;
}

/** Prefetchers by class prototype and attribute name. */
const PREFETCHERS = new WeakMap<object, Map<string, Prefetcher>>();

function register_prefetcher(cls: any, name: string, prefetcher: Prefetcher): void {
  let map = PREFETCHERS.get(cls.prototype);
  if (!map) PREFETCHERS.set(cls.prototype, (map = new Map()));
  map.set(name, prefetcher);
}

/** The prefetcher for `instance.<name>`, looking up the class chain; null when there is none. */
export function get_prefetcher(instance: any, name: string): Prefetcher | null {
  for (let p = Object.getPrototypeOf(instance); p; p = Object.getPrototypeOf(p)) {
    const found = PREFETCHERS.get(p)?.get(name);
    if (found) return found;
  }
  return null;
}

/** A lazy load's QuerySet, marked for the trace (`related` attr of its "queryset" span). */
function related_load<T extends QuerySet>(qs: T, kind: "forward" | "reverse" | "m2m", field: string, model: any): T {
  (qs as any)._related_load = { kind, field, model: model._meta.label };
  return qs;
}

PREFETCH.get_prefetcher = get_prefetcher;

const unique = (values: unknown[]) => [...new Set(values.filter((v) => v !== null && v !== undefined))];

// --- book.author ---------------------------------------------------------------------------------

DESCRIPTOR_HOOKS.forward = (field, cls) => {
  const fk = field as ForeignKey;
  Object.defineProperty(cls.prototype, fk.name, {
    configurable: true,
    get(this: any) {
      const cache = this._state.fields_cache;
      if (fk.name in cache) return cache[fk.name];
      const value = this[fk.attname];
      const target = fk.remote_field.model as any;
      const related = value === null || value === undefined ? null : related_load(target._base_manager.get_queryset(), "forward", fk.name, fk.model).get({ [fk.target_field.attname]: value });
      cache[fk.name] = related;
      return related;
    },
    set(this: any, value: any) {
      const target = fk.remote_field.model as any;
      if (value !== null && value !== undefined && !(value instanceof target))
        throw new ValueError(`Cannot assign "${py_repr(value)}": "${fk.model._meta.object_name}.${fk.name}" must be a "${target._meta.object_name}" instance.`);
      this[fk.attname] = value === null || value === undefined ? null : value[fk.target_field.attname];
      this._state.fields_cache[fk.name] = value ?? null;
    },
  });
  register_prefetcher(cls, fk.name, {
    is_cached: (instance) => fk.name in instance._state.fields_cache,
    get_prefetch_queryset(instances, queryset) {
      const target = fk.remote_field.model as any;
      const attname = fk.target_field.attname;
      const qs = (queryset ?? target._base_manager.get_queryset()).filter({ [`${attname}__in`]: unique(instances.map((i) => i[fk.attname])) });
      const remote_cache_name = fk.remote_field.one_to_one ? fk.remote_field.get_accessor_name() ?? undefined : undefined;
      return { queryset: qs, rel_obj_attr: (o) => o[attname], instance_attr: (i) => i[fk.attname], single: true, cache_name: fk.name, remote_cache_name };
    },
  });
};

// --- author.profile / author.books -----------------------------------------------------------------

DESCRIPTOR_HOOKS.reverse = (rel, related) => {
  if (rel.one_to_one) install_reverse_one_to_one(rel, related);
  else install_reverse_many_to_one(rel, related);
};

/** `RelatedObjectDoesNotExist`: a DoesNotExist of the related model (Django's is also an AttributeError). */
function related_does_not_exist(rel: ForeignObjectRel, accessor: string): any {
  const base = (rel.related_model as any).DoesNotExist;
  const cls = { RelatedObjectDoesNotExist: class extends base {} }.RelatedObjectDoesNotExist;
  Object.defineProperty(cls, "__qualname__", { value: `${(rel.model as any)._meta.object_name}.${accessor}.RelatedObjectDoesNotExist` });
  return cls;
}

function install_reverse_one_to_one(rel: ForeignObjectRel, related: any): void {
  const accessor = rel.get_accessor_name();
  if (!accessor) return;
  let DoesNotExist: any = null;
  Object.defineProperty(related.prototype, accessor, {
    configurable: true,
    get(this: any) {
      const cache = this._state.fields_cache;
      if (!(accessor in cache)) {
        const model = rel.related_model as any;
        let value = null;
        if (this.pk !== null && this.pk !== undefined) {
          try {
            value = related_load(model._base_manager.get_queryset(), "reverse", accessor, related).get({ [rel.field.attname]: this.pk });
            value._state.fields_cache[rel.field.name] = this;
          } catch (e) {
            if (!(e instanceof model.DoesNotExist)) throw e;
          }
        }
        cache[accessor] = value;
      }
      if (cache[accessor] === null) {
        DoesNotExist ??= related_does_not_exist(rel, accessor);
        throw new DoesNotExist(`${this.constructor.name} has no ${accessor}.`);
      }
      return cache[accessor];
    },
    set(this: any, value: any) {
      this._state.fields_cache[accessor] = value ?? null;
      if (value) value[rel.field.name] = this;
    },
  });
  register_prefetcher(related, accessor, {
    is_cached: (instance) => accessor in instance._state.fields_cache,
    get_prefetch_queryset(instances, queryset) {
      const model = rel.related_model as any;
      const attname = rel.field.attname;
      const qs = (queryset ?? model._base_manager.get_queryset()).filter({ [`${attname}__in`]: unique(instances.map((i) => i.pk)) });
      // Each fetched object points back at its instance: `author.profile.author` needs no query.
      qs._known_related_objects = new Map([[rel.field, new Map(instances.map((i) => [i.pk, i]))]]);
      return { queryset: qs, rel_obj_attr: (o) => o[attname], instance_attr: (i) => i.pk, single: true, cache_name: accessor };
    },
  });
}

function install_reverse_many_to_one(rel: ForeignObjectRel, related: any): void {
  const accessor = rel.get_accessor_name();
  if (!accessor) return;
  const RelatedManager = create_reverse_many_to_one_manager(rel);
  Object.defineProperty(related.prototype, accessor, {
    configurable: true,
    get(this: any) {
      return new RelatedManager(this);
    },
    set() {
      throw new PyTypeError(`Direct assignment to the reverse side of a related set is prohibited. Use ${accessor}.set() instead.`);
    },
  });
  register_prefetcher(related, accessor, {
    is_cached: (instance, cache_name) => Boolean(instance._prefetched_objects_cache && cache_name in instance._prefetched_objects_cache),
    get_prefetch_queryset(instances, queryset) {
      const fk = rel.field as ForeignKey;
      const model = rel.related_model as any;
      const target = fk.target_field.attname;
      const qs = filter_prefetch_queryset(queryset ?? model._default_manager.get_queryset(), fk.attname, unique(instances.map((i) => i[target])));
      // Each prefetched row points back at one of these instances: `comment.post` needs no query.
      qs._known_related_objects = new Map([[fk, new Map(instances.map((i) => [i[target], i]))]]);
      return { queryset: qs, rel_obj_attr: (o) => o[fk.attname], instance_attr: (i) => i[target], single: false, cache_name: accessor };
    },
  });
}

/**
 * Django's `_filter_prefetch_queryset`: the prefetch's `<field>__in` condition reuses every join
 * the queryset already has, so `Prefetch("books", Book.objects.filter(tags__id__lte=1))` matches
 * each book to the tag row its own filter read, not to a second join.
 */
function filter_prefetch_queryset(queryset: QuerySet, field_name: string, values: unknown[]): QuerySet {
  const qs = queryset._chain();
  qs.query.add_q(new Q({ [`${field_name}__in`]: values }), true);
  return qs;
}

/** Objects or pks → pks. */
const pk_of = (obj: any) => (obj && obj._meta === undefined && typeof obj === "object" && "_state" in obj ? obj.pk : obj);

/**
 * `author.books`: the related model's default manager, narrowed to this instance's rows.
 * `remove()` and `clear()` exist only when the ForeignKey is nullable, as in Django.
 */
function create_reverse_many_to_one_manager(rel: ForeignObjectRel): new (instance: any) => Manager {
  const fk = rel.field as ForeignKey;
  const model = rel.related_model as any;
  const cache_name = rel.get_accessor_name()!;
  class RelatedManager extends Manager {
    constructor(readonly instance: any) {
      super();
      this.model = model;
      this.name = cache_name;
    }

    override get_queryset(): QuerySet {
      const cached = this.instance._prefetched_objects_cache?.[cache_name];
      if (cached) return cached;
      const id = this.instance[fk.target_field.attname];
      const qs = model._default_manager.get_queryset().filter({ [fk.name]: id });
      qs._known_related_objects = new Map([[fk, new Map([[id, this.instance]])]]);
      return related_load(qs, "reverse", cache_name, this.instance.constructor);
    }

    add(...objs: any[]): void {
      const values = objs.map((o) => {
        if (!(o instanceof model)) throw new PyTypeError(`'${model._meta.object_name}' instance expected, got ${py_repr(o)}`);
        return o;
      });
      model._base_manager.filter({ pk__in: values.map((o) => o.pk) }).update({ [fk.name]: this.instance });
      for (const o of values) o[fk.name] = this.instance;
    }

    override create(kwargs: Record<string, unknown> = {}): any {
      return model._default_manager.create({ ...kwargs, [fk.name]: this.instance });
    }

    override get_or_create(kwargs: Record<string, unknown> = {}): any {
      return this.get_queryset().get_or_create({ ...kwargs, [fk.name]: this.instance });
    }

    override update_or_create(kwargs: Record<string, unknown> = {}): any {
      return this.get_queryset().update_or_create({ ...kwargs, [fk.name]: this.instance });
    }

    /** In one transaction: a bad object halfway leaves the relation as it was. */
    set(objs: any[], options: { clear?: boolean } = {}): void {
      if (!fk.null) {
        this.add(...objs);
        return;
      }
      atomic(
        () => {
          if (options.clear) {
            (this as any).clear();
            this.add(...objs);
            return;
          }
          // Python's `obj in old_objs`: the same model and pk (a bare id is never in the set).
          const old: any[] = this.get_queryset().list();
          const wanted: any[] = [];
          for (const obj of objs) {
            const i = old.findIndex((o) => o.constructor === obj?.constructor && o.pk === obj.pk);
            if (i >= 0) old.splice(i, 1);
            else wanted.push(obj);
          }
          if (old.length) (this as any).remove(...old);
          if (wanted.length) this.add(...wanted);
        },
        { savepoint: false },
      );
    }
  }
  if (fk.null) {
    Object.assign(RelatedManager.prototype, {
      remove(this: RelatedManager, ...objs: any[]): void {
        for (const o of objs) if (!(o instanceof model)) throw new PyTypeError(`'${model._meta.object_name}' instance expected, got ${py_repr(o)}`);
        this.get_queryset().filter({ pk__in: objs.map((o) => o.pk) }).update({ [fk.name]: null });
      },
      clear(this: RelatedManager): void {
        this.get_queryset().update({ [fk.name]: null });
      },
    });
  }
  return RelatedManager;
}

// --- book.tags / tag.books ----------------------------------------------------------------------

DESCRIPTOR_HOOKS.m2m = (field, cls) => install_many_to_many(field, cls, false);
DESCRIPTOR_HOOKS.m2m_reverse = (rel, related) => {
  if (rel.get_accessor_name()) install_many_to_many(rel.field as ManyToManyField, related, true);
};

/** Both sides of a ManyToManyField: which model, which join-table columns, which cache name. */
interface M2MSide {
  model: any;
  through: any;
  /** The lookup from `model` back to the instance (`books` for book.tags, `tags` for tag.books). */
  query_field_name: string;
  cache_name: string;
  /** Through-model FKs: to the instance, and to the related objects. */
  source_field_name: string;
  target_field_name: string;
  symmetrical: boolean;
  /** Whether this is the reverse side (`tag.books`): m2m_changed's `reverse`. */
  reverse: boolean;
}

function m2m_side(field: ManyToManyField, reverse: boolean): M2MSide {
  const rel = field.remote_field as ManyToManyRel;
  return reverse
    ? { model: field.model, through: rel.through, query_field_name: field.name, cache_name: rel.get_accessor_name()!, source_field_name: field.m2m_reverse_field_name(), target_field_name: field.m2m_field_name(), symmetrical: false, reverse }
    : { model: rel.model, through: rel.through, query_field_name: field.related_query_name(), cache_name: field.name, source_field_name: field.m2m_field_name(), target_field_name: field.m2m_reverse_field_name(), symmetrical: rel.symmetrical, reverse };
}

function install_many_to_many(field: ManyToManyField, cls: any, reverse: boolean): void {
  const name = reverse ? field.remote_field.get_accessor_name()! : field.name;
  Object.defineProperty(cls.prototype, name, {
    configurable: true,
    get(this: any) {
      return new ManyRelatedManager(m2m_side(field, reverse), this);
    },
    set() {
      throw new PyTypeError(`Direct assignment to the ${reverse ? "reverse" : "forward"} side of a many-to-many set is prohibited. Use ${name}.set() instead.`);
    },
  });
  register_prefetcher(cls, name, {
    is_cached: (instance, cache_name) => Boolean(instance._prefetched_objects_cache && cache_name in instance._prefetched_objects_cache),
    get_prefetch_queryset(instances, queryset) {
      const side = m2m_side(field, reverse);
      const source = side.through._meta.get_field(side.source_field_name);
      const alias = `_prefetch_related_val_${source.attname}`;
      // Django selects the join table's column by the table's own name, i.e. from its first join
      // (the one a Prefetch queryset's own filter made, if it made one), not the prefetch's.
      const qs = filter_prefetch_queryset(queryset ?? side.model._default_manager.get_queryset(), side.query_field_name, unique(instances.map((i) => i.pk))).annotate({
        [alias]: source.get_col(side.through._meta.db_table),
      });
      return { queryset: qs, rel_obj_attr: (o) => o[alias], instance_attr: (i) => i.pk, single: false, cache_name: side.cache_name };
    },
  });
}

/** `book.tags`: the related objects through the join table, with add/remove/set/clear/create. */
export class ManyRelatedManager extends Manager {
  constructor(
    readonly side: M2MSide,
    readonly instance: any,
  ) {
    super();
    this.model = side.model;
    this.name = side.cache_name;
    if (instance.pk === null || instance.pk === undefined)
      throw new ValueError(`"${instance}" needs to have a value for field "id" before this many-to-many relationship can be used.`);
  }

  override get_queryset(): QuerySet {
    const cached = this.instance._prefetched_objects_cache?.[this.side.cache_name];
    if (cached) return cached;
    const qs = this.side.model._default_manager.get_queryset()._next_is_sticky().filter({ [this.side.query_field_name]: this.instance.pk });
    return related_load(qs, "m2m", this.side.cache_name, this.instance.constructor);
  }

  add(...objs: any[]): void {
    atomic(
      () => {
        this._add_items(this.side.source_field_name, this.side.target_field_name, objs.map(pk_of));
        if (this.side.symmetrical) this._add_items(this.side.target_field_name, this.side.source_field_name, objs.map(pk_of));
      },
      { savepoint: false },
    );
  }

  remove(...objs: any[]): void {
    atomic(() => this._remove_items(objs.map(pk_of)), { savepoint: false });
  }

  clear(): void {
    const through = this.side.through;
    atomic(
      () => {
        this._send("pre_clear", null);
        through._base_manager.filter(this._source_filter(null))._raw_delete();
        this._send("post_clear", null);
      },
      { savepoint: false },
    );
  }

  set(objs: any[], options: { clear?: boolean } = {}): void {
    atomic(() => this._set(objs, options), { savepoint: false });
  }

  _set(objs: any[], options: { clear?: boolean }): void {
    if (options.clear) {
      this.clear();
      this.add(...objs);
      return;
    }
    const target_pk = this.side.model._meta.pk.attname;
    const old = new Set(this.get_queryset().values_list(target_pk, { flat: true }).list());
    const wanted = objs.filter((o) => !old.delete(pk_of(o)));
    if (old.size) this.remove(...old);
    if (wanted.length) this.add(...wanted);
  }

  override create(kwargs: Record<string, unknown> = {}): any {
    const obj = this.side.model._default_manager.create(kwargs);
    this.add(obj);
    return obj;
  }

  /** INSERT OR IGNORE the missing join rows; with m2m_changed receivers, look up what exists first. */
  _add_items(source: string, target: string, ids: unknown[]): void {
    const through = this.side.through;
    let missing = target_id_set(ids);
    const signals = m2m_changed.has_listeners(through);
    if (signals) {
      const existing = new Set(through._base_manager.filter({ [source]: this.instance.pk, [`${target}__in`]: missing }).values_list(through._meta.get_field(target).attname, { flat: true }).list());
      missing = missing.filter((id) => !existing.has(id));
    }
    if (source === this.side.source_field_name) this._send("pre_add", missing);
    const rows = missing.map((id) => new through({ [`${source}_id`]: this.instance.pk, [`${target}_id`]: id }));
    if (rows.length) through._base_manager.bulk_create(rows, { ignore_conflicts: true });
    if (source === this.side.source_field_name) this._send("post_add", missing);
  }

  _remove_items(ids: unknown[]): void {
    const through = this.side.through;
    const pk_set = sorted_ids(ids);
    this._send("pre_remove", pk_set);
    through._base_manager.filter(this._source_filter(pk_set))._raw_delete();
    this._send("post_remove", pk_set);
  }

  /** Join rows of this instance (to `ids` only, when given); both directions when symmetrical. */
  _source_filter(ids: unknown[] | null): Q {
    const { source_field_name: s, target_field_name: t } = this.side;
    const side = (a: string, b: string) => new Q(ids ? { [a]: this.instance.pk, [`${b}__in`]: ids } : { [a]: this.instance.pk });
    return this.side.symmetrical ? side(s, t).or(side(t, s)) : side(s, t);
  }

  _send(action: string, pk_set: unknown[] | null): void {
    if (!m2m_changed.has_listeners(this.side.through)) return;
    m2m_changed.send(this.side.through, { instance: this.instance, action, reverse: this.side.reverse, model: this.side.model, pk_set: pk_set ? new Set(pk_set) : null, using: "default" });
  }
}

/**
 * Django collects the ids to add in a Python set and inserts the through rows as the set yields
 * them (`add(8, 6)` inserts 8 first): int ids in CPython's set order, other ids as given.
 */
function target_id_set(ids: unknown[]): any[] {
  const unique = [...new Set(ids)];
  return unique.every((id) => Number.isSafeInteger(id)) ? py_int_set_order(unique as number[]) : unique;
}

function sorted_ids(ids: unknown[]): any[] {
  return [...new Set(ids)].sort((a: any, b: any) => (a < b ? -1 : a > b ? 1 : 0));
}
