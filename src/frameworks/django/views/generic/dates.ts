/**
 * django.views.generic.dates: a date field + URL kwargs (`year`, `month`, `week`, `day`) → the
 * objects of that period, the list of dates that have objects, and links to the neighbouring
 * periods.
 *
 * `YearMixin`/`MonthMixin`/`WeekMixin`/`DayMixin` read and step through one period each;
 * `DateMixin` knows the model's `date_field` and hides the future unless `allow_future`.
 * `BaseDateListView.get` asks the subclass for `get_dated_items()` → `(date_list, object_list,
 * extra_context)`: ArchiveIndexView (latest first), YearArchiveView, MonthArchiveView,
 * WeekArchiveView, DayArchiveView, TodayArchiveView; DateDetailView finds one object on a day.
 *
 *     export class PostYearArchive extends YearArchiveView {
 *       static model = Post;
 *       static date_field = "published";
 *       static make_object_list = true;
 *     }
 */
import { NotImplementedError, ValueError, py_repr } from "../../../python/builtins";
import { date, datetime, time, timedelta } from "../../../python/datetime";
import { python_class } from "../../../python/mro";
import { settings } from "../../conf";
import { ImproperlyConfigured } from "../../core/exceptions";
import { DateTimeField } from "../../db/models";
import type { HttpRequest } from "../../http/request";
import { Http404, type HttpResponseBase } from "../../http/response";
import * as timezone from "../../utils/timezone";
import { View, type Kwargs } from "./base";
import { BaseDetailView, SingleObjectTemplateResponseMixin } from "./detail";
import { MultipleObjectMixin, MultipleObjectTemplateResponseMixin, truthy } from "./list";

type DatedItems = [any, any, Kwargs];

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Today in the current time zone (USE_TZ) or the server's. */
function timezone_today(): date {
  if (settings.USE_TZ) {
    const now = timezone.localtime(timezone.now());
    return new date(now.year, now.month, now.day);
  }
  return date.today();
}

/** `date.replace(...)`, with Django's 404 for a date past year 9999. */
function make_date(year: number, month: number, day: number): date {
  try {
    return new date(year, month, day);
  } catch (e) {
    if (e instanceof ValueError) throw new Http404("Date out of range");
    throw e;
  }
}

const DIRECTIVES: Record<string, string> = {
  "%Y": "(\\d{4})", "%G": "(\\d{4})", "%y": "(\\d{2})", "%m": "(\\d{1,2})", "%d": "(\\d{1,2})", "%j": "(\\d{1,3})",
  "%b": "([A-Za-z]{3})", "%B": "([A-Za-z]+)", "%w": "([0-6])", "%u": "([1-7])", "%U": "(\\d{1,2})", "%W": "(\\d{1,2})", "%V": "(\\d{1,2})",
};

/** `datetime.strptime(text, format).date()` for the directives the date views use; ValueError otherwise. */
export function strptime_date(text: string, format: string): date {
  const order: string[] = [];
  const pattern = format.replace(/%[A-Za-z%]|[^%]+/g, (token) => {
    if (token === "%%") return "%";
    if (token in DIRECTIVES) {
      order.push(token);
      return DIRECTIVES[token];
    }
    if (token.startsWith("%")) throw new ValueError(`'${token[1]}' is a bad directive in format '${format}'`);
    return token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  });
  const m = new RegExp(`^${pattern}$`, "i").exec(text);
  if (!m) throw new ValueError(`time data ${py_repr(text)} does not match format ${py_repr(format)}`);
  const v: Record<string, string> = {};
  order.forEach((d, i) => (v[d] = m[i + 1]));
  return date_from_parts(v);
}

