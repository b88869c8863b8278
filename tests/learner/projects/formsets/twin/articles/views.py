import datetime

from django.forms import inlineformset_factory, modelformset_factory
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from django.forms import formset_factory

from .forms import ArticleForm, ArticleFormSet, MinFormSet, OrderedFormSet
from .models import Author, Book


def manage_articles(request):
    if request.method == "POST":
        formset = ArticleFormSet(request.POST, request.FILES)
        if formset.is_valid():
            kept = [f.cleaned_data for f in formset if f.cleaned_data and f not in formset.deleted_forms]
            lines = [f"{d['title']} on {d['pub_date']}" for d in kept]
            lines.append(f"deleted: {len(formset.deleted_forms)}; changed: {formset.has_changed()}")
            return HttpResponse("\n".join(lines), content_type="text/plain")
    else:
        formset = ArticleFormSet(initial=[{"title": "Django is now open source", "pub_date": datetime.date(2005, 7, 21)}])
    return render(request, "articles/manage_articles.html", {"formset": formset})


def ordered(request):
    formset = OrderedFormSet(request.POST or None, initial=[{"title": "Article #1", "pub_date": datetime.date(2008, 5, 10)}, {"title": "Article #2", "pub_date": datetime.date(2008, 5, 11)}])
    if request.method == "POST" and formset.is_valid():
        return HttpResponse(", ".join(f"{f.cleaned_data['title']} ({f.cleaned_data['ORDER']})" for f in formset.ordered_forms), content_type="text/plain")
    return render(request, "articles/whole.html", {"formset": formset})


def minimum(request):
    formset = MinFormSet(request.POST or None)
    valid = request.method == "POST" and formset.is_valid()
    return render(request, "articles/whole.html", {"formset": formset, "valid": valid})


def manage_authors(request):
    AuthorFormSet = modelformset_factory(Author, fields=["name", "title"], extra=1, can_delete=True)
    queryset = Author.objects.filter(name__startswith=request.GET.get("prefix", ""))
    if request.method == "POST":
        formset = AuthorFormSet(request.POST, request.FILES, queryset=queryset)
        if formset.is_valid():
            instances = formset.save()
            names = ", ".join(str(a) for a in instances) or "none"
            return HttpResponse(f"saved: {names}; deleted: {len(formset.deleted_objects)}; now: {', '.join(a.name + ' ' + a.get_title_display() for a in Author.objects.all())}", content_type="text/plain")
    else:
        formset = AuthorFormSet(queryset=queryset)
    return render(request, "articles/manage_authors.html", {"formset": formset})


def author_books(request, pk):
    author = get_object_or_404(Author, pk=pk)
    BookInlineFormSet = inlineformset_factory(Author, Book, fields=["title"], extra=1)
    if request.method == "POST":
        formset = BookInlineFormSet(request.POST, request.FILES, instance=author)
        if formset.is_valid():
            formset.save()
            return redirect("author-books", pk=author.pk)
    else:
        formset = BookInlineFormSet(instance=author)
    return render(request, "articles/author_books.html", {"formset": formset, "author": author})


def edit_only(request):
    from django import forms as f
    AuthorFormSet = modelformset_factory(Author, fields=["name", "birth_date"], edit_only=True, widgets={"name": f.TextInput(attrs={"class": "wide"})}, labels={"birth_date": "Born"})
    formset = AuthorFormSet(request.POST or None, queryset=Author.objects.order_by("name"))
    if request.method == "POST" and formset.is_valid():
        saved = formset.save()
        return HttpResponse(f"{len(saved)} saved; {Author.objects.count()} authors", content_type="text/plain")
    return render(request, "articles/whole.html", {"formset": formset})


def no_delete_extra(request):
    FS = formset_factory(ArticleForm, extra=2, can_delete=True, can_delete_extra=False, absolute_max=3, max_num=2)
    formset = FS(request.POST or None, initial=[{"title": "Kept", "pub_date": "2020-01-01"}])
    valid = request.method == "POST" and formset.is_valid()
    return render(request, "articles/whole.html", {"formset": formset, "valid": valid})
