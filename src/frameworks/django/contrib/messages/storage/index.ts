/** django.contrib.messages.storage: `default_storage(request)` → an instance of settings.MESSAGE_STORAGE. */
import { settings } from "../../../conf";
import type { HttpRequest } from "../../../http/request";
import { import_string } from "../../../utils/module_loading";
import type { BaseStorage } from "./base";
import { FallbackStorage } from "./fallback";

const BUILT_IN: Record<string, unknown> = { "django.contrib.messages.storage.fallback.FallbackStorage": FallbackStorage };

export function default_storage(request: HttpRequest): BaseStorage {
  const path = String(settings.MESSAGE_STORAGE);
  const cls = (BUILT_IN[path] ?? import_string(path)) as new (request: HttpRequest) => BaseStorage;
  return new cls(request);
}
