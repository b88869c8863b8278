/**
 * django.utils: the package, for `import { timezone } from "django/utils"` (Python's
 * `from django.utils import timezone`, then `timezone.now()`).
 */
export * as timezone from "./timezone";
export * as html from "./html";
export * as text from "./text";
export * as safestring from "./safestring";
export * as formats from "./formats";
export * as dateformat from "./dateformat";
export * as timesince from "./timesince";
export * as crypto from "./crypto";
