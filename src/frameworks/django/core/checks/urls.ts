/**
 * django.core.checks.urls: the URLconf is importable and well formed. `check_url_config` imports
 * ROOT_URLCONF (so an error in urls.py shows up under `manage.py check`, as in Django) and reports
 * urls.E004 when `urlpatterns` is not a list. Registered under Tags.urls.
 */
import { settings } from "../../conf";
import { get_resolver } from "../../urls";
import { Error, type CheckMessage } from "./messages";
import { register, Tags } from "./registry";

export function check_url_config(): CheckMessage[] {
  if (!settings.configured || !(settings as { ROOT_URLCONF?: unknown }).ROOT_URLCONF) return [];
  const resolver: any = get_resolver();
  const patterns: unknown = resolver.url_patterns;
  if (!Array.isArray(patterns))
    return [new Error(`Your URL pattern ${String(patterns)} is invalid. Ensure that urlpatterns is a list of path() and/or re_path() instances.`, { id: "urls.E004" })];
  return [];
}

register(check_url_config, Tags.urls);
