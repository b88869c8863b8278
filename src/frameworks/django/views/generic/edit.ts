/**
 * django.views.generic.edit: a request → a form shown (GET), validated (POST) and acted on.
 *
 * `FormMixin` builds the form (`get_form_class` → `get_form_kwargs` → `get_form`) and decides what
 * happens next: `form_valid` redirects to `success_url`, `form_invalid` re-renders with the errors.
 * `ProcessFormView` maps GET/POST/PUT onto that. `ModelFormMixin` makes the form a ModelForm for
 * `model` + `fields` and saves it; CreateView, UpdateView and DeleteView (a form too, since
 * Django 4.0) add the object.
 *
 *     export class PostCreateView extends CreateView {
 *       static model = Post;
 *       static fields = ["title", "body"];
 *       static success_url = "/posts/";
 *     }
 */
import { python_class } from "../../../python/mro";
import { ImproperlyConfigured } from "../../core/exceptions";
import { Form, type BaseForm } from "../../forms/forms";
import { modelform_factory } from "../../forms/models";
import type { HttpRequest } from "../../http/request";
import { HttpResponseRedirect, type HttpResponseBase } from "../../http/response";
import { str_format } from "../../../python/format";
import { ContextMixin, TemplateResponseMixin, View, type Context, type Kwargs } from "./base";
import { BaseDetailView, SingleObjectMixin, SingleObjectTemplateResponseMixin } from "./detail";

type FormClass = new (data: any, options: Kwargs) => BaseForm;

/** `str.format(**obj.__dict__)`: `"/posts/{id}/"` filled from the saved object's attributes. */
function format_with_object(url: string, obj: object): string {
  return str_format(String(url), [], { ...obj });
}

export const FormMixin = python_class("django.views.generic.edit", [ContextMixin], (Base) =>
  /** Provide a way to show and handle a form in a request. */
  class FormMixin extends Base {
    static initial: Kwargs = {};
    static form_class: FormClass | null = null;
    static success_url: string | null = null;
    static prefix: string | null = null;
    declare initial: Kwargs;
    declare form_class: FormClass | null;
    declare success_url: string | null;
    declare prefix: string | null;

    /** Return the initial data to use for forms on this view (a copy of `initial`). */
    get_initial(): Kwargs {
      return { ...this.initial };
    }

    /** Return the prefix to use for forms. */
    get_prefix(): string | null {
      return this.prefix;
    }

    /** Return the form class to use. */
    get_form_class(): FormClass | null {
      return this.form_class;
    }

    /** Return an instance of the form to be used in this view: `form_class(**get_form_kwargs())`. */
    get_form(form_class: FormClass | null = null): BaseForm {
      if (form_class === null) form_class = this.get_form_class();
      // Our forms take `data` positionally and the other keyword arguments as options.
      const { data = null, ...options } = this.get_form_kwargs();
      return new form_class!(data, options);
    }

    /** Return the keyword arguments for instantiating the form: initial and prefix, plus data/files on POST or PUT. */
    get_form_kwargs(): Kwargs {
      const kwargs: Kwargs = { initial: this.get_initial(), prefix: this.get_prefix() };
      if (this.request.method === "POST" || this.request.method === "PUT") Object.assign(kwargs, { data: this.request.POST, files: this.request.FILES });
      return kwargs;
    }

    /** Return the URL to redirect to after processing a valid form. */
    get_success_url(): string {
      if (!this.success_url) throw new ImproperlyConfigured("No URL to redirect to. Provide a success_url.");
      return String(this.success_url);
    }

    /** If the form is valid, redirect to the supplied URL. */
    form_valid(_form: BaseForm): HttpResponseBase {
      return new HttpResponseRedirect(this.get_success_url());
    }

    /** If the form is invalid, render the invalid form. */
    form_invalid(form: BaseForm): HttpResponseBase {
      return this.render_to_response(this.get_context_data({ form }));
    }

    /** Insert the form into the context dict. */
    override get_context_data(kwargs: Kwargs = {}): Context {
      if (!("form" in kwargs)) kwargs.form = this.get_form();
      return super.get_context_data(kwargs);
    }
  },
);
export type FormMixin = InstanceType<typeof FormMixin>;

export const ModelFormMixin = python_class("django.views.generic.edit", [FormMixin, SingleObjectMixin], (Base) =>
  /** Provide a way to show and handle a ModelForm in a request. */
  class ModelFormMixin extends Base {
    static fields: string[] | "__all__" | null = null;
    declare fields: string[] | "__all__" | null;

    /** Return the form class to use in this view: `form_class`, or a ModelForm for the model and `fields`. */
    override get_form_class(): FormClass {
      if (this.fields !== null && this.form_class) throw new ImproperlyConfigured("Specifying both 'fields' and 'form_class' is not permitted.");
      if (this.form_class) return this.form_class;
      let model: any;
      if (this.model !== null) model = this.model;
      else if (this.object !== undefined && this.object !== null) model = this.object.constructor;
      else model = this.get_queryset().model;
      if (this.fields === null)
        throw new ImproperlyConfigured(`Using ModelFormMixin (base class of ${this.constructor.name}) without the 'fields' attribute is prohibited.`);
      return modelform_factory(model, { fields: this.fields }) as unknown as FormClass;
    }

    /** Return the keyword arguments for instantiating the form, plus the `instance` being edited. */
    override get_form_kwargs(): Kwargs {
      const kwargs = super.get_form_kwargs();
      if ("object" in this) kwargs.instance = this.object;
      return kwargs;
    }

    /** Return the URL to redirect to after processing a valid form: `success_url` formatted with the object, or its get_absolute_url(). */
    override get_success_url(): string {
      if (this.success_url) return format_with_object(this.success_url, this.object);
      if (typeof this.object?.get_absolute_url !== "function")
        throw new ImproperlyConfigured("No URL to redirect to.  Either provide a url or define a get_absolute_url method on the Model.");
      return this.object.get_absolute_url();
    }

    /** If the form is valid, save the associated model. */
    override form_valid(form: BaseForm): HttpResponseBase {
      this.object = (form as BaseForm & { save(): unknown }).save();
      return super.form_valid(form);
    }
  },
);

