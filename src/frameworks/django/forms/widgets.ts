/**
 * django.forms.widgets: a field's value → the HTML control that shows it, and submitted data → the
 * value back (`value_from_datadict`).
 *
 * Widget is the base; Input and its subclasses print `<input type=… name=… value=…>`, Textarea,
 * Select/SelectMultiple, RadioSelect/CheckboxSelectMultiple (ChoiceWidget's `optgroups`) and
 * CheckboxInput the other controls. The HTML is exactly what Django 5.2's widget templates print
 * (the renderer strips the template's trailing newline; an included option template keeps its own).
 */
import { escape, conditional_escape } from "../utils/html";
import { mark_safe, SafeString } from "../utils/safestring";
import { iterate, py_str } from "../../python/operator";
import { date, datetime, time } from "../../python/datetime";
import { strftime } from "../../python/_strptime";
import { flatatt } from "./utils";
import { KeyError } from "../../python/builtins";
import { make_naive } from "../utils/timezone";

export type Attrs = Record<string, unknown>;
/** Submitted form data: a QueryDict/MultiValueDict (`get`, `getlist`, `has`) or a plain object. */
export type FormData = { get(key: string): unknown; getlist?(key: string): unknown[]; has?(key: string): boolean } | Record<string, unknown>;
export type Choice = [unknown, unknown];

export const DATE_INPUT_FORMATS = ["%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%b %d %Y", "%b %d, %Y", "%d %b %Y", "%d %b, %Y", "%B %d %Y", "%B %d, %Y", "%d %B %Y", "%d %B, %Y"];
export const TIME_INPUT_FORMATS = ["%H:%M:%S", "%H:%M:%S.%f", "%H:%M"];
export const DATETIME_INPUT_FORMATS = [
  "%Y-%m-%d %H:%M:%S",
  "%Y-%m-%d %H:%M:%S.%f",
  "%Y-%m-%d %H:%M",
  "%m/%d/%Y %H:%M:%S",
  "%m/%d/%Y %H:%M:%S.%f",
  "%m/%d/%Y %H:%M",
  "%m/%d/%y %H:%M:%S",
  "%m/%d/%y %H:%M:%S.%f",
  "%m/%d/%y %H:%M",
  "%Y-%m-%d",
];

/** `data.get(name)` on a QueryDict (last value) or a plain object. */
export function data_get(data: FormData, name: string): unknown {
  if (typeof (data as { get?: unknown }).get === "function") return (data as { get(k: string): unknown }).get(name) ?? null;
  const v = (data as Record<string, unknown>)[name];
  return v === undefined ? null : v;
}

/** `data.getlist(name)` when the data has lists, else `data.get(name)`. */
export function data_getlist(data: FormData, name: string): unknown {
  if (typeof (data as { getlist?: unknown }).getlist === "function") return (data as { getlist(k: string): unknown[] }).getlist(name);
  return data_get(data, name);
}

export function data_has(data: FormData, name: string): boolean {
  if (typeof (data as { has?: unknown }).has === "function") return (data as { has(k: string): boolean }).has(name);
  return name in data;
}

export interface WidgetContext {
  name: string;
  is_hidden: boolean;
  required: boolean;
  value: any;
  attrs: Attrs;
  template_name: string;
  type?: string | null;
  optgroups?: OptGroup[];
}

export interface Option {
  name: string;
  value: unknown;
  label: unknown;
  selected: boolean;
  index: string;
  attrs: Attrs;
  type: string | null;
  template_name: string;
  wrap_label: boolean;
}

export type OptGroup = [unknown, Option[], number];


// --- Media ------------------------------------------------------------------------------------

/** A widget's, form's or admin's `class Media`: `{ js: [...], css: { all: [...] }, extend? }`. */
export interface MediaDefinition {
  js?: string[];
  css?: Record<string, string[]>;
  /** true (default): add to the parent class's media; false: replace it; a list: keep those media types. */
  extend?: boolean | string[];
}

