from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, formset_factory


class ArticleForm(forms.Form):
    title = forms.CharField()
    pub_date = forms.DateField()


class BaseArticleFormSet(BaseFormSet):
    def clean(self):
        """Checks that no two articles have the same title."""
        if any(self.errors):
            # Don't bother validating the formset unless each form is valid on its own
            return
        titles = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            title = form.cleaned_data.get("title")
            if title in titles:
                raise ValidationError("Articles in a set must have distinct titles.")
            titles.add(title)


ArticleFormSet = formset_factory(ArticleForm, formset=BaseArticleFormSet, extra=2, can_delete=True, max_num=3, validate_max=True)
OrderedFormSet = formset_factory(ArticleForm, can_order=True, extra=1)
MinFormSet = formset_factory(ArticleForm, min_num=2, validate_min=True, extra=0)