function date_from_parts(v: Record<string, string>): date {
  let year = v["%Y"] !== undefined ? Number(v["%Y"]) : v["%y"] !== undefined ? 2000 + Number(v["%y"]) - (Number(v["%y"]) >= 69 ? 100 : 0) : 1900;
  let month = 1;
  if (v["%m"] !== undefined) month = Number(v["%m"]);
  else if (v["%b"] !== undefined) month = MONTHS.indexOf(v["%b"].toLowerCase()) + 1;
  else if (v["%B"] !== undefined) month = MONTH_NAMES.indexOf(v["%B"].toLowerCase()) + 1;
  if (month < 1 || month > 12) throw new ValueError("unconverted data remains");
  const weekday = v["%w"] !== undefined ? (Number(v["%w"]) + 6) % 7 : v["%u"] !== undefined ? Number(v["%u"]) - 1 : null;
  if (v["%V"] !== undefined) {
    if (v["%G"] === undefined || weekday === null) throw new ValueError("ISO week directive '%V' must be used with the ISO year directive '%G' and a weekday directive");
    year = Number(v["%G"]);
    const jan4 = new date(year, 1, 4);
    const week1_monday = jan4.toordinal() - jan4.weekday();
    return date.fromordinal(week1_monday + (Number(v["%V"]) - 1) * 7 + weekday);
  }
  if ((v["%U"] !== undefined || v["%W"] !== undefined) && weekday !== null) {
    const monday_first = v["%W"] !== undefined;
    const week = Number(v["%U"] ?? v["%W"]);
    let first = new date(year, 1, 1).weekday();
    let dow = weekday;
    if (!monday_first) {
      first = (first + 1) % 7;
      dow = (dow + 1) % 7;
    }
    const week_0_length = (7 - first) % 7;
    const julian = week === 0 ? 1 + dow - first : 1 + week_0_length + 7 * (week - 1) + dow;
    return date.fromordinal(new date(year, 1, 1).toordinal() + julian - 1);
  }
  if (v["%j"] !== undefined) return date.fromordinal(new date(year, 1, 1).toordinal() + Number(v["%j"]) - 1);
  return new date(year, month, v["%d"] !== undefined ? Number(v["%d"]) : 1);
}

/** The date the URL's parts name, or a 404 saying which string did not match which format. */
function date_from_string(year: unknown, year_format: string, month: unknown = "", month_format = "", day: unknown = "", day_format = "", delim = "__"): date {
  const format = year_format + delim + month_format + delim + day_format;
  const datestr = String(year) + delim + String(month) + delim + String(day);
  try {
    return strptime_date(datestr, format);
  } catch (e) {
    if (e instanceof ValueError) throw new Http404(`Invalid date string “${datestr}” given format “${format}”`);
    throw e;
  }
}

/** The start of the next or previous period with something to show (or that may be shown), or null. */
function get_next_prev(view: any, d: date, is_previous: boolean, period: string): date | null {
  const date_field = view.get_date_field();
  const allow_empty = view.get_allow_empty();
  const allow_future = view.get_allow_future();
  const get_current = (x: date): date => view[`_get_current_${period}`](x);
  const get_next = (x: date): date => view[`_get_next_${period}`](x);
  const start = get_current(d);
  const end = get_next(start);
  if (allow_empty) {
    const result = is_previous ? get_current(start.sub(new timedelta({ days: 1 }))) : end;
    return allow_future || result.compare(timezone_today()) <= 0 ? result : null;
  }
  const lookup: Kwargs = is_previous ? { [`${date_field}__lt`]: view._make_date_lookup_arg(start) } : { [`${date_field}__gte`]: view._make_date_lookup_arg(end) };
  const ordering = is_previous ? `-${date_field}` : date_field;
  if (!allow_future) lookup[`${date_field}__lte`] = view.uses_datetime_field ? timezone.now() : timezone_today();
  const rows = view.get_queryset().filter(lookup).order_by(ordering).slice(0, 1);
  const first = [...rows][0];
  if (first === undefined) return null;
  let result = first[date_field];
  if (view.uses_datetime_field) {
    if (settings.USE_TZ) result = timezone.localtime(result);
    result = new date(result.year, result.month, result.day);
  }
  return get_current(result);
}