export const ProcessFormView = python_class("django.views.generic.edit", [View], (Base) =>
  /** Render a form on GET and processes it on POST. */
  class ProcessFormView extends Base {
    /** Handle GET requests: instantiate a blank version of the form. */
    get(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase {
      return this.render_to_response(this.get_context_data());
    }

    /** Handle POST requests: instantiate a form instance with the passed POST variables and then check if it's valid. */
    post(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase {
      const form = this.get_form();
      return form.is_valid() ? this.form_valid(form) : this.form_invalid(form);
    }

    /** PUT is a valid HTTP verb for creating (with a known URL) or editing an object. */
    put(...args: [HttpRequest, ...unknown[]]): HttpResponseBase {
      return this.post(...args);
    }
  },
);

export const BaseFormView = python_class("django.views.generic.edit", [FormMixin, ProcessFormView], (Base) =>
  /** A base view for displaying a form. */
  class BaseFormView extends Base {},
);

export const FormView = python_class("django.views.generic.edit", [TemplateResponseMixin, BaseFormView], (Base) =>
  /** A view for displaying a form and rendering a template response. */
  class FormView extends Base {},
);
export type FormView = InstanceType<typeof FormView>;

export const BaseCreateView = python_class("django.views.generic.edit", [ModelFormMixin, ProcessFormView], (Base) =>
  /** Base view for creating a new object instance. */
  class BaseCreateView extends Base {
    override get(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      this.object = null;
      return super.get(request, ...rest);
    }

    override post(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      this.object = null;
      return super.post(request, ...rest);
    }
  },
);

export const CreateView = python_class("django.views.generic.edit", [SingleObjectTemplateResponseMixin, BaseCreateView], (Base) =>
  /** View for creating a new object, with a response rendered by a template. */
  class CreateView extends Base {
    static override template_name_suffix = "_form";
  },
);
export type CreateView = InstanceType<typeof CreateView>;

export const BaseUpdateView = python_class("django.views.generic.edit", [ModelFormMixin, ProcessFormView], (Base) =>
  /** Base view for updating an existing object. */
  class BaseUpdateView extends Base {
    override get(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      this.object = this.get_object();
      return super.get(request, ...rest);
    }

    override post(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      this.object = this.get_object();
      return super.post(request, ...rest);
    }
  },
);

export const UpdateView = python_class("django.views.generic.edit", [SingleObjectTemplateResponseMixin, BaseUpdateView], (Base) =>
  /** View for updating an object, with a response rendered by a template. */
  class UpdateView extends Base {
    static override template_name_suffix = "_form";
  },
);
export type UpdateView = InstanceType<typeof UpdateView>;

export const DeletionMixin = python_class("django.views.generic.edit", [], (Base) =>
  /** Provide the ability to delete objects. */
  class DeletionMixin extends Base {
    static success_url: string | null = null;
    declare success_url: string | null;

    /** Call the delete() method on the fetched object and then redirect to the success URL. */
    delete(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase {
      this.object = this.get_object();
      const success_url = this.get_success_url();
      this.object.delete();
      return new HttpResponseRedirect(success_url);
    }

    /** Add support for browsers which only accept GET and POST for now. */
    post(request: HttpRequest, ...rest: unknown[]): HttpResponseBase {
      return this.delete(request, ...rest);
    }

    get_success_url(): string {
      if (this.success_url) return format_with_object(this.success_url, this.object);
      throw new ImproperlyConfigured("No URL to redirect to. Provide a success_url.");
    }
  },
);

export const BaseDeleteView = python_class("django.views.generic.edit", [DeletionMixin, FormMixin, BaseDetailView], (Base) =>
  /** Base view for deleting an object: a confirmation form on GET, the deletion on a valid POST. */
  class BaseDeleteView extends Base {
    static override form_class: FormClass = Form as unknown as FormClass;

    override post(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase {
      // Set self.object before the usual form processing flow; inlined because of the MRO (DeletionMixin.post comes first).
      this.object = this.get_object();
      const form = this.get_form();
      return form.is_valid() ? this.form_valid(form) : this.form_invalid(form);
    }

    override form_valid(_form: BaseForm): HttpResponseBase {
      const success_url = this.get_success_url();
      this.object.delete();
      return new HttpResponseRedirect(success_url);
    }
  },
);

export const DeleteView = python_class("django.views.generic.edit", [SingleObjectTemplateResponseMixin, BaseDeleteView], (Base) =>
  /** View for deleting an object retrieved with self.get_object(), with a response rendered by a template. */
  class DeleteView extends Base {
    static override template_name_suffix = "_confirm_delete";
  },
);
export type DeleteView = InstanceType<typeof DeleteView>;
