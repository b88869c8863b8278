/**
 * django.contrib.admin.widgets: the admin's form widgets — the default ones with the admin's CSS
 * classes (`vTextField`, `vIntegerField`, `vDateField`, …), the date/time widgets with their
 * calendar scripts, the split date-time widget (`Date: … <br> Time: …`), and
 * RelatedFieldWidgetWrapper, which adds the change / add / view links next to a relation's select.
 *
 * Each prints what its Django template (`admin/widgets/*.html`) prints; ModelAdmin's
 * `formfield_for_dbfield` picks them per model field (FORMFIELD_FOR_DBFIELD_DEFAULTS in options.ts).
 */
import * as forms from "../../forms";
import type { Attrs, WidgetContext } from "../../forms/widgets";
import { conditional_escape, escape, smart_urlquote } from "../../utils/html";
import { reverse } from "../../urls/base";
import { URLValidator } from "../../core/validators";
import { ValidationError } from "../../core/exceptions";
import { CASCADE } from "../../db/models/deletion";
import { py_str } from "../../../python/operator";
import { StaticNode } from "../../templatetags/static";
import { mark_safe as forms_mark_safe } from "../../utils/safestring";

const calendar_media = { js: ["admin/js/calendar.js", "admin/js/admin/DateTimeShortcuts.js"] };

/** A date input with the admin's class and size, and its calendar script. */
export class BaseAdminDateWidget extends forms.DateInput {
  static Media = calendar_media;

  constructor(attrs: Attrs | null = null, options: { format?: string | null } = {}) {
    super({ class: "vDateField", size: "10", ...(attrs ?? {}) }, options);
  }
}

/** `admin/widgets/date.html`: the input inside `<p class="date">`. */
export class AdminDateWidget extends BaseAdminDateWidget {
  override template_name = "admin/widgets/date.html";

  override render_context(widget: WidgetContext): string {
    return `<p class="date">\n  ${super.render_context(widget)}\n\n\n</p>`;
  }
}

export class BaseAdminTimeWidget extends forms.TimeInput {
  static Media = calendar_media;

  constructor(attrs: Attrs | null = null, options: { format?: string | null } = {}) {
    super({ class: "vTimeField", size: "8", ...(attrs ?? {}) }, options);
  }
}

/** `admin/widgets/time.html`: the input inside `<p class="time">`. */
export class AdminTimeWidget extends BaseAdminTimeWidget {
  override template_name = "admin/widgets/time.html";

  override render_context(widget: WidgetContext): string {
    return `<p class="time">\n  ${super.render_context(widget)}\n\n\n</p>`;
  }
}

/** A DateTimeField in the admin: `Date: <input> <br> Time: <input>` in `<p class="datetime">`. */
export class AdminSplitDateTime extends forms.SplitDateTimeWidget {
  override template_name = "admin/widgets/split_datetime.html";

  constructor(attrs: Attrs | null = null) {
    super(attrs);
    this.widgets = [new BaseAdminDateWidget(attrs), new BaseAdminTimeWidget(attrs)];
  }

  override render_context(widget: WidgetContext): string {
    const [date, time] = (widget as WidgetContext & { subwidgets: WidgetContext[] }).subwidgets;
    return `<p class="datetime">\n  Date: ${this.widgets[0].render_included(date)}<br>\n  Time: ${this.widgets[1].render_included(time)}\n</p>`;
  }
}

/** Radio buttons in the admin (`admin/widgets/radio.html` includes the default layout). */
export class AdminRadioSelect extends forms.RadioSelect {
  override template_name = "admin/widgets/radio.html";
}

export class AdminTextareaWidget extends forms.Textarea {
  constructor(attrs: Attrs | null = null) {
    super({ class: "vLargeTextField", ...(attrs ?? {}) });
  }
}

export class AdminTextInputWidget extends forms.TextInput {
  constructor(attrs: Attrs | null = null) {
    super({ class: "vTextField", ...(attrs ?? {}) });
  }
}

export class AdminEmailInputWidget extends forms.EmailInput {
  constructor(attrs: Attrs | null = null) {
    super({ class: "vTextField", ...(attrs ?? {}) });
  }
}

/** A URL input; a valid URL value is shown as a link above it ("Currently: … Change: …"). */
export class AdminURLFieldWidget extends forms.URLInput {
  override template_name = "admin/widgets/url.html";
  validator = new URLValidator();

  constructor(attrs: Attrs | null = null) {
    super({ class: "vURLField", ...(attrs ?? {}) });
  }

  private url_valid(value: unknown): boolean {
    try {
      this.validator.__call__(value ? py_str(value) : "");
      return true;
    } catch (e) {
      if (e instanceof ValidationError) return false;
      throw e;
    }
  }

  override render_context(widget: WidgetContext): string {
    const input = super.render_context(widget);
    if (!this.url_valid(widget.value)) return input;
    const href = smart_urlquote(py_str(widget.value));
    return `<p class="url">Currently: <a href="${escape(href)}">${conditional_escape(py_str(widget.value))}</a><br>Change: ${input}</p>`;
  }
}

export class AdminIntegerFieldWidget extends forms.NumberInput {
  static class_name = "vIntegerField";

  constructor(attrs: Attrs | null = null) {
    super({ class: (new.target as typeof AdminIntegerFieldWidget).class_name, ...(attrs ?? {}) });
  }
}