/** `self.year` / `self.kwargs["year"]` / `request.GET["year"]`, or a 404 "No year specified". */
function period_value(view: any, name: string): unknown {
  if (view[name] !== null && view[name] !== undefined) return view[name];
  if (name in view.kwargs) return view.kwargs[name];
  const from_query = view.request.GET.get(name);
  if (from_query !== null && from_query !== undefined) return from_query;
  throw new Http404(`No ${name} specified`);
}

export const YearMixin = python_class("django.views.generic.dates", [], (Base) =>
  /** Mixin for views manipulating year-based data. */
  class YearMixin extends Base {
    static year_format = "%Y";
    static year: string | null = null;

    get_year_format(): string {
      return this.year_format;
    }
    get_year(): unknown {
      return period_value(this, "year");
    }
    get_next_year(d: date): date | null {
      return get_next_prev(this, d, false, "year");
    }
    get_previous_year(d: date): date | null {
      return get_next_prev(this, d, true, "year");
    }
    _get_next_year(d: date): date {
      return make_date(d.year + 1, 1, 1);
    }
    _get_current_year(d: date): date {
      return new date(d.year, 1, 1);
    }
  },
);

export const MonthMixin = python_class("django.views.generic.dates", [], (Base) =>
  /** Mixin for views manipulating month-based data. */
  class MonthMixin extends Base {
    static month_format = "%b";
    static month: string | null = null;

    get_month_format(): string {
      return this.month_format;
    }
    get_month(): unknown {
      return period_value(this, "month");
    }
    get_next_month(d: date): date | null {
      return get_next_prev(this, d, false, "month");
    }
    get_previous_month(d: date): date | null {
      return get_next_prev(this, d, true, "month");
    }
    _get_next_month(d: date): date {
      return d.month === 12 ? make_date(d.year + 1, 1, 1) : new date(d.year, d.month + 1, 1);
    }
    _get_current_month(d: date): date {
      return new date(d.year, d.month, 1);
    }
  },
);

export const DayMixin = python_class("django.views.generic.dates", [], (Base) =>
  /** Mixin for views manipulating day-based data. */
  class DayMixin extends Base {
    static day_format = "%d";
    static day: string | null = null;

    get_day_format(): string {
      return this.day_format;
    }
    get_day(): unknown {
      return period_value(this, "day");
    }
    get_next_day(d: date): date | null {
      return get_next_prev(this, d, false, "day");
    }
    get_previous_day(d: date): date | null {
      return get_next_prev(this, d, true, "day");
    }
    _get_next_day(d: date): date {
      return d.add(new timedelta({ days: 1 }));
    }
    _get_current_day(d: date): date {
      return d;
    }
  },
);

export const WeekMixin = python_class("django.views.generic.dates", [], (Base) =>
  /** Mixin for views manipulating week-based data. */
  class WeekMixin extends Base {
    static week_format = "%U";
    static week: string | null = null;

    get_week_format(): string {
      return this.week_format;
    }
    get_week(): unknown {
      return period_value(this, "week");
    }
    get_next_week(d: date): date | null {
      return get_next_prev(this, d, false, "week");
    }
    get_previous_week(d: date): date | null {
      return get_next_prev(this, d, true, "week");
    }
    _get_next_week(d: date): date {
      return d.add(new timedelta({ days: 7 - this._get_weekday(d) }));
    }
    _get_current_week(d: date): date {
      return d.sub(new timedelta({ days: this._get_weekday(d) }));
    }
    /** The weekday of `d` counted from the week's first day (Sunday for %U, Monday for %W and %V). */
    _get_weekday(d: date): number {
      const week_format = this.get_week_format();
      if (week_format === "%W" || week_format === "%V") return d.weekday();
      if (week_format === "%U") return (d.weekday() + 1) % 7;
      throw new ValueError(`unknown week format: ${week_format}`);
    }
  },
);

