/**
 * django.forms.utils: form errors → HTML and text, and small helpers the forms package shares.
 *
 * ErrorList (one field's errors: a list of single ValidationErrors that prints as
 * `<ul class="errorlist" id="id_name_error"><li>…</li></ul>`) and ErrorDict (field name → ErrorList,
 * printing as nested lists). `flatatt` turns an attribute map into ` name="value"` text, `pretty_name`
 * turns `first_name` into `First name`.
 */
import { ValidationError } from "../core/exceptions";
import { conditional_escape, escape } from "../utils/html";
import { mark_safe, SafeString } from "../utils/safestring";
import { py_str } from "../../python/operator";
import { py_json_dumps } from "../../python/json";

/** `pretty_name("first_name")` → "First name" (Python's `str.capitalize()`: the rest lower-cased). */
export function pretty_name(name: string): string {
  if (!name) return "";
  const text = name.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/**
 * HTML attributes as Django's `attrs.html` template prints them: `true` → the bare name, `false`
 * → left out, anything else → `name="str(value)"` escaped.
 */
export function flatatt(attrs: Record<string, unknown>): SafeString {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false) continue;
    out += value === true ? ` ${escape(name)}` : ` ${escape(name)}="${conditional_escape(value instanceof SafeString ? value : py_str(value))}"`;
  }
  return mark_safe(out);
}

/** One field's (or the form's non-field) errors: single-error ValidationErrors or plain messages. */
export class ErrorList extends Array<ValidationError | string> {
  error_class = "errorlist";
  field_id: string | null = null;

  constructor(initlist: Iterable<ValidationError | string> = [], options: { error_class?: string | null; field_id?: string | null } = {}) {
    super();
    for (const item of initlist instanceof ErrorList ? initlist.raw() : initlist) this.push(item);
    if (options.error_class) this.error_class = `errorlist ${options.error_class}`;
    this.field_id = options.field_id ?? null;
  }

  static override get [Symbol.species]() {
    return Array;
  }

  /**
   * Iterating an ErrorList gives its messages, as in Python (`{% for error in form.non_field_errors %}`
   * prints each message); `raw()` gives the ValidationErrors themselves.
   */
  override *[Symbol.iterator](): ArrayIterator<any> {
    yield* this.messages;
  }

  /** The stored errors (ValidationErrors or plain messages), by index. */
  raw(): (ValidationError | string)[] {
    return Array.from({ length: this.length }, (_, i) => this[i]);
  }

  /** The messages, params filled in (Python iterates an ErrorList as its messages). */
  get messages(): string[] {
    return this.raw().map((e) => (e instanceof ValidationError ? e.formatted() : e));
  }

  /** `as_data()`: each error as a ValidationError (code and params kept). */
  as_data(): ValidationError[] {
    return new ValidationError(this.raw()).error_list;
  }

  get_json_data(escape_html = false): { message: string; code: string }[] {
    return this.as_data().map((e) => ({ message: escape_html ? escape(e.formatted()) : e.formatted(), code: e.code ?? "" }));
  }

  /** `json.dumps(get_json_data())`, spaced and ASCII-escaped as Python writes it. */
  as_json(escape_html = false): string {
    return py_json_dumps(this.get_json_data(escape_html));
  }

  copy(): ErrorList {
    const copy = new ErrorList(this.raw(), { field_id: this.field_id });
    copy.error_class = this.error_class;
    return copy;
  }

  /** `<ul class="errorlist" id="…_error"><li>message</li></ul>`, or "" without errors. */
  as_ul(): SafeString {
    if (!this.length) return mark_safe("");
    const id = this.field_id ? ` id="${escape(this.field_id)}_error"` : "";
    const items = this.messages.map((m) => `<li>${conditional_escape(m)}</li>`).join("");
    return mark_safe(`<ul class="${escape(this.error_class)}"${id}>${items}</ul>`);
  }

  /** `* message` lines (the text template autoescapes each message, as Django's does). */
  as_text(): string {
    return this.messages.map((m) => `* ${conditional_escape(m)}`).join("\n");
  }

  __html__(): SafeString {
    return this.as_ul();
  }

  override toString(): string {
    return this.as_ul().valueOf();
  }
}

/** Field name → ErrorList, in the order errors were added. */
export class ErrorDict extends Map<string, ErrorList> {
  as_data(): Record<string, ValidationError[]> {
    return Object.fromEntries([...this].map(([f, e]) => [f, e.as_data()]));
  }

  get_json_data(escape_html = false): Record<string, { message: string; code: string }[]> {
    return Object.fromEntries([...this].map(([f, e]) => [f, e.get_json_data(escape_html)]));
  }

  /** `json.dumps(get_json_data())`, spaced and ASCII-escaped as Python writes it. */
  as_json(escape_html = false): string {
    return py_json_dumps(this.get_json_data(escape_html));
  }

  /** `<ul class="errorlist"><li>field<ul class="errorlist">…</ul></li></ul>` */
  as_ul(): SafeString {
    if (!this.size) return mark_safe("");
    const items = [...this].map(([f, e]) => `<li>${escape(f)}${e.as_ul()}</li>`).join("");
    return mark_safe(`<ul class="errorlist">${items}</ul>`);
  }

  as_text(): string {
    return [...this].map(([f, e]) => `* ${conditional_escape(f)}\n${e.messages.map((m) => `  * ${conditional_escape(m)}`).join("\n")}`).join("\n");
  }

  /** Field → messages, as a plain object (the shape JSON and the trace want). */
  messages(): Record<string, string[]> {
    return Object.fromEntries([...this].map(([f, e]) => [f, e.messages]));
  }

  /** Templates print `{{ form.errors }}` as the list (Django's RenderableMixin `__html__`). */
  __html__(): SafeString {
    return this.as_ul();
  }

  override toString(): string {
    return this.as_ul().valueOf();
  }
}
