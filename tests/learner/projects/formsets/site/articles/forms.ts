import { forms } from "django";
import { ValidationError } from "django/core/exceptions";
import { BaseFormSet, formset_factory } from "django/forms";

export class ArticleForm extends forms.Form {
  static fields = {
    title: new forms.CharField(),
    pub_date: new forms.DateField(),
  };
}

export class BaseArticleFormSet extends BaseFormSet {
  /** Checks that no two articles have the same title. */
  clean() {
    if (this.errors.some((e) => Object.keys(e).length || e.size)) {
      // Don't bother validating the formset unless each form is valid on its own
      return;
    }
    const titles = new Set();
    for (const form of this.forms) {
      if (this.can_delete && this._should_delete_form(form)) continue;
      const title = form.cleaned_data["title"];
      if (titles.has(title)) throw new ValidationError("Articles in a set must have distinct titles.");
      titles.add(title);
    }
  }
}

export const ArticleFormSet = formset_factory(ArticleForm, { formset: BaseArticleFormSet, extra: 2, can_delete: true, max_num: 3, validate_max: true });
export const OrderedFormSet = formset_factory(ArticleForm, { can_order: true, extra: 1 });
export const MinFormSet = formset_factory(ArticleForm, { min_num: 2, validate_min: true, extra: 0 });