/** Python's `graphlib.TopologicalSorter(...).static_order()`, the order Media.merge relies on. */
function static_order(edges: [string, string | null][]): string[] {
  const info = new Map<string, { npred: number; successors: string[] }>();
  const node = (n: string) => {
    let i = info.get(n);
    if (!i) info.set(n, (i = { npred: 0, successors: [] }));
    return i;
  };
  for (const [n, pred] of edges) {
    const i = node(n);
    if (pred !== null) {
      i.npred += 1;
      node(pred).successors.push(n);
    }
  }
  const out: string[] = [];
  let ready = [...info].filter(([, i]) => i.npred === 0).map(([n]) => n);
  while (ready.length) {
    const group = ready;
    ready = [];
    out.push(...group);
    for (const n of group)
      for (const succ of info.get(n)!.successors) {
        const si = info.get(succ)!;
        si.npred -= 1;
        if (si.npred === 0) ready.push(succ);
      }
  }
  return out.length === info.size ? out : [...new Set(edges.map(([n]) => n))];
}

/** The CSS and JavaScript a widget (or form, or admin page) needs, merged keeping relative order. */
export class Media {
  _css_lists: Record<string, string[]>[];
  _js_lists: string[][];

  constructor(options: { media?: MediaDefinition | null; css?: Record<string, string[]> | null; js?: string[] | null } = {}) {
    const css = options.media ? (options.media.css ?? {}) : (options.css ?? {});
    const js = options.media ? (options.media.js ?? []) : (options.js ?? []);
    this._css_lists = [css];
    this._js_lists = [js];
  }

  /** Merge lists keeping each list's relative order (Django's stable topological sort). */
  static merge(...lists: string[][]): string[] {
    const edges: [string, string | null][] = [];
    for (const list of lists.filter((l) => l.length)) {
      let head = list[0];
      edges.push([head, null]);
      for (const item of list.slice(1)) {
        if (head !== item) edges.push([item, head]);
        head = item;
      }
    }
    return static_order(edges);
  }

  get _css(): Record<string, string[]> {
    const by_medium = new Map<string, string[][]>();
    for (const css of this._css_lists) for (const [medium, list] of Object.entries(css)) by_medium.set(medium, [...(by_medium.get(medium) ?? []), list]);
    return Object.fromEntries([...by_medium].map(([medium, lists]) => [medium, Media.merge(...lists)]));
  }

  get _js(): string[] {
    return Media.merge(...this._js_lists);
  }

  /** A relative path goes through `static()`; `/…` and `http(s)://…` stay as they are. */
  absolute_path(path: string): string {
    if (/^(https?:\/\/|\/)/.test(path)) return path;
    return media_static(path);
  }

  render_js(): string[] {
    return this._js.map((path) => `<script src="${escape(this.absolute_path(path))}"></script>`);
  }

  render_css(): string[] {
    const css = this._css;
    return Object.keys(css)
      .sort()
      .flatMap((medium) => css[medium].map((path) => `<link href="${escape(this.absolute_path(path))}" media="${escape(medium)}" rel="stylesheet">`));
  }

  render(): SafeString {
    return mark_safe([...this.render_css(), ...this.render_js()].join("\n"));
  }

  /** `media["js"]` / `media["css"]`: only that kind. */
  __getitem__(name: string): Media {
    if (name === "js") return new Media({ js: this._js });
    if (name === "css") return new Media({ css: this._css });
    throw new KeyError(`Unknown media type "${name}"`);
  }

  get js(): Media {
    return this.__getitem__("js");
  }

  get css(): Media {
    return this.__getitem__("css");
  }

  /** `a + b`: both lists kept, merged when rendered. */
  add(other: Media): Media {
    const combined = new Media();
    combined._css_lists = [...this._css_lists];
    combined._js_lists = [...this._js_lists];
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    for (const item of other._css_lists) if (Object.keys(item).length && !this._css_lists.some((x) => same(x, item))) combined._css_lists.push(item);
    for (const item of other._js_lists) if (item.length && !this._js_lists.some((x) => same(x, item))) combined._js_lists.push(item);
    return combined;
  }

  __html__(): SafeString {
    return this.render();
  }

  toString(): string {
    return this.render().valueOf();
  }
}

/** `static(path)` for Media, installed by django.templatetags.static (which imports the URL resolver). */
let media_static: (path: string) => string = (path) => `/static/${path}`;
export function _set_media_static(fn: (path: string) => string): void {
  media_static = fn;
}