export const DateMixin = python_class("django.views.generic.dates", [], (Base) =>
  /** Mixin class for views manipulating date-based data. */
  class DateMixin extends Base {
    static date_field: string | null = null;
    static allow_future = false;

    /** Get the name of the date field to be used to filter by. */
    get_date_field(): string {
      if (this.date_field === null) throw new ImproperlyConfigured(`${this.constructor.name}.date_field is required.`);
      return this.date_field;
    }

    /** Return true if the view should be allowed to display objects from the future. */
    get_allow_future(): boolean {
      return this.allow_future;
    }

    /** Is the date field a DateTimeField? (A cached_property in Django.) */
    get uses_datetime_field(): boolean {
      if (this._uses_datetime_field === undefined) {
        const model = this.model === null ? this.get_queryset().model : this.model;
        this._uses_datetime_field = model._meta.get_field(this.get_date_field()) instanceof DateTimeField;
      }
      return this._uses_datetime_field;
    }

    /** Convert a date into a datetime (midnight, aware under USE_TZ) when the date field is a DateTimeField. */
    _make_date_lookup_arg(value: date): date {
      if (!this.uses_datetime_field) return value;
      const dt = datetime.combine(value, new time());
      return settings.USE_TZ ? timezone.make_aware(dt) : dt;
    }

    /** The lookup for one day: `{field: date}`, or a half-open datetime range for a DateTimeField. */
    _make_single_date_lookup(d: date): Kwargs {
      const date_field = this.get_date_field();
      if (!this.uses_datetime_field) return { [date_field]: d };
      return { [`${date_field}__gte`]: this._make_date_lookup_arg(d), [`${date_field}__lt`]: this._make_date_lookup_arg(d.add(new timedelta({ days: 1 }))) };
    }
  },
);

export const BaseDateListView = python_class("django.views.generic.dates", [MultipleObjectMixin, DateMixin, View], (Base) =>
  /** Abstract base class for date-based views displaying a list of objects. */
  class BaseDateListView extends Base {
    static override allow_empty = false;
    static date_list_period = "year";

    get(_request: HttpRequest, ..._rest: unknown[]): HttpResponseBase {
      const [date_list, object_list, extra_context] = this.get_dated_items();
      this.date_list = date_list;
      this.object_list = object_list;
      const context = this.get_context_data({ object_list: this.object_list, date_list: this.date_list, ...extra_context });
      return this.render_to_response(context);
    }

    /** Obtain the list of dates and items. */
    get_dated_items(): DatedItems {
      throw new NotImplementedError("A DateView must provide an implementation of get_dated_items()");
    }

    /** Return the field or fields to use for ordering the queryset; use the date field by default. */
    override get_ordering(): string | string[] | null {
      return this.ordering === null ? `-${this.get_date_field()}` : this.ordering;
    }

    /** Get a queryset properly filtered according to `allow_future` and any extra lookup kwargs. */
    get_dated_queryset(lookup: Kwargs = {}): any {
      let qs = (this.get_queryset() as any).filter(lookup);
      const date_field = this.get_date_field();
      const allow_future = this.get_allow_future();
      const allow_empty = this.get_allow_empty();
      const paginate_by = this.get_paginate_by(qs);
      if (!allow_future) qs = qs.filter({ [`${date_field}__lte`]: this.uses_datetime_field ? timezone.now() : timezone_today() });
      if (!allow_empty) {
        const is_empty = paginate_by === null ? !truthy(qs) : !qs.exists();
        if (is_empty) throw new Http404(`No ${qs.model._meta.verbose_name_plural} available`);
      }
      return qs;
    }

    /** Get the aggregation period for the list of dates: 'year', 'month', or 'day'. */
    get_date_list_period(): string {
      return this.date_list_period;
    }

    /** Get a date list by calling `queryset.dates/datetimes()`, checking along the way for empty lists that aren't allowed. */
    get_date_list(queryset: any, date_type: string | null = null, ordering = "ASC"): any {
      const date_field = this.get_date_field();
      const allow_empty = this.get_allow_empty();
      if (date_type === null) date_type = this.get_date_list_period();
      const date_list = this.uses_datetime_field ? queryset.datetimes(date_field, date_type, { order: ordering }) : queryset.dates(date_field, date_type, { order: ordering });
      if (date_list !== null && !truthy(date_list) && !allow_empty) throw new Http404(`No ${queryset.model._meta.verbose_name_plural} available`);
      return date_list;
    }
  },
);

