/**
 * django.contrib.admin.apps: the `django.contrib.admin` entry of INSTALLED_APPS → AdminConfig.
 *
 * SimpleAdminConfig leaves discovery alone; AdminConfig (the default) runs autodiscover() in
 * ready(): each installed app's `admin` module is imported, so its `admin.site.register(...)`
 * calls run.
 */
import { AppConfig } from "../../apps/config";
import { apps } from "../../apps";
import { ModuleNotFoundError, import_module } from "../../utils/module_loading";
import { LogEntry } from "./models";

export class SimpleAdminConfig extends AppConfig {
  override name = "django.contrib.admin";
  override verbose_name = "Administration";
  override default_auto_field = "django.db.models.AutoField";

  override import_models(): void {
    super.import_models();
    this.apps!.register_model("admin", LogEntry);
    LogEntry._meta._expire_cache();
  }
}

export class AdminConfig extends SimpleAdminConfig {
  static override default = true;

  override ready(): void {
    autodiscover();
  }
}

/**
 * Import `<app>.admin` for every installed app that has one (a missing module is skipped). A
 * framework module (django.contrib.auth.admin) stays loaded across projects, so its registrations
 * are its `__register__()`, run here each time, as Python would run the module's top level.
 */
export function autodiscover(): void {
  for (const config of apps.get_app_configs()) {
    if (config.name === "django.contrib.admin") continue;
    let module: Record<string, unknown>;
    try {
      module = import_module(`${config.name}.admin`);
    } catch (e) {
      if (!(e instanceof ModuleNotFoundError)) throw e;
      continue;
    }
    if (config.name.startsWith("django.") && typeof module.__register__ === "function") (module.__register__ as () => void)();
  }
}
