import { SuccessMessageMixin } from "django/contrib/messages/views";
import { JsonResponse } from "django/http";
import { reverse_lazy } from "django/urls";
import { slugify } from "django/utils/text";
import { DetailView, ListView } from "django/views/generic";
import { CreateView, DeleteView, FormView, UpdateView } from "django/views/generic/edit";
import { bases, python_class } from "python";
import { AuthorForm, ContactForm } from "./forms";
import { Author, Book } from "./models";

export class ContactFormView extends FormView {
  static template_name = "authors/contact.html";
  static form_class = ContactForm;
  static success_url = "/thanks/";

  form_valid(form) {
    // This method is called when valid form data has been POSTed.
    // It should return an HttpResponse.
    form.send_email();
    return super.form_valid(form);
  }
}

export class AuthorListView extends ListView {
  static model = Author;
}

export class AuthorDetailView extends DetailView {
  static model = Author;
}

export class AuthorCreateView extends CreateView {
  static model = Author;
  static fields = ["name"];

  form_valid(form) {
    form.instance.slug = slugify(form.cleaned_data["name"]);
    return super.form_valid(form);
  }
}

export class AuthorUpdateView extends UpdateView {
  static model = Author;
  static form_class = AuthorForm;
  static template_name_suffix = "_update_form";
}

export class AuthorDeleteView extends DeleteView {
  static model = Author;
  static success_url = reverse_lazy("author-list");
}

/**
 * Mixin to add JSON support to a form.
 * Must be used with an object-based FormView (e.g. CreateView)
 */
export const JsonableResponseMixin = python_class("authors.views", [], (Base) => class JsonableResponseMixin extends Base {
  form_invalid(form) {
    const response = super.form_invalid(form);
    if (this.request.accepts("text/html")) return response;
    return new JsonResponse(form.errors, { status: 400 });
  }

  form_valid(form) {
    // We make sure to call the parent's form_valid() method because
    // it might do some processing (in the case of CreateView, it will
    // call form.save() for example).
    const response = super.form_valid(form);
    if (this.request.accepts("text/html")) return response;
    const data = { pk: this.object.pk };
    return new JsonResponse(data);
  }
});

export class AuthorJsonCreateView extends bases(JsonableResponseMixin, CreateView) {
  static model = Author;
  static form_class = AuthorForm;
}

export class BookCreateView extends CreateView {
  static model = Book;
  static fields = ["author", "title", "pages"];
  static success_url = "/authors/{author_id}/?added={id}";

  get_initial() {
    return { author: this.kwargs["pk"], pages: 250 };
  }

  get_context_data(kwargs) {
    const context = super.get_context_data(kwargs);
    context["author"] = Author.objects.get({ pk: this.kwargs["pk"] });
    return context;
  }
}

export class BookDeleteView extends DeleteView {
  static model = Book;

  get_success_url() {
    return this.object.author.get_absolute_url();
  }

  form_valid(form) {
    if (this.object.pages > 500) {
      form.add_error(null, "Long books are kept.");
      return this.form_invalid(form);
    }
    return super.form_valid(form);
  }
}

export class BookUpdateView extends bases(SuccessMessageMixin, UpdateView) {
  static model = Book;
  static fields = "__all__";
  static success_message = "%(title)s updated";

  get_queryset() {
    return super.get_queryset().filter({ pages__lt: 1000 });
  }

  get_success_url() {
    return reverse_lazy("author-detail", { args: [this.object.author_id] });
  }
}

export class AuthorQuickDelete extends bases(SuccessMessageMixin, DeleteView) {
  static model = Author;
  static success_url = reverse_lazy("author-list");
  static success_message = "Author deleted";
  static template_name = "authors/author_confirm_delete.html";
}
