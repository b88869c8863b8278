/**
 * django.contrib.admin.exceptions: the admin's own errors.
 *
 * A query string that asks the changelist to filter across a relation no `list_filter` offers is a
 * DisallowedModelAdminLookup (a SuspiciousOperation → 400); registering a model twice is
 * AlreadyRegistered; asking for an unregistered model's ModelAdmin is NotRegistered.
 */
import { SuspiciousOperation } from "../../core/exceptions";
import { Exception } from "../../../python/builtins";

export class DisallowedModelAdminLookup extends SuspiciousOperation {}
export class DisallowedModelAdminToField extends SuspiciousOperation {}
export class AlreadyRegistered extends Exception {}
export class NotRegistered extends Exception {}