/** A class's media: its own `static Media` added to its parent class's (Django's media_property). */
export function media_of_class(cls: any, base_media: (cls: any) => Media = () => new Media()): Media {
  if (!cls || cls === Object || cls === Function.prototype) return base_media(cls);
  const parent = Object.getPrototypeOf(cls);
  const base = parent && parent !== Function.prototype ? media_of_class(parent, base_media) : base_media(cls);
  if (!Object.prototype.hasOwnProperty.call(cls, "Media") || !cls.Media) return base;
  const definition: MediaDefinition = cls.Media;
  const extend = definition.extend ?? true;
  if (extend === false) return new Media({ media: definition });
  const start = extend === true ? base : extend.reduce((m: Media, medium: string) => m.add(base.__getitem__(medium)), new Media());
  return start.add(new Media({ media: definition }));
}

/** The keyword arguments of Django's widget constructors (attrs and the subclasses' own). */
const WIDGET_KEYWORDS = new Set(["attrs", "format", "render_value", "check_test", "choices", "date_format", "time_format", "date_attrs", "time_attrs", "years", "months", "empty_label"]);

/** The base widget: attributes, value formatting and reading the value back from form data. */
export class Widget {
  attrs: Attrs;
  needs_multipart_form = false;
  is_localized = false;
  is_required = false;
  supports_microseconds = true;
  use_fieldset = false;
  template_name = "";

  /**
   * `TextInput(attrs={"class": "wide"})` is `new TextInput({ attrs: { class: "wide" } })` as well as
   * `new TextInput({ class: "wide" })` (attrs positional): an object whose keys are all widget
   * keywords and include `attrs` is the keyword form (ADR 0014).
   */
  constructor(attrs: Attrs | { attrs?: Attrs | null } | null = null) {
    const keywords = attrs !== null && Object.getPrototypeOf(attrs) === Object.prototype && "attrs" in attrs && Object.keys(attrs).every((k) => WIDGET_KEYWORDS.has(k));
    const given = keywords ? (attrs as { attrs?: Attrs | null }).attrs : (attrs as Attrs | null);
    this.attrs = { ...(given ?? {}) };
  }

  /** The widget's media: `static Media` of its class and its parents (Django's media_property). */
  get media(): Media {
    return media_of_class(this.constructor);
  }

  /** Django deep-copies a field's widget per form instance. */
  __deepcopy__(): this {
    const copy = Object.assign(Object.create(Object.getPrototypeOf(this)), this) as this;
    copy.attrs = { ...this.attrs };
    return copy;
  }

  get is_hidden(): boolean {
    return (this as { input_type?: string | null }).input_type === "hidden";
  }

  /** The value as the HTML shows it: `None` for empty, else `str(value)`. */
  format_value(value: unknown): unknown {
    if (value === "" || value === null || value === undefined) return null;
    return py_str(value);
  }

  get_context(name: string, value: unknown, attrs: Attrs | null): { widget: WidgetContext } {
    return {
      widget: {
        name,
        is_hidden: this.is_hidden,
        required: this.is_required,
        value: this.format_value(value),
        attrs: this.build_attrs(this.attrs, attrs),
        template_name: this.template_name,
      },
    };
  }

  /** The widget's HTML for `name` showing `value`, with extra `attrs` (id, required, aria-*). */
  render(name: string, value: unknown, attrs: Attrs | null = null): SafeString {
    return mark_safe(this.render_context(this.get_context(name, value, attrs).widget));
  }

  /** The template's output for a widget context (each subclass prints its own control). */
  render_context(widget: WidgetContext): string {
    return render_input(widget);
  }

  /**
   * The output when another widget's template includes this one's (a MultiWidget's subwidgets):
   * not stripped, so the newlines at the end of the template files stay — `text.html`,
   * `date.html`… include `input.html`, each file ending in a newline.
   */
  render_included(widget: WidgetContext): string {
    const tail = this.template_name === "django/forms/widgets/input.html" ? "\n" : "\n\n";
    return this.render_context(widget) + tail;
  }

  build_attrs(base_attrs: Attrs, extra_attrs: Attrs | null = null): Attrs {
    return { ...base_attrs, ...(extra_attrs ?? {}) };
  }

  value_from_datadict(data: FormData, _files: unknown, name: string): unknown {
    return data_get(data, name);
  }

  value_omitted_from_data(data: FormData, _files: unknown, name: string): boolean {
    return !data_has(data, name);
  }

