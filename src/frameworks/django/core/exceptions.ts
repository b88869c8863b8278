/**
 * django.core.exceptions: the exceptions Django's layers raise to talk to each other.
 *
 * The handler's exception guard (core/handlers/exception.ts) turns several of these into responses:
 * PermissionDenied → 403, BadRequest and every SuspiciousOperation → 400.
 */
import { Exception, py_repr } from "../../python/builtins";

export class ImproperlyConfigured extends Exception {}
export class AppRegistryNotReady extends Exception {}
export class FieldDoesNotExist extends Exception {}
export class ObjectDoesNotExist extends Exception {}
export class MultipleObjectsReturned extends Exception {}
export class MiddlewareNotUsed extends Exception {}
export class ViewDoesNotExist extends Exception {}
export class PermissionDenied extends Exception {}
export class BadRequest extends Exception {}
export class FieldError extends Exception {}
/** Raised while compiling a condition that can match nothing (`pk__in=[]`): no query is run. */
export class EmptyResultSet extends Exception {}
/** Raised while compiling a condition that matches everything. */
export class FullResultSet extends Exception {}
export class SynchronousOnlyOperation extends Exception {}
/** The client disconnected before the response was sent (the ASGI handler stops quietly). */
export class RequestAborted extends Exception {}

/** The user did something suspicious; logged to `django.security.<ClassName>` and answered with 400. */
export class SuspiciousOperation extends Exception {}
export class SuspiciousMultipartForm extends SuspiciousOperation {}
export class SuspiciousFileOperation extends SuspiciousOperation {}
export class DisallowedHost extends SuspiciousOperation {}
export class DisallowedRedirect extends SuspiciousOperation {}
export class TooManyFieldsSent extends SuspiciousOperation {}
export class TooManyFilesSent extends SuspiciousOperation {}
export class RequestDataTooBig extends SuspiciousOperation {}

/**
 * Raised by validators and `clean()` methods. Django's three shapes, as Django builds them:
 *
 *   new ValidationError("Enter a number.", { code: "invalid" })   // one error: message, code, params
 *   new ValidationError([err1, "text", err2])                       // a list: error_list
 *   new ValidationError({ email: [err], __all__: ["text"] })         // a dict: error_dict (field → errors)
 *
 * `messages` lists every message with its `params` interpolated (`%(limit_value)s`); `error_list`
 * holds single-error ValidationErrors; `update_error_dict(d)` merges this error into `d`.
 * The ORM's ModelValidationError keeps plain message strings in `error_dict`, hence the union.
 */
export class ValidationError extends Exception {
  code: string | null = null;
  params: Record<string, unknown> | null = null;
  error_list: ValidationError[] = [];
  error_dict?: Record<string, ValidationError[] | string[]>;

  constructor(message: unknown, options: { code?: string | null; params?: Record<string, unknown> | null } = {}) {
    super(typeof message === "string" ? message : "");
    if (message instanceof ValidationError) this.copy_from(message);
    else if (Array.isArray(message)) this.error_list = message.flatMap((m) => flatten_errors(m instanceof ValidationError ? m : new ValidationError(m)));
    else if (is_plain_object(message)) this.build_dict(message);
    else this.init_single(String(message), options);
    if (this.error_list.length !== 1 || this.error_list[0] !== this || this.error_dict) this.message = this.toString();
  }

  private init_single(message: string, options: { code?: string | null; params?: Record<string, unknown> | null }): void {
    this.message = message;
    this.code = options.code ?? null;
    this.params = options.params ?? null;
    this.error_list = [this];
  }

  private copy_from(other: ValidationError): void {
    if (other.error_dict) this.error_dict = other.error_dict;
    else if (other.error_list.length === 1 && other.error_list[0] === other) this.init_single(other.message, other);
    else this.error_list = other.error_list;
  }

  private build_dict(dict: Record<string, unknown>): void {
    this.error_dict = {};
    for (const [field, messages] of Object.entries(dict)) {
      const err = messages instanceof ValidationError ? messages : new ValidationError(messages);
      this.error_dict[field] = flatten_errors(err);
    }
  }

  /** Every message, params interpolated (the dict's lists concatenated). */
  get messages(): string[] {
    if (this.error_dict) return Object.values(this.error_dict).flatMap((list) => list.map((e) => (typeof e === "string" ? e : e.formatted())));
    return this.error_list.map((e) => e.formatted());
  }

  /** A single error's message with `%(name)s` params filled in. */
  formatted(): string {
    if (this.error_list.length === 1 && this.error_list[0] === this) return this.params ? percent_format(this.message, this.params) : this.message;
    return this.messages.join(" ");
  }

  /** Merge into `error_dict` (field → errors); a list or single error goes under `__all__`. */
  update_error_dict(error_dict: Record<string, ValidationError[]>): Record<string, ValidationError[]> {
    if (this.error_dict) {
      for (const [field, list] of Object.entries(this.error_dict)) (error_dict[field] ??= []).push(...list.map((e) => (typeof e === "string" ? new ValidationError(e) : e)));
    } else (error_dict[NON_FIELD_ERRORS] ??= []).push(...this.error_list);
    return error_dict;
  }

  /** Python's `str(e)`: the repr of the message list, or of the field → messages dict. */
  override toString(): string {
    const q = (m: string) => py_repr(m);
    if (this.error_dict) {
      const items = Object.entries(this.error_dict).map(([f, list]) => `${q(f)}: [${list.map((e) => q(typeof e === "string" ? e : e.formatted())).join(", ")}]`);
      return `{${items.join(", ")}}`;
    }
    return `[${this.messages.map(q).join(", ")}]`;
  }
}

/** A ValidationError → its single-error ValidationErrors (a dict's lists concatenated). */
function flatten_errors(err: ValidationError): ValidationError[] {
  if (!err.error_dict) return err.error_list;
  return Object.values(err.error_dict).flatMap((list) => list.map((e) => (typeof e === "string" ? new ValidationError(e) : e)));
}

function is_plain_object(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Python's `message % params` for `%(name)s`, `%(name)r`, `%(name)d` and `%%`. */
export function percent_format(message: string, params: Record<string, unknown>): string {
  return message.replace(/%\((\w+)\)([srdif])|%%/g, (m, name: string | undefined, conv: string | undefined) => {
    if (m === "%%") return "%";
    const value = params[name!];
    if (conv === "r") return py_repr(value);
    if (conv === "d" || conv === "i") return String(Math.trunc(Number(value)));
    return String(value);
  });
}

export const NON_FIELD_ERRORS = "__all__";
