/**
 * django.forms.boundfield: a form's field together with its data → what a template shows.
 *
 * BoundField (`form.bf("email")`, Django's `form["email"]`) knows its HTML name (with the form's
 * prefix), its id (`auto_id`), its submitted `data` and `initial` value, its `value()` to display,
 * its `errors`, its `label_tag()` and the widget's HTML (`toString()` / `as_widget()`).
 */
import { conditional_escape, format_html } from "../utils/html";
import { mark_safe, SafeString } from "../utils/safestring";
import { py_str } from "../../python/operator";
import { datetime, time } from "../../python/datetime";
import type { Field } from "./fields";
import type { BaseForm } from "./forms";
import { ValidationError } from "../core/exceptions";
import { ErrorList, flatatt, pretty_name } from "./utils";
import { data_has, Textarea, TextInput, type Attrs, type Widget } from "./widgets";
import { render_field_group } from "./renderers";

export class BoundField {
  readonly html_name: string;
  readonly html_initial_name: string;
  readonly html_initial_id: string;
  readonly label: string;
  readonly help_text: string;

  constructor(
    readonly form: BaseForm,
    readonly field: Field,
    readonly name: string,
  ) {
    this.html_name = form.add_prefix(name);
    this.html_initial_name = form.add_initial_prefix(name);
    this.html_initial_id = form.add_initial_prefix(this.auto_id);
    this.label = field.label === null ? pretty_name(name) : field.label;
    this.help_text = field.help_text ?? "";
  }

  /** This field's errors (an empty ErrorList when there are none). */
  get errors(): ErrorList {
    return this.form.errors.get(this.name) ?? new ErrorList([], { field_id: this.auto_id || null });
  }

  /** The raw submitted value, as the widget reads it from the form's data. */
  get data(): unknown {
    return this.form._widget_data_value(this.field.widget, this.html_name);
  }

  /** The form's initial for this field, else the field's own; datetimes lose microseconds for widgets without them. */
  get initial(): unknown {
    return this.form.get_initial_for_field(this.field, this.name);
  }

  /** The value to display: the submitted data for a bound form, else the initial value. */
  value(): unknown {
    let data = this.initial;
    if (this.form.is_bound) data = this.field.bound_data(this.data, data);
    return this.field.prepare_value(data);
  }

  /**
   * Whether the submitted data differs from the initial value. With `show_hidden_initial` the
   * initial is what the form's hidden `initial-<name>` input sent back (converted by the field; a
   * value the field cannot read counts as changed), not the value the form was built with.
   */
  _has_changed(): boolean {
    const field = this.field;
    let initial_value: unknown;
    if (field.show_hidden_initial) {
      initial_value = this.form._widget_data_value(this.hidden_widget(), this.html_initial_name);
      try {
        initial_value = field.to_python(initial_value);
      } catch (e) {
        if (e instanceof ValidationError) return true;
        throw e;
      }
    } else {
      initial_value = this.initial;
    }
    return field.has_changed(initial_value, this.data);
  }

  /** `id_%s` with the HTML name, or the `auto_id` text itself when it has no `%s`; "" when off. */
  get auto_id(): string {
    const auto_id = this.form.auto_id;
    if (auto_id && String(auto_id).includes("%s")) return String(auto_id).replace("%s", this.html_name);
    if (auto_id) return this.html_name;
    return "";
  }

  get id_for_label(): string {
    const widget = this.field.widget;
    const id_ = (widget.attrs.id as string | undefined) || this.auto_id;
    return widget.id_for_label(id_);
  }

  get is_hidden(): boolean {
    return this.field.widget.is_hidden;
  }

  get use_fieldset(): boolean {
    return this.field.widget.use_fieldset;
  }

  get widget_type(): string {
    return this.field.widget.constructor.name.toLowerCase().replace(/widget$|input$/, "");
  }

  /** `help_text` and error ids for `aria-describedby` (none when the widget sets its own). */
  get aria_describedby(): string | null {
    if (this.field.widget.attrs["aria-describedby"]) return null;
    const ids: string[] = [];
    if (this.auto_id && !this.is_hidden) {
      if (this.help_text) ids.push(`${this.auto_id}_helptext`);
      if (this.errors.length) ids.push(`${this.auto_id}_error`);
    }
    return ids.join(" ");
  }

  /** Attributes the form adds to the widget: required, disabled, aria-invalid, aria-describedby. */
  build_widget_attrs(attrs: Attrs, widget: Widget = this.field.widget): Attrs {
    const out = { ...attrs };
    if (widget.use_required_attribute(this.initial) && this.field.required && this.form.use_required_attribute) out.required = true;
    if (this.field.disabled) out.disabled = true;
    if (!widget.is_hidden && this.errors.length) out["aria-invalid"] = "true";
    if (!out["aria-describedby"] && !this.use_fieldset) {
      const ids = this.aria_describedby;
      if (ids) out["aria-describedby"] = ids;
    }
    return out;
  }