  id_for_label(id_: string, _index?: string | null): string {
    return id_;
  }

  use_required_attribute(_initial: unknown): boolean {
    return !this.is_hidden;
  }
}

/** `<input type="…" name="…" value="…" attrs>` (input.html). */
function render_input(widget: WidgetContext): string {
  const value = widget.value !== null && widget.value !== undefined ? ` value="${conditional_escape(py_str(widget.value))}"` : "";
  return `<input type="${escape(widget.type ?? "")}" name="${conditional_escape(widget.name)}"${value}${flatatt(widget.attrs)}>`;
}

export class Input extends Widget {
  input_type: string | null = null;
  override template_name = "django/forms/widgets/input.html";

  constructor(attrs: Attrs | null = null) {
    const own = { ...(attrs ?? {}) };
    const type = own.type;
    delete own.type;
    super(own);
    if (type !== undefined) this.input_type = String(type);
  }

  override get_context(name: string, value: unknown, attrs: Attrs | null) {
    const context = super.get_context(name, value, attrs);
    context.widget.type = this.input_type;
    return context;
  }
}

export class TextInput extends Input {
  override input_type: string | null = "text";
  override template_name = "django/forms/widgets/text.html";
}
export class NumberInput extends Input {
  override input_type: string | null = "number";
  override template_name = "django/forms/widgets/number.html";
}
export class EmailInput extends Input {
  override input_type: string | null = "email";
  override template_name = "django/forms/widgets/email.html";
}
export class URLInput extends Input {
  override input_type: string | null = "url";
  override template_name = "django/forms/widgets/url.html";
}
export class ColorInput extends Input {
  override input_type: string | null = "color";
  override template_name = "django/forms/widgets/color.html";
}
export class SearchInput extends Input {
  override input_type: string | null = "search";
  override template_name = "django/forms/widgets/search.html";
}
export class TelInput extends Input {
  override input_type: string | null = "tel";
  override template_name = "django/forms/widgets/tel.html";
}
export class HiddenInput extends Input {
  override input_type: string | null = "hidden";
  override template_name = "django/forms/widgets/hidden.html";
}

/** A password box; the submitted value is not echoed back unless `render_value`. */
export class PasswordInput extends Input {
  override input_type: string | null = "password";
  override template_name = "django/forms/widgets/password.html";
  render_value: boolean;

  constructor(attrs: Attrs | null = null, options: { render_value?: boolean } = {}) {
    super(attrs);
    this.render_value = options.render_value ?? false;
  }

  override get_context(name: string, value: unknown, attrs: Attrs | null) {
    return super.get_context(name, this.render_value ? value : null, attrs);
  }
}

/** Dates and times print with the first input format of their kind (`%Y-%m-%d`, …). */
export class DateTimeBaseInput extends TextInput {
  format_key = "";
  format: string | null;
  override supports_microseconds = false;

  constructor(attrs: Attrs | null = null, options: { format?: string | null } = {}) {
    super(attrs);
    this.format = options.format ?? null;
  }

  /** Django's `formats.localize_input`: dates with the first input format; text (even "") as it is. */
  override format_value(value: unknown): unknown {
    if (value instanceof date || value instanceof time) return strftime(value, this.format ?? default_format(this.format_key));
    if (typeof value === "string") return value;
    return super.format_value(value);
  }
}

function default_format(key: string): string {
  if (key === "DATE_INPUT_FORMATS") return DATE_INPUT_FORMATS[0];
  if (key === "TIME_INPUT_FORMATS") return TIME_INPUT_FORMATS[0];
  return DATETIME_INPUT_FORMATS[0];
}

export class DateInput extends DateTimeBaseInput {
  override format_key = "DATE_INPUT_FORMATS";
  override template_name = "django/forms/widgets/date.html";
}
export class DateTimeInput extends DateTimeBaseInput {
  override format_key = "DATETIME_INPUT_FORMATS";
  override template_name = "django/forms/widgets/datetime.html";
}
export class TimeInput extends DateTimeBaseInput {
  override format_key = "TIME_INPUT_FORMATS";
  override template_name = "django/forms/widgets/time.html";
}

/** `<textarea cols="40" rows="10">` with the value after a newline (textarea.html). */
export class Textarea extends Widget {
  override template_name = "django/forms/widgets/textarea.html";

