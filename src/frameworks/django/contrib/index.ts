/**
 * django.contrib: the bundled apps as namespaces, for `import { admin } from "django/contrib"`
 * (Python's `from django.contrib import admin`).
 */
export * as admin from "./admin";
export * as auth from "./auth";
export * as sessions from "./sessions";
export * as messages from "./messages";
