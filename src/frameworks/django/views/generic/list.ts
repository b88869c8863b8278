/**
 * django.views.generic.list: a model or QuerySet → a (paginated) list in a template.
 *
 * `MultipleObjectMixin` builds the QuerySet (`model` / `queryset`, then `ordering`), paginates it
 * when `paginate_by` is set (`?page=2`, `?page=last`, 404 on a bad page) and names it in the
 * context (`object_list` and `<model>_list`). `BaseListView.get` puts it together;
 * `MultipleObjectTemplateResponseMixin` adds the default template `<app>/<model>_list.html`.
 *
 *     export class PostListView extends ListView {
 *       static model = Post;
 *       static paginate_by = 10;
 *     }
 */
import { python_class } from "../../../python/mro";
import { ImproperlyConfigured } from "../../core/exceptions";
import { InvalidPage, Paginator } from "../../core/paginator";
import { QuerySet } from "../../db/models";
import type { HttpRequest } from "../../http/request";
import { Http404, type HttpResponseBase } from "../../http/response";
import { ContextMixin, TemplateResponseMixin, View, type Context, type Kwargs } from "./base";

/** Python truthiness for what a view holds: a QuerySet is true when it has rows. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  const v = value as { __bool__?: () => boolean; length?: number };
  if (typeof v.__bool__ === "function") return v.__bool__();
  if (Array.isArray(value) || typeof value === "string") return (value as unknown[]).length > 0;
  if (typeof value === "number") return value !== 0;
  return Boolean(value);
}

export const MultipleObjectMixin = python_class("django.views.generic.list", [ContextMixin], (Base) =>
  /** A mixin for views manipulating multiple objects. */
  class MultipleObjectMixin extends Base {
    static allow_empty = true;
    static queryset: QuerySet | null = null;
    static model: any = null;
    static paginate_by: number | null = null;
    static paginate_orphans = 0;
    static context_object_name: string | null = null;
    static paginator_class: typeof Paginator = Paginator;
    static page_kwarg = "page";
    static ordering: string | string[] | null = null;
    declare allow_empty: boolean;
    declare queryset: QuerySet | null;
    declare model: any;
    declare paginate_by: number | null;
    declare paginate_orphans: number;
    declare context_object_name: string | null;
    declare paginator_class: typeof Paginator;
    declare page_kwarg: string;
    declare ordering: string | string[] | null;
    declare object_list: any;

    /** Return the list of items for this view: `queryset` (re-evaluated) or `model`'s default manager, then ordered. */
    get_queryset(): QuerySet | unknown[] {
      let queryset: any;
      if (this.queryset !== null) {
        queryset = this.queryset;
        if (queryset instanceof QuerySet) queryset = queryset.all();
      } else if (this.model !== null) queryset = this.model._default_manager.all();
      else {
        const cls = this.constructor.name;
        throw new ImproperlyConfigured(`${cls} is missing a QuerySet. Define ${cls}.model, ${cls}.queryset, or override ${cls}.get_queryset().`);
      }
      let ordering = this.get_ordering();
      if (ordering) {
        if (typeof ordering === "string") ordering = [ordering];
        queryset = queryset.order_by(...ordering);
      }
      return queryset;
    }

    /** Return the field or fields to use for ordering the queryset. */
    get_ordering(): string | string[] | null {
      return this.ordering;
    }

    /** Paginate the queryset: `[paginator, page, page.object_list, page.has_other_pages()]`. */
    paginate_queryset(queryset: unknown, page_size: number): [Paginator, any, unknown, boolean] {
      const paginator: Paginator = this.get_paginator(queryset, page_size, { orphans: this.get_paginate_orphans(), allow_empty_first_page: this.get_allow_empty() });
      const page_kwarg = this.page_kwarg;
      const page = first_truthy(this.kwargs[page_kwarg], this.request.GET.get(page_kwarg), 1);
      const page_number = page_number_of(page, paginator);
      try {
        const p = paginator.page(page_number);
        return [paginator, p, p.object_list, p.has_other_pages()];
      } catch (e) {
        if (e instanceof InvalidPage) throw new Http404(`Invalid page (${page_number}): ${e.message}`);
        throw e;
      }
    }

    /** Get the number of items to paginate by, or null for no pagination. */
    get_paginate_by(_queryset: unknown): number | null {
      return this.paginate_by;
    }

    /** Return an instance of the paginator for this view. */
    get_paginator(queryset: unknown, per_page: number, options: { orphans?: number; allow_empty_first_page?: boolean; [k: string]: unknown } = {}): Paginator {
      const { orphans = 0, allow_empty_first_page = true, ...kwargs } = options;
      return new this.paginator_class(queryset as unknown[], per_page, { orphans, allow_empty_first_page, ...kwargs });
    }

    /** Return the maximum number of orphans extend the last page by when paginating. */
    get_paginate_orphans(): number {
      return this.paginate_orphans;
    }

    /** Return true if the view should display empty lists and false if a 404 should be raised instead. */
    get_allow_empty(): boolean {
      return this.allow_empty;
    }

    /** Get the name of the item to be used in the context: `context_object_name` or `<model_name>_list`. */
    get_context_object_name(object_list: any): string | null {
      if (this.context_object_name) return this.context_object_name;
      if (object_list && object_list.model !== undefined) return `${object_list.model._meta.model_name}_list`;
      return null;
    }

    /** Get the context for this view: the (paginated) list under `object_list` and its own name. */
    override get_context_data(kwargs: Kwargs = {}): Context {
      const { object_list = null, ...rest } = kwargs;
      let queryset = object_list !== null ? object_list : this.object_list;
      const page_size = this.get_paginate_by(queryset);
      const context_object_name = this.get_context_object_name(queryset);
      let context: Context;
      if (page_size) {
        const [paginator, page, page_list, is_paginated] = this.paginate_queryset(queryset, page_size);
        queryset = page_list;
        context = { paginator, page_obj: page, is_paginated, object_list: queryset };
      } else context = { paginator: null, page_obj: null, is_paginated: false, object_list: queryset };
      if (context_object_name !== null) context[context_object_name] = queryset;
      Object.assign(context, rest);
      return super.get_context_data(context);
    }
  },
);
export type MultipleObjectMixin = InstanceType<typeof MultipleObjectMixin>;

