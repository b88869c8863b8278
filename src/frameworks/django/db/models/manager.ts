/**
 * django.db.models.manager: `Model.objects` → a fresh QuerySet per call. Main class: `Manager`.
 *
 *     Book.objects.filter(in_print=true)    is   Book.objects.get_queryset().filter(in_print=true)
 *
 * Every QuerySet method is available on the manager and starts from `get_queryset()`; subclass
 * Manager and override `get_queryset()` for a custom default set of rows.
 */
import { QuerySet } from "./query";

const PROXIED = [
  "filter", "exclude", "get", "bulk_create", "bulk_update",
  "count", "exists", "first", "last", "earliest", "latest", "order_by", "values", "values_list", "annotate", "alias",
  "aggregate", "distinct", "reverse", "none", "select_related", "prefetch_related", "in_bulk", "dates", "datetimes",
  "update", "union", "intersection", "difference", "only", "defer", "iterator", "complex_filter", "using", "explain",
] as const;

// The QuerySet methods a Manager proxies (installed on the prototype below) are typed by merging.
export interface Manager<T = any> extends Pick<QuerySet<T>, (typeof PROXIED)[number]> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Manager<T = any> {
  model: any = null;
  name: string | null = null;
  auto_created = false;
  _db: string | null = null;

  contribute_to_class(cls: any, name: string): void {
    this.name = this.name ?? name;
    this.model = cls;
  }

  /** A copy bound to another model (inherited managers). */
  copy_for(cls: any, name: string): Manager<T> {
    const m = Object.create(Object.getPrototypeOf(this)) as Manager<T>;
    Object.assign(m, this);
    m.model = cls;
    m.name = name;
    return m;
  }

  /** The QuerySet every other method starts from. */
  get_queryset(): QuerySet<T> {
    return new QuerySet<T>(this.model, null, this._db);
  }

  /**
   * `Manager.all()` is `get_queryset()` itself, not a copy: a related manager's prefetched
   * QuerySet (with its result cache) comes back as is.
   */
  all(): QuerySet<T> {
    return this.get_queryset();
  }

  create(kwargs: Record<string, unknown> = {}): T {
    return this.get_queryset().create(kwargs);
  }

  get_or_create(kwargs: Record<string, unknown> = {}): [T, boolean] {
    return this.get_queryset().get_or_create(kwargs);
  }

  update_or_create(kwargs: Record<string, unknown> = {}): [T, boolean] {
    return this.get_queryset().update_or_create(kwargs);
  }

  db_manager(using: string | null = null): Manager<T> {
    const m = this.copy_for(this.model, this.name ?? "objects");
    m._db = using ?? this._db;
    return m;
  }

  _insert(objs: any[], options: any): unknown[][] {
    return this.get_queryset()._insert(objs, options);
  }

  toString(): string {
    return `${this.model?._meta?.label}.${this.name}`;
  }
}

for (const name of PROXIED)
  Object.defineProperty(Manager.prototype, name, {
    configurable: true,
    writable: true,
    value: function (this: Manager, ...args: unknown[]) {
      return (this.get_queryset() as any)[name](...args);
    },
  });