  constructor(attrs: Attrs | null = null) {
    super({ cols: "40", rows: "10", ...(attrs ?? {}) });
  }

  override render_context(widget: WidgetContext): string {
    const value = widget.value ? conditional_escape(py_str(widget.value)) : "";
    return `<textarea name="${conditional_escape(widget.name)}"${flatatt(widget.attrs)}>\n${value}</textarea>`;
  }
}

/** A checkbox: checked when `check_test(value)`; unchecked boxes are absent from POST data. */
export class CheckboxInput extends Input {
  override input_type: string | null = "checkbox";
  override template_name = "django/forms/widgets/checkbox.html";
  check_test: (value: unknown) => boolean;

  constructor(attrs: Attrs | null = null, options: { check_test?: (value: unknown) => boolean } = {}) {
    super(attrs);
    this.check_test = options.check_test ?? boolean_check;
  }

  override format_value(value: unknown): unknown {
    if (value === true || value === false || value === null || value === undefined || value === "") return null;
    return py_str(value);
  }

  override get_context(name: string, value: unknown, attrs: Attrs | null) {
    const extra = this.check_test(value) ? { ...(attrs ?? {}), checked: true } : attrs;
    return super.get_context(name, value, extra);
  }

  override value_from_datadict(data: FormData, _files: unknown, name: string): unknown {
    if (!data_has(data, name)) return false;
    let value = data_get(data, name);
    if (typeof value === "string") {
      const lower = value.toLowerCase();
      if (lower === "true") value = true;
      else if (lower === "false") value = false;
    }
    return value !== null && value !== undefined && value !== false && value !== "" && value !== 0;
  }

  override value_omitted_from_data(): boolean {
    return false;
  }
}

function boolean_check(v: unknown): boolean {
  return !(v === false || v === null || v === undefined || v === "");
}

/** Normalise choices: `[[value, label] | [group, [[value, label], …]], …]`. */
export function normalize_choices(choices: unknown): Choice[] {
  if (!choices) return [];
  if (typeof choices === "function") return normalize_choices((choices as () => unknown)());
  if (choices instanceof Map) return [...choices].map(([k, v]) => [k, is_choice_list(v) ? normalize_choices(v) : v]);
  if (!Array.isArray(choices) && typeof choices === "object") return normalize_choices(Object.entries(choices));
  return (choices as unknown[]).map((c) => {
    const [value, label] = c as [unknown, unknown];
    return [value, is_choice_list(label) ? normalize_choices(label) : label];
  });
}

function is_choice_list(v: unknown): boolean {
  return Array.isArray(v) || v instanceof Map || (typeof v === "object" && v !== null && !(v instanceof String) && Object.getPrototypeOf(v) === Object.prototype);
}

/** Widgets offering choices: each choice becomes an option dict, grouped like the choices. */
export class ChoiceWidget extends Widget {
  allow_multiple_selected = false;
  input_type: string | null = null;
  option_template_name = "";
  add_id_index = true;
  checked_attribute: Attrs = { checked: true };
  option_inherits_attrs = true;
  private _choices: Choice[] = [];

  constructor(attrs: Attrs | null = null, choices: unknown = []) {
    super(attrs);
    this.choices = choices as Choice[];
  }

  get choices(): Choice[] {
    return this._choices;
  }

  set choices(value: unknown) {
    this._choices = normalize_choices(value);
  }

  /** `[group_name, options, index]` per top-level choice; a plain choice is a nameless group of one. */
  optgroups(name: string, value: string[], attrs: Attrs | null = null): OptGroup[] {
    const groups: OptGroup[] = [];
    let has_selected = false;
    this.choices.forEach(([raw_value, option_label], index) => {
      const option_value = raw_value ?? "";
      const subgroup: Option[] = [];
      const grouped = Array.isArray(option_label);
      const choices: Choice[] = grouped ? (option_label as Choice[]) : [[option_value, option_label]];
      groups.push([grouped ? option_value : null, subgroup, index]);
      choices.forEach(([subvalue, sublabel], i) => {
        const selected = (!has_selected || this.allow_multiple_selected) && value.includes(py_str(subvalue));
        has_selected ||= selected;
        subgroup.push(this.create_option(name, subvalue, sublabel, selected, index, grouped ? i : null, attrs));
      });
    });
    return groups;
  }

