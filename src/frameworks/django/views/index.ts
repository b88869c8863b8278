/**
 * django.views: the package, for `import { generic, View } from "django/views"` (Python's
 * `from django.views import generic`, then `generic.ListView`).
 */
export * as generic from "./generic";
export { View } from "./generic/base";
