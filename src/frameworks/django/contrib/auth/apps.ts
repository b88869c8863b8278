/**
 * django.contrib.auth.apps: the `django.contrib.auth` entry of INSTALLED_APPS → AuthConfig.
 *
 * ready() connects two receivers, as Django's does:
 *   post_migrate  → create_permissions (add/change/delete/view for every model of the migrated app)
 *   user_logged_in → update_last_login  (only when the user model has a last_login field)
 */
import { AppConfig, try_import_submodule } from "../../apps/config";
import { settings } from "../../conf";
import { post_migrate } from "../../db/models/signals";
import { get_user_model } from "./index";
import { create_permissions } from "./management";
import { Group, Permission, update_last_login, User } from "./models";
import { user_logged_in } from "./signals";
import "./templates";

export class AuthConfig extends AppConfig {
  override name = "django.contrib.auth";
  override verbose_name = "Authentication and Authorization";
  override default_auto_field = "django.db.models.AutoField";

  /**
   * Django registers each model while `models.py` is imported (the metaclass). The framework's
   * model classes outlive a run (the registry is reset between runs), so they are registered
   * again here: Permission, Group, and User unless AUTH_USER_MODEL swaps it out, with their
   * many-to-many through models.
   */
  override import_models(): void {
    // AppConfig.import_models() would prepare every model class the module exports, User included;
    // a swapped-out User must stay out of the registry (its reverse relations would clash with the
    // custom user's `user_set`), so the models are imported and registered here one by one.
    this.models = this.apps!.app_models(this.label);
    this.models_module = try_import_submodule(`${this.name}.models`);
    const models: any[] = [Permission, Group];
    if (settings.AUTH_USER_MODEL === "auth.User") models.push(User);
    const registry = this.apps!;
    for (const model of models) {
      const opts = model._meta;
      for (const m of [model, ...opts.local_many_to_many.map((f: any) => f.remote_field.through)]) registry.register_model(m._meta.app_label, m);
    }
    for (const model of models) model._meta._expire_cache();
  }

  override ready(): void {
    post_migrate.connect(create_permissions, { dispatch_uid: "django.contrib.auth.management.create_permissions" });
    const user_model = get_user_model();
    if (user_model._meta.fields.some((f: any) => f.name === "last_login")) user_logged_in.connect(update_last_login, { dispatch_uid: "update_last_login" });
  }
}