  /**
   * The widget's HTML for this field (with its id, required and aria attributes). `only_initial`
   * renders the hidden `initial-<name>` twin instead, carrying forward the initial value the form
   * was posted with, if any.
   */
  as_widget(widget: Widget | null = null, attrs: Attrs | null = null, only_initial = false): SafeString {
    const w = widget ?? this.field.widget;
    if (this.field.localize) w.is_localized = true;
    const built = this.build_widget_attrs(attrs ?? {}, w);
    if (this.auto_id && !("id" in w.attrs)) built.id ??= only_initial ? this.html_initial_id : this.auto_id;
    let value: unknown;
    if (only_initial && data_has(this.form.data, this.html_initial_name)) value = this.form._widget_data_value(this.hidden_widget(), this.html_initial_name);
    else value = this.value();
    return w.render(only_initial ? this.html_initial_name : this.html_name, value, built);
  }

  /** A fresh instance of the field's `hidden_widget` (HiddenInput, or MultipleHiddenInput for lists). */
  hidden_widget(): Widget {
    return new (this.field.constructor as unknown as { hidden_widget: new () => Widget }).hidden_widget();
  }

  /** The field rendered as an `<input type="text">`, whatever its own widget. */
  as_text(attrs: Attrs | null = null, only_initial = false): SafeString {
    return this.as_widget(new TextInput(), attrs, only_initial);
  }

  /** The field rendered as a `<textarea>`. */
  as_textarea(attrs: Attrs | null = null, only_initial = false): SafeString {
    return this.as_widget(new Textarea(), attrs, only_initial);
  }

  as_hidden(attrs: Attrs | null = null, only_initial = false): SafeString {
    return this.as_widget(this.hidden_widget(), attrs, only_initial);
  }

  /** `<label for="id">Label:</label>` (the suffix only when the label does not end in punctuation). */
  label_tag(contents: string | SafeString | null = null, attrs: Attrs | null = null, label_suffix: string | null = null, tag: string | null = null): SafeString {
    let text: string | SafeString = contents || this.label;
    const suffix = label_suffix ?? this.field.label_suffix ?? this.form.label_suffix;
    if (suffix && text && !":?.!".includes(String(text).slice(-1))) text = format_html("{}{}", text, suffix);
    const widget = this.field.widget;
    const id_ = (widget.attrs.id as string | undefined) || this.auto_id;
    let tag_attrs = attrs;
    if (id_) {
      const for_ = widget.id_for_label(id_);
      if (for_) tag_attrs = { ...(attrs ?? {}), for: for_ };
      const required_css_class = this.form.required_css_class;
      if (this.field.required && required_css_class) {
        tag_attrs = { ...(tag_attrs ?? {}) };
        tag_attrs.class = tag_attrs.class ? `${py_str(tag_attrs.class)} ${required_css_class}` : required_css_class;
      }
    }
    if (!id_) return conditional_escape(text);
    const name = tag ?? "label";
    return mark_safe(`<${name}${flatatt(tag_attrs ?? {})}>${conditional_escape(text)}</${name}>`);
  }

  legend_tag(contents: string | SafeString | null = null, attrs: Attrs | null = null, label_suffix: string | null = null): SafeString {
    return this.label_tag(contents, attrs, label_suffix, "legend");
  }

  /** The CSS classes for the field's row: the form's error/required classes. */
  css_classes(extra_classes: string | null = null): string {
    const classes = new Set((extra_classes ?? "").split(/\s+/).filter(Boolean));
    if (this.errors.length && this.form.error_css_class) classes.add(this.form.error_css_class);
    if (this.field.required && this.form.required_css_class) classes.add(this.form.required_css_class);
    return [...classes].join(" ");
  }

  /** The label, help text, errors and widget as Django's `field.html` lays them out. */
  as_field_group(): SafeString {
    return mark_safe(render_field_group(this));
  }

  __html__(): SafeString {
    return this.as_widget();
  }

  toString(): string {
    return this.field.show_hidden_initial ? this.as_widget().valueOf() + this.as_hidden(null, true).valueOf() : this.as_widget().valueOf();
  }
}

/** Drop microseconds from datetimes/times shown by widgets that do not support them. */
export function strip_microseconds(value: unknown): unknown {
  if (value instanceof datetime || value instanceof time) return value.microsecond ? (value as datetime).replace({ microsecond: 0 }) : value;
  return value;
}
