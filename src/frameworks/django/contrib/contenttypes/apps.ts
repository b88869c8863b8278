/**
 * django.contrib.contenttypes.apps: the `django.contrib.contenttypes` entry → ContentTypesConfig,
 * whose ready() connects create_contenttypes to post_migrate.
 */
import { AppConfig } from "../../apps/config";
import { post_migrate } from "../../db/models/signals";
import { create_contenttypes } from "./management";
import { ContentType } from "./models";

export class ContentTypesConfig extends AppConfig {
  override name = "django.contrib.contenttypes";
  override verbose_name = "Content Types";
  override default_auto_field = "django.db.models.AutoField";

  /**
   * ContentType is prepared once per process; a registry that was reset (a new run) must be told
   * about it again, as importing models.py would in Django.
   */
  override import_models(): void {
    super.import_models();
    this.apps!.register_model("contenttypes", ContentType as any);
  }

  override ready(): void {
    post_migrate.connect(create_contenttypes, { dispatch_uid: "django.contrib.contenttypes.management.create_contenttypes" });
  }
}
