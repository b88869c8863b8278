/**
 * jinja2.exceptions: what can go wrong turning a template into text, as exception classes.
 *
 * `TemplateSyntaxError` (and its child `TemplateAssertionError`, raised by the compiler) carry the
 * line number and the template's name; `UndefinedError` is raised when an undefined value is used
 * for more than printing or testing; `TemplateNotFound` names the template a loader could not find.
 *
 *   new TemplateSyntaxError("Encountered unknown tag 'frobnicate'.", 3, "page.html")
 */
import { Exception } from "../python/builtins";

/** Base class of every template error. */
export class TemplateError extends Exception {
  constructor(message?: string | null) {
    super(message ?? "");
  }

  /** `exc.message`: the message, or None. */
  get message_text(): string {
    return this.message;
  }
}

/** A template a loader could not find; `message` is the name (or the message given). */
export class TemplateNotFound extends TemplateError {
  templates: unknown[];
  constructor(
    readonly template_name: unknown,
    message: string | null = null,
  ) {
    super(message ?? String(template_name));
    this.templates = [template_name];
  }
}

/** None of several candidate templates exists (`select_template`, `{% include [a, b] %}`). */
export class TemplatesNotFound extends TemplateNotFound {
  constructor(names: unknown[] = [], message: string | null = null) {
    const list = names.map((n) => (typeof n === "string" ? `'${n}'` : String(n))).join(", ");
    super(names.length ? names[names.length - 1] : null, message ?? `none of the templates given were found: ${list}`);
    this.templates = [...names];
  }
}

/** The template's source is not valid Jinja. */
export class TemplateSyntaxError extends TemplateError {
  /** Set when the error is shown; `source` may be filled in later by the environment. */
  source: string | null = null;
  translated = false;
  constructor(
    message: string,
    public lineno: number,
    public template_name: string | null = null,
    public filename: string | null = null,
  ) {
    super(message);
  }

  /** `str(exc)` names the line (and the file) the error is on. */
  override toString(): string {
    const location = this.filename ?? this.template_name;
    return `${this.message}\n  line ${this.lineno}${location ? `\n  File "${location}", line ${this.lineno}` : ""}`;
  }
}

/** The template is syntactically valid but cannot be compiled (an unknown filter or test…). */
export class TemplateAssertionError extends TemplateSyntaxError {}

/** A generic error while rendering (`{% extends %}` twice, a missing required block…). */
export class TemplateRuntimeError extends TemplateError {}

/** An undefined value was used (`{{ missing.attr }}`, `{{ missing + 1 }}`). */
export class UndefinedError extends TemplateRuntimeError {}

/** The sandbox refused an operation. */
export class SecurityError extends TemplateRuntimeError {}

/** A filter was called with arguments it cannot use. */
export class FilterArgumentError extends TemplateRuntimeError {}
