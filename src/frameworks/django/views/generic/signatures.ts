/**
 * The Python side of the generic views' anatomy: each method's signature as Django 5.2 declares it
 * (`MultipleObjectMixin.get_context_data` is `(self, *, object_list=None, **kwargs)`), and the
 * kinds TypeScript cannot express (`as_view` is a `classonlymethod`, `uses_datetime_field` a
 * `cached_property`). The class panel and the conformance anatomy read them through
 * `GENERIC_VIEW_HINTS`; everything else (MRO, owners, overrides, values) comes from the classes.
 */
import type { AnatomyHints, AttributeKind } from "../../../python/inspect";
import { class_module, class_name, class_path, type PyClass } from "../../../python/mro";
import { Paginator } from "../../core/paginator";
import { Form } from "../../forms/forms";
import { TemplateResponse } from "../../template/response";

export const PYTHON_SIGNATURES: Record<string, Record<string, string>> = {
  ContextMixin: {
    get_context_data: "(self, **kwargs)",
  },
  View: {
    __init__: "(self, **kwargs)",
    _allowed_methods: "(self)",
    as_view: "(cls, **initkwargs)",
    dispatch: "(self, request, *args, **kwargs)",
    http_method_not_allowed: "(self, request, *args, **kwargs)",
    options: "(self, request, *args, **kwargs)",
    setup: "(self, request, *args, **kwargs)",
    view_is_async: "(cls)",
  },
  TemplateView: {
    get: "(self, request, *args, **kwargs)",
  },
  TemplateResponseMixin: {
    get_template_names: "(self)",
    render_to_response: "(self, context, **response_kwargs)",
  },
  RedirectView: {
    delete: "(self, request, *args, **kwargs)",
    get: "(self, request, *args, **kwargs)",
    get_redirect_url: "(self, *args, **kwargs)",
    head: "(self, request, *args, **kwargs)",
    options: "(self, request, *args, **kwargs)",
    patch: "(self, request, *args, **kwargs)",
    post: "(self, request, *args, **kwargs)",
    put: "(self, request, *args, **kwargs)",
  },
  SingleObjectMixin: {
    get_context_data: "(self, **kwargs)",
    get_context_object_name: "(self, obj)",
    get_object: "(self, queryset=None)",
    get_queryset: "(self)",
    get_slug_field: "(self)",
  },
  BaseDetailView: {
    get: "(self, request, *args, **kwargs)",
  },
  SingleObjectTemplateResponseMixin: {
    get_template_names: "(self)",
  },
  BaseListView: {
    get: "(self, request, *args, **kwargs)",
  },
  MultipleObjectMixin: {
    get_allow_empty: "(self)",
    get_context_data: "(self, *, object_list=None, **kwargs)",
    get_context_object_name: "(self, object_list)",
    get_ordering: "(self)",
    get_paginate_by: "(self, queryset)",
    get_paginate_orphans: "(self)",
    get_paginator: "(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs)",
    get_queryset: "(self)",
    paginate_queryset: "(self, queryset, page_size)",
  },
  MultipleObjectTemplateResponseMixin: {
    get_template_names: "(self)",
  },
  FormMixin: {
    form_invalid: "(self, form)",
    form_valid: "(self, form)",
    get_context_data: "(self, **kwargs)",
    get_form: "(self, form_class=None)",
    get_form_class: "(self)",
    get_form_kwargs: "(self)",
    get_initial: "(self)",
    get_prefix: "(self)",
    get_success_url: "(self)",
  },
  ModelFormMixin: {
    form_valid: "(self, form)",
    get_form_class: "(self)",
    get_form_kwargs: "(self)",
    get_success_url: "(self)",
  },
  ProcessFormView: {
    get: "(self, request, *args, **kwargs)",
    post: "(self, request, *args, **kwargs)",
    put: "(self, *args, **kwargs)",
  },
  BaseCreateView: {
    get: "(self, request, *args, **kwargs)",
    post: "(self, request, *args, **kwargs)",
  },
  BaseUpdateView: {
    get: "(self, request, *args, **kwargs)",
    post: "(self, request, *args, **kwargs)",
  },
  DeletionMixin: {
    delete: "(self, request, *args, **kwargs)",
    get_success_url: "(self)",
    post: "(self, request, *args, **kwargs)",
  },
  BaseDeleteView: {
    form_valid: "(self, form)",
    post: "(self, request, *args, **kwargs)",
  },
  YearMixin: {
    _get_current_year: "(self, date)",
    _get_next_year: "(self, date)",
    get_next_year: "(self, date)",
    get_previous_year: "(self, date)",
    get_year: "(self)",
    get_year_format: "(self)",
  },
  MonthMixin: {
    _get_current_month: "(self, date)",
    _get_next_month: "(self, date)",
    get_month: "(self)",
    get_month_format: "(self)",
    get_next_month: "(self, date)",
    get_previous_month: "(self, date)",
  },
  WeekMixin: {
    _get_current_week: "(self, date)",
    _get_next_week: "(self, date)",
    _get_weekday: "(self, date)",
    get_next_week: "(self, date)",
    get_previous_week: "(self, date)",
    get_week: "(self)",
    get_week_format: "(self)",
  },
  DateMixin: {
    _make_date_lookup_arg: "(self, value)",
    _make_single_date_lookup: "(self, date)",
    get_allow_future: "(self)",
    get_date_field: "(self)",
    uses_datetime_field: "(self)",
  },
  BaseDateListView: {
    get: "(self, request, *args, **kwargs)",
    get_date_list: "(self, queryset, date_type=None, ordering='ASC')",
    get_date_list_period: "(self)",
    get_dated_items: "(self)",
    get_dated_queryset: "(self, **lookup)",
    get_ordering: "(self)",
  },
  BaseArchiveIndexView: {
    get_dated_items: "(self)",
  },
  BaseYearArchiveView: {
    get_dated_items: "(self)",
    get_make_object_list: "(self)",
  },
  BaseMonthArchiveView: {
    get_dated_items: "(self)",
  },
  BaseWeekArchiveView: {
    get_dated_items: "(self)",
  },
  DayMixin: {
    _get_current_day: "(self, date)",
    _get_next_day: "(self, date)",
    get_day: "(self)",
    get_day_format: "(self)",
    get_next_day: "(self, date)",
    get_previous_day: "(self, date)",
  },
  BaseDayArchiveView: {
    _get_dated_items: "(self, date)",
    get_dated_items: "(self)",
  },
  BaseDateDetailView: {
    get_object: "(self, queryset=None)",
  },
  BaseTodayArchiveView: {
    get_dated_items: "(self)",
  },
};

export const PYTHON_KINDS: Record<string, Record<string, AttributeKind>> = {
  View: { as_view: "classonlymethod" },
  DateMixin: { uses_datetime_field: "cached_property" },
};

/** Classes that live outside python_class, by their Django dotted path. */
const KNOWN_CLASSES = new Map<unknown, string>([
  [TemplateResponse, "django.template.response.TemplateResponse"],
  [Paginator, "django.core.paginator.Paginator"],
  [Form, "django.forms.forms.Form"],
]);

const is_django_view = (cls: PyClass) => (class_module(cls) ?? "").startsWith("django.views.generic");

export const GENERIC_VIEW_HINTS: AnatomyHints = {
  signature: (cls, name) => (is_django_view(cls) ? PYTHON_SIGNATURES[class_name(cls)]?.[name] : undefined),
  kind: (cls, name) => (is_django_view(cls) ? PYTHON_KINDS[class_name(cls)]?.[name] : undefined),
  value: (value) => {
    if (typeof value !== "function") return value === undefined ? null : value;
    return `<class ${KNOWN_CLASSES.get(value) ?? class_path(value as PyClass)}>`;
  },
};