  create_option(name: string, value: unknown, label: unknown, selected: boolean, index: number, subindex: number | null, attrs: Attrs | null): Option {
    const idx = subindex === null ? String(index) : `${index}_${subindex}`;
    const option_attrs = this.option_inherits_attrs ? this.build_attrs(this.attrs, attrs) : {};
    if (selected) Object.assign(option_attrs, this.checked_attribute);
    if ("id" in option_attrs) option_attrs.id = this.id_for_label(String(option_attrs.id), idx);
    return { name, value, label, selected, index: idx, attrs: option_attrs, type: this.input_type, template_name: this.option_template_name, wrap_label: true };
  }

  override get_context(name: string, value: unknown, attrs: Attrs | null) {
    const context = super.get_context(name, value, attrs);
    context.widget.optgroups = this.optgroups(name, context.widget.value as string[], attrs);
    return context;
  }

  override id_for_label(id_: string, index: string | null = "0"): string {
    return id_ && this.add_id_index ? `${id_}_${index}` : id_;
  }

  override value_from_datadict(data: FormData, _files: unknown, name: string): unknown {
    return this.allow_multiple_selected ? data_getlist(data, name) : data_get(data, name);
  }

  /** The selected values as strings (a list even for single-choice widgets). */
  override format_value(value: unknown): unknown {
    if ((value === null || value === undefined) && this.allow_multiple_selected) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((v) => (v === null || v === undefined ? "" : py_str(v)));
  }
}

/** `<select>` with `<optgroup>`s and `<option>`s (select.html, select_option.html). */
export class Select extends ChoiceWidget {
  override input_type: string | null = "select";
  override template_name = "django/forms/widgets/select.html";
  override option_template_name = "django/forms/widgets/select_option.html";
  override add_id_index = false;
  override checked_attribute: Attrs = { selected: true };
  override option_inherits_attrs = false;

  override get_context(name: string, value: unknown, attrs: Attrs | null) {
    const context = super.get_context(name, value, attrs);
    if (this.allow_multiple_selected) context.widget.attrs.multiple = true;
    return context;
  }

  override render_context(widget: WidgetContext): string {
    let out = `<select name="${conditional_escape(widget.name)}"${flatatt(widget.attrs)}>`;
    for (const [group_name, options] of widget.optgroups ?? []) {
      if (group_name) out += `\n  <optgroup label="${conditional_escape(py_str(group_name))}">`;
      for (const option of options) out += `\n  <option value="${conditional_escape(py_str(option.value))}"${flatatt(option.attrs)}>${conditional_escape(option.label)}</option>\n`;
      if (group_name) out += "\n  </optgroup>";
    }
    return out + "\n</select>";
  }

  /** `required` only makes sense when the first option is an empty placeholder. */
  override use_required_attribute(initial: unknown): boolean {
    const base = super.use_required_attribute(initial);
    if (this.allow_multiple_selected) return base;
    const first = this.choices[0];
    return base && first !== undefined && (first[0] === null || first[0] === "");
  }
}

/** Yes/No/Unknown select whose values are "true", "false" and "unknown". */
export class NullBooleanSelect extends Select {
  constructor(attrs: Attrs | null = null) {
    super(attrs, [
      ["unknown", "Unknown"],
      ["true", "Yes"],
      ["false", "No"],
    ]);
  }

  override format_value(value: unknown): unknown {
    const map = new Map<unknown, string>([
      [true, "true"],
      [false, "false"],
      ["true", "true"],
      ["false", "false"],
      ["2", "true"],
      ["3", "false"],
    ]);
    return map.get(value) ?? "unknown";
  }

  override value_from_datadict(data: FormData, _files: unknown, name: string): unknown {
    const value = data_get(data, name);
    const map = new Map<unknown, boolean>([
      [true, true],
      ["True", true],
      ["False", false],
      [false, false],
      ["true", true],
      ["false", false],
      ["2", true],
      ["3", false],
    ]);
    return map.has(value) ? map.get(value)! : null;
  }
}

export class SelectMultiple extends Select {
  override allow_multiple_selected = true;

  override value_omitted_from_data(): boolean {
    return false;
  }
}

