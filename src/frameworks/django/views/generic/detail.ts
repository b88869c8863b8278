/**
 * django.views.generic.detail: URL kwargs (`pk` or `slug`) → one model instance in a template.
 *
 * `SingleObjectMixin.get_object()` filters the QuerySet by the URL's `pk` (and/or `slug`) and
 * `get()`s the one row, raising Http404 ("No book found matching the query") when there is none.
 * `BaseDetailView.get` puts it in the context as `object` and `<model_name>`;
 * `SingleObjectTemplateResponseMixin` picks `<app>/<model>_detail.html`.
 *
 *     export class PostDetailView extends DetailView { static model = Post; }
 *     path("<int:pk>/", PostDetailView.as_view())
 */
import { AttributeError } from "../../../python/builtins";
import { python_class } from "../../../python/mro";
import { ImproperlyConfigured } from "../../core/exceptions";
import { Model } from "../../db/models";
import type { QuerySet } from "../../db/models";
import type { HttpRequest } from "../../http/request";
import { Http404, type HttpResponseBase } from "../../http/response";
import { ContextMixin, TemplateResponseMixin, View, type Context, type Kwargs } from "./base";
import { truthy } from "./list";

export const SingleObjectMixin = python_class("django.views.generic.detail", [ContextMixin], (Base) =>
  /** Provide the ability to retrieve a single object for further manipulation. */
  class SingleObjectMixin extends Base {
    static model: any = null;
    static queryset: QuerySet | null = null;
    static slug_field = "slug";
    static context_object_name: string | null = null;
    static slug_url_kwarg = "slug";
    static pk_url_kwarg = "pk";
    static query_pk_and_slug = false;
    declare model: any;
    declare queryset: QuerySet | null;
    declare slug_field: string;
    declare context_object_name: string | null;
    declare slug_url_kwarg: string;
    declare pk_url_kwarg: string;
    declare query_pk_and_slug: boolean;
    declare object: any;

    /** Return the object the view is displaying: the QuerySet filtered by the URL's pk and/or slug, then `.get()`. */
    get_object(queryset: any = null): any {
      if (queryset === null) queryset = this.get_queryset();
      const pk = this.kwargs[this.pk_url_kwarg] ?? null;
      const slug = this.kwargs[this.slug_url_kwarg] ?? null;
      if (pk !== null) queryset = queryset.filter({ pk });
      if (slug !== null && (pk === null || this.query_pk_and_slug)) queryset = queryset.filter({ [this.get_slug_field()]: slug });
      if (pk === null && slug === null)
        throw new AttributeError(`Generic detail view ${this.constructor.name} must be called with either an object pk or a slug in the URLconf.`);
      try {
        return queryset.get();
      } catch (e) {
        if (e instanceof queryset.model.DoesNotExist) throw new Http404(`No ${queryset.model._meta.verbose_name} found matching the query`);
        throw e;
      }
    }

    /** Return the QuerySet used to look up the object: `queryset.all()` or `model`'s default manager. */
    get_queryset(): QuerySet {
      if (this.queryset === null) {
        if (this.model) return this.model._default_manager.all();
        const cls = this.constructor.name;
        throw new ImproperlyConfigured(`${cls} is missing a QuerySet. Define ${cls}.model, ${cls}.queryset, or override ${cls}.get_queryset().`);
      }
      return this.queryset.all();
    }

    /** Get the name of a slug field to be used to look up by slug. */
    get_slug_field(): string {
      return this.slug_field;
    }

    /** Get the name to use for the object: `context_object_name` or the model name. */
    get_context_object_name(obj: unknown): string | null {
      if (this.context_object_name) return this.context_object_name;
      if (obj instanceof Model) return (obj.constructor as any)._meta.model_name;
      return null;
    }

    /** Insert the single object into the context dict. */
    override get_context_data(kwargs: Kwargs = {}): Context {
      const context: Context = {};
      if (truthy(this.object)) {
        context.object = this.object;
        const context_object_name = this.get_context_object_name(this.object);
        if (context_object_name) context[context_object_name] = this.object;
      }
      Object.assign(context, kwargs);
      return super.get_context_data(context);
    }
  },
);
export type SingleObjectMixin = InstanceType<typeof SingleObjectMixin>;

export const BaseDetailView = python_class("django.views.generic.detail", [SingleObjectMixin, View], (Base) =>
  /** Base view for displaying a single object. This requires subclassing to provide a response mixin. */
  class BaseDetailView extends Base {
    get(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase {
      this.object = this.get_object();
      const context = this.get_context_data({ object: this.object });
      return this.render_to_response(context);
    }
  },
);
export type BaseDetailView = InstanceType<typeof BaseDetailView>;

export const SingleObjectTemplateResponseMixin = python_class("django.views.generic.detail", [TemplateResponseMixin], (Base) =>
  class SingleObjectTemplateResponseMixin extends Base {
    static template_name_field: string | null = null;
    static template_name_suffix = "_detail";
    declare template_name_field: string | null;
    declare template_name_suffix: string;

    /** `template_name` if set; else the object's `template_name_field`, then `<app_label>/<model_name><suffix>.html`. */
    override get_template_names(): string[] {
      try {
        return super.get_template_names();
      } catch (e) {
        if (!(e instanceof ImproperlyConfigured)) throw e;
        const names: string[] = [];
        if (truthy(this.object) && this.template_name_field) {
          const name = this.object[this.template_name_field];
          if (name) names.unshift(name);
        }
        if (this.object instanceof Model) {
          const meta = (this.object.constructor as any)._meta;
          names.push(`${meta.app_label}/${meta.model_name}${this.template_name_suffix}.html`);
        } else if (this.model !== undefined && this.model !== null && this.model.prototype instanceof Model) {
          names.push(`${this.model._meta.app_label}/${this.model._meta.model_name}${this.template_name_suffix}.html`);
        }
        if (!names.length) throw e;
        return names;
      }
    }
  },
);

export const DetailView = python_class("django.views.generic.detail", [SingleObjectTemplateResponseMixin, BaseDetailView], (Base) =>
  /** Render a "detail" view of an object. By default this is a model instance looked up from `self.queryset`, but the view will support display of *any* object by overriding `self.get_object()`. */
  class DetailView extends Base {},
);
export type DetailView = InstanceType<typeof DetailView>;
