/**
 * django.contrib.messages.views: `SuccessMessageMixin`, a mixin for form views → after a valid
 * form, a success message built from the form's cleaned data (`success_message % cleaned_data`).
 *
 *   export const AuthorCreate = python_class("books.views", [SuccessMessageMixin, CreateView], (Base) =>
 *     class AuthorCreate extends Base {
 *       static model = Author;
 *       static fields = ["name"];
 *       static success_message = "%(name)s was created successfully";
 *     });
 */
import { python_class } from "../../../python/mro";
import { percent_format } from "../../../python/format";
import { success } from "./api";

export const SuccessMessageMixin = python_class("django.contrib.messages.views", [], (Base) =>
  /** Add a success message on successful form submission. */
  class SuccessMessageMixin extends Base {
    static success_message = "";
    declare success_message: string;
    declare request: any;

    form_valid(form: any): any {
      const response = super.form_valid(form);
      const success_message = this.get_success_message(form.cleaned_data);
      if (success_message) success(this.request, success_message);
      return response;
    }

    get_success_message(cleaned_data: Record<string, unknown>): string {
      return percent_format(this.success_message, cleaned_data);
    }
  },
);
