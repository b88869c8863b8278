from django.contrib.messages.views import SuccessMessageMixin
from django.http import JsonResponse
from django.urls import reverse_lazy
from django.utils.text import slugify
from django.views.generic import DetailView, ListView
from django.views.generic.edit import CreateView, DeleteView, FormView, UpdateView

from .forms import AuthorForm, ContactForm
from .models import Author, Book


class ContactFormView(FormView):
    template_name = "authors/contact.html"
    form_class = ContactForm
    success_url = "/thanks/"

    def form_valid(self, form):
        # This method is called when valid form data has been POSTed.
        # It should return an HttpResponse.
        form.send_email()
        return super().form_valid(form)


class AuthorListView(ListView):
    model = Author


class AuthorDetailView(DetailView):
    model = Author


class AuthorCreateView(CreateView):
    model = Author
    fields = ["name"]

    def form_valid(self, form):
        form.instance.slug = slugify(form.cleaned_data["name"])
        return super().form_valid(form)


class AuthorUpdateView(UpdateView):
    model = Author
    form_class = AuthorForm
    template_name_suffix = "_update_form"


class AuthorDeleteView(DeleteView):
    model = Author
    success_url = reverse_lazy("author-list")


class JsonableResponseMixin:
    """
    Mixin to add JSON support to a form.
    Must be used with an object-based FormView (e.g. CreateView)
    """

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if self.request.accepts("text/html"):
            return response
        else:
            return JsonResponse(form.errors, status=400)

    def form_valid(self, form):
        # We make sure to call the parent's form_valid() method because
        # it might do some processing (in the case of CreateView, it will
        # call form.save() for example).
        response = super().form_valid(form)
        if self.request.accepts("text/html"):
            return response
        else:
            data = {
                "pk": self.object.pk,
            }
            return JsonResponse(data)


class AuthorJsonCreateView(JsonableResponseMixin, CreateView):
    model = Author
    form_class = AuthorForm


class BookCreateView(CreateView):
    model = Book
    fields = ["author", "title", "pages"]
    success_url = "/authors/{author_id}/?added={id}"

    def get_initial(self):
        return {"author": self.kwargs["pk"], "pages": 250}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["author"] = Author.objects.get(pk=self.kwargs["pk"])
        return context


class BookDeleteView(DeleteView):
    model = Book

    def get_success_url(self):
        return self.object.author.get_absolute_url()

    def form_valid(self, form):
        if self.object.pages > 500:
            form.add_error(None, "Long books are kept.")
            return self.form_invalid(form)
        return super().form_valid(form)


class BookUpdateView(SuccessMessageMixin, UpdateView):
    model = Book
    fields = "__all__"
    success_message = "%(title)s updated"

    def get_queryset(self):
        return super().get_queryset().filter(pages__lt=1000)

    def get_success_url(self):
        return reverse_lazy("author-detail", args=[self.object.author_id])


class AuthorQuickDelete(SuccessMessageMixin, DeleteView):
    model = Author
    success_url = reverse_lazy("author-list")
    success_message = "Author deleted"
    template_name = "authors/author_confirm_delete.html"
