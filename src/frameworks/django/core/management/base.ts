/**
 * django.core.management.base: what a management command raises when it cannot do its job.
 * `CommandError("App 'blog' does not have migrations")` is printed to the user, without a traceback.
 */
import { Exception } from "../../../python/builtins";

export class CommandError extends Exception {}
