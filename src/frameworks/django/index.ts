/**
 * django: the package itself, for `import { forms, template } from "django"` (Python's
 * `from django import forms`, `from django import template` — then `forms.Form`,
 * `template.Library()`).
 */
export * as forms from "./forms";
export * as template from "./template";
export * as http from "./http";
export * as dispatch from "./dispatch";
export * as urls from "./urls";
export * as shortcuts from "./shortcuts";
export * as views from "./views";
export { setup } from "./setup";
