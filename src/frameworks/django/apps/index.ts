/**
 * django.apps: `from django.apps import AppConfig, apps`.
 *
 * INSTALLED_APPS entries become AppConfigs in the `apps` registry (see registry.ts for the phases).
 */
export { AppConfig } from "./config";
export type { AppConfigClass, ModelClass } from "./config";
export { Apps, apps } from "./registry";
export type { InstalledApp } from "./registry";
