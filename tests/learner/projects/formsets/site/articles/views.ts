import { forms } from "django";
import { formset_factory, inlineformset_factory, modelformset_factory } from "django/forms";
import { HttpResponse } from "django/http";
import { get_object_or_404, redirect, render } from "django/shortcuts";
import { date } from "python/datetime";
import { ArticleForm, ArticleFormSet, MinFormSet, OrderedFormSet } from "./forms";
import { Author, Book } from "./models";

export function manage_articles(request) {
  let formset;
  if (request.method === "POST") {
    formset = new ArticleFormSet(request.POST, request.FILES);
    if (formset.is_valid()) {
      const kept = [...formset].filter((f) => Object.keys(f.cleaned_data).length && !formset.deleted_forms.includes(f)).map((f) => f.cleaned_data);
      const lines = kept.map((d) => `${d["title"]} on ${d["pub_date"]}`);
      lines.push(`deleted: ${formset.deleted_forms.length}; changed: ${formset.has_changed() ? "True" : "False"}`);
      return new HttpResponse(lines.join("\n"), { content_type: "text/plain" });
    }
  } else {
    formset = new ArticleFormSet({ initial: [{ title: "Django is now open source", pub_date: new date(2005, 7, 21) }] });
  }
  return render(request, "articles/manage_articles.html", { formset });
}

export function ordered(request) {
  const formset = new OrderedFormSet(request.POST.length ? request.POST : null, { initial: [{ title: "Article #1", pub_date: new date(2008, 5, 10) }, { title: "Article #2", pub_date: new date(2008, 5, 11) }] });
  if (request.method === "POST" && formset.is_valid()) {
    return new HttpResponse(formset.ordered_forms.map((f) => `${f.cleaned_data["title"]} (${f.cleaned_data["ORDER"]})`).join(", "), { content_type: "text/plain" });
  }
  return render(request, "articles/whole.html", { formset });
}

export function minimum(request) {
  const formset = new MinFormSet(request.POST.length ? request.POST : null);
  const valid = request.method === "POST" && formset.is_valid();
  return render(request, "articles/whole.html", { formset, valid });
}

export function manage_authors(request) {
  const AuthorFormSet = modelformset_factory(Author, { fields: ["name", "title"], extra: 1, can_delete: true });
  const queryset = Author.objects.filter({ name__startswith: request.GET.get("prefix", "") });
  let formset;
  if (request.method === "POST") {
    formset = new AuthorFormSet(request.POST, request.FILES, { queryset });
    if (formset.is_valid()) {
      const instances = formset.save();
      const names = instances.map(String).join(", ") || "none";
      const now = [...Author.objects.all()].map((a) => `${a.name} ${a.get_title_display()}`).join(", ");
      return new HttpResponse(`saved: ${names}; deleted: ${formset.deleted_objects.length}; now: ${now}`, { content_type: "text/plain" });
    }
  } else {
    formset = new AuthorFormSet({ queryset });
  }
  return render(request, "articles/manage_authors.html", { formset });
}

export function author_books(request, { pk }) {
  const author = get_object_or_404(Author, { pk });
  const BookInlineFormSet = inlineformset_factory(Author, Book, { fields: ["title"], extra: 1 });
  let formset;
  if (request.method === "POST") {
    formset = new BookInlineFormSet(request.POST, request.FILES, { instance: author });
    if (formset.is_valid()) {
      formset.save();
      return redirect("author-books", { pk: author.pk });
    }
  } else {
    formset = new BookInlineFormSet({ instance: author });
  }
  return render(request, "articles/author_books.html", { formset, author });
}

export function edit_only(request) {
  const AuthorFormSet = modelformset_factory(Author, { fields: ["name", "birth_date"], edit_only: true, widgets: { name: new forms.TextInput({ attrs: { class: "wide" } }) }, labels: { birth_date: "Born" } });
  const formset = new AuthorFormSet(request.POST.length ? request.POST : null, { queryset: Author.objects.order_by("name") });
  if (request.method === "POST" && formset.is_valid()) {
    const saved = formset.save();
    return new HttpResponse(`${saved.length} saved; ${Author.objects.count()} authors`, { content_type: "text/plain" });
  }
  return render(request, "articles/whole.html", { formset });
}

export function no_delete_extra(request) {
  const FS = formset_factory(ArticleForm, { extra: 2, can_delete: true, can_delete_extra: false, absolute_max: 3, max_num: 2 });
  const formset = new FS(request.POST.length ? request.POST : null, { initial: [{ title: "Kept", pub_date: "2020-01-01" }] });
  const valid = request.method === "POST" && formset.is_valid();
  return render(request, "articles/whole.html", { formset, valid });
}