export const BaseArchiveIndexView = python_class("django.views.generic.dates", [BaseDateListView], (Base) =>
  /** Base view for archives of date-based items. This requires subclassing to provide a response mixin. */
  class BaseArchiveIndexView extends Base {
    static override context_object_name = "latest";

    /** Return (date_list, items, extra_context) for this request. */
    override get_dated_items(): DatedItems {
      let qs = this.get_dated_queryset();
      const date_list = this.get_date_list(qs, null, "DESC");
      if (!truthy(date_list)) qs = qs.none();
      return [date_list, qs, {}];
    }
  },
);

export const ArchiveIndexView = python_class("django.views.generic.dates", [MultipleObjectTemplateResponseMixin, BaseArchiveIndexView], (Base) =>
  /** Top-level archive of date-based items. */
  class ArchiveIndexView extends Base {
    static override template_name_suffix = "_archive";
  },
);

/** `{field__gte: since, field__lt: until}` for a period starting at `d`. */
function period_lookup(view: any, d: date, next: date): Kwargs {
  const date_field = view.get_date_field();
  return { [`${date_field}__gte`]: view._make_date_lookup_arg(d), [`${date_field}__lt`]: view._make_date_lookup_arg(next) };
}

export const BaseYearArchiveView = python_class("django.views.generic.dates", [YearMixin, BaseDateListView], (Base) =>
  /** List of objects published in a given year. */
  class BaseYearArchiveView extends Base {
    static override date_list_period = "month";
    static make_object_list = false;

    /** Return (date_list, items, extra_context) for this request. */
    override get_dated_items(): DatedItems {
      const d = date_from_string(this.get_year(), this.get_year_format());
      let qs = this.get_dated_queryset(period_lookup(this, d, this._get_next_year(d)));
      const date_list = this.get_date_list(qs);
      // Still a queryset (of no objects): the parent classes read the model from it.
      if (!this.get_make_object_list()) qs = qs.none();
      return [date_list, qs, { year: d, next_year: this.get_next_year(d), previous_year: this.get_previous_year(d) }];
    }

    /** Return `true` if this view should contain the full list of objects in the given year. */
    get_make_object_list(): boolean {
      return this.make_object_list;
    }
  },
);

export const YearArchiveView = python_class("django.views.generic.dates", [MultipleObjectTemplateResponseMixin, BaseYearArchiveView], (Base) =>
  /** List of objects published in a given year. */
  class YearArchiveView extends Base {
    static override template_name_suffix = "_archive_year";
  },
);

export const BaseMonthArchiveView = python_class("django.views.generic.dates", [YearMixin, MonthMixin, BaseDateListView], (Base) =>
  /** List of objects published in a given month. */
  class BaseMonthArchiveView extends Base {
    static override date_list_period = "day";

    override get_dated_items(): DatedItems {
      const d = date_from_string(this.get_year(), this.get_year_format(), this.get_month(), this.get_month_format());
      const qs = this.get_dated_queryset(period_lookup(this, d, this._get_next_month(d)));
      const date_list = this.get_date_list(qs);
      return [date_list, qs, { month: d, next_month: this.get_next_month(d), previous_month: this.get_previous_month(d) }];
    }
  },
);

export const MonthArchiveView = python_class("django.views.generic.dates", [MultipleObjectTemplateResponseMixin, BaseMonthArchiveView], (Base) =>
  /** List of objects published in a given month. */
  class MonthArchiveView extends Base {
    static override template_name_suffix = "_archive_month";
  },
);

const WEEK_CHOICES: Record<string, string> = { "%W": "1", "%U": "0", "%V": "1" };