/** Radio buttons or checkboxes in `<div>`s, each `<input>` wrapped in its `<label>` (multiple_input.html). */
export class RadioSelect extends ChoiceWidget {
  override input_type: string | null = "radio";
  override template_name = "django/forms/widgets/radio.html";
  override option_template_name = "django/forms/widgets/radio_option.html";
  override use_fieldset = true;

  override id_for_label(id_: string, index: string | null = null): string {
    return index === null ? "" : super.id_for_label(id_, index);
  }

  override render_context(widget: WidgetContext): string {
    const id = widget.attrs.id;
    const cls = widget.attrs.class;
    let out = `<div${id ? ` id="${conditional_escape(py_str(id))}"` : ""}${cls ? ` class="${conditional_escape(py_str(cls))}"` : ""}>`;
    for (const [group, options] of widget.optgroups ?? []) {
      if (group) out += `\n  <div><label>${conditional_escape(py_str(group))}</label>`;
      for (const option of options) out += `<div>\n    ${render_input_option(option)}\n</div>`;
      if (group) out += "\n  </div>";
    }
    return out + "\n</div>";
  }
}

/** input_option.html: `<label for="id"><input …>\n label</label>` plus the included template's newline. */
function render_input_option(option: Option): string {
  const input = render_input({ name: option.name, value: option.value, attrs: option.attrs, type: option.type, is_hidden: false, required: false, template_name: "" });
  if (!option.wrap_label) return `${input}\n`;
  const for_ = option.attrs.id ? ` for="${conditional_escape(py_str(option.attrs.id))}"` : "";
  return `<label${for_}>${input}\n ${conditional_escape(option.label)}</label>\n`;
}

export class CheckboxSelectMultiple extends RadioSelect {
  override allow_multiple_selected = true;
  override input_type: string | null = "checkbox";
  override template_name = "django/forms/widgets/checkbox_select.html";
  override option_template_name = "django/forms/widgets/checkbox_option.html";

  /** Browsers would require every box to be checked. */
  override use_required_attribute(): boolean {
    return false;
  }

  override value_omitted_from_data(): boolean {
    return false;
  }
}

/** One `<input type="hidden">` per value. */
export class MultipleHiddenInput extends HiddenInput {
  override format_value(value: unknown): unknown {
    return value === null || value === undefined ? [] : value;
  }

  /** One hidden input per item of the value, as Python iterates it (a string gives one per character). */
  override render_context(widget: WidgetContext): string {
    const values = iterate(widget.value ?? []);
    const id = widget.attrs.id;
    return values
      // Each item is a plain HiddenInput's value: "" and None give an input without a value.
      .map((v, i) => render_input({ ...widget, value: super.format_value(v), attrs: id ? { ...widget.attrs, id: `${py_str(id)}_${i}` } : widget.attrs }))
      .join("");
  }

  override value_from_datadict(data: FormData, _files: unknown, name: string): unknown {
    return data_getlist(data, name);
  }
}


/**
 * Several widgets acting as one (`<name>_0`, `<name>_1`, …): `decompress` splits the value, each
 * subwidget renders its part, and the data comes back as a list. The label points nowhere (the
 * subwidgets have their own ids).
 */
export class MultiWidget extends Widget {
  override template_name = "django/forms/widgets/multiwidget.html";
  override use_fieldset = true;
  widgets: Widget[];
  widgets_names: string[];

  constructor(widgets: (Widget | (new () => Widget))[] | Record<string, Widget | (new () => Widget)>, attrs: Attrs | null = null) {
    super(attrs);
    const entries = Array.isArray(widgets) ? widgets.map((w, i) => [`_${i}`, w] as const) : Object.entries(widgets).map(([n, w]) => [n ? `_${n}` : "", w] as const);
    this.widgets_names = entries.map(([n]) => n);
    this.widgets = entries.map(([, w]) => (typeof w === "function" ? new w() : w));
  }

  override __deepcopy__(): this {
    const copy = super.__deepcopy__();
    copy.widgets = this.widgets.map((w) => w.__deepcopy__());
    return copy;
  }

  override get is_hidden(): boolean {
    return this.widgets.every((w) => w.is_hidden);
  }