/** `a or b or c` */
function first_truthy(...values: unknown[]): unknown {
  for (const v of values.slice(0, -1)) if (truthy(v)) return v;
  return values[values.length - 1];
}

/** `int(page)`, or the last page for "last"; anything else is a 404. */
function page_number_of(page: unknown, paginator: Paginator): number {
  if (typeof page === "number") return Math.trunc(page);
  if (typeof page === "string" && /^\s*[+-]?\d+(_\d+)*\s*$/.test(page)) return Number(page.trim().replace(/_/g, ""));
  if (page === "last") return paginator.num_pages;
  throw new Http404("Page is not “last”, nor can it be converted to an int.");
}

export const BaseListView = python_class("django.views.generic.list", [MultipleObjectMixin, View], (Base) =>
  /** Base view for displaying a list of objects. This requires subclassing to provide a response mixin. */
  class BaseListView extends Base {
    get(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase {
      this.object_list = this.get_queryset();
      const allow_empty = this.get_allow_empty();
      if (!allow_empty) {
        const list = this.object_list;
        const is_empty = this.get_paginate_by(list) !== null && typeof list?.exists === "function" ? !list.exists() : !truthy(list);
        if (is_empty) throw new Http404(`Empty list and “${this.constructor.name}.allow_empty” is False.`);
      }
      const context = this.get_context_data();
      return this.render_to_response(context);
    }
  },
);
export type BaseListView = InstanceType<typeof BaseListView>;

export const MultipleObjectTemplateResponseMixin = python_class("django.views.generic.list", [TemplateResponseMixin], (Base) =>
  /** Mixin for responding with a template and list of objects. */
  class MultipleObjectTemplateResponseMixin extends Base {
    static template_name_suffix = "_list";
    declare template_name_suffix: string;

    /** `template_name` if set, then `<app_label>/<model_name><suffix>.html` for a QuerySet. */
    override get_template_names(): string[] {
      let names: string[];
      try {
        names = super.get_template_names();
      } catch (e) {
        if (!(e instanceof ImproperlyConfigured)) throw e;
        names = [];
      }
      const list = this.object_list;
      if (list && list.model !== undefined) {
        const opts = list.model._meta;
        names.push(`${opts.app_label}/${opts.model_name}${this.template_name_suffix}.html`);
      } else if (!names.length)
        throw new ImproperlyConfigured(`${this.constructor.name} requires either a 'template_name' attribute or a get_queryset() method that returns a QuerySet.`);
      return names;
    }
  },
);

export const ListView = python_class("django.views.generic.list", [MultipleObjectTemplateResponseMixin, BaseListView], (Base) =>
  /** Render some list of objects, set by `self.model` or `self.queryset`. `self.queryset` can actually be any iterable of items, not just a queryset. */
  class ListView extends Base {},
);
export type ListView = InstanceType<typeof ListView>;
