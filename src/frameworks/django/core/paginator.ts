/**
 * django.core.paginator: a list or QuerySet + a page size → numbered `Page`s.
 *
 * `Paginator(object_list, per_page, { orphans, allow_empty_first_page })` counts the objects once
 * (`QuerySet.count()`, a `SELECT COUNT(*)`), and `paginator.page(n)` slices the list (`LIMIT/OFFSET`
 * on a QuerySet). A last page with `orphans` or fewer objects is folded into the page before it.
 * Bad page numbers raise `PageNotAnInteger` or `EmptyPage` (both `InvalidPage`); ListView turns
 * them into 404s.
 *
 *     const paginator = new Paginator(Post.objects.all(), 10);
 *     const page = paginator.page(2);      // SELECT ... LIMIT 10 OFFSET 10
 *     page.has_next(); page.start_index(); // 11
 */
import { Exception, type_name_of, TypeError, ValueError } from "../../python/builtins";

export class UnorderedObjectListWarning extends Exception {}
export class InvalidPage extends Exception {}
export class PageNotAnInteger extends InvalidPage {}
export class EmptyPage extends InvalidPage {}

type ObjectList = { count?: () => number; length?: number; slice?: (start: number, stop: number) => unknown } | unknown[];

export interface PaginatorOptions {
  orphans?: number;
  allow_empty_first_page?: boolean;
  error_messages?: Partial<Record<"invalid_page" | "min_page" | "no_results", string>>;
}

/** Python's `int(x)` for a page number: ints, integral floats, and strings of digits (spaces, sign, `_` allowed). */
function python_int(value: unknown): number {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ValueError("cannot convert float to integer");
    return Math.trunc(value);
  }
  if (typeof value === "boolean") return Number(value);
  if (typeof value === "string" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(value)) return Number(value.trim().replace(/_/g, ""));
  if (typeof value === "string") throw new ValueError(`invalid literal for int() with base 10: '${value}'`);
  throw new TypeError(`int() argument must be a string, a bytes-like object or a real number, not '${value === null ? "NoneType" : typeof value}'`);
}

export class Paginator {
  static ELLIPSIS = "…";
  static default_error_messages = {
    invalid_page: "That page number is not an integer",
    min_page: "That page number is less than 1",
    no_results: "That page contains no results",
  };

  object_list: ObjectList;
  per_page: number;
  orphans: number;
  allow_empty_first_page: boolean;
  error_messages: Record<"invalid_page" | "min_page" | "no_results", string>;
  private _count: number | undefined;

  /** `paginator.ELLIPSIS`: the class attribute, read through the instance as Python does. */
  get ELLIPSIS(): string {
    return (this.constructor as typeof Paginator).ELLIPSIS;
  }

  constructor(object_list: ObjectList, per_page: number | string, options: PaginatorOptions = {}) {
    this.object_list = object_list;
    this.per_page = python_int(per_page);
    this.orphans = python_int(options.orphans ?? 0);
    this.allow_empty_first_page = options.allow_empty_first_page ?? true;
    this.error_messages = { ...Paginator.default_error_messages, ...(options.error_messages ?? {}) };
  }

  *[Symbol.iterator](): Iterator<Page> {
    for (const n of this.page_range) yield this.page(n);
  }

  /** The page number as an int, or PageNotAnInteger / EmptyPage. */
  validate_number(number: unknown): number {
    let n: number;
    try {
      if (typeof number === "number" && !Number.isInteger(number)) throw new ValueError();
      n = python_int(number);
    } catch (e) {
      if (e instanceof TypeError || e instanceof ValueError) throw new PageNotAnInteger(this.error_messages.invalid_page);
      throw e;
    }
    if (n < 1) throw new EmptyPage(this.error_messages.min_page);
    if (n > this.num_pages && !(n === 1 && this.allow_empty_first_page)) throw new EmptyPage(this.error_messages.no_results);
    return n;
  }

  /** Like page(), but a bad number gives the first page and an out-of-range one the last. */
  get_page(number: unknown): Page {
    let n: number;
    try {
      n = this.validate_number(number);
    } catch (e) {
      if (e instanceof PageNotAnInteger) n = 1;
      else if (e instanceof EmptyPage) n = this.num_pages;
      else throw e;
    }
    return this.page(n);
  }

  /** The Page for a 1-based number; the last page absorbs up to `orphans` leftovers. */
  page(number: unknown): Page {
    const n = this.validate_number(number);
    const bottom = (n - 1) * this.per_page;
    let top = bottom + this.per_page;
    if (top + this.orphans >= this.count) top = this.count;
    return this._get_page(slice_of(this.object_list, bottom, top), n, this);
  }