export class AdminBigIntegerFieldWidget extends AdminIntegerFieldWidget {
  static override class_name = "vBigIntegerField";
}

export class AdminUUIDInputWidget extends forms.TextInput {
  constructor(attrs: Attrs | null = null) {
    super({ class: "vUUIDField", ...(attrs ?? {}) });
  }
}

/**
 * A relation's widget with the links to change, add, delete or view the related object in the
 * admin (each opening a popup). Deleting is never offered when the relation cascades.
 */
export class RelatedFieldWidgetWrapper extends forms.Widget {
  override template_name = "admin/widgets/related_widget_wrapper.html";
  widget: forms.Widget;
  rel: any;
  admin_site: any;
  can_add_related: boolean;
  can_change_related: boolean;
  can_delete_related: boolean;
  can_view_related: boolean;

  constructor(widget: forms.Widget, rel: any, admin_site: any, options: { can_add_related?: boolean | null; can_change_related?: boolean; can_delete_related?: boolean; can_view_related?: boolean } = {}) {
    super();
    this.needs_multipart_form = widget.needs_multipart_form;
    this.attrs = widget.attrs;
    this.widget = widget;
    this.rel = rel;
    this.can_add_related = options.can_add_related ?? admin_site.is_registered(rel.model);
    const multiple = Boolean((widget as { allow_multiple_selected?: boolean }).allow_multiple_selected);
    this.attrs["data-context"] = "available-source";
    this.can_change_related = !multiple && Boolean(options.can_change_related);
    this.can_delete_related = !multiple && rel.on_delete !== CASCADE && Boolean(options.can_delete_related);
    this.can_view_related = !multiple && Boolean(options.can_view_related);
    this.admin_site = admin_site;
  }

  override __deepcopy__(): this {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this)), this) as this;
    copy.widget = this.widget.__deepcopy__();
    copy.attrs = copy.widget.attrs;
    return copy;
  }

  override get is_hidden(): boolean {
    return this.widget.is_hidden;
  }

  override get media(): forms.Media {
    return this.widget.media;
  }

  get choices(): unknown {
    return (this.widget as { choices?: unknown }).choices;
  }

  set choices(value: unknown) {
    (this.widget as { choices?: unknown }).choices = value;
  }

  get_related_url(info: [string, string], action: string, ...args: unknown[]): string {
    return reverse(`admin:${info[0]}_${info[1]}_${action}`, { current_app: this.admin_site.name, args });
  }

  override render(name: string, value: unknown, attrs: Attrs | null = null) {
    const rel_opts = this.rel.model._meta;
    const info: [string, string] = [rel_opts.app_label, rel_opts.model_name];
    const related_field_name = this.rel.get_related_field?.().name ?? this.rel.model._meta.pk.name;
    const url_params = `_to_field=${related_field_name}&_popup=1`;
    const model = escape(String(rel_opts.verbose_name));
    const icon = (kind: string) => `<img src="${escape(StaticNode.handle_simple(`admin/img/icon-${kind}.svg`))}" alt="" width="24" height="24">`;
    const links: string[] = [];
    if (!this.is_hidden) {
      const change_url = this.can_view_related || this.can_change_related ? this.get_related_url(info, "change", "__fk__") : "";
      if (this.can_change_related)
        links.push(`<a class="related-widget-wrapper-link change-related" id="change_id_${escape(name)}"\n            data-href-template="${escape(change_url)}?${escape(url_params)}"\n            data-popup="yes"\n            title="Change selected ${model}">${icon("changelink")}</a>`);
      if (this.can_add_related)
        links.push(`<a class="related-widget-wrapper-link add-related" id="add_id_${escape(name)}"\n            data-popup="yes"\n            href="${escape(this.get_related_url(info, "add"))}?${escape(url_params)}"\n            title="Add another ${model}">${icon("addlink")}</a>`);
      if (this.can_delete_related)
        links.push(`<a class="related-widget-wrapper-link delete-related" id="delete_id_${escape(name)}"\n            data-href-template="${escape(this.get_related_url(info, "delete", "__fk__"))}?${escape(url_params)}"\n            data-popup="yes"\n            title="Delete selected ${model}">${icon("deletelink")}</a>`);
      if (this.can_view_related)
        links.push(`<a class="related-widget-wrapper-link view-related" id="view_id_${escape(name)}"\n             data-href-template="${escape(change_url)}?_to_field=${escape(related_field_name)}"\n             title="View selected ${model}">${icon("viewlink")}</a>`);
    }
    const model_ref = this.rel.limit_choices_to && Object.keys(this.rel.limit_choices_to).length ? "" : `data-model-ref="${escape(rel_opts.model_name)}"`;
    const rendered_widget = this.widget.render(name, value, attrs);
    return forms_mark_safe(`<div class="related-widget-wrapper" ${model_ref}>\n    ${rendered_widget}\n    \n        ${links.join("")}\n    \n</div>`);
  }

  override value_from_datadict(data: any, files: unknown, name: string): unknown {
    return this.widget.value_from_datadict(data, files, name);
  }

  override value_omitted_from_data(data: any, files: unknown, name: string): boolean {
    return this.widget.value_omitted_from_data(data, files, name);
  }

  override id_for_label(id_: string): string {
    return this.widget.id_for_label(id_);
  }
}
