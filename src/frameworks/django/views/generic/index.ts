/**
 * django.views.generic: what `from django.views.generic import ...` offers — the generic
 * class-based views and their mixins (base, detail, list, edit, dates).
 */
export { View, TemplateView, RedirectView, ContextMixin, TemplateResponseMixin } from "./base";
export type { ViewFunction, Kwargs, Context } from "./base";
export { SingleObjectMixin, SingleObjectTemplateResponseMixin, BaseDetailView, DetailView } from "./detail";
export { MultipleObjectMixin, MultipleObjectTemplateResponseMixin, BaseListView, ListView } from "./list";
export {
  FormMixin, ModelFormMixin, ProcessFormView, BaseFormView, FormView, BaseCreateView, CreateView, BaseUpdateView, UpdateView,
  DeletionMixin, BaseDeleteView, DeleteView,
} from "./edit";
export {
  YearMixin, MonthMixin, WeekMixin, DayMixin, DateMixin, BaseDateListView, BaseArchiveIndexView, ArchiveIndexView,
  BaseYearArchiveView, YearArchiveView, BaseMonthArchiveView, MonthArchiveView, BaseWeekArchiveView, WeekArchiveView,
  BaseDayArchiveView, DayArchiveView, BaseTodayArchiveView, TodayArchiveView, BaseDateDetailView, DateDetailView,
} from "./dates";