  _get_page(object_list: unknown, number: number, paginator: Paginator): Page {
    return new Page(object_list, number, paginator);
  }

  /** The total number of objects: `object_list.count()` for a QuerySet, else its length (cached). */
  get count(): number {
    if (this._count === undefined) {
      const list = this.object_list as { count?: unknown; length?: number };
      this._count = !Array.isArray(list) && typeof list.count === "function" ? (list.count as () => number)() : (list.length ?? 0);
    }
    return this._count;
  }

  get num_pages(): number {
    if (this.count === 0 && !this.allow_empty_first_page) return 0;
    const hits = Math.max(1, this.count - this.orphans);
    return Math.ceil(hits / this.per_page);
  }

  /** `range(1, num_pages + 1)` */
  get page_range(): number[] {
    return Array.from({ length: this.num_pages }, (_, i) => i + 1);
  }

  /** Page numbers around `number` and at both ends, with `Paginator.ELLIPSIS` in the gaps: 1 2 … 7 8 9 10 11 … 49 50 */
  *get_elided_page_range(number: unknown = 1, options: { on_each_side?: number; on_ends?: number } = {}): Generator<number | string> {
    const { on_each_side = 3, on_ends = 2 } = options;
    const n = this.validate_number(number);
    const range = (a: number, b: number) => Array.from({ length: Math.max(0, b - a) }, (_, i) => a + i);
    if (this.num_pages <= (on_each_side + on_ends) * 2) return yield* this.page_range;
    if (n > 1 + on_each_side + on_ends + 1) {
      yield* range(1, on_ends + 1);
      yield this.ELLIPSIS;
      yield* range(n - on_each_side, n + 1);
    } else yield* range(1, n + 1);
    if (n < this.num_pages - on_each_side - on_ends - 1) {
      yield* range(n + 1, n + on_each_side + 1);
      yield this.ELLIPSIS;
      yield* range(this.num_pages - on_ends + 1, this.num_pages + 1);
    } else yield* range(n + 1, this.num_pages + 1);
  }
}

/** `object_list[bottom:top]`: a sliced QuerySet (LIMIT/OFFSET) or a sliced array. */
function slice_of(list: ObjectList, bottom: number, top: number): unknown {
  if (Array.isArray(list)) return list.slice(bottom, top);
  const sliceable = list as { slice?: (a: number, b: number) => unknown };
  if (typeof sliceable.slice === "function") return sliceable.slice(bottom, top);
  return [...(list as Iterable<unknown>)].slice(bottom, top);
}

/** One page of a Paginator: a sequence of its objects plus navigation helpers. */
export class Page {
  constructor(
    public object_list: any,
    public number: number,
    public paginator: Paginator,
  ) {}

  __repr__(): string {
    return `<Page ${this.number} of ${this.paginator.num_pages}>`;
  }

  toString(): string {
    return this.__repr__();
  }

  /** `len(page)` */
  get length(): number {
    return this.list().length;
  }

  /** `len(page)` as Python's protocol spells it (the `length` filter, `len()`). */
  __len__(): number {
    return this.list().length;
  }

  /** `page[i]` (Django's Page is a Sequence): `{{ page_obj.0 }}` in a template. */
  __getitem__(i: number): unknown {
    return this.index(i);
  }

  /** `page[i]` (the objects are fetched once and kept as a list). */
  index(i: number): unknown {
    if (!Number.isInteger(i)) throw new TypeError(`Page indices must be integers or slices, not ${type_name_of(i)}.`);
    const items = this.list();
    return items[i < 0 ? items.length + i : i];
  }

  list(): unknown[] {
    if (!Array.isArray(this.object_list)) this.object_list = [...(this.object_list as Iterable<unknown>)];
    return this.object_list as unknown[];
  }

  [Symbol.iterator](): Iterator<unknown> {
    return this.list()[Symbol.iterator]();
  }

  has_next(): boolean {
    return this.number < this.paginator.num_pages;
  }

  has_previous(): boolean {
    return this.number > 1;
  }

  has_other_pages(): boolean {
    return this.has_previous() || this.has_next();
  }

  next_page_number(): number {
    return this.paginator.validate_number(this.number + 1);
  }

  previous_page_number(): number {
    return this.paginator.validate_number(this.number - 1);
  }

  /** The 1-based index of the first object on this page (0 for an empty list). */
  start_index(): number {
    if (this.paginator.count === 0) return 0;
    return this.paginator.per_page * (this.number - 1) + 1;
  }

  /** The 1-based index of the last object on this page. */
  end_index(): number {
    if (this.number === this.paginator.num_pages) return this.paginator.count;
    return this.number * this.paginator.per_page;
  }
}