  override get_context(name: string, value: unknown, attrs: Attrs | null) {
    const context = super.get_context(name, value, attrs);
    const values = Array.isArray(value) ? value : this.decompress(value);
    const final_attrs = { ...context.widget.attrs };
    const input_type = final_attrs.type;
    delete final_attrs.type;
    const id = final_attrs.id;
    const subwidgets: WidgetContext[] = this.widgets.map((widget, i) => {
      if (input_type !== undefined) (widget as Input).input_type = String(input_type);
      const widget_attrs = id ? { ...final_attrs, id: `${py_str(id)}_${i}` } : final_attrs;
      return widget.get_context(name + this.widgets_names[i], values[i] ?? null, widget_attrs).widget;
    });
    return { widget: { ...context.widget, subwidgets } as WidgetContext & { subwidgets: WidgetContext[] } };
  }

  /** multiwidget.html: the subwidgets' templates inside `{% spaceless %}`. */
  override render_context(widget: WidgetContext): string {
    const subs = (widget as WidgetContext & { subwidgets: WidgetContext[] }).subwidgets;
    return this.render_subwidgets(subs)
      .replace(/>\s+</g, "><")
      .trim();
  }

  /** Each subwidget as its template prints it when included: the control plus the template's newlines. */
  render_subwidgets(subs: WidgetContext[]): string {
    return subs.map((sub, i) => this.widgets[i].render_included(sub)).join("");
  }

  override id_for_label(_id: string): string {
    return "";
  }

  override value_from_datadict(data: FormData, files: unknown, name: string): unknown {
    return this.widgets.map((w, i) => w.value_from_datadict(data, files, name + this.widgets_names[i]));
  }

  override value_omitted_from_data(data: FormData, files: unknown, name: string): boolean {
    return this.widgets.every((w, i) => w.value_omitted_from_data(data, files, name + this.widgets_names[i]));
  }

  /** Split one value into the subwidgets' values (subclasses say how). */
  decompress(_value: unknown): unknown[] {
    throw new Error("Subclasses must implement this method.");
  }

  override get media(): Media {
    return this.widgets.reduce((m, w) => m.add(w.media), new Media()).add(super.media);
  }

  get needs_multipart(): boolean {
    return this.widgets.some((w) => w.needs_multipart_form);
  }
}

/** A date input and a time input for one datetime (shown in the current time zone). */
export class SplitDateTimeWidget extends MultiWidget {
  override supports_microseconds = false;
  override template_name = "django/forms/widgets/splitdatetime.html";

  constructor(attrs: Attrs | null = null, options: { date_format?: string | null; time_format?: string | null; date_attrs?: Attrs | null; time_attrs?: Attrs | null } = {}) {
    // The attrs go to the two inputs, not to the pair: a form's auto id still names them (`id_when_0`).
    super([new DateInput(options.date_attrs ?? attrs, { format: options.date_format ?? null }), new TimeInput(options.time_attrs ?? attrs, { format: options.time_format ?? null })]);
  }

  override decompress(value: unknown): unknown[] {
    if (value instanceof datetime) {
      const local = to_current_timezone(value);
      return [local.date(), local.time()];
    }
    return [null, null];
  }
}

/** The same, as two hidden inputs. */
export class SplitHiddenDateTimeWidget extends SplitDateTimeWidget {
  override template_name = "django/forms/widgets/splithiddendatetime.html";

  constructor(attrs: Attrs | null = null, options: { date_format?: string | null; time_format?: string | null; date_attrs?: Attrs | null; time_attrs?: Attrs | null } = {}) {
    super(attrs, options);
    for (const widget of this.widgets) (widget as Input).input_type = "hidden";
  }
}

/** An aware datetime in the current time zone, made naive (what a form shows). */
function to_current_timezone(value: datetime): datetime {
  if (value.utcoffset() === null) return value;
  return make_naive(value);
}

export const WIDGETS = {
  Widget,
  Input,
  TextInput,
  NumberInput,
  EmailInput,
  URLInput,
  ColorInput,
  SearchInput,
  TelInput,
  HiddenInput,
  PasswordInput,
  DateInput,
  DateTimeInput,
  TimeInput,
  Textarea,
  CheckboxInput,
  Select,
  NullBooleanSelect,
  SelectMultiple,
  RadioSelect,
  CheckboxSelectMultiple,
  MultipleHiddenInput,
  MultiWidget,
  SplitDateTimeWidget,
  SplitHiddenDateTimeWidget,
} as const;
