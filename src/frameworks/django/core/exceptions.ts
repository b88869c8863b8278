/**
 * django.core.exceptions: the exceptions Django's layers raise to talk to each other.
 *
 * The handler's exception guard (core/handlers/exception.ts) turns several of these into responses:
 * PermissionDenied → 403, BadRequest and every SuspiciousOperation → 400.
 */
import { Exception } from "../../python/builtins";

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
export class SynchronousOnlyOperation extends Exception {}

/** The user did something suspicious; logged to `django.security.<ClassName>` and answered with 400. */
export class SuspiciousOperation extends Exception {}
export class SuspiciousMultipartForm extends SuspiciousOperation {}
export class SuspiciousFileOperation extends SuspiciousOperation {}
export class DisallowedHost extends SuspiciousOperation {}
export class DisallowedRedirect extends SuspiciousOperation {}
export class TooManyFieldsSent extends SuspiciousOperation {}
export class TooManyFilesSent extends SuspiciousOperation {}
export class RequestDataTooBig extends SuspiciousOperation {}

/** Raised by validators and `clean()` methods; carries one message, a list, or a field → messages map. */
export class ValidationError extends Exception {
  code: string | null;
  params: Record<string, unknown> | null;
  constructor(message: unknown, options: { code?: string | null; params?: Record<string, unknown> | null } = {}) {
    super(typeof message === "string" ? message : String(message));
    this.code = options.code ?? null;
    this.params = options.params ?? null;
  }
}

export const NON_FIELD_ERRORS = "__all__";