export const BaseWeekArchiveView = python_class("django.views.generic.dates", [YearMixin, WeekMixin, BaseDateListView], (Base) =>
  /** List of objects published in a given week. */
  class BaseWeekArchiveView extends Base {
    override get_dated_items(): DatedItems {
      const week_format = this.get_week_format();
      if (!(week_format in WEEK_CHOICES))
        throw new ValueError(`Unknown week format ${py_repr(week_format)}. Choices are: ${Object.keys(WEEK_CHOICES).sort().join(", ")}`);
      const year_format = this.get_year_format();
      if (week_format === "%V" && year_format !== "%G")
        throw new ValueError(`ISO week directive '${week_format}' is incompatible with the year directive '${year_format}'. Use the ISO year '%G' instead.`);
      const d = date_from_string(this.get_year(), year_format, WEEK_CHOICES[week_format], "%w", this.get_week(), week_format);
      const qs = this.get_dated_queryset(period_lookup(this, d, this._get_next_week(d)));
      return [null, qs, { week: d, next_week: this.get_next_week(d), previous_week: this.get_previous_week(d) }];
    }
  },
);

export const WeekArchiveView = python_class("django.views.generic.dates", [MultipleObjectTemplateResponseMixin, BaseWeekArchiveView], (Base) =>
  /** List of objects published in a given week. */
  class WeekArchiveView extends Base {
    static override template_name_suffix = "_archive_week";
  },
);

export const BaseDayArchiveView = python_class("django.views.generic.dates", [YearMixin, MonthMixin, DayMixin, BaseDateListView], (Base) =>
  /** List of objects published on a given day. */
  class BaseDayArchiveView extends Base {
    override get_dated_items(): DatedItems {
      const d = date_from_string(this.get_year(), this.get_year_format(), this.get_month(), this.get_month_format(), this.get_day(), this.get_day_format());
      return this._get_dated_items(d);
    }

    /** Do the actual heavy lifting of getting the dated items; this accepts a date object so that TodayArchiveView can be trivial. */
    _get_dated_items(d: date): DatedItems {
      const qs = this.get_dated_queryset(this._make_single_date_lookup(d));
      return [
        null,
        qs,
        { day: d, previous_day: this.get_previous_day(d), next_day: this.get_next_day(d), previous_month: this.get_previous_month(d), next_month: this.get_next_month(d) },
      ];
    }
  },
);

export const DayArchiveView = python_class("django.views.generic.dates", [MultipleObjectTemplateResponseMixin, BaseDayArchiveView], (Base) =>
  /** List of objects published on a given day. */
  class DayArchiveView extends Base {
    static override template_name_suffix = "_archive_day";
  },
);

export const BaseTodayArchiveView = python_class("django.views.generic.dates", [BaseDayArchiveView], (Base) =>
  /** List of objects published today. */
  class BaseTodayArchiveView extends Base {
    override get_dated_items(): DatedItems {
      return this._get_dated_items(date.today());
    }
  },
);

export const TodayArchiveView = python_class("django.views.generic.dates", [MultipleObjectTemplateResponseMixin, BaseTodayArchiveView], (Base) =>
  /** List of objects published today. */
  class TodayArchiveView extends Base {
    static override template_name_suffix = "_archive_day";
  },
);

export const BaseDateDetailView = python_class("django.views.generic.dates", [YearMixin, MonthMixin, DayMixin, DateMixin, BaseDetailView], (Base) =>
  /** Detail view of a single object on a single date; this differs from the standard DetailView by accepting a year/month/day in the URL. */
  class BaseDateDetailView extends Base {
    override get_object(queryset: any = null): any {
      const d = date_from_string(this.get_year(), this.get_year_format(), this.get_month(), this.get_month_format(), this.get_day(), this.get_day_format());
      const qs = queryset === null ? this.get_queryset() : queryset;
      if (!this.get_allow_future() && d.compare(date.today()) > 0)
        throw new Http404(`Future ${qs.model._meta.verbose_name_plural} not available because ${this.constructor.name}.allow_future is False.`);
      return super.get_object(qs.filter(this._make_single_date_lookup(d)));
    }
  },
);

export const DateDetailView = python_class("django.views.generic.dates", [SingleObjectTemplateResponseMixin, BaseDateDetailView], (Base) =>
  /** Detail view of a single object on a single date; this differs from the standard DetailView by accepting a year/month/day in the URL. */
  class DateDetailView extends Base {
    static override template_name_suffix = "_detail";
  },
);
